// Issue 18, end to end: the BUILT CLI as child processes against a fake J1 on 127.0.0.1 —
// rotate/create --exec, rotation by rule, run, integration-keys --env-file, --audit-log — through
// every failure path. After each, the keys are listed (with the CLI) and each rotated name must
// have exactly one live key (none, for run); and the new secret must appear in no argv (the
// hand-off command records /proc/$$/cmdline, its parent's and `ps -eo args` while it runs), no
// environment dump, no output line and no --audit-log line.
//
// The tests run one after another: faults queued on the shared fake (failNext) target RevokeToken.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY, cli, json, requireBuiltCli, SECRET_RE, seeded, spawnCli, type CliResult } from './helpers.js';

const DAY = 86_400_000;
const OLD = Date.now() - 100 * DAY;
const SLOW = 60_000;

let server: MockServer;
let slow: MockServer;
let dir: string;

const names = ['rot-ok', 'rot-fail', 'rot-killed', 'rot-revoke-once', 'rot-revoke-never', 'rot-interrupted', 'bulk-x-1', 'bulk-x-2'];

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'j1-cli-lifecycle-'));
  const instances = [
    { id: 'inst-alpha', name: 'Alpha' },
    { id: 'inst-beta-1', name: 'Beta' },
    { id: 'inst-beta-2', name: 'Beta' },
  ];
  server = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    tokens: [
      ...names.map((name, i) => ({ id: seeded(11 + i), name, policy: ALLOW_ALL, createdAt: OLD })),
      { id: seeded(30), name: 'bulk-x-young', policy: ALLOW_ALL },
    ],
    integrationInstances: instances,
  });
  // Answers late (after acting), so a test can change the file system while a key is being created.
  slow = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID, latencyMs: 1500, integrationInstances: instances });
});

afterAll(async () => {
  await server?.close();
  await slow?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const run = (args: readonly string[], url = server.url): Promise<CliResult> => cli(args, { url });

interface Listed {
  id: string;
  name: string;
  revoked: boolean;
}

/** Live keys named `name`, as `j1-api-keys list --json` shows them. */
async function liveKeys(name: string): Promise<string[]> {
  const listed = await run(['list', '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  return json<Listed[]>(listed)
    .filter((t) => t.name === name && !t.revoked)
    .map((t) => t.id);
}

/** A fresh directory the hand-off command records into. */
function caseDir(label: string): string {
  const d = join(dir, label);
  mkdirSync(d);
  return d;
}

/** A hand-off command: stores stdin, records argv (its own, its parent's, every process's) and environments, then `then`. */
function recorder(d: string, then = 'exit 0'): string {
  return [
    `cat > '${d}/secret'`,
    `tr '\\0' ' ' < /proc/$$/cmdline > '${d}/argv'`,
    `tr '\\0' ' ' < /proc/$PPID/cmdline >> '${d}/argv'`,
    `ps -eo args >> '${d}/argv' 2>/dev/null || true`,
    `env > '${d}/env'`,
    `tr '\\0' '\\n' < /proc/$PPID/environ > '${d}/parent-env'`,
    then,
  ].join('; ');
}

const read = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** The secret the hand-off received, checked to be absent from every argv, env dump, output and audit line. */
function expectSecretContained(d: string, outputs: readonly CliResult[], audit?: string): string {
  const secret = read(join(d, 'secret'));
  expect(secret).toMatch(new RegExp(`^${SECRET_RE.source}$`)); // exactly the secret, no newline
  expect(read(join(d, 'argv'))).not.toBe('');
  for (const file of ['argv', 'env', 'parent-env']) expect(read(join(d, file)), `${file} holds the secret`).not.toContain(secret);
  for (const r of outputs) {
    expect(r.stdout).not.toContain(secret);
    expect(r.stderr).not.toContain(secret);
  }
  if (audit !== undefined) {
    const text = read(audit);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(API_KEY);
  }
  return secret;
}

function auditLines(path: string): Record<string, unknown>[] {
  return read(path)
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('rotate ID --exec CMD', () => {
  it(
    'hands the secret to CMD on stdin (never argv/env), then revokes the old key; audit lines',
    async () => {
      const d = caseDir('rot-ok');
      const audit = join(d, 'audit.jsonl');
      const r = await run([
        'rotate',
        seeded(11),
        '--exec',
        recorder(d, 'echo "handed $J1_KEY_ID $J1_KEY_NAME $J1_OLD_KEY_ID"'),
        '--audit-log',
        audit,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const body = json<{ oldId: string; newId: string; secret: null }>(r);
      expect(body.secret).toBeNull();
      expect(await liveKeys('rot-ok')).toEqual([body.newId]);
      expect(r.stderr).toContain(`handed ${body.newId} rot-ok ${seeded(11)}`); // CMD's output goes to stderr
      const env = read(join(d, 'env'));
      expect(env).toContain(`J1_KEY_ID=${body.newId}`);
      expect(env).not.toContain('JUPITERONE_API_KEY='); // the hand-off gets no admin key
      expectSecretContained(d, [r], audit);
      const lines = auditLines(audit);
      expect(lines.map((l) => [l['action'], l['keyId'], l['outcome']])).toEqual([
        ['create', body.newId, 'ok'],
        ['revoke', seeded(11), 'ok'],
        ['rotate', seeded(11), 'ok'],
      ]);
      for (const l of lines) expect(Object.keys(l)).toEqual(expect.arrayContaining(['time', 'action', 'keyId', 'name', 'outcome']));
    },
    SLOW,
  );

  it(
    'CMD exits non-zero: the new key is revoked, the old one kept (exit 1)',
    async () => {
      const d = caseDir('rot-fail');
      const audit = join(d, 'audit.jsonl');
      const r = await run(['rotate', seeded(12), '--exec', recorder(d, 'exit 3'), '--audit-log', audit]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('error EXEC_FAILED: rotate');
      expect(r.stderr).toContain('exited with code 3');
      expect(r.stderr).toContain(`the old key ${seeded(12)} is unchanged and live`);
      expect(await liveKeys('rot-fail')).toEqual([seeded(12)]);
      expectSecretContained(d, [r], audit);
      expect(auditLines(audit).map((l) => [l['action'], l['outcome']])).toEqual([
        ['create', 'ok'],
        ['revoke', 'ok'],
        ['rotate', 'failed'],
      ]);
    },
    SLOW,
  );

  it(
    'CMD killed (SIGKILL): the new key is revoked, the old one kept',
    async () => {
      const d = caseDir('rot-killed');
      const r = await run(['rotate', seeded(13), '--exec', recorder(d, 'kill -9 $$')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('killed by SIGKILL');
      expect(await liveKeys('rot-killed')).toEqual([seeded(13)]);
      expectSecretContained(d, [r]);
    },
    SLOW,
  );

  it(
    "the old key's revoke fails once: it is tried again, and exactly one key stays live",
    async () => {
      const d = caseDir('rot-revoke-once');
      server.mock.failNext(1, 500, { operationName: 'RevokeToken' });
      const r = await run(['rotate', seeded(14), '--exec', recorder(d), '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("the old key's revoke failed once");
      const { newId } = json<{ newId: string }>(r);
      expect(await liveKeys('rot-revoke-once')).toEqual([newId]);
      expectSecretContained(d, [r]);
    },
    SLOW,
  );

  it(
    "the old key's revoke keeps failing: exit 1, and the message names both live keys",
    async () => {
      const d = caseDir('rot-revoke-never');
      server.mock.failNext(3, 500, { operationName: 'RevokeToken' });
      const r = await run(['rotate', seeded(15), '--exec', recorder(d)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error OLD_KEY_NOT_REVOKED: .*the new key (\S+) is live and was handed to --exec/);
      const live = await liveKeys('rot-revoke-never');
      expect(live).toHaveLength(2);
      expect(live).toContain(seeded(15));
      const newId = live.find((id) => id !== seeded(15)) ?? '';
      expect(r.stderr).toContain(`the new key ${newId} is live`);
      expect(r.stderr).toContain(`j1-api-keys revoke ${seeded(15)}`);
      expectSecretContained(d, [r]);
      // Done by hand as the message says: one key left.
      expect((await run(['revoke', seeded(15)])).code).toBe(0);
      expect(await liveKeys('rot-revoke-never')).toEqual([newId]);
    },
    SLOW,
  );

  it(
    'interrupted (SIGTERM) while CMD runs: CMD gets the signal, the new key is revoked, exit 143',
    async () => {
      const d = caseDir('rot-interrupted');
      const child = spawnCli(['rotate', seeded(16), '--exec', recorder(d, `echo up > '${d}/ready'; sleep 30`)], { url: server.url });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
      child.stdin.end();
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
      for (let i = 0; i < 200 && !existsSync(join(d, 'ready')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(join(d, 'ready'))).toBe(true);
      child.kill('SIGTERM');
      expect(await closed).toBe(143);
      expect(err).toContain('interrupted (SIGTERM)');
      expect(await liveKeys('rot-interrupted')).toEqual([seeded(16)]);
      expectSecretContained(d, [{ code: 143, stdout: out, stderr: err }]);
    },
    SLOW,
  );
});

describe('create --exec CMD', () => {
  it(
    'a failed CMD revokes the new key (no live key of that name); a good one keeps it',
    async () => {
      const d = caseDir('create-fail');
      const bad = await run(['create', '--name', 'made-for-exec', '--allow', '--exec', recorder(d, 'exit 9')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/error EXEC_FAILED: --exec command exited with code 9; the new key \S+ was revoked/);
      expect(await liveKeys('made-for-exec')).toEqual([]);
      expectSecretContained(d, [bad]);
      const d2 = caseDir('create-ok');
      const good = await run(['create', '--name', 'made-for-exec', '--allow', '--exec', recorder(d2), '--json']);
      expect(good.code, good.stderr).toBe(0);
      expect(json<{ id: string; secret: null }>(good)).toMatchObject({ secret: null });
      expect(await liveKeys('made-for-exec')).toEqual([json<{ id: string }>(good).id]);
      expectSecretContained(d2, [good]);
    },
    SLOW,
  );
});

describe('rotate --older-than (by rule)', () => {
  it(
    '--dry-run prints the plan and sends no write',
    async () => {
      const before = server.mock.requests.length;
      const r = await run(['rotate', '--older-than', '90d', '--name-pattern', '^bulk-x-', '--dry-run']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Plan: rotate 2 of \d+ active key\(s\)/);
      expect(r.stdout).toMatch(new RegExp(`rotate +${seeded(17)} +bulk-x-1`));
      expect(r.stdout).toMatch(new RegExp(`skip +${seeded(30)} +bulk-x-young .*not older than --older-than`));
      expect(r.stdout).toMatch(new RegExp(`skip +${seeded(12)} +rot-fail.* name does not match --name-pattern`));
      const sent = server.mock.requests.slice(before).map((q) => q.operationName);
      expect(sent).toEqual(['ListTokens']);
    },
    SLOW,
  );

  it(
    'one rotation at a time; a failing CMD fails that key only; summary, exit 1, one live key per name',
    async () => {
      const d = caseDir('bulk');
      const cmd = `if [ "$J1_KEY_NAME" = bulk-x-2 ]; then cat > /dev/null; exit 5; fi; cat > '${d}/secret'; tr '\\0' ' ' < /proc/$$/cmdline > '${d}/argv'; env > '${d}/env'; tr '\\0' '\\n' < /proc/$PPID/environ > '${d}/parent-env'`;
      const audit = join(d, 'audit.jsonl');
      const r = await run(['rotate', '--older-than', '90d', '--name-pattern', '^bulk-x-', '--exec', cmd, '--audit-log', audit]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('[1/2] rotating');
      expect(r.stderr).toContain('[2/2] rotating');
      expect(r.stdout).toMatch(/Summary: 1 rotated, 1 failed, \d+ skipped/);
      expect(r.stdout).toContain(`FAILED ${seeded(18)} (bulk-x-2): EXEC_FAILED. Live: ${seeded(18)}`);
      expect(await liveKeys('bulk-x-2')).toEqual([seeded(18)]);
      const live1 = await liveKeys('bulk-x-1');
      expect(live1).toHaveLength(1);
      expect(live1[0]).not.toBe(seeded(17));
      expect(await liveKeys('bulk-x-young')).toEqual([seeded(30)]);
      expectSecretContained(d, [r], audit);
      expect(
        auditLines(audit)
          .filter((l) => l['action'] === 'rotate')
          .map((l) => l['outcome'])
          .sort(),
      ).toEqual(['failed', 'ok']);
    },
    SLOW,
  );
});

describe('run --ttl -- CMD', () => {
  it(
    "runs CMD with the key in its env (not argv), exits with CMD's code, revokes the key",
    async () => {
      const d = caseDir('run');
      const audit = join(d, 'audit.jsonl');
      const script = `tr '\\0' ' ' < /proc/$$/cmdline > '${d}/argv'; ps -eo args >> '${d}/argv'; printf %s "$JUPITERONE_API_KEY" > '${d}/secret'; echo "acct=$JUPITERONE_ACCOUNT key=$JUPITERONE_API_KEY"; exit 7`;
      const r = await run(['run', '--ttl', '1h', '--name', 'run-job', '--allow', '--audit-log', audit, '--', 'sh', '-c', script]);
      expect(r.code).toBe(7);
      expect(r.stdout).toContain(`acct=${ACCOUNT_ID} key=[redacted]`);
      const secret = read(join(d, 'secret'));
      expect(secret).toMatch(SECRET_RE);
      expect(read(join(d, 'argv'))).not.toContain(secret);
      expect(r.stdout + r.stderr + read(audit)).not.toContain(secret);
      expect(await liveKeys('run-job')).toEqual([]);
      const token = server.mock.state.tokens.find((t) => t.name === 'run-job');
      expect(token?.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
      expect(token?.expiresAt).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
      expect(auditLines(audit).map((l) => [l['action'], l['outcome']])).toEqual([
        ['create', 'ok'],
        ['revoke', 'ok'],
        ['run', 'failed'],
      ]);
    },
    SLOW,
  );

  it(
    'SIGTERM is forwarded to the child; the key is revoked; exit 143',
    async () => {
      const d = caseDir('run-term');
      const ready = join(d, 'ready');
      const child = spawnCli(
        [
          'run',
          '--ttl',
          '1h',
          '--name',
          'run-term',
          '--allow',
          '--',
          process.execPath,
          '-e',
          `require('fs').writeFileSync(${JSON.stringify(ready)}, process.env.JUPITERONE_API_KEY); setTimeout(() => {}, 30000)`,
        ],
        { url: server.url },
      );
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
      child.stdout.resume();
      child.stdin.end();
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
      for (let i = 0; i < 200 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 50));
      const secret = read(ready);
      expect(secret).toMatch(SECRET_RE);
      expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(secret);
      child.kill('SIGTERM');
      expect(await closed).toBe(143);
      expect(err).not.toContain(secret);
      expect(await liveKeys('run-term')).toEqual([]);
    },
    SLOW,
  );

  it(
    'when the key cannot be revoked, stderr says the expiry is the backstop',
    async () => {
      server.mock.failNext(1, 500, { operationName: 'RevokeToken' });
      const r = await run(['run', '--ttl', '15m', '--name', 'run-backstop', '--allow', '--', 'sh', '-c', 'exit 0']);
      expect(r.code).toBe(0);
      const [id] = await liveKeys('run-backstop');
      expect(r.stderr).toContain(`warning: the temporary key ${id} could not be revoked`);
      expect(r.stderr).toMatch(/it stops working at \d{4}-\d\d-\d\dT[\d:.]+Z \(its --ttl\), the backstop/);
      expect((await run(['revoke', id ?? ''])).code).toBe(0);
      expect(await liveKeys('run-backstop')).toEqual([]);
    },
    SLOW,
  );
});

describe('integration-keys create INSTANCE --env-file', () => {
  const liveIntegration = (fake: MockServer, instanceId: string) =>
    fake.mock.state.integrationTokens.filter((t) => t.instanceId === instanceId && !t.revoked).map((t) => t.tokenId);

  it(
    'by name: writes the SDK variables (0600), keeps other lines byte for byte, no duplicates; --rotate revokes the old key after the write',
    async () => {
      const d = caseDir('env');
      const env = join(d, '.env');
      const original = '# my project\r\nFOO="a b"\r\nJUPITERONE_ACCOUNT=stale\r\nMULTI="x\r\ny"\r\nexport JUPITERONE_ACCOUNT=dup\r\nBAR=2';
      writeFileSync(env, original, { mode: 0o644 });
      const audit = join(d, 'audit.jsonl');
      const r = await run(['integration-keys', 'create', 'Alpha', '--env-file', env, '--audit-log', audit, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const body = json<{ tokenId: string; instanceId: string; envFile: string }>(r);
      expect(body).toMatchObject({ instanceId: 'inst-alpha', envFile: env });
      expect(statSync(env).mode & 0o777).toBe(0o600);
      const text = readFileSync(env, 'utf8');
      const secret = /JUPITERONE_API_KEY=(\S+)\r\n/.exec(text)?.[1] ?? '';
      expect(secret).toMatch(SECRET_RE);
      expect(text).toBe(
        `# my project\r\nFOO="a b"\r\nJUPITERONE_ACCOUNT=${ACCOUNT_ID}\r\nMULTI="x\r\ny"\r\nBAR=2\r\n` +
          `JUPITERONE_API_KEY=${secret}\r\nINTEGRATION_INSTANCE_ID=inst-alpha\r\nJUPITERONE_API_BASE_URL=https://api.us.jupiterone.io\r\n` +
          `J1_INTEGRATION_KEY_ID=${body.tokenId}\r\n`,
      );
      expect(r.stdout + r.stderr + read(audit)).not.toContain(secret);
      expect(liveIntegration(server, 'inst-alpha')).toEqual([body.tokenId]);

      // A second create without --rotate would orphan the key in the file: refused, nothing created.
      const again = await run(['integration-keys', 'create', 'inst-alpha', '--env-file', env]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('error ENV_KEY_EXISTS');
      expect(liveIntegration(server, 'inst-alpha')).toEqual([body.tokenId]);

      server.mock.failNext(1, 500, { operationName: 'RevokeIntegrationInstanceToken' });
      const rotated = await run(['integration-keys', 'create', 'Alpha', '--env-file', env, '--rotate', '--audit-log', audit, '--json']);
      expect(rotated.code, rotated.stderr).toBe(0);
      const next = json<{ tokenId: string; replacedTokenId: string }>(rotated);
      expect(next.replacedTokenId).toBe(body.tokenId);
      expect(liveIntegration(server, 'inst-alpha')).toEqual([next.tokenId]);
      const after = readFileSync(env, 'utf8');
      expect(after.match(/JUPITERONE_API_KEY=/g)).toHaveLength(1);
      expect(after).not.toContain(secret);
      expect(after).toContain(`J1_INTEGRATION_KEY_ID=${next.tokenId}\r\n`);
      const newSecret = /JUPITERONE_API_KEY=(\S+)\r\n/.exec(after)?.[1] ?? '';
      expect(rotated.stdout + rotated.stderr + read(audit)).not.toContain(newSecret);
      expect(auditLines(audit).map((l) => [l['action'], l['outcome']])).toEqual([
        ['integration-key-create', 'ok'],
        ['integration-key-create', 'ok'],
        ['integration-key-revoke', 'failed'],
        ['integration-key-revoke', 'ok'],
      ]);
    },
    SLOW,
  );

  it(
    'a name several instances share: an error listing their ids, nothing created',
    async () => {
      // Node 20 itself exits when a script's own --env-file names a missing file (nodejs/node#54232): the file exists.
      writeFileSync(join(dir, 'beta.env'), '');
      const r = await run(['integration-keys', 'create', 'Beta', '--env-file', join(dir, 'beta.env')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('inst-beta-1, inst-beta-2');
      expect(server.mock.state.integrationTokens.filter((t) => t.instanceId.startsWith('inst-beta'))).toEqual([]);
      expect(readFileSync(join(dir, 'beta.env'), 'utf8')).toBe('');
    },
    SLOW,
  );

  it(
    '--env-file that is not a regular file: refused before any key exists',
    async () => {
      const d = caseDir('env-link');
      writeFileSync(join(d, 'real.env'), 'A=1\n');
      symlinkSync(join(d, 'real.env'), join(d, '.env'));
      const before = server.mock.state.integrationTokens.length;
      const r = await run(['integration-keys', 'create', 'Alpha', '--env-file', join(d, '.env')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is not a regular file (a symbolic link)');
      expect(server.mock.state.integrationTokens.length).toBe(before);
      expect(readFileSync(join(d, 'real.env'), 'utf8')).toBe('A=1\n');
      expect(r.stderr).toContain('no key was created');
    },
    SLOW,
  );

  it(
    '.env not writable by the time the key exists: the new key is revoked, the old one kept',
    async () => {
      const d = caseDir('env-swap');
      const env = join(d, '.env');
      writeFileSync(env, 'KEEP=1\n'); // exists: see nodejs/node#54232 above
      const first = await cli(['integration-keys', 'create', 'Alpha', '--env-file', env, '--json'], { url: slow.url });
      expect(first.code, first.stderr).toBe(0);
      const oldId = json<{ tokenId: string }>(first).tokenId;
      const content = readFileSync(env, 'utf8');
      const child = spawnCli(['integration-keys', 'create', 'Alpha', '--env-file', env, '--rotate'], { url: slow.url });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
      child.stdout.resume();
      child.stdin.end();
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
      const creates = () => slow.mock.requests.filter((q) => q.operationName === 'CreateIntegrationInstanceToken').length;
      for (let i = 0; i < 400 && creates() < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(creates()).toBe(2);
      // While J1 is answering: the file becomes a directory (as root, permissions cannot stop a write).
      rmSync(env);
      mkdirSync(env);
      writeFileSync(join(env, 'keep'), '');
      expect(await closed).toBe(1);
      expect(err).toMatch(
        /error SECRET_NOT_STORED: could not write --env-file .*; the new key \S+ was revoked\. The file is unchanged and its key \S+ still works/,
      );
      expect(liveIntegration(slow, 'inst-alpha')).toEqual([oldId]);
      expect(err).not.toContain(/JUPITERONE_API_KEY=(\S+)/.exec(content)?.[1] ?? 'x');
    },
    SLOW,
  );
});
