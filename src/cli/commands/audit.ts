/**
 * `audit`: the account's key inventory judged by rules, as a CI gate (issue 17). Also the
 * inventory output shared with `expiring`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import {
  auditKeys,
  KEY_KINDS,
  parseAuditRules,
  type AuditRules,
  type Finding,
  type Inventory,
  type InventoryProblem,
  type KeyKind,
  type KeyRecord,
  type KeyUsage,
  type Severity,
} from '../../index.js';
import { flag, splitList, stringOption, type OptionValues } from '../args.js';
import { CliError, UsageError, type Command, type CommandContext } from '../context.js';
import { humanDate, iso, printJson, progressBar, safeText, table } from '../format.js';

/** A key in `--json` output: a {@link KeyRecord} with ISO dates. */
export interface KeyRecordJson {
  readonly kind: KeyKind;
  readonly id: string;
  readonly name: string | null;
  readonly owner: { readonly email: string | null; readonly username: string | null; readonly userId: string | null } | null;
  readonly integrationInstance: { readonly id: string; readonly name: string } | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revoked: boolean;
  readonly ageDays: number;
  readonly fullAccess: boolean;
  readonly policySummary: string | null;
  readonly rateLimit: { readonly capacity: number; readonly windowSeconds: number } | null;
  readonly usage?:
    | {
        readonly status: 'known';
        readonly windowDays: number;
        readonly sliceSeconds: number;
        readonly invocations: number;
        readonly rejected: number;
        readonly lastActiveSlice: string | null;
      }
    | { readonly status: 'unknown'; readonly reason: string };
}

/** A problem in `--json` output (the typed error reduced to its code and message). */
export interface ProblemJson {
  readonly stage: InventoryProblem['stage'];
  readonly instanceId: string | null;
  readonly keyId: string | null;
  readonly code: string;
  readonly message: string;
}

function usageJson(usage: KeyUsage): NonNullable<KeyRecordJson['usage']> {
  if (usage.status === 'unknown') return { status: 'unknown', reason: usage.reason };
  const { windowDays, sliceSeconds, invocations, rejected } = usage;
  return { status: 'known', windowDays, sliceSeconds, invocations, rejected, lastActiveSlice: iso(usage.lastActiveSlice) };
}

/** The stable JSON shape of a key record. Picks fields explicitly, so nothing else can slip in. */
export function keyRecordJson(r: KeyRecord): KeyRecordJson {
  return {
    kind: r.kind,
    id: r.id,
    name: r.name,
    owner: r.owner === null ? null : { email: r.owner.email, username: r.owner.username, userId: r.owner.userId },
    integrationInstance: r.integrationInstance === null ? null : { id: r.integrationInstance.id, name: r.integrationInstance.name },
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    revoked: r.revoked,
    ageDays: r.ageDays,
    fullAccess: r.fullAccess,
    policySummary: r.policySummary,
    rateLimit: r.rateLimit === null ? null : { capacity: r.rateLimit.capacity, windowSeconds: r.rateLimit.windowSeconds },
    ...(r.usage === undefined ? {} : { usage: usageJson(r.usage) }),
  };
}

/** The JSON shape of a problem. */
export function problemJson(p: InventoryProblem): ProblemJson {
  return { stage: p.stage, instanceId: p.instanceId, keyId: p.keyId, code: p.code, message: p.message };
}

/** `--include account,user,integration` → the kinds (default every kind). */
export function includeOption(values: OptionValues): KeyKind[] {
  const text = stringOption(values, 'include');
  if (text === undefined) return [...KEY_KINDS];
  const kinds = splitList(text, '--include');
  for (const kind of kinds) {
    if (!KEY_KINDS.includes(kind as KeyKind)) throw new UsageError(`--include takes ${KEY_KINDS.join(', ')} (comma-separated)`);
  }
  return [...new Set(kinds)] as KeyKind[];
}

/** Takes the inventory with a progress bar on stderr when it is a terminal. */
export async function takeInventory(
  ctx: CommandContext,
  options: { include: KeyKind[]; includeRevoked: boolean; usage: boolean },
): Promise<Inventory> {
  const client = await ctx.client();
  const bar = ctx.io.isTTY.stderr ? progressBar(ctx.io.stderr, 'inventory') : undefined;
  try {
    return await client.inventory({
      ...options,
      signal: ctx.call.signal,
      ...(bar === undefined ? {} : { onProgress: (p) => bar.update({ done: p.done, total: p.total, failed: p.problems }) }),
    });
  } finally {
    bar?.clear();
  }
}

/** Problems as lines for stderr. */
export function writeProblems(ctx: CommandContext, problems: readonly InventoryProblem[]): void {
  if (problems.length === 0) return;
  ctx.io.stderr.write(`warning: the inventory is incomplete (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
  for (const p of problems) ctx.io.stderr.write(`  - ${safeText(ctx.redact(p.message))}\n`);
}

const owner = (r: KeyRecord): string =>
  r.integrationInstance !== null ? r.integrationInstance.name : (r.owner?.email ?? r.owner?.username ?? r.owner?.userId ?? '-');

const usageCell = (r: KeyRecord): string => {
  if (r.usage === undefined) return '-';
  if (r.usage.status === 'unknown') return 'unknown';
  return `${r.usage.invocations} calls, last ${r.usage.lastActiveSlice === null ? 'none' : r.usage.lastActiveSlice.toISOString().slice(0, 10)}`;
};

const findingsOf = (findings: readonly Finding[], id: string): Finding[] => findings.filter((f) => f.keyId === id);

const findingsCell = (findings: readonly Finding[]): string =>
  findings.length === 0 ? '-' : findings.map((f) => `${f.severity} ${f.rule}`).join(', ');

function counts(records: readonly KeyRecord[], findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${records.length} key${records.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** The inventory as an aligned table, findings beside each key, then every finding's message. */
export function tableReport(records: readonly KeyRecord[], findings: readonly Finding[], withUsage: boolean): string {
  const headers = ['KIND', 'ID', 'NAME', 'OWNER/INSTANCE', 'AGE', 'EXPIRES', 'FULL', ...(withUsage ? ['USAGE'] : []), 'FINDINGS'];
  const rows = records.map((r) => [
    r.kind,
    r.id,
    r.name ?? '-',
    owner(r),
    `${r.ageDays}d`,
    humanDate(r.expiresAt).slice(0, 10),
    r.fullAccess ? 'yes' : 'no',
    ...(withUsage ? [usageCell(r)] : []),
    findingsCell(findingsOf(findings, r.id)),
  ]);
  let out = records.length === 0 ? 'No keys.\n' : table(headers, rows);
  if (findings.length > 0) {
    out += '\nFindings:\n';
    for (const f of findings) out += `  ${f.severity.padEnd(7)} ${f.rule.padEnd(18)} ${safeText(f.message)}\n`;
  }
  return `${out}\n${counts(records, findings)}\n`;
}

/** One CSV cell (RFC 4180), neutralising spreadsheet formulas (a leading `=`, `+`, `-`, `@`). */
function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per key, its findings in the last column (`severity rule: message`, separated by ` | `). */
export function csvReport(records: readonly KeyRecord[], findings: readonly Finding[]): string {
  const header = [
    'kind',
    'id',
    'name',
    'ownerEmail',
    'ownerUsername',
    'integrationInstance',
    'createdAt',
    'expiresAt',
    'revoked',
    'ageDays',
    'fullAccess',
    'policySummary',
    'rateLimit',
    'usage',
    'findings',
  ];
  const lines = records.map((r) =>
    [
      r.kind,
      r.id,
      r.name,
      r.owner?.email ?? null,
      r.owner?.username ?? null,
      r.integrationInstance?.name ?? null,
      r.createdAt.toISOString(),
      iso(r.expiresAt),
      r.revoked,
      r.ageDays,
      r.fullAccess,
      r.policySummary,
      r.rateLimit === null ? null : `${r.rateLimit.capacity}/${r.rateLimit.windowSeconds}s`,
      r.usage === undefined ? null : usageCell(r),
      findingsOf(findings, r.id)
        .map((f) => `${f.severity} ${f.rule}: ${f.message}`)
        .join(' | '),
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...lines].map((l) => `${l}\r\n`).join('');
}

const md = (text: string): string =>
  safeText(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

/** A Markdown report for a CI job summary (`>> $GITHUB_STEP_SUMMARY`). */
export function markdownReport(
  records: readonly KeyRecord[],
  findings: readonly Finding[],
  problems: readonly InventoryProblem[],
  failOn: Severity,
): string {
  const failing = findings.some((f) => f.severity === 'error' || failOn === 'warning');
  let out = `## JupiterOne API key audit\n\n${failing ? '❌' : '✅'} ${counts(records, findings)} (fails on ${failOn})\n`;
  if (problems.length > 0) {
    out += `\n### ⚠️ Incomplete inventory\n\n${problems.map((p) => `- ${md(p.message)}`).join('\n')}\n`;
  }
  if (findings.length > 0) {
    out += '\n### Findings\n\n| severity | rule | key | what to do |\n|---|---|---|---|\n';
    for (const f of findings) out += `| ${f.severity} | ${f.rule} | ${md(f.keyName ?? f.keyId)} | ${md(f.message)} |\n`;
  }
  out +=
    '\n### Keys\n\n| kind | id | name | owner / instance | age | expires | full access | findings |\n|---|---|---|---|---|---|---|---|\n';
  for (const r of records) {
    out += `| ${r.kind} | \`${md(r.id)}\` | ${md(r.name ?? '-')} | ${md(owner(r))} | ${r.ageDays}d | ${humanDate(r.expiresAt).slice(0, 10)} | ${r.fullAccess ? 'yes' : 'no'} | ${md(findingsCell(findingsOf(findings, r.id)))} |\n`;
  }
  return out;
}

const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

async function readRules(ctx: CommandContext, path: string): Promise<AuditRules> {
  let text: string;
  try {
    text = await readFile(ctx.resolvePath(path), 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError('RULES_FILE', `cannot read --rules ${path} (${typeof code === 'string' ? code : 'read failed'})`);
  }
  return parseAuditRules(text);
}

/** `audit [--rules FILE] [--include …] [--include-revoked] [--usage] [--format …] [--fail-on …]`. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'List every key with the rules it breaks; exit 1 on findings (a CI gate)',
  usage:
    'audit [--rules FILE] [--include account,user,integration] [--include-revoked] [--usage] [--format table|json|csv|markdown] [--fail-on error|warning] [--require-complete]',
  help: `Takes the inventory of the account's API keys (account keys, user keys with their owners,
the integration keys of every integration instance) and judges it by rules. Revoked keys are
never judged. Exits 1 when a finding at or above --fail-on exists, 0 otherwise.

Options:
  --rules FILE             A JSON rules file (schema: j1-api-keys/audit-rules.schema.json):
                           maxAgeDays, requireExpiry, maxLifetimeDays, expiringWithinDays,
                           forbidFullAccess, namePattern, unusedForDays (each a value or
                           { …, "severity": "error"|"warning" }) and ignore (ids or name globs).
                           Without it the baseline applies, as warnings: full access,
                           never expires, older than 90 days.
  --include KINDS          Comma-separated: account, user, integration. Default all three.
  --include-revoked        Also list revoked keys (they are never judged).
  --usage                  Read each key's usage slices (one request per key; best effort:
                           J1 documents no "last used"). Implied by an unusedForDays rule.
  --format F               table (default), json, csv or markdown (for $GITHUB_STEP_SUMMARY).
  --fail-on S              error (default) or warning.
  --require-complete       Also exit 1 when some pages or keys could not be read (a gate that
                           must not pass on keys it could not see). Without it the exit code
                           follows the findings alone; the problems always go to stderr and
                           into --json's problems.

Progress is drawn on stderr when it is a terminal.

--json (same as --format json):
  { keys: [{ kind, id, name, owner: { email, username, userId }|null,
             integrationInstance: { id, name }|null, createdAt, expiresAt (ISO|null), revoked,
             ageDays, fullAccess, policySummary, rateLimit: { capacity, windowSeconds }|null,
             usage?: { status: "known", windowDays, sliceSeconds, invocations, rejected,
                       lastActiveSlice (ISO|null) } | { status: "unknown", reason } }],
    findings: [{ rule, severity, keyId, keyName, message }],
    problems: [{ stage, instanceId, keyId, code, message }] }`,
  options: {
    rules: { type: 'string' },
    include: { type: 'string' },
    'include-revoked': { type: 'boolean' },
    usage: { type: 'boolean' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'require-complete': { type: 'boolean' },
  },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const formatText = stringOption(values, 'format');
    if (formatText !== undefined && !FORMATS.includes(formatText as Format)) throw new UsageError(`--format takes ${FORMATS.join(', ')}`);
    if (ctx.globals.json && formatText !== undefined && formatText !== 'json') {
      throw new UsageError('--json is --format json: it cannot be combined with another --format');
    }
    const format: Format = ctx.globals.json ? 'json' : ((formatText as Format | undefined) ?? 'table');
    const failOnText = stringOption(values, 'fail-on') ?? 'error';
    if (failOnText !== 'error' && failOnText !== 'warning') throw new UsageError('--fail-on takes error or warning');
    const failOn: Severity = failOnText;
    const include = includeOption(values);
    const rulesPath = stringOption(values, 'rules');
    if (rulesPath !== undefined && rulesPath.trim() === '') throw new UsageError('--rules must not be empty');
    // The rules are read and validated before any request.
    const rules = rulesPath === undefined ? undefined : await readRules(ctx, rulesPath);
    const usage = flag(values, 'usage') || (rules?.unusedForDays !== undefined && rules.unusedForDays !== null);
    const inventory = await takeInventory(ctx, { include, includeRevoked: flag(values, 'include-revoked'), usage });
    const records = [...inventory];
    const findings = auditKeys(records, rules);
    const problems = inventory.problems;
    if (format === 'json') {
      printJson(ctx.io.stdout, {
        keys: records.map(keyRecordJson),
        findings: findings.map((f) => ({ ...f })),
        problems: problems.map(problemJson),
      });
    } else if (format === 'csv') ctx.io.stdout.write(csvReport(records, findings));
    else if (format === 'markdown') ctx.io.stdout.write(markdownReport(records, findings, problems, failOn));
    else ctx.io.stdout.write(tableReport(records, findings, usage));
    writeProblems(ctx, problems);
    const failing = findings.some((f) => f.severity === 'error' || failOn === 'warning');
    if (failing) return 1;
    return problems.length > 0 && flag(values, 'require-complete') ? 1 : 0;
  },
};
