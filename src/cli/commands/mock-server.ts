/**
 * `mock-server`: the testing kit's fake J1 on loopback, seeded so every command can be tried.
 * @module
 */
import { stringOption } from '../args.js';
import { CliError, UsageError, type Command } from '../context.js';

/** The fixed API key the mock server accepts. A public test value: it unlocks nothing but the local mock. */
export const MOCK_API_KEY = 'j1-mock-api-key';
/** The fixed account id the mock server accepts. */
export const MOCK_ACCOUNT_ID = 'j1-mock-account';

/** What the mock server is seeded with. */
export const MOCK_SEED = {
  tokens: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'ops-existing-key',
      category: 'ops',
      policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}',
    },
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
    // Two instances with one name: `integration-keys create "AWS (mock)"` shows the error listing both ids.
    { id: 'mock-instance-aws-prod', name: 'AWS (mock)', configured: true },
    { id: 'mock-instance-aws-staging', name: 'AWS (mock)', configured: true },
  ],
} as const;

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

/** `mock-server [--port P] [--host H]`. */
export const mockServerCommand: Command = {
  name: 'mock-server',
  summary: 'Run a local fake J1 on loopback to try every command (no account needed)',
  usage: 'mock-server [--port P] [--host H]',
  help: `Starts the testing kit's fake JupiterOne API on a loopback address and prints its URL
and ready-to-paste export lines (JUPITERONE_BASE_URL, JUPITERONE_API_KEY, JUPITERONE_ACCOUNT_ID)
for another shell. The key and account are fixed test values that only the mock accepts.
Seeded: an API key (ops-existing-key), groups Engineers (no API key access) and Admins,
and integration instances mock-instance-github (GitHub (mock)) and two named AWS (mock). State lives in memory. Runs until
Ctrl-C (SIGINT) or SIGTERM, then closes cleanly (exit code 0).

Options:
  --port P                 TCP port. Default 0 (a free port, printed).
  --host H                 Loopback address: 127.0.0.1 (default), another 127.x.y.z,
                           localhost or ::1.

--json output (one line, printed once the server is ready):
  { url, env: { JUPITERONE_BASE_URL, JUPITERONE_API_KEY, JUPITERONE_ACCOUNT_ID },
    seeded: { tokens: [{ id, name }], groups: [{ id, name }], integrationInstances: [{ id, name }] } }`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const portText = stringOption(values, 'port') ?? '0';
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError('--port must be a number from 0 to 65535');
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    if (!isLoopback(host))
      throw new UsageError('--host must be a loopback address (127.0.0.1, localhost or ::1): the mock speaks plain http');
    const { startMockServer } = await import('../../testing/server.js'); // not the ./testing entry: that one needs msw
    let server: Awaited<ReturnType<typeof startMockServer>>;
    try {
      server = await startMockServer({
        apiKey: MOCK_API_KEY,
        accountId: MOCK_ACCOUNT_ID,
        port: Number(portText),
        host: host.replace(/^\[(.*)\]$/, '$1'),
        tokens: MOCK_SEED.tokens,
        groups: MOCK_SEED.groups,
        integrationInstances: MOCK_SEED.integrationInstances,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
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
          tokens: pick(MOCK_SEED.tokens),
          groups: pick(MOCK_SEED.groups),
          integrationInstances: pick(MOCK_SEED.integrationInstances),
        };
        ctx.io.stdout.write(`${JSON.stringify({ url: server.url, env, seeded })}\n`);
      } else {
        const [token] = MOCK_SEED.tokens;
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
            `  j1-api-keys integration-keys create mock-instance-github\n\n` +
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
