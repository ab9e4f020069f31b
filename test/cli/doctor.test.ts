// `j1-api-keys doctor` as a child process (the BUILT CLI) against the fake on loopback, the fake
// with faults/options, and raw node:http servers: one run per failure kind (issue 13, item 3).
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaSDL } from '../../src/generated/schema.js';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { startRawServer } from '../helpers/raw-server.js';
import { ACCOUNT_ID, API_KEY, cli, cliEnv, json, requireBuiltCli } from './helpers.js';

const SLOW = 45_000;

interface DoctorJson {
  ok: boolean;
  checks: { id: string; status: 'pass' | 'fail' | 'skip'; message: string; fix: string | null }[];
  endpoint: string | null;
  whoami: { accountId: string; accountName: string | null; user: { email: string | null; username: string | null } | null } | null;
  rateLimit: { limit: number | null; remaining: number | null; resetSeconds: number | null } | null;
  compatibility: { compatible: boolean; problems: { operation?: string; message: string }[] } | null;
}

const IDS = ['configuration', 'endpoint', 'key', 'account', 'iam', 'rate-limit', 'schema'];
const statuses = (report: DoctorJson) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
/** The printed line of a check (by its title). */
const line = (stdout: string, title: string) => stdout.split('\n').find((l) => l.includes(`  ${title}:`)) ?? '';

const servers: { close: () => Promise<void> }[] = [];
let healthy: MockServer;
beforeAll(async () => {
  requireBuiltCli();
  healthy = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    groups: [{ id: 'g', name: 'G', permissions: [], queryPolicy: [] }],
  });
  servers.push(healthy);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function fakeWith(options: Parameters<typeof startMockServer>[0]): Promise<MockServer> {
  const server = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID, ...options });
  servers.push(server);
  return server;
}

/** A loopback port nothing listens on (bound, then closed). */
/**
 * A loopback port nothing listens on. Port 2 (privileged, never handed out for port 0, so no
 * other test's server can take it in the meantime; not on fetch's blocked-port list, as port 1
 * is), checked to refuse; else a port just freed.
 */
async function refusedPort(): Promise<number> {
  const refuses = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
  if (await refuses(2)) return 2;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.concurrent('j1-api-keys doctor (built)', () => {
  it(
    'every check passes against the fake: exit 0, one line per check in order, --json the same',
    async () => {
      const text = await cli(['doctor'], { url: healthy.url });
      expect(text.code, text.stderr).toBe(0);
      const lines = text.stdout.trim().split('\n');
      expect(lines.slice(0, 7).map((l) => l.slice(0, 4))).toEqual(Array(7).fill('PASS'));
      expect(lines[0]).toContain(`API key from JUPITERONE_API_KEY, account ${ACCOUNT_ID} from JUPITERONE_ACCOUNT_ID`);
      expect(lines[0]).toContain('from JUPITERONE_BASE_URL');
      expect(lines.at(-1)).toBe('All checks passed.');
      const result = await cli(['doctor', '--json'], { url: healthy.url });
      expect(result.code).toBe(0);
      const report = json<DoctorJson>(result);
      expect(report.checks.map((c) => c.id)).toEqual(IDS);
      expect(report.ok).toBe(true);
      expect(report.whoami).toEqual({
        accountId: ACCOUNT_ID,
        accountName: `Account ${ACCOUNT_ID}`,
        user: { email: 'fake.user@example.com', username: 'fake.user' },
      });
      expect(report.rateLimit).toMatchObject({ limit: 1000 });
      expect(report.compatibility).toEqual({ compatible: true, problems: [] });
    },
    SLOW,
  );

  it(
    'missing configuration: says which variables are missing, exit 1',
    async () => {
      const result = await cli(['doctor'], { env: { JUPITERONE_ACCOUNT_ID: ACCOUNT_ID, JUPITERONE_BASE_URL: healthy.url } });
      expect(result.code).toBe(1);
      expect(line(result.stdout, 'configuration found')).toMatch(
        /^FAIL .*no API key, account from JUPITERONE_ACCOUNT_ID.*Fix: set JUPITERONE_API_KEY/,
      );
      expect(line(result.stdout, 'endpoint reachable')).toMatch(/^SKIP/);
    },
    SLOW,
  );

  it(
    'bad key (401): "bad or expired key", later checks skipped',
    async () => {
      const result = await cli(['doctor', '--json'], { env: { ...cliEnv(healthy.url), JUPITERONE_API_KEY: 'not-the-key-9f8e7d6c5b' } });
      expect(result.code).toBe(1);
      const report = json<DoctorJson>(result);
      expect(statuses(report)).toEqual({
        configuration: 'pass',
        endpoint: 'pass',
        key: 'fail',
        account: 'skip',
        iam: 'skip',
        'rate-limit': 'skip',
        schema: 'skip',
      });
      const key = report.checks.find((c) => c.id === 'key');
      expect(key?.message).toMatch(/bad or expired key/);
      expect(key?.fix).toMatch(/JUPITERONE_API_KEY/);
      expect(result.stdout).not.toContain('not-the-key-9f8e7d6c5b');
    },
    SLOW,
  );

  it(
    'wrong account: the key belongs to another account, says so and names the fix',
    async () => {
      const raw = await startRawServer((name) => {
        if (name === 'GetAccount')
          return { body: { data: { iamGetAccount: { id: 'other', accountId: 'other-account', accountName: 'Other' } } } };
        if (name === 'GetCurrentUser') return { body: { data: { iamGetCurrentUser: { id: 'u', email: 'a@b.c', username: 'ab' } } } };
        if (name === 'ListIamGroups')
          return { body: { data: { iamGetGroupList: { items: [], pageInfo: { endCursor: null, hasNextPage: false } } } } };
        return { body: { errors: [{ message: 'introspection is off' }] } };
      });
      servers.push(raw);
      const result = await cli(['doctor'], { url: raw.url });
      expect(result.code).toBe(1);
      expect(line(result.stdout, 'account matches')).toBe(
        `FAIL  account matches: wrong account: the key belongs to account other-account (Other), but the configured account is ${ACCOUNT_ID}. Fix: set JUPITERONE_ACCOUNT_ID=other-account (or --account other-account), or use a key of account ${ACCOUNT_ID}`,
      );
      expect(line(result.stdout, 'key accepted')).toMatch(/^PASS/);
    },
    SLOW,
  );

  it(
    'refused port: names the host and says to check JUPITERONE_REGION / JUPITERONE_BASE_URL',
    async () => {
      const port = await refusedPort();
      const result = await cli(['doctor'], { url: `http://127.0.0.1:${port}/` });
      expect(result.code).toBe(1);
      expect(line(result.stdout, 'endpoint reachable')).toMatch(
        new RegExp(
          `^FAIL  endpoint reachable: cannot reach 127\\.0\\.0\\.1:${port}: the connection was refused \\(ECONNREFUSED\\)\\. Fix: check JUPITERONE_REGION / JUPITERONE_BASE_URL`,
        ),
      );
      expect(line(result.stdout, 'key accepted')).toMatch(/^SKIP/);
    },
    SLOW,
  );

  it(
    'IAM refused (fake iamApi: refused): says the group API needs SSO and accessAdmin; the rest still runs',
    async () => {
      const server = await fakeWith({ iamApi: 'refused' });
      const result = await cli(['doctor', '--json'], { url: server.url });
      expect(result.code).toBe(1);
      const report = json<DoctorJson>(result);
      expect(statuses(report)).toMatchObject({ key: 'pass', account: 'pass', iam: 'fail', 'rate-limit': 'pass', schema: 'pass' });
      const iam = report.checks.find((c) => c.id === 'iam');
      expect(iam?.message).toMatch(/refused the group \(IAM\) API/);
      expect(iam?.fix).toMatch(/SSO.*accessAdmin/);
    },
    SLOW,
  );

  it(
    'drifted schema (fake schemaSDL): the schema check fails and lists each difference',
    async () => {
      const drifted = schemaSDL
        .replace('input SetRateLimitPolicyOptions', 'input RateLimitPolicyInput')
        .replace('rateLimitPolicy: SetRateLimitPolicyOptions!', 'rateLimitPolicy: RateLimitPolicyInput!');
      const server = await fakeWith({ schemaSDL: drifted });
      const result = await cli(['doctor'], { url: server.url });
      expect(result.code).toBe(1);
      expect(line(result.stdout, 'schema compatibility')).toMatch(
        /^FAIL {2}schema compatibility: 3 differences from the live schema; J1 would refuse SetTokenRateLimit\. Fix: upgrade j1-api-keys/,
      );
      expect(result.stdout).toContain('      SetTokenRateLimit: Unknown type "SetRateLimitPolicyOptions"');
      expect(result.stdout).toContain('      type SetRateLimitPolicyOptions: not in the live schema');
      expect(line(result.stdout, 'IAM API usable')).toMatch(/^PASS/);
    },
    SLOW,
  );

  it(
    'rate-limit budget spent: the rate-limit check fails with the reset time',
    async () => {
      const server = await fakeWith({ rateLimit: { capacity: 3, windowSeconds: 60 } });
      const result = await cli(['doctor', '--json'], { url: server.url });
      const report = json<DoctorJson>(result);
      const rate = report.checks.find((c) => c.id === 'rate-limit');
      expect(rate?.status).toBe('fail');
      expect(rate?.message).toMatch(/^budget spent: 0 of 3 invocations left, full again in \d+ s$/);
      expect(result.code).toBe(1);
    },
    SLOW,
  );
});
