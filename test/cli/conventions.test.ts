// CLI conventions (issue 19; `gh`, `stripe` and `aws` as the reference), each proven on the BUILT
// CLI as a child process: bare command → help, one-line usage errors, unknown options with a
// did-you-mean, `--version --json`, CLI words in messages (SDK words only with --verbose),
// `revoke -`, the Ctrl-C summary line, progress under TERM=dumb / NO_COLOR (in a pseudo-terminal
// from util-linux `script`), `rate-limit get|set|clear` and `create --user`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY, CLI, cli, cliEnv, json, ROOT, SECRET_RE, seeded, spawnCli, useBuiltCli } from './helpers.js';

const fixture = useBuiltCli();
const run = fixture.run;
const SLOW = 45_000;
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** Runs the built CLI inside a pseudo-terminal (`script -qec`), so stdout and stderr are a TTY. */
function inTerminal(args: readonly string[], env: Record<string, string>): Promise<string> {
  const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolveOutput, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(timer);
      resolveOutput(out);
    });
  });
}

describe.concurrent('CLI conventions (built)', () => {
  it('bare j1-api-keys prints the help on stdout and exits 0', async () => {
    const bare = await run([]);
    expect(bare).toMatchObject({ code: 0, stderr: '' });
    expect(bare.stdout).toMatch(/^j1-api-keys \d+\.\d+\.\d+: manage JupiterOne API keys\.\n\nUsage: j1-api-keys <command>/);
    expect(bare.stdout).toMatch(/^ {2}rate-limit set +Set a key's own rate limit$/m);
  });

  it('a usage error prints one line plus where the help is, never the whole help', async () => {
    const [missing, subcommand, noCommand] = await Promise.all([run(['get']), run(['policy', 'chek']), run(['--json'])]);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: "error USAGE: missing ID\nRun 'j1-api-keys get --help' for its usage.\n" });
    expect(subcommand.stderr).toBe(
      `error USAGE: unknown policy command "chek" (did you mean check?)\nRun 'j1-api-keys policy --help' for its usage.\n`,
    );
    expect(noCommand.stderr).toBe("error USAGE: missing command\nRun 'j1-api-keys --help' for the list of commands.\n");
  });

  it('unknown options say "unknown option" with a did-you-mean, not "missing command"', async () => {
    const [x, v, typo, inCommand] = await Promise.all([
      run(['-x']),
      run(['-v']),
      run(['--jsno', 'list']),
      run(['list', '--tpye', 'USER_API']),
    ]);
    for (const r of [x, v, typo, inCommand]) expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(x.stderr).toBe("error USAGE: unknown option -x\nRun 'j1-api-keys --help' for the list of commands.\n");
    expect(v.stderr.split('\n')[0]).toBe('error USAGE: unknown option -v (did you mean --verbose or --version?)');
    expect(typo.stderr.split('\n')[0]).toBe('error USAGE: unknown option --jsno (did you mean --json?)');
    expect(inCommand.stderr).toBe(
      "error USAGE: unknown option --tpye (did you mean --type?)\nRun 'j1-api-keys list --help' for its usage.\n",
    );
  });

  it('--version --json prints JSON; --version alone the bare version', async () => {
    const [asJson, plain, inCommand] = await Promise.all([
      run(['--version', '--json']),
      run(['--version']),
      run(['list', '--version', '--json']),
    ]);
    expect(JSON.parse(asJson.stdout)).toEqual({ name: 'j1-api-keys', version, node: expect.stringMatching(/^v\d+\./) as unknown });
    expect(JSON.parse(inCommand.stdout)).toMatchObject({ version });
    expect(plain).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it(
    'messages use CLI words (--strict, --id, what the CLI was doing); --verbose keeps the SDK words',
    async () => {
      const strictPolicy = '{"permissions":[{"effect":"ALLOW","actions":["query:ReadGrphData"],"resources":["*"]}]}';
      const [strict, missingKey, verbose, noGroup] = await Promise.all([
        run(['policy', 'build', '--allow', 'query:ReadGrphData', '--strict']),
        run(['get', 'no-such-key']),
        run(['get', 'no-such-key', '--verbose']),
        run(['groups', 'show', '--name', 'Nobody']),
      ]);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain('validate without --strict to allow any action');
      expect(strict.stderr).not.toContain('{ strict');
      expect(missingKey.stderr).toMatch(/^error NOT_FOUND: reading the key failed: /);
      expect(missingKey.stderr).not.toMatch(/GetToken/);
      expect(verbose.stderr).toMatch(/^error NOT_FOUND: GetToken failed: /);
      expect(noGroup.code).toBe(1);
      expect(noGroup.stderr).toContain('or pass --id ID');
      expect(noGroup.stderr).not.toContain('{ id }');
      expect(noGroup.stderr).not.toMatch(/ListIamGroups|GetIamGroup/);
      // policy check reports the same words
      const checked = await run(['policy', 'check', strictPolicy, '--strict']);
      expect(checked.stdout + checked.stderr).not.toContain('{ strict');
    },
    SLOW,
  );

  it(
    'revoke - reads the ids from stdin, one per line (blank lines and # comments skipped)',
    async () => {
      const ids = ['stdin-a', 'stdin-b', 'stdin-c'];
      const server = await startMockServer({
        apiKey: API_KEY,
        accountId: ACCOUNT_ID,
        tokens: ids.map((id) => ({ id, name: id, policy: ALLOW_ALL })),
      });
      try {
        const result = await cli(['revoke', '-', '--json'], {
          url: server.url,
          stdin: `stdin-a\n\n# a comment\n  stdin-b  \r\nstdin-c\nstdin-a\n`,
        });
        expect(result.code, result.stderr).toBe(0);
        expect(json<{ id: string; ok: boolean }[]>(result).map((r) => [r.id, r.ok])).toEqual(ids.map((id) => [id, true]));
        expect(server.mock.state.tokens.every((t) => t.revoked)).toBe(true);
        const empty = await cli(['revoke', '-'], { url: server.url, stdin: '\n# nothing\n' });
        expect(empty.code).toBe(2);
        expect(empty.stderr.split('\n')[0]).toBe('error USAGE: missing ID (stdin held no ids)');
      } finally {
        await server.close();
      }
    },
    SLOW,
  );

  it(
    'Ctrl-C during a bulk revoke prints one summary line, and --json tells which ids were not attempted',
    async () => {
      const total = 300;
      const ids = Array.from({ length: total }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
      const server = await startMockServer({
        apiKey: API_KEY,
        accountId: ACCOUNT_ID,
        latencyMs: 40,
        tokens: ids.map((id) => ({ id, name: id, policy: ALLOW_ALL })),
      });
      try {
        const child = spawnCli(['revoke', '-', '--json'], { url: server.url });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.stdin.end(ids.join('\n'));
        const revokes = (): number => server.mock.requests.filter((r) => r.operationName === 'RevokeToken').length;
        for (let i = 0; i < 400 && revokes() < 20; i++) await new Promise((r) => setTimeout(r, 25));
        expect(revokes()).toBeGreaterThanOrEqual(20);
        child.kill('SIGINT');
        const code = await new Promise<number | null>((r) => child.once('close', r));
        expect(code).toBe(130);
        expect(stderr).not.toContain(API_KEY);
        const lines = stderr.trimEnd().split('\n');
        expect(lines, stderr).toHaveLength(1); // one summary line, not one error line per id
        const match = /^interrupted: (\d+) revoked, (\d+) not attempted, (\d+) in flight — see --json$/.exec(lines[0] ?? '');
        expect(match, stderr).not.toBeNull();
        const [revoked, notAttempted, inFlight] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
        expect(revoked + notAttempted + inFlight).toBe(total);
        expect(revoked).toBeGreaterThanOrEqual(16);
        expect(notAttempted).toBeGreaterThan(0);
        const report = JSON.parse(stdout) as { id: string; ok: boolean; interrupted?: string }[];
        expect(report.filter((r) => r.ok)).toHaveLength(revoked);
        expect(report.filter((r) => r.interrupted === 'not-attempted')).toHaveLength(notAttempted);
        expect(report.filter((r) => r.interrupted === 'in-flight')).toHaveLength(inFlight);
        // What the summary claims is what J1 saw: not-attempted keys were never sent and still work.
        const state = new Map(server.mock.state.tokens.map((t) => [t.id, t.revoked]));
        for (const r of report) {
          if (r.ok) expect(state.get(r.id)).toBe(true);
          if (r.interrupted === 'not-attempted') expect(state.get(r.id)).toBe(false);
        }
        // An in-flight request may still have been on its way when the process died: J1 saw at
        // most revoked + in flight revokes, and at least the confirmed ones.
        expect(revokes()).toBeGreaterThanOrEqual(revoked);
        expect(revokes()).toBeLessThanOrEqual(revoked + inFlight);
      } finally {
        await server.close();
      }
    },
    SLOW,
  );

  it(
    'the progress bar is drawn on a terminal, not with TERM=dumb, and without escape sequences under NO_COLOR',
    async () => {
      const env = { ...cliEnv(fixture.server.url), TERM: 'xterm-256color' };
      const [drawn, dumb, noColor] = await Promise.all([
        inTerminal(['revoke', 'no-such-a', seeded(2)], env),
        inTerminal(['revoke', 'no-such-b', seeded(2)], { ...env, TERM: 'dumb' }),
        inTerminal(['revoke', 'no-such-c', seeded(2)], { ...env, NO_COLOR: '1' }),
      ]);
      // eslint-disable-next-line no-control-regex -- the erase-line escape is the point
      expect(drawn).toMatch(/\rrevoking \[#{24}\] 2\/2, 1 failed\u001b\[K/);
      expect(dumb).toContain('error NOT_FOUND: revoke no-such-b');
      expect(dumb).not.toContain('revoking [');
      expect(dumb).not.toContain('\u001b');
      expect(noColor).toMatch(/\rrevoking \[#{24}\] 2\/2, 1 failed/);
      expect(noColor).not.toContain('\u001b');
      for (const out of [drawn, dumb, noColor]) expect(out).not.toContain(API_KEY);
    },
    SLOW,
  );

  it(
    'rate-limit get | set | clear KEY_ID, with --json',
    async () => {
      const id = seeded(3);
      const before = await run(['rate-limit', 'get', id, '--json']);
      expect(json(before)).toEqual({ id, rateLimit: null });
      const set = await run(['rate-limit', 'set', id, '--capacity', '100', '--window-seconds', '60', '--json']);
      expect(json(set)).toEqual({ id, rateLimit: { capacity: 100, windowSeconds: 60 } });
      expect(fixture.server.mock.state.rateLimits).toContainEqual({ tokenId: id, invocationCapacity: 100, invocationWindowSeconds: 60 });
      const human = await run(['rate-limit', 'get', id]);
      expect(human.stdout).toMatch(/^rate limit +100 per 60 s$/m);
      const cleared = await run(['rate-limit', 'clear', id, '--json']);
      expect(json(cleared)).toEqual({ id, rateLimit: null });
      expect(fixture.server.mock.state.rateLimits.some((r) => r.tokenId === id)).toBe(false);
      const bad = await run(['rate-limit', 'set', id, '--capacity', 'lots', '--window-seconds', '60']);
      expect(bad.stderr.split('\n')[0]).toBe('error USAGE: --capacity must be a whole number from 1 to 1000000');
    },
    SLOW,
  );

  it(
    'create --user makes a user-level key of the calling user (expiry required, no policy)',
    async () => {
      const created = await run(['create', '--user', '--name', 'laptop-key', '--expires-at', '30d', '--json']);
      expect(created.code, created.stderr).toBe(0);
      const body = json<{ id: string; secret: string; expiresAt: string }>(created);
      expect(body.secret).toMatch(SECRET_RE);
      const state = fixture.server.mock.state.tokens.find((t) => t.id === body.id);
      expect(state).toMatchObject({ type: 'USER_API', name: 'laptop-key', policy: null });
      expect(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 30 * 86_400_000))).toBeLessThan(120_000);
      expect(fixture.server.mock.requests.filter((r) => r.operationName === 'CreateCurrentUserToken').length).toBeGreaterThanOrEqual(1);
    },
    SLOW,
  );
});
