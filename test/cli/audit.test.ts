// `audit` and `expiring` end to end: the BUILT CLI as child processes against `mock-server` (its
// own child process, with its realistic seed), as a CI job would run them.
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, json, requireBuiltCli, SECRET_RE, spawnCli, waitForOutput, type CliResult } from './helpers.js';

const SLOW = 45_000;
const OPS = '00000000-0000-4000-8000-000000000001';
const LEGACY = '00000000-0000-4000-8000-000000000003';
const REVOKED = '00000000-0000-4000-8000-000000000004';
const BOB = '00000000-0000-4000-8000-000000000007';
const EXPIRING = '00000000-0000-4000-8000-000000000005';

/** The seeded offenders of { maxAgeDays: 90, requireExpiry: true, forbidFullAccess: true } (see mockSeed). */
const OFFENDERS = [
  `error requireExpiry ${OPS}`,
  `error forbidFullAccess ${OPS}`,
  `error maxAgeDays ${LEGACY}`,
  `error maxAgeDays ${BOB}`,
  'error requireExpiry mock-int-github-1',
];

let child: ReturnType<typeof spawnCli> | undefined;
let env: Record<string, string> = {};
let dir = '';
const rulesFile = (name: string, rules: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(rules));
  return path;
};
const run = (args: readonly string[]): Promise<CliResult> => cli(args, { env });

interface AuditJson {
  keys: { id: string; kind: string; name: string | null; usage?: { status: string } }[];
  findings: { rule: string; severity: string; keyId: string; keyName: string | null; message: string }[];
  problems: unknown[];
}
const findingsOf = (r: CliResult) => json<AuditJson>(r).findings.map((f) => `${f.severity} ${f.rule} ${f.keyId}`);

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'j1-audit-test-'));
  child = spawnCli(['mock-server', '--json'], { env: {} });
  const line = await waitForOutput(child.stdout, /\n/);
  env = (JSON.parse(line) as { env: Record<string, string> }).env;
}, SLOW);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('audit against mock-server', () => {
  it(
    '--rules with maxAgeDays/requireExpiry/forbidFullAccess lists exactly the seeded offenders and exits 1',
    async () => {
      const rules = rulesFile('strict.json', { maxAgeDays: 90, requireExpiry: true, forbidFullAccess: true });
      const result = await run(['audit', '--rules', rules, '--json']);
      expect(result.code, result.stderr).toBe(1);
      expect(findingsOf(result)).toEqual(OFFENDERS);
      const body = json<AuditJson>(result);
      expect(Object.keys(body)).toEqual(['keys', 'findings', 'problems']);
      expect(body.problems).toEqual([]);
      expect(new Set(body.keys.map((k) => k.kind))).toEqual(new Set(['account', 'user', 'integration']));
      expect(body.keys.map((k) => k.id)).not.toContain(REVOKED);
      for (const f of body.findings) expect(f.message).toMatch(/Fix: /);
    },
    SLOW,
  );

  it(
    'without offenders (they are ignored) it exits 0; the baseline alone is warnings and exits 0 too',
    async () => {
      const rules = rulesFile('ignored.json', {
        maxAgeDays: 90,
        requireExpiry: true,
        forbidFullAccess: true,
        ignore: [OPS, 'legacy-*', 'notebook', 'mock-int-github-1'],
      });
      const clean = await run(['audit', '--rules', rules, '--format', 'json']);
      expect(clean.code, clean.stderr).toBe(0);
      expect(json<AuditJson>(clean).findings).toEqual([]);
      const baseline = await run(['audit', '--json']);
      expect(baseline.code, baseline.stderr).toBe(0);
      expect(findingsOf(baseline).every((f) => f.startsWith('warning '))).toBe(true);
      expect(findingsOf(baseline).length).toBeGreaterThan(0);
      const strict = await run(['audit', '--fail-on', 'warning', '--json']);
      expect(strict.code).toBe(1);
    },
    SLOW,
  );

  it(
    '--format table shows the findings beside each key, then each message',
    async () => {
      const result = await run(['audit', '--rules', rulesFile('t.json', { maxAgeDays: 90 })]);
      expect(result.code).toBe(1);
      const legacyRow = result.stdout.split('\n').find((l) => l.includes(LEGACY));
      expect(legacyRow).toMatch(/legacy-deploy .*200d .*error maxAgeDays$/);
      expect(result.stdout).toMatch(/^Findings:\n {2}error {3}maxAgeDays {9}Account key "legacy-deploy"/m);
      expect(result.stdout).toMatch(/\n8 keys, 2 errors, 0 warnings\n$/);
      expect(result.stderr).toBe('');
    },
    SLOW,
  );

  it(
    '--format csv: a header and one RFC 4180 row per key, findings in the last column',
    async () => {
      const result = await run(['audit', '--rules', rulesFile('c.json', { forbidFullAccess: true }), '--format', 'csv']);
      expect(result.code).toBe(1);
      const lines = result.stdout.split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe(
        'kind,id,name,ownerEmail,ownerUsername,integrationInstance,createdAt,expiresAt,revoked,ageDays,fullAccess,policySummary,rateLimit,usage,findings',
      );
      expect(lines).toHaveLength(9);
      const ops = lines.find((l) => l.startsWith(`account,${OPS},`));
      expect(ops).toMatch(/,true,ALLOW \* on \*,,,"error forbidFullAccess: Account key ""ops-existing-key"" .*"$/);
      expect(lines.find((l) => l.includes('notebook'))).toContain(',bob@example.com,bob,');
    },
    SLOW,
  );

  it(
    '--format markdown: a job summary with the verdict, findings and keys',
    async () => {
      const result = await run(['audit', '--rules', rulesFile('m.json', { maxAgeDays: 90 }), '--format', 'markdown']);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^## JupiterOne API key audit\n\n❌ 8 keys, 2 errors, 0 warnings \(fails on error\)\n/);
      expect(result.stdout).toContain('| severity | rule | key | what to do |');
      expect(result.stdout).toMatch(/\| error \| maxAgeDays \| legacy-deploy \| Account key "legacy-deploy" .* Fix: .* \|\n/);
      expect(result.stdout).toContain(`| account | \`${OPS}\` | ops-existing-key |`);
      const clean = await run(['audit', '--format', 'markdown']);
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/^## JupiterOne API key audit\n\n✅ /);
    },
    SLOW,
  );

  it(
    '--usage reads slices per key: known for most, unknown (refused) for the AWS integration key; unusedForDays implies it',
    async () => {
      const result = await run(['audit', '--usage', '--json', '--include', 'integration']);
      const keys = json<AuditJson>(result).keys;
      expect(keys.map((k) => [k.id, k.usage?.status])).toEqual([
        ['mock-int-github-1', 'known'],
        ['mock-int-aws-1', 'unknown'],
      ]);
      const unused = await run(['audit', '--rules', rulesFile('u.json', { unusedForDays: 20 }), '--json', '--include', 'account']);
      const body = json<AuditJson>(unused);
      expect(body.keys.every((k) => k.usage !== undefined)).toBe(true);
      // ci-github-reader was used yesterday; the others not in the 30-day window (ops-existing-key is 1 day old).
      expect(body.findings.map((f) => f.keyName)).toEqual(['reporting-export', 'legacy-deploy']);
    },
    SLOW,
  );

  it(
    'usage errors exit 2 with the help; a bad rules file exits 1 with every path',
    async () => {
      for (const args of [
        ['audit', '--format', 'xml'],
        ['audit', '--fail-on', 'fatal'],
        ['audit', '--json', '--format', 'csv'],
        ['audit', '--include', 'robots'],
        ['audit', 'extra'],
        ['expiring', '--within', 'soon'],
      ]) {
        const result = await run(args);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr).toMatch(/^error USAGE: /);
        expect(result.stdout).toBe('');
      }
      const bad = await run(['audit', '--rules', rulesFile('bad.json', { maxAgeDays: -3, requireExpiry: 'yes' })]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/maxAgeDays\.days: must be 0 or more/);
      expect(bad.stderr).toMatch(/requireExpiry: must be true, false/);
      const missing = await run(['audit', '--rules', join(dir, 'nope.json')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^error RULES_FILE: cannot read --rules .*ENOENT/);
    },
    SLOW,
  );

  it(
    'expiring --within 14d lists the live keys that expire soon, soonest first',
    async () => {
      const result = await run(['expiring', '--within', '14d', '--json']);
      expect(result.code, result.stderr).toBe(0);
      const body = json<{ keys: { id: string; expiresInDays: number }[]; problems: unknown[] }>(result);
      expect(body.keys.map((k) => [k.id, k.expiresInDays])).toEqual([
        [EXPIRING, 7],
        [BOB, 10],
      ]);
      const table = await run(['expiring', '--within', '8d']);
      expect(table.stdout).toContain('reporting-export');
      expect(table.stdout).not.toContain('notebook');
      expect((await run(['expiring', '--within', '2w', '--fail-if-any'])).code).toBe(1);
      expect((await run(['expiring', '--within', '1h', '--fail-if-any'])).code).toBe(0);
    },
    SLOW,
  );
});

// After the block above: it adds keys to the shared mock, which would change its exact findings.
describe('audit output', () => {
  it(
    'never prints a secret: keys created with secrets are audited without them',
    async () => {
      const created = await run(['create', '--name', 'audit-secret-probe', '--allow', '--json']);
      expect(created.code, created.stderr).toBe(0);
      const secret = json<{ secret: string }>(created).secret;
      expect(secret).toMatch(SECRET_RE);
      const integration = await run(['integration-keys', 'create', 'mock-instance-aws', '--json']);
      const token = json<{ secret: string }>(integration).secret;
      expect(token).toMatch(SECRET_RE);
      for (const format of ['json', 'table', 'csv', 'markdown']) {
        const result = await run(['audit', '--usage', '--format', format]);
        expect(result.stdout).toContain('audit-secret-probe');
        expect(result.stdout + result.stderr).not.toContain(secret);
        expect(result.stdout + result.stderr).not.toContain(token);
        expect(result.stdout + result.stderr).not.toMatch(SECRET_RE);
      }
    },
    SLOW,
  );
});
