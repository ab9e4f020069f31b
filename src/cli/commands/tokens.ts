/**
 * Account-level API keys: `create`, `list`, `get`, `revoke`, `rotate`.
 * @module
 */
import {
  AbortError,
  describePolicy,
  parsePolicy,
  RotationError,
  type BulkResult,
  type CreatedToken,
  type PolicyInput,
  type Token,
} from '../../index.js';
import { TOKEN_TYPES } from '../../resources/tokens.js';
import {
  flag,
  policySource,
  type OptionValues,
  POLICY_OPTIONS,
  requiredOption,
  SECRET_FILE_OPTIONS,
  stringOption,
  whenOption,
} from '../args.js';
import { CliError, UsageError, type Command, type CommandContext } from '../context.js';
import { classify } from '../../client/outcome.js';
import { humanDate, keyValues, printJson, progressFor, table, tokenJson, type TokenJson } from '../format.js';
import { readPolicyText, readStdin } from '../policy-input.js';
import { createWithSecretFile, handOverSecret, openSecretFile, secretLines } from '../secret-output.js';

import { AUDIT_LOG_HELP, AUDIT_LOG_OPTIONS, auditError, openAuditLog } from '../audit-log.js';
import { createAndHandOff, EXEC_HELP, EXEC_OPTIONS, execOption, rotateAndHandOff } from '../hand-off.js';
import { rotateByRule } from '../rotate-bulk.js';
/** `create --user`: a user-level key (`tokens.createForCurrentUser`). */
async function createUserKey(ctx: CommandContext, values: OptionValues, name: string, expiresAt: number | undefined): Promise<number> {
  const policyFlags = ['policy', 'allow', 'resources', 'query-filter', 'strict', 'category'].filter((f) => values[f] !== undefined);
  if (policyFlags.length > 0) {
    throw new UsageError(
      `--user cannot be combined with ${policyFlags.map((f) => `--${f}`).join(', ')}: a user key acts with the user's own permissions`,
    );
  }
  if (expiresAt === undefined)
    throw new UsageError('--user needs --expires-at WHEN: J1 requires an expiry for user keys (e.g. --expires-at 30d)');
  const client = await ctx.client();
  const { key: created, file } = await createWithSecretFile(
    ctx,
    values,
    () => client.tokens.createForCurrentUser({ name, expiresAt }, ctx.call),
    (k) => ({ id: k.id, secret: k.secret, revoke: () => client.tokens.revoke(k.id) }),
  );
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, { ...tokenJson(created), secret: file === undefined ? created.secret : null, secretFile: file ?? null });
  } else {
    ctx.io.stdout.write(`Created user API key ${created.id}\n${tokenDetails(created)}${secretLines(created.secret, file)}`);
  }
  return 0;
}

const TOKEN_JSON_DOC = '{ id, name, category, revoked, createdAt (ISO), expiresAt (ISO|null), policy (document|null) }';

export const POLICY_FLAGS_HELP = `Policy (exactly one of --policy or --allow):
  --policy FILE|JSON|-     The policy document: a file path, inline JSON (starts with '{'),
                           or - to read it from stdin.
  --allow [ACTIONS]        Build an ALLOW permission instead. ACTIONS is comma-separated;
                           with no value it is * (everything).
  --resources R            Comma-separated resources of that permission. Default *.
  --query-filter FILTER    Restrict the permission to matching entities; repeatable.
                           FILTER is KEY=V1,V2: the property KEY equals any of the values.
                           Several --query-filter flags are alternatives (OR).
                           KEY=V;KEY2=V2 inside ONE flag must all match (AND); quote it
                           in the shell: --query-filter '_type=github_repo;_integrationType=github'.
                           Values are strings; for numbers or booleans use --policy JSON.
  --strict                 Also reject actions that are not known J1 actions.`;

const SECRET_FILE_HELP = `  --secret-file PATH       Write the secret to PATH (created with mode 0600) instead of
                           printing it. The file is created before the key, so a bad path
                           costs nothing.
  --force                  Replace PATH if it exists (default: refuse).`;

/** One line describing a key's policy, for tables. */
export function policySummary(token: Token): string {
  if (token.policy !== null) return describePolicy(token.policy);
  return token.rawPolicy === null ? '-' : '(policy not readable by this version)';
}

/** The key-value block describing one key. */
export function tokenDetails(token: Token): string {
  return keyValues([
    ['id', token.id],
    ['name', token.name],
    ['category', token.category ?? '-'],
    ['status', token.revoked ? 'revoked' : 'active'],
    ['created', humanDate(token.createdAt)],
    ['expires', humanDate(token.expiresAt)],
    ['policy', policySummary(token)],
    ...(token.policy === null ? [] : ([['document', JSON.stringify(token.policy)]] as const)),
  ]);
}

/** The policy the policy flags give (validated, with `--strict` too). */
export async function resolvePolicy(ctx: CommandContext, values: Parameters<typeof policySource>[0]): Promise<PolicyInput> {
  const source = policySource(values);
  if (source.kind === 'builder') return source.builder;
  const { text } = await readPolicyText(ctx, source.from);
  // Validated here (also with --strict); the text itself is sent as given.
  parsePolicy(text, { strict: flag(values, 'strict') });
  return text;
}

/** `create`: makes an account-level key and hands over its secret once. */
export const createCommand: Command = {
  name: 'create',
  summary: 'Create an account-level API key (its secret is shown once)',
  usage:
    'create --name NAME [--category C | --expires-at WHEN] (--policy FILE|JSON|- | --allow [ACTIONS] [--resources R] [--query-filter F]...) [--secret-file PATH [--force] | --exec CMD] [--audit-log FILE]\n       j1-api-keys create --user --name NAME --expires-at WHEN [--secret-file PATH [--force]]',
  help: `Creates an account-level API key with a permission policy. The policy is validated
before anything is sent. The secret is returned by J1 only once: it is printed once on
stdout, or written to --secret-file and then not printed.

With --user it creates a user-level key instead: a key of the calling user (the owner of
the API key in use), acting with that user's own permissions, so it takes no policy and no
category, and J1 requires --expires-at. The user needs a group with API key access
(j1-api-keys groups enable-api-keys GROUP).

Options:
  --name NAME              Display name (required).
  --category C             Free-form category, e.g. tags.
  --expires-at WHEN        Make the key expire: an ISO 8601 date or date-time
                           (2031-01-31, 2031-01-31T12:00:00Z) or a duration from now
                           (90m, 12h, 30d, 4w). J1 takes no category for such keys.
  --user                   A user-level key of the calling user (see above).
${SECRET_FILE_HELP}
${EXEC_HELP}
${AUDIT_LOG_HELP}

${POLICY_FLAGS_HELP}

Examples:
  j1-api-keys create --name ci --allow
  j1-api-keys create --name ci --allow --exec 'gh secret set J1_API_KEY'
  j1-api-keys create --name repos --allow --query-filter _type=github_repo,gitlab_project
  j1-api-keys create --name ops --policy policy.json --secret-file ./ops.key
  j1-api-keys create --name contractor --allow --expires-at 30d
  j1-api-keys create --user --name laptop --expires-at 30d

--json output:
  ${TOKEN_JSON_DOC.slice(0, -2)}, secret, secretFile }
  secret is the key (null when --secret-file is used); secretFile is the absolute path or null.`,
  options: {
    name: { type: 'string' },
    category: { type: 'string' },
    'expires-at': { type: 'string' },
    user: { type: 'boolean' },
    ...POLICY_OPTIONS,
    ...SECRET_FILE_OPTIONS,
    ...EXEC_OPTIONS,
    ...AUDIT_LOG_OPTIONS,
  },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const name = requiredOption(values, 'name');
    const exec = execOption(values);
    const category = stringOption(values, 'category');
    const expiresAt = whenOption(values, 'expires-at');
    if (flag(values, 'user')) return createUserKey(ctx, values, name, expiresAt);
    if (expiresAt !== undefined && category !== undefined) {
      throw new UsageError('--category and --expires-at cannot be combined: J1 takes no category for a key that expires');
    }
    const policy = await resolvePolicy(ctx, values);
    const audit = await openAuditLog(ctx, values);
    const client = await ctx.client();
    if (exec !== undefined) {
      const key = await createAndHandOff(
        ctx,
        client,
        audit,
        expiresAt === undefined ? { name, category, policy } : { name, policy, expiresAt },
        exec,
      );
      if (ctx.globals.json) printJson(ctx.io.stdout, { ...tokenJson(key), secret: null, secretFile: null });
      else ctx.io.stdout.write(`Created API key ${key.id}\n${tokenDetails(key)}\nSecret handed to --exec (not shown).\n`);
      return 0;
    }
    const { key: created, file } = await createWithSecretFile(
      ctx,
      values,
      async () => {
        try {
          const k = await client.tokens.create(
            expiresAt === undefined ? { name, category, policy } : { name, policy, expiresAt },
            ctx.call,
          );
          await audit.record({ action: 'create', keyId: k.id, name: k.name, outcome: 'ok' });
          return k;
        } catch (error) {
          await audit.record({ action: 'create', keyId: null, name, outcome: 'failed', error: auditError(error) });
          throw error;
        }
      },
      (k) => ({
        id: k.id,
        secret: k.secret,
        revoke: async () => {
          await client.tokens.revoke(k.id);
          await audit.record({ action: 'revoke', keyId: k.id, name: k.name, outcome: 'ok', reason: 'secret-not-stored' });
        },
      }),
    );
    // The secret exists nowhere else: whatever fails in formatting, it is handed over (issue 14, defect 4).
    const secret = file === undefined ? created.secret : null;
    return handOverSecret(
      ctx,
      () =>
        ctx.globals.json
          ? `${JSON.stringify({ ...tokenJson(created), secret, secretFile: file ?? null }, null, 2)}\n`
          : `Created API key ${created.id}\n${tokenDetails(created)}${secretLines(created.secret, file)}`,
      () =>
        ctx.globals.json
          ? `${JSON.stringify({ id: created.id, secret, secretFile: file ?? null }, null, 2)}\n`
          : `Created API key ${created.id}\n${secretLines(created.secret, file)}`,
    );
  },
};

/** `list`: every key of one type. */
export const listCommand: Command = {
  name: 'list',
  summary: 'List API keys (active and revoked)',
  usage: 'list [--type ACCOUNT|RESOURCE|USER_API]',
  help: `Lists API keys of one type, active and revoked, in the order J1 returns them.

Options:
  --type T                 ACCOUNT (default), RESOURCE or USER_API (any case).

--json output: an array of
  ${TOKEN_JSON_DOC}`,
  options: { type: { type: 'string' } },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const raw = stringOption(values, 'type') ?? 'ACCOUNT';
    const type = TOKEN_TYPES.find((t) => t === raw.toUpperCase());
    if (type === undefined) throw new UsageError(`--type must be one of ${TOKEN_TYPES.join(', ')}`);
    const client = await ctx.client();
    const tokens = await client.tokens.listAll({ type }, ctx.call);
    if (ctx.globals.json) {
      printJson(ctx.io.stdout, tokens.map(tokenJson));
    } else if (tokens.length === 0) {
      ctx.io.stdout.write(`No ${type} API keys.\n`);
    } else {
      ctx.io.stdout.write(
        table(
          ['ID', 'NAME', 'CATEGORY', 'STATUS', 'CREATED', 'EXPIRES', 'POLICY'],
          tokens.map((t) => [
            t.id,
            t.name,
            t.category ?? '-',
            t.revoked ? 'revoked' : 'active',
            humanDate(t.createdAt),
            humanDate(t.expiresAt),
            policySummary(t),
          ]),
        ),
      );
    }
    return 0;
  },
};

/** `get ID`: one key. */
export const getCommand: Command = {
  name: 'get',
  summary: 'Show one API key (never its secret)',
  usage: 'get ID',
  help: `Shows one API key: its name, category, status, dates and policy (never the secret).

--json output:
  ${TOKEN_JSON_DOC}`,
  options: {},
  positionals: { min: 1, max: 1, name: 'ID' },
  async run(ctx, { positionals }) {
    const client = await ctx.client();
    const token = await client.tokens.get(positionals[0] ?? '', ctx.call);
    if (ctx.globals.json) printJson(ctx.io.stdout, tokenJson(token));
    else ctx.io.stdout.write(tokenDetails(token));
    return 0;
  },
};

type RevokeJson =
  | { id: string; ok: true; token: TokenJson }
  | { id: string; ok: false; error: { code: string; message: string }; interrupted?: 'not-attempted' | 'in-flight' };

/** What an interrupt left of a bulk revoke, per id. */
type Outcome = 'revoked' | 'failed' | 'not-attempted' | 'in-flight';

function outcomeOf(result: BulkResult<Token>, interrupted: boolean): Outcome {
  if (result.ok) return 'revoked';
  if (!interrupted || !(result.error instanceof AbortError)) return 'failed';
  // Aborted before it was sent: J1 never saw it. Otherwise it was on the wire: J1 may have revoked it.
  return classify(result.error).sent === 'no' ? 'not-attempted' : 'in-flight';
}

/** The ids of `revoke ID... | -`: `-` is replaced by stdin's lines (blank lines and # comments skipped). */
async function revokeIds(ctx: CommandContext, positionals: readonly string[]): Promise<string[]> {
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (read ids from stdin) may be given only once');
  const ids: string[] = [];
  for (const arg of positionals) {
    if (arg !== '-') {
      ids.push(arg);
      continue;
    }
    const text = await readStdin(ctx, 'the key ids');
    for (const line of text.split(/\r?\n/)) {
      const id = line.trim();
      if (id !== '' && !id.startsWith('#')) ids.push(id);
    }
  }
  if (ids.length === 0) throw new UsageError('missing ID (stdin held no ids)');
  return [...new Set(ids)];
}

/** `revoke ID... | -`: bulk revoke with a progress bar (terminals only) and a per-id report. */
export const revokeCommand: Command = {
  name: 'revoke',
  summary: 'Revoke one or more API keys',
  usage: 'revoke ID... | revoke - [--audit-log FILE]',
  help: `Revokes the given keys (in parallel, paced by J1's rate limits). Revoking an already
revoked key succeeds. Every failure is reported on stderr as "error CODE: revoke ID: message";
the exit code is 1 if any key could not be revoked. With - as an ID, the ids are read from
stdin, one per line (blank lines and lines starting with # are skipped):
  j1-api-keys list --json | jq -r '.[] | select(.name | startswith("tmp-")) | .id' | j1-api-keys revoke -
When stderr is a terminal (and TERM is not dumb), a progress bar is drawn on it.

Ctrl-C stops the run: keys already revoked stay revoked, no new request is sent, and one line
sums it up ("interrupted: 120 revoked, 170 not attempted, 10 in flight — see --json"); the exit
code is 130. "In flight" keys were on the wire: J1 may or may not have revoked them.

Options:
${AUDIT_LOG_HELP}

--json output: an array, one entry per distinct ID in the order given (repeats are revoked once):
  { id, ok: true, token: ${TOKEN_JSON_DOC} }
  { id, ok: false, error: { code, message } }
  after Ctrl-C, entries the interrupt stopped also have interrupted: "not-attempted" | "in-flight"`,
  options: { ...AUDIT_LOG_OPTIONS },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, name: 'ID' },
  async run(ctx, { values, positionals }) {
    if (positionals.some((id) => id.trim() === '')) throw new UsageError('an ID must not be empty');
    const audit = await openAuditLog(ctx, values);
    const ids = await revokeIds(ctx, positionals);
    const client = await ctx.client();
    const bar = progressFor(ctx, 'revoking');
    let results: BulkResult<Token>[];
    try {
      results = await client.tokens.revokeMany(ids, { ...ctx.call, onProgress: bar?.update });
    } finally {
      bar?.clear();
    }
    const interrupted = ctx.io.signal?.aborted === true;
    const outcomes = results.map((r) => outcomeOf(r, interrupted));
    const failures = results.filter((r) => !r.ok);
    for (const [i, r] of results.entries()) {
      await audit.record(
        r.ok
          ? { action: 'revoke', keyId: r.id, name: r.token.name, outcome: 'ok' }
          : {
              action: 'revoke',
              keyId: r.id,
              name: null,
              outcome: 'failed',
              error: r.error.code,
              ...(outcomes[i] === 'failed' ? {} : { interrupted: outcomes[i] ?? null }),
            },
      );
    }
    for (const [i, r] of results.entries()) {
      if (!r.ok && outcomes[i] === 'failed')
        ctx.io.stderr.write(ctx.redact(`error ${r.error.code}: revoke ${r.id}: ${ctx.words(r.error)}\n`));
    }
    if (ctx.globals.json) {
      const out: RevokeJson[] = results.map((r, i) => {
        if (r.ok) return { id: r.id, ok: true, token: tokenJson(r.token) };
        const outcome = outcomes[i];
        return {
          id: r.id,
          ok: false,
          error: { code: r.error.code, message: ctx.redact(ctx.words(r.error)) },
          ...(outcome === 'not-attempted' || outcome === 'in-flight' ? { interrupted: outcome } : {}),
        };
      });
      printJson(ctx.io.stdout, out);
    } else {
      ctx.io.stdout.write(
        table(
          ['ID', 'NAME', 'RESULT'],
          results.map((r, i) =>
            r.ok
              ? [r.id, r.token.name, 'revoked']
              : [r.id, '-', outcomes[i] === 'failed' ? `FAILED (${r.error.code})` : (outcomes[i] ?? '')],
          ),
        ),
      );
    }
    if (interrupted) {
      const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
      const failed = count('failed');
      ctx.io.stderr.write(
        `interrupted: ${count('revoked')} revoked, ${failed > 0 ? `${failed} failed, ` : ''}${count('not-attempted')} not attempted, ${count('in-flight')} in flight — see --json\n`,
      );
      return 1;
    }
    if (failures.length > 0) {
      ctx.io.stderr.write(`${failures.length} of ${results.length} key(s) could not be revoked\n`);
      return 1;
    }
    return 0;
  },
};

/** `rotate ID`: new key with the same policy, secret stored, then the old key revoked. */
export const rotateCommand: Command = {
  name: 'rotate',
  summary: 'Replace a key by a new one with the same policy, then revoke the old one',
  usage:
    'rotate ID [--name NAME] [--expires-at WHEN] [--secret-file PATH [--force] | --exec CMD] [--audit-log FILE]\n' +
    '       j1-api-keys rotate --older-than AGE [--name-pattern REGEX] (--exec CMD | --dry-run) [--audit-log FILE]',
  help: `Rotates a key: creates a new key with the same policy, category and expiry, stores its
secret (printed once, or written to --secret-file), and only then revokes the old key. If the
secret cannot be stored, the new key is revoked and the old one keeps working.

Options:
  --name NAME              Name of the new key. Default: the old key's name.
  --expires-at WHEN        Expiry of the new key (ISO 8601 date or date-time, or a duration
                           from now: 90m, 12h, 30d, 4w). Default: the old key's expiry.
${SECRET_FILE_HELP}
${EXEC_HELP}
${AUDIT_LOG_HELP}

Rotation by rule (no ID):
  --older-than AGE         Rotate every active key created more than AGE ago (90m, 12h,
                           90d, 4w), one at a time, each new secret handed to --exec.
                           The plan is printed first (every key: rotate, or skip and why),
                           progress goes to stderr, then a summary. Exit code 1 if any
                           rotation failed; each failure names the key(s) live after it.
  --name-pattern REGEX     Only keys whose name matches REGEX (JavaScript syntax).
  --dry-run                Print the plan and change nothing (no write is sent).

Examples:
  j1-api-keys rotate ID --exec 'gh secret set J1_API_KEY'
  j1-api-keys rotate --older-than 90d --name-pattern '^ci-' --dry-run
  j1-api-keys rotate --older-than 90d --exec 'vault kv put secret/j1/$J1_KEY_NAME value=-'

--json output:
  { oldId, newId, token: ${TOKEN_JSON_DOC}, secret, secretFile }
  (token is the new key; secret is null when --secret-file or --exec is used)
  With --older-than: { dryRun, plan: [{ id, name, createdAt, action: rotate|skip, reason }],
  results: [{ oldId, name, ok, newId, live: [ids], error: { code, message } | null }], notStarted }`,
  options: {
    name: { type: 'string' },
    'expires-at': { type: 'string' },
    ...SECRET_FILE_OPTIONS,
    ...EXEC_OPTIONS,
    ...AUDIT_LOG_OPTIONS,
    'older-than': { type: 'string' },
    'name-pattern': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  positionals: { min: 0, max: 1, name: 'ID' },
  async run(ctx, { values, positionals }) {
    const olderThan = stringOption(values, 'older-than');
    if (olderThan !== undefined) {
      if (positionals.length > 0) throw new UsageError('give either an ID or --older-than, not both');
      return rotateByRule(ctx, values, olderThan);
    }
    for (const bulkOnly of ['name-pattern', 'dry-run']) {
      if (values[bulkOnly] !== undefined) throw new UsageError(`--${bulkOnly} needs --older-than AGE`);
    }
    const id = positionals[0];
    if (id === undefined) throw new UsageError('missing ID (or --older-than AGE to rotate by rule)');
    const name = stringOption(values, 'name');
    if (name !== undefined && name.trim() === '') throw new UsageError('--name must not be empty');
    const expiresAt = whenOption(values, 'expires-at');
    const exec = execOption(values);
    const audit = await openAuditLog(ctx, values);
    const client = await ctx.client();
    if (exec !== undefined) {
      const done = await rotateAndHandOff(ctx, client, audit, id, { name, expiresAt, exec });
      if (done.note !== undefined) ctx.io.stderr.write(`note: ${done.note}\n`);
      if (ctx.globals.json) {
        printJson(ctx.io.stdout, {
          oldId: done.oldId,
          newId: done.newKey.id,
          token: tokenJson(done.newKey),
          secret: null,
          secretFile: null,
        });
      } else {
        ctx.io.stdout.write(
          `Rotated ${done.oldId} -> ${done.newKey.id}\n${tokenDetails(done.newKey)}\nSecret handed to --exec (not shown).\n`,
        );
      }
      return 0;
    }
    const pending = await openSecretFile(ctx, values);
    let fresh: CreatedToken | undefined;
    let writeFailed = false;
    const finish = (oldId: string, newKey: CreatedToken): void => {
      if (ctx.globals.json) {
        printJson(ctx.io.stdout, {
          oldId,
          newId: newKey.id,
          token: tokenJson(newKey),
          secret: pending === undefined ? newKey.secret : null,
          secretFile: pending?.path ?? null,
        });
      } else {
        ctx.io.stdout.write(`Rotated ${oldId} -> ${newKey.id}\n${tokenDetails(newKey)}${secretLines(newKey.secret, pending?.path)}`);
      }
    };
    try {
      const result = await client.tokens.rotate(
        id,
        {
          name,
          expiresAt,
          onCreated: async (key) => {
            ctx.addSecret(key.secret);
            if (pending !== undefined) {
              try {
                await pending.write(key.secret);
              } catch (error) {
                writeFailed = true;
                throw error;
              }
            }
            fresh = key;
          },
        },
        ctx.call,
      );
      await audit.record({ action: 'rotate', keyId: result.oldId, name: fresh?.name ?? null, outcome: 'ok', newKeyId: result.newId });
      if (fresh !== undefined) finish(result.oldId, fresh);
      return 0;
    } catch (error) {
      await pending?.discard();
      await audit.record({
        action: 'rotate',
        keyId: id,
        name: fresh?.name ?? null,
        outcome: 'failed',
        newKeyId: error instanceof RotationError ? error.newId : null,
        error: auditError(error),
      });
      // The new key is live and the old one could not be revoked: the secret must still be handed over.
      if (fresh !== undefined && error instanceof RotationError && error.stage === 'revoke-old') finish(error.oldId, fresh);
      // The SDK revoked the new key after the failed write (else it throws a RotationError).
      if (writeFailed && error instanceof CliError) {
        throw new CliError('SECRET_NOT_STORED', `${error.message}; the new key was revoked and ${id} still works`, {
          cause: error,
        });
      }
      throw error;
    }
  },
};
