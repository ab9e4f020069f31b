/**
 * `doctor`: tells apart the failures users ask about (issue 13; JupiterOne/sdk#461: an expired
 * key gives a generic error). Runs, in order: configuration, endpoint, key, account, IAM API,
 * rate-limit state, schema compatibility; one line per check with a verdict and a fix. The
 * checks themselves run in the SDK (`whoami`, `groups.list`, `rateLimit`, `checkCompatibility`),
 * loaded on first use like the command itself.
 * @module
 */
import {
  AuthenticationError,
  ConfigurationError,
  ENV,
  JupiterOneError,
  NetworkError,
  PermissionError,
  TimeoutError,
  type CompatibilityReport,
  type JupiterOneClient,
  type WhoAmI,
} from '../../index.js';
import type { Command, CommandContext } from '../context.js';
import { printJson, safeText } from '../format.js';

/** A check's verdict. `skip`: not run, because an earlier check failed. */
export type DoctorStatus = 'pass' | 'fail' | 'skip';

/** One line of `doctor`. */
export interface DoctorCheck {
  /** Stable id: `configuration`, `endpoint`, `key`, `account`, `iam`, `rate-limit`, `schema`. */
  readonly id: string;
  /** The verdict. */
  readonly status: DoctorStatus;
  /** What was found. */
  readonly message: string;
  /** What to do about it (`null` when nothing needs doing). */
  readonly fix: string | null;
}

/** `--json` output of `doctor`. */
export interface DoctorJson {
  /** True when every check passed (exit code 0). */
  readonly ok: boolean;
  /** The checks, in the order they ran. */
  readonly checks: readonly DoctorCheck[];
  /** The endpoint tried, or `null` when the configuration is incomplete. */
  readonly endpoint: string | null;
  /** `client.whoami()`, when the key was accepted. */
  readonly whoami: WhoAmI | null;
  /** The rate-limit budget the client saw, when any request was answered. */
  readonly rateLimit: { readonly limit: number | null; readonly remaining: number | null; readonly resetSeconds: number | null } | null;
  /** `client.checkCompatibility()`, when it ran. */
  readonly compatibility: CompatibilityReport | null;
}

const ORDER = ['configuration', 'endpoint', 'key', 'account', 'iam', 'rate-limit', 'schema'] as const;
type CheckId = (typeof ORDER)[number];

const TITLES: Readonly<Record<CheckId, string>> = {
  configuration: 'configuration found',
  endpoint: 'endpoint reachable',
  key: 'key accepted',
  account: 'account matches',
  iam: 'IAM API usable',
  'rate-limit': 'rate-limit state',
  schema: 'schema compatibility',
};

/** How long each of doctor's calls may take (retries included): a doctor must not hang. */
const CALL_TIMEOUT_MS = 15_000;

const present = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** Where each setting comes from, as the CLI resolves it (flags beat environment variables). */
function sources(ctx: CommandContext): { key: string | undefined; account: string | undefined; endpoint: string } {
  const { globals, io } = ctx;
  const env = io.env;
  const key = globals.apiKeyFile !== undefined ? `--api-key-file ${globals.apiKeyFile}` : present(env[ENV.apiKey]) ? ENV.apiKey : undefined;
  const account =
    globals.account !== undefined
      ? '--account'
      : present(env[ENV.accountId])
        ? ENV.accountId
        : present(env[ENV.accountIdLegacy])
          ? ENV.accountIdLegacy
          : undefined;
  const endpoint =
    globals.endpoint !== undefined
      ? '--endpoint'
      : globals.region !== undefined
        ? '--region'
        : present(env[ENV.endpoint])
          ? ENV.endpoint
          : present(env[ENV.region])
            ? ENV.region
            : `the default region`;
  return { key, account, endpoint };
}

/** The low-level reason of a network failure (ECONNREFUSED, ENOTFOUND, a TLS code …), if named. */
function networkReason(error: unknown): string | undefined {
  const codes = /\b(E[A-Z]{3,}[A-Z_]*|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+|SELF_SIGNED[A-Z_]*)\b/;
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.test(code) && code !== 'NETWORK_ERROR') return code;
    const message = e instanceof Error ? e.message : undefined;
    const match = message === undefined ? null : codes.exec(message);
    if (match?.[1] !== undefined && match[1] !== 'NETWORK_ERROR') return match[1];
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** What a network reason means, in words. */
function describeReason(reason: string | undefined): string {
  if (reason === undefined || reason === 'no answer') return 'no answer';
  if (reason === 'ENOTFOUND' || reason === 'EAI_AGAIN') return `the host name does not resolve (${reason})`;
  if (reason === 'ECONNREFUSED') return `the connection was refused (${reason})`;
  if (reason === 'ECONNRESET') return `the connection was reset (${reason})`;
  if (reason === 'ETIMEDOUT') return `the connection timed out (${reason})`;
  if (/CERT|TLS|SSL|UNABLE_TO|SELF_SIGNED/.test(reason)) return `the TLS handshake failed (${reason})`;
  return reason;
}

/**
 * Why the endpoint cannot be reached, asked of the network directly: one POST without any
 * credential (no key, no account), so the low-level reason (DNS, TLS, refused) is seen even when
 * the client's error does not carry it. `undefined` when it got an HTTP answer.
 */
async function probe(endpoint: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const timeout = AbortSignal.timeout(5000);
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
      redirect: 'manual',
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
    });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    return networkReason(error) ?? (timeout.aborted ? 'ETIMEDOUT' : 'no answer');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the checks; `ctx.client()` is created here (its configuration errors are check 1's verdict). */
export async function runDoctor(ctx: CommandContext): Promise<DoctorJson> {
  const results = new Map<CheckId, DoctorCheck>();
  const set = (id: CheckId, status: DoctorStatus, message: string, fix: string | null = null): void => {
    results.set(id, { id, status, message, fix });
  };
  const call = { signal: ctx.call.signal, timeoutMs: CALL_TIMEOUT_MS };
  const where = sources(ctx);
  let client: JupiterOneClient | undefined;
  let whoami: WhoAmI | null = null;
  let compatibility: CompatibilityReport | null = null;
  const finish = (): DoctorJson => {
    const checks = ORDER.map(
      (id) => results.get(id) ?? { id, status: 'skip' as const, message: 'not checked: an earlier check failed', fix: null },
    );
    const seen = client?.rateLimit;
    const rateLimit =
      seen === undefined || (seen.limit === undefined && seen.remaining === undefined)
        ? null
        : {
            limit: seen.limit ?? null,
            remaining: seen.remaining ?? null,
            resetSeconds: Math.max(0, Math.ceil((seen.resetAt - Date.now()) / 1000)),
          };
    return {
      ok: checks.every((c) => c.status === 'pass'),
      checks,
      endpoint: client?.endpoint ?? null,
      whoami,
      rateLimit,
      compatibility,
    };
  };

  // 1. Configuration.
  try {
    client = await ctx.client();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const found = [
      where.key === undefined ? 'no API key' : `API key from ${where.key}`,
      where.account === undefined ? 'no account id' : `account from ${where.account}`,
      `endpoint from ${where.endpoint}`,
    ].join(', ');
    const fix = /Fix: (.*)$/.exec(error.message)?.[1] ?? `set ${ENV.apiKey} and ${ENV.accountId} (or pass --api-key-file and --account)`;
    set('configuration', 'fail', `${found}: ${error.message.replace(/\.?\s*Fix: .*$/, '')}`, fix);
    return finish();
  }
  const host = new URL(client.endpoint).host;
  set(
    'configuration',
    'pass',
    `API key from ${where.key ?? ENV.apiKey}, account ${client.accountId} from ${where.account ?? ENV.accountId}, endpoint ${client.endpoint} from ${where.endpoint}`,
  );

  // 2–4. Endpoint, key, account: one request (whoami) tells them apart.
  try {
    whoami = await client.whoami(call);
  } catch (error) {
    if (error instanceof NetworkError || error instanceof TimeoutError) {
      const reason = networkReason(error) ?? (await probe(client.endpoint, ctx.call.signal));
      const why = reason === undefined && error instanceof TimeoutError ? `no answer within ${CALL_TIMEOUT_MS} ms` : describeReason(reason);
      set(
        'endpoint',
        'fail',
        `cannot reach ${host}: ${why}`,
        `check ${ENV.region} / ${ENV.endpoint} (or --region / --endpoint): the endpoint is ${client.endpoint}; and check the network (proxy, firewall, VPN)`,
      );
      return finish();
    }
    if (error instanceof AuthenticationError) {
      set('endpoint', 'pass', `${host} answered`);
      set(
        'key',
        'fail',
        `J1 refused the key (HTTP 401): bad or expired key, or a key of another account than ${client.accountId}`,
        `create a new API key in J1 and set ${ENV.apiKey} (or --api-key-file); check that ${ENV.accountId} is the key's account`,
      );
      return finish();
    }
    if (error instanceof JupiterOneError && error.status !== undefined && error.status !== 200) {
      set(
        'endpoint',
        'fail',
        `${host} answered HTTP ${error.status}: ${error.message}`,
        `check ${ENV.region} / ${ENV.endpoint}: is ${client.endpoint} J1's GraphQL endpoint? If it is, try again later`,
      );
      return finish();
    }
    // J1 answered past authentication (a GraphQL error, a malformed answer): go on, so the
    // schema check can say whether the account read itself is what J1 no longer has.
    set('endpoint', 'pass', `${host} answered`);
    set('key', 'pass', 'accepted (J1 answered past authentication)');
    set(
      'account',
      'fail',
      `cannot tell: the account read (iamGetAccount) failed: ${errorText(error)}`,
      'see the schema check below; if it passes, run again, and if it persists the key may lack permission to read its account',
    );
  }
  // With the account unknown (the read failed past authentication) the remaining checks still run.
  if (whoami !== null) {
    set('endpoint', 'pass', `${host} answered`);
    recordWhoami(set, whoami, client.accountId);
  }
  await laterChecks(set, client, call, (report) => (compatibility = report));
  return finish();
}

type Setter = (id: CheckId, status: DoctorStatus, message: string, fix?: string | null) => void;

function recordWhoami(set: Setter, whoami: WhoAmI, accountId: string): void {
  set(
    'key',
    'pass',
    whoami.user === null
      ? 'accepted (a key without a user: account-level)'
      : `accepted, acting as ${whoami.user.username ?? whoami.user.email ?? 'a user'}${whoami.user.email !== null && whoami.user.username !== null ? ` <${whoami.user.email}>` : ''}`,
  );
  if (whoami.accountId !== accountId) {
    set(
      'account',
      'fail',
      `wrong account: the key belongs to account ${whoami.accountId}${whoami.accountName === null ? '' : ` (${whoami.accountName})`}, but the configured account is ${accountId}`,
      `set ${ENV.accountId}=${whoami.accountId} (or --account ${whoami.accountId}), or use a key of account ${accountId}`,
    );
  } else {
    set('account', 'pass', `account ${whoami.accountId}${whoami.accountName === null ? '' : ` (${whoami.accountName})`}`);
  }
}

async function laterChecks(
  set: Setter,
  client: JupiterOneClient,
  call: { signal: AbortSignal | undefined; timeoutMs: number },
  setCompatibility: (report: CompatibilityReport) => void,
): Promise<void> {
  // 5. IAM (groups): J1's group API needs SSO and accessAdmin (facts file, "More facts …").
  try {
    const first = client.groups.list({ pageSize: 1 }, call)[Symbol.asyncIterator]();
    await first.next();
    await first.return?.();
    set('iam', 'pass', 'the group API answers');
  } catch (error) {
    if (
      error instanceof PermissionError ||
      (error instanceof JupiterOneError && /sso|not enabled|accessAdmin|permission|forbidden/i.test(error.message))
    ) {
      set(
        'iam',
        'fail',
        `J1 refused the group (IAM) API: ${error.message}`,
        "J1's group API works only for accounts configured with SSO and needs the accessAdmin permission: ask an account admin (the groups commands need it; keys do not)",
      );
    } else {
      set('iam', 'fail', `the group API failed: ${errorText(error)}`, 'run again; if it persists, check J1 status');
    }
  }

  // 6. Rate-limit state, from the RateLimit-* headers the client saw.
  const seen = client.rateLimit;
  if (seen.remaining === undefined) {
    set('rate-limit', 'pass', 'J1 sent no RateLimit-* headers (nothing to report)');
  } else {
    const resetSeconds = Math.max(0, Math.ceil((seen.resetAt - Date.now()) / 1000));
    const of = seen.limit === undefined ? '' : ` of ${seen.limit}`;
    if (seen.remaining <= 0) {
      set(
        'rate-limit',
        'fail',
        `budget spent: 0${of} invocations left, full again in ${resetSeconds} s`,
        "wait for the reset, spread the calls, or raise this key's limit (tokens.setRateLimit)",
      );
    } else {
      set('rate-limit', 'pass', `${seen.remaining}${of} invocations left, full again in ${resetSeconds} s`);
    }
  }

  // 7. Schema compatibility.
  try {
    const compatibility = await client.checkCompatibility(call);
    setCompatibility(compatibility);
    if (compatibility.compatible) {
      set('schema', 'pass', 'every operation validates against the live schema; nothing this SDK declares differs');
    } else {
      const count = compatibility.problems.length;
      const refused = new Set(compatibility.problems.flatMap((p) => (p.operation === undefined ? [] : [p.operation])));
      set(
        'schema',
        'fail',
        `${count} difference${count === 1 ? '' : 's'} from the live schema${refused.size === 0 ? '' : `; J1 would refuse ${[...refused].join(', ')}`}`,
        'upgrade j1-api-keys (npm install j1-api-keys@latest); if the newest version still differs, report the lines below',
      );
    }
  } catch (error) {
    set(
      'schema',
      'fail',
      `introspection failed: ${errorText(error)}`,
      'J1 answers GraphQL introspection; if a proxy blocks it, run doctor where J1 is reached directly',
    );
  }
}

const MARK: Readonly<Record<DoctorStatus, string>> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** The text of one check line (`PASS endpoint reachable: … ` / `FAIL key accepted: … Fix: …`). */
export function doctorLine(check: DoctorCheck): string {
  const title = TITLES[check.id as CheckId] ?? check.id;
  return `${MARK[check.status]}  ${title}: ${safeText(check.message)}${check.fix === null ? '' : `. Fix: ${safeText(check.fix)}`}\n`;
}

/** `doctor`. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check configuration, endpoint, key, account, IAM API, rate limit and schema',
  usage: 'doctor',
  help: `Runs these checks in order and prints one line per check with a verdict
(PASS, FAIL, or SKIP when an earlier failure makes it pointless) and, on failure, a fix:
  configuration found   which flags / environment variables set the key, account, endpoint
  endpoint reachable    DNS, TLS, refused connection: names the host
  key accepted          HTTP 401: a bad or expired key (or a key of another account)
  account matches       the key's account (iamGetAccount) against the configured one
  IAM API usable        J1's group API needs SSO and the accessAdmin permission
  rate-limit state      the RateLimit-* budget J1 reported
  schema compatibility  every operation against the live schema (introspection)
Exit code 0 when every check passes, 1 otherwise. Try it against j1-api-keys mock-server.

--json output (one object):
  { ok, checks: [{ id, status (pass|fail|skip), message, fix (string|null) }],
    endpoint, whoami: { accountId, accountName, user: { email, username } | null } | null,
    rateLimit: { limit, remaining, resetSeconds } | null,
    compatibility: { compatible, problems: [{ operation?, message }] } | null }`,
  options: {},
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx) {
    const report = await runDoctor(ctx);
    if (ctx.globals.json) {
      printJson(ctx.io.stdout, report);
    } else {
      let text = '';
      for (const check of report.checks) {
        text += doctorLine(check);
        if (check.id === 'schema' && report.compatibility !== null) {
          for (const p of report.compatibility.problems) {
            text += `      ${p.operation === undefined ? '' : `${safeText(p.operation)}: `}${safeText(p.message)}\n`;
          }
        }
      }
      text += report.ok ? 'All checks passed.\n' : `${report.checks.filter((c) => c.status === 'fail').length} check(s) failed.\n`;
      ctx.io.stdout.write(text);
    }
    return report.ok ? 0 : 1;
  },
};
