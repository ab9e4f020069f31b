/**
 * `mock-server`: the testing kit's fake J1 on loopback, seeded so every command can be tried.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { flag, stringOption } from '../args.js';
import { CliError, UsageError, type Command } from '../context.js';

/** The fixed API key the mock server accepts. A public test value: it unlocks nothing but the local mock. */
export const MOCK_API_KEY = 'j1-mock-api-key';
/** The fixed account id the mock server accepts. */
export const MOCK_ACCOUNT_ID = 'j1-mock-account';

const ALLOW_ALL = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';
const READ_REPOS =
  '{"permissions":[{"effect":"ALLOW","actions":["query:ReadGraphData"],"resources":["*"],"condition":{"queryFilters":[{"_type":["github_repo"]}]}}]}';
const DAY = 86_400_000;
const mockId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * What the mock server is seeded with, relative to `now`: a realistic spread for `audit` and
 * `expiring` (old, never-expiring, full-access, scoped, revoked, user and integration keys, usage).
 * With the rules `{ maxAgeDays: 90, requireExpiry: true, forbidFullAccess: true }` the offenders
 * are: ops-existing-key (never expires, full access), legacy-deploy (200 days old), bob's
 * notebook key (120 days old) and integration key mock-int-github-1 (never expires).
 */
export function mockSeed(now: number) {
  return {
    tokens: [
      { id: mockId(1), name: 'ops-existing-key', category: 'ops', policy: ALLOW_ALL },
      { id: mockId(2), name: 'ci-github-reader', policy: READ_REPOS, createdAt: now - 20 * DAY, expiresAt: now + 60 * DAY },
      { id: mockId(3), name: 'legacy-deploy', policy: READ_REPOS, createdAt: now - 200 * DAY, expiresAt: now + 165 * DAY },
      { id: mockId(4), name: 'contractor-2025', policy: ALLOW_ALL, revoked: true, createdAt: now - 400 * DAY },
      { id: mockId(5), name: 'reporting-export', policy: READ_REPOS, createdAt: now - 30 * DAY, expiresAt: now + 7 * DAY },
      { id: mockId(6), name: 'laptop', type: 'USER_API', subject: 'mock-user-alice', createdAt: now - 10 * DAY, expiresAt: now + 30 * DAY },
      {
        id: mockId(7),
        name: 'notebook',
        type: 'USER_API',
        subject: 'mock-user-bob',
        createdAt: now - 120 * DAY,
        expiresAt: now + 10 * DAY,
      },
    ],
    users: [
      { id: 'mock-user-alice', email: 'alice@example.com', username: 'alice' },
      { id: 'mock-user-bob', email: 'bob@example.com', username: 'bob' },
    ],
    groups: [
      {
        id: 'mock-group-engineers',
        name: 'Engineers',
        description: 'Demo group without API key access',
        permissions: ['readGraph'],
        queryPolicy: [{ _type: ['github_repo'] }],
      },
      {
        id: 'mock-group-admins',
        name: 'Admins',
        description: 'Demo group with API key access',
        permissions: ['fullReadAccess', 'apiKeyUser'],
        queryPolicy: [],
      },
    ],
    integrationInstances: [
      { id: 'mock-instance-github', name: 'GitHub (mock)', configured: true },
      { id: 'mock-instance-aws', name: 'AWS (mock)', configured: true },
      // Two instances with one name: `integration-keys create "AWS (mock)"` shows the error listing both ids.
      { id: 'mock-instance-aws-staging', name: 'AWS (mock)', configured: true },
    ],
    integrationTokens: [
      { tokenId: 'mock-int-github-1', instanceId: 'mock-instance-github', createdAt: now - 5 * DAY },
      { tokenId: 'mock-int-aws-1', instanceId: 'mock-instance-aws', createdAt: now - 45 * DAY, expiresAt: now + 45 * DAY },
    ],
    usage: [
      { tokenId: mockId(1), slices: [{ startTime: now - 40 * DAY, invocations: 12 }] },
      { tokenId: mockId(2), slices: [1, 2, 3].map((d) => ({ startTime: now - d * DAY, invocations: 100 * d, rejected: d === 1 ? 3 : 0 })) },
      { tokenId: 'mock-int-github-1', slices: [{ startTime: now - DAY, invocations: 500 }] },
    ],
    // J1 may refuse a key's metrics: the AWS integration key's usage is "unknown".
    refuseUsageFor: ['mock-int-aws-1'],
  } as const;
}

/** Loopback hosts only: the mock speaks plain http, and the client refuses http elsewhere. */
function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/** A value for `export NAME=VALUE`, single-quoted unless it is plainly safe. */
function shellValue(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function untilAborted(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    if (signal === undefined) return; // runs until the process is killed
    if (signal.aborted) resolve(String(signal.reason));
    else signal.addEventListener('abort', () => resolve(String(signal.reason)), { once: true });
  });
}

/** `mock-server [--port P] [--host H] [--schema FILE] [--iam-refused]`. */
export const mockServerCommand: Command = {
  name: 'mock-server',
  summary: 'Run a local fake J1 on loopback to try every command (no account needed)',
  usage: 'mock-server [--port P] [--host H] [--schema FILE] [--iam-refused]',
  help: `Starts the testing kit's fake JupiterOne API on a loopback address and prints its URL
and ready-to-paste export lines (JUPITERONE_BASE_URL, JUPITERONE_API_KEY, JUPITERONE_ACCOUNT_ID)
for another shell. The key and account are fixed test values that only the mock accepts.
Seeded: account keys (ops-existing-key: full access, never expires; scoped, old,
soon-expiring and revoked ones), user keys of alice and bob, groups Engineers (no API key
access) and Admins, integration instances mock-instance-github and mock-instance-aws with
a key each (and mock-instance-aws-staging, also named AWS (mock)), and usage slices (try audit and expiring). State lives in memory. Runs until
Ctrl-C (SIGINT) or SIGTERM, then closes cleanly (exit code 0).

Options:
  --port P                 TCP port. Default 0 (a free port, printed).
  --host H                 Loopback address: 127.0.0.1 (default), another 127.x.y.z,
                           localhost or ::1.
  --schema FILE            Serve (execute and answer introspection with) the GraphQL SDL in
                           FILE instead of the SDK's schema.graphql: e.g. a drifted schema,
                           to see doctor's schema check fail.
  --iam-refused            Refuse the group (IAM) API with FORBIDDEN, as J1 does for an
                           account without SSO or a key without accessAdmin.

--json output (one line, printed once the server is ready):
  { url, env: { JUPITERONE_BASE_URL, JUPITERONE_API_KEY, JUPITERONE_ACCOUNT_ID },
    seeded: { tokens: [{ id, name }], groups: [{ id, name }], integrationInstances: [{ id, name }] } }`,
  options: { port: { type: 'string' }, host: { type: 'string' }, schema: { type: 'string' }, 'iam-refused': { type: 'boolean' } },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const portText = stringOption(values, 'port') ?? '0';
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError('--port must be a number from 0 to 65535');
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    if (!isLoopback(host))
      throw new UsageError('--host must be a loopback address (127.0.0.1, localhost or ::1): the mock speaks plain http');
    const schemaPath = stringOption(values, 'schema');
    let schemaSDL: string | undefined;
    if (schemaPath !== undefined) {
      try {
        schemaSDL = await readFile(ctx.resolvePath(schemaPath), 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new CliError('FILE_UNREADABLE', `cannot read --schema ${schemaPath} (${typeof code === 'string' ? code : 'read failed'})`);
      }
    }
    const { startMockServer } = await import('../../testing/server.js'); // not the ./testing entry: that one needs msw
    let server: Awaited<ReturnType<typeof startMockServer>>;
    const seed = mockSeed(Date.now());
    try {
      server = await startMockServer({
        apiKey: MOCK_API_KEY,
        accountId: MOCK_ACCOUNT_ID,
        port: Number(portText),
        host: host.replace(/^\[(.*)\]$/, '$1'),
        ...seed,
        ...(schemaSDL === undefined ? {} : { schemaSDL }),
        ...(flag(values, 'iam-refused') ? { iamApi: 'refused' as const } : {}),
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (schemaSDL !== undefined && code === undefined) {
        throw new CliError(
          'SCHEMA_INVALID',
          `--schema ${schemaPath ?? ''} is not a usable GraphQL SDL (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      throw new CliError('LISTEN_FAILED', `cannot listen on ${host}:${portText} (${typeof code === 'string' ? code : String(error)})`, {
        cause: error,
      });
    }
    try {
      const env = {
        JUPITERONE_BASE_URL: server.url,
        JUPITERONE_API_KEY: MOCK_API_KEY,
        JUPITERONE_ACCOUNT_ID: MOCK_ACCOUNT_ID,
      };
      if (ctx.globals.json) {
        const pick = (items: readonly { id: string; name: string }[]) => items.map(({ id, name }) => ({ id, name }));
        const seeded = {
          tokens: pick(seed.tokens),
          groups: pick(seed.groups),
          integrationInstances: pick(seed.integrationInstances),
        };
        ctx.io.stdout.write(`${JSON.stringify({ url: server.url, env, seeded })}\n`);
      } else {
        const [token] = seed.tokens;
        ctx.io.stdout.write(
          `Local J1 (mock) listening on ${server.url} (loopback only, state in memory)\n\n` +
            `Paste into another shell:\n\n` +
            Object.entries(env)
              .map(([name, value]) => `export ${name}=${shellValue(value)}\n`)
              .join('') +
            `\nThen try:\n` +
            `  j1-api-keys list\n` +
            `  j1-api-keys get ${token.id}\n` +
            `  j1-api-keys create --name my-key --allow --query-filter _type=github_repo\n` +
            `  j1-api-keys groups show Engineers\n` +
            `  j1-api-keys groups enable-api-keys Engineers\n` +
            `  j1-api-keys integration-keys create mock-instance-github\n` +
            `  j1-api-keys audit --usage\n` +
            `  j1-api-keys expiring --within 14d\n\n` +
            `Stop with Ctrl-C.\n`,
        );
      }
      const reason = await untilAborted(ctx.io.signal);
      ctx.io.stderr.write(`mock-server: ${reason} received, stopping\n`);
    } finally {
      await server.close();
    }
    ctx.io.stderr.write('mock-server: stopped\n');
    return 0;
  },
};
