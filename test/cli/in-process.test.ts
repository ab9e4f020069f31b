// `runCli` in-process (the code bundled into dist/cli.js), for the variants that need no process of
// their own and for what a piped child cannot show (a terminal's progress bar, the interrupt signal).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY, cliEnv, json, ROOT, runInProcess, SECRET_RE, type InProcessOptions } from './helpers.js';

let server: MockServer;
let dir: string;
const run = (args: readonly string[], options: InProcessOptions = {}) => runInProcess(args, { env: cliEnv(server.url), ...options });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'j1-cli-inproc-'));
  server = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    tokens: ['a', 'b', 'c'].map((name, i) => ({ id: `key-${i}`, name, policy: ALLOW_ALL })),
    integrationInstances: [{ id: 'instance-1' }, { id: 'unconfigured', configured: false }],
    groups: [
      {
        id: 'group-admins',
        name: 'Admins',
        description: 'admins',
        permissions: ['fullReadAccess', 'apiKeyUser'],
        queryPolicy: [],
      },
      { id: 'group-ops', name: 'Ops', permissions: [], queryPolicy: [{ _class: ['Host'] }] },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('usage errors (exit 2, nothing sent, values never echoed)', () => {
  it.each([
    [['create', '--name', 'x', '--allow', '--token=sk-very-secret-value'], 'unknown option --token'],
    [['create', '--name', 'x', '--allow', '--query-filter', 'novalue'], `"novalue" has no '='`],
    [['create', '--name', 'x', '--allow', '--query-filter', 'a=1;a=2'], 'a appears twice in one filter'],
    [['create', '--name', 'x', '--allow', '--query-filter', '_type='], 'empty item'],
    [['create', '--name', 'x', '--allow', 'a,,b'], '--allow: empty item'],
    [['create', '--name', 'x', '--policy', 'p.json', '--allow'], '--policy cannot be combined with --allow'],
    [['create', '--name', 'x', '--resources', 'r'], '--resources and --query-filter need --allow'],
    [['create', '--name', 'x'], 'missing policy: give --policy FILE|JSON|- or --allow'],
    [['create', '--name', '--allow'], 'option --name needs a value'],
    [['create', '--name', 'x', '--allow', '--force'], '--force only applies to --secret-file'],
    [['create', '--name', 'x', '--allow', '--expires-at', 'sk-very-secret-value'], 'option --expires-at needs an ISO 8601 date'],
    [['create', '--name', 'x', '--allow', '--expires-at', '30x'], 'or a duration (90m, 12h, 30d, 4w)'],
    [['create', '--name', 'x', '--allow', '--expires-at', '2031-02-30'], 'option --expires-at needs an ISO 8601 date'],
    [['create', '--name', 'x', '--allow', '--expires-at', '2001-01-01'], 'option --expires-at must be in the future'],
    [['create', '--name', 'x', '--allow', '--expires-at', '0m'], 'option --expires-at must be in the future'],
    [['rotate', 'key-0', '--expires-at', 'soon'], 'option --expires-at needs an ISO 8601 date'],
    [['create', '--name', 'x', '--allow', '--category', 'c', '--expires-at', '30d'], '--category and --expires-at cannot be combined'],
    [['list', '--type', 'bogus'], '--type must be one of ACCOUNT, RESOURCE, USER_API'],
    [['list', '--json=yes'], 'option --json takes no value'],
    [['list', '--region', 'eu', '--endpoint', 'https://x.example/'], '--region and --endpoint cannot be used together'],
    [['get'], 'missing ID'],
    [['get', 'a', 'b'], 'too many arguments'],
    [['revoke'], 'missing ID'],
    [['policy'], 'missing policy command (check, build)'],
    [['policy', 'chek', 'f'], 'unknown policy command "chek" (did you mean check?)'],
    [['groups', 'show'], 'missing GROUP'],
    [['mock-server', '--host', '0.0.0.0'], '--host must be a loopback address'],
    [['mock-server', '--port', '70000'], '--port must be a number from 0 to 65535'],
    [['list', '--api-key=sk-very-secret-value'], '--api-key is not supported'],
    [['--json'], 'missing command'],
    [['-x'], 'unknown option -x'],
    [['-v'], 'unknown option -v (did you mean --verbose or --version?)'],
    [['list', '--jsn'], 'unknown option --jsn (did you mean --json?)'],
    [['create', '--nam', 'x', '--allow'], 'unknown option --nam (did you mean --name?)'],
    [['create', '--user', '--name', 'x'], '--user needs --expires-at WHEN'],
    [['create', '--user', '--name', 'x', '--expires-at', '30d', '--allow'], '--user cannot be combined with --allow'],
    [['rate-limit', 'set', 'key-0', '--capacity', '0', '--window-seconds', '60'], '--capacity must be a whole number from 1 to 1000000'],
    [['rate-limit', 'set', 'key-0', '--capacity', '5'], 'missing --window-seconds'],
    [['groups', 'show', 'Engineers', '--id', 'g'], 'give the group once'],
  ])('%j → %s', async (args, message) => {
    const before = server.mock.requests.length;
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(`error USAGE: `);
    expect(result.stderr.split('\n')[0]).toContain(message);
    // One line, then where the help is: never the whole help text.
    expect(result.stderr).toMatch(
      /^error USAGE: [^\n]+\nRun 'j1-api-keys( [a-z-]+){0,2} --help' for (its usage|the list of commands)\.\n$/,
    );
    expect(result.stderr).not.toContain('sk-very-secret-value');
    expect(server.mock.requests.length).toBe(before);
  });
});

describe('help and version', () => {
  it('--version is the package version; help at every level on stdout with exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const main = await run(['--help']);
    expect(main.code).toBe(0);
    for (const name of [
      'create',
      'list',
      'get',
      'revoke',
      'rotate',
      'policy check',
      'policy build',
      'integration-keys create',
      'integration-keys list',
      'integration-keys revoke',
      'groups show',
      'groups enable-api-keys',
      'groups disable-api-keys',
      'mock-server',
      'demo',
    ]) {
      expect(main.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    }
    for (const args of [
      ['create', '--help'],
      ['help', 'create'],
      ['create', '--name', 'x', '-h'],
    ]) {
      const help = await run(args);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(/^Usage: j1-api-keys create --name NAME/);
      expect(help.stdout).toContain('KEY=V;KEY2=V2 inside ONE flag must all match (AND)');
      expect(help.stdout).toContain('secret, secretFile }');
      expect(help.stdout).toContain('--api-key-file PATH');
    }
    expect((await run(['groups', '--help'])).stdout).toMatch(/^Usage: j1-api-keys groups <command>[\s\S]*enable-api-keys/);
    expect((await run(['revoke', '--help'])).stdout).toContain('{ id, ok: false, error: { code, message } }');
    expect((await run(['bogus', '--help'])).code).toBe(2); // an unknown command stays an error
  });
});

describe('policy', () => {
  it('check: JSON report, syntax errors from stdin, --strict, inline JSON', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":[]}],"x":1}');
    const report = await run(['policy', 'check', bad, '--json']);
    expect(report.code).toBe(1);
    expect(json(report)).toEqual({
      valid: false,
      issues: [
        { path: 'permissions[0].resources', message: expect.any(String) },
        { path: 'x', message: expect.stringContaining('unknown key') },
      ],
    });
    const syntax = await run(['policy', 'check', '-'], { stdin: '{"permissions": [' });
    expect(syntax.code).toBe(1);
    expect(syntax.stdout).toMatch(/^invalid: 1 problem in stdin\n {2}\(root\): invalid JSON at line 1, column 18/);
    const custom = '{"permissions":[{"effect":"ALLOW","actions":["my:Action"],"resources":["*"]}]}';
    expect((await run(['policy', 'check', custom])).code).toBe(0);
    const strict = await run(['policy', 'check', custom, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('permissions[0].actions[0]: ');
    const valid = await run(['policy', 'check', custom, '--json']);
    expect(json(valid)).toEqual({
      valid: true,
      description: 'ALLOW my:Action on *',
      policy: JSON.parse(custom) as unknown,
    });
    const missing = await run(['policy', 'check', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error FILE_ERROR: cannot read policy file .*nope\.json \(ENOENT\)/);
  });

  it('build: --json shape, bare --allow, normalizing --policy', async () => {
    const built = await run(['policy', 'build', '--allow', '--query-filter', '_type=a', '--json']);
    const document = {
      permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'], condition: { queryFilters: [{ _type: ['a'] }] } }],
    };
    expect(json(built)).toEqual({
      policy: document,
      description: 'ALLOW * on * where (_type is a)',
      text: JSON.stringify(document),
    });
    const normalized = await run([
      'policy',
      'build',
      '--policy',
      '{"permissions":[{"resources":["*"],"actions":["*"],"effect":"ALLOW","condition":{"queryFilters":[{"_type":"a"}]}}]}',
    ]);
    expect(JSON.parse(normalized.stdout)).toEqual(document);
    expect(Object.keys((JSON.parse(normalized.stdout) as typeof document).permissions[0] ?? {})).toEqual([
      'effect',
      'actions',
      'resources',
      'condition',
    ]);
  });
});

describe('create', () => {
  it('from a file, stdin and inline JSON; an invalid policy is POLICY_INVALID with every path and nothing is sent', async () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, ALLOW_ALL);
    const fromFile = await run(['create', '--name', 'from-file', '--policy', file, '--json']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(server.mock.state.tokens.find((t) => t.name === 'from-file')?.policy).toBe(ALLOW_ALL); // sent as given
    const fromStdin = await run(['create', '--name', 'from-stdin', '--policy', '-', '--json'], { stdin: ALLOW_ALL });
    expect(json(fromStdin)).toMatchObject({ name: 'from-stdin', secret: expect.stringMatching(SECRET_RE) });
    const human = await run([
      'create',
      '--name',
      'human',
      '--policy',
      '{"permissions":[{"effect":"DENY","actions":["*"],"resources":["*"]}]}',
    ]);
    expect(human.stdout).toMatch(
      /^Created API key \S+\nid +\S+\nname +human\n[\s\S]*\npolicy +DENY \* on \*\n[\s\S]*Secret \(shown once.*\):\nj1_\S+\n$/,
    );

    const before = server.mock.requests.length;
    const invalid = await run(['create', '--name', 'bad', '--policy', '{"permissions":[{"effect":"allow","actions":[]}]}']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^error POLICY_INVALID: Invalid policy \(3 problems\):\n {2}- permissions\[0\]\.effect: [^\n]+\n {2}- permissions\[0\]\.actions: [^\n]+\n {2}- permissions\[0\]\.resources: /,
    );
    expect(server.mock.requests.length).toBe(before);
  });

  it('--secret-file refuses an existing file (before creating anything); --force replaces it with a fresh 0600 file', async () => {
    const path = join(dir, 'existing.key');
    writeFileSync(path, 'keep me', { mode: 0o644 });
    const refused = await run(['create', '--name', 'refused', '--allow', '--secret-file', path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error FILE_EXISTS: refusing to overwrite .*existing\.key.*--force/);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect(server.mock.state.tokens.some((t) => t.name === 'refused')).toBe(false);

    const forced = await run(['create', '--name', 'forced', '--allow', '--secret-file', path, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const secret = readFileSync(path, 'utf8');
    expect(secret).toMatch(SECRET_RE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(forced.stdout).not.toContain(secret);

    const noDir = await run(['create', '--name', 'nodir', '--allow', '--secret-file', join(dir, 'missing-dir', 'k')]);
    expect(noDir.code).toBe(1);
    expect(noDir.stderr).toMatch(/^error FILE_ERROR: cannot create --secret-file .* \(ENOENT\); no key was created/);
    expect(server.mock.state.tokens.some((t) => t.name === 'nodir')).toBe(false);
  });
});

describe('create --expires-at', () => {
  it('takes a duration or an ISO 8601 date and creates an expiring account key; rotate keeps or sets the expiry', async () => {
    const before = Date.now();
    const relative = json<{ expiresAt: string; category: string | null }>(
      await run(['create', '--name', 'thirty-days', '--allow', '--expires-at', '30d', '--json']),
    );
    const expires = Date.parse(relative.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
    expect(relative.category).toBeNull();
    expect(server.mock.requests.at(-1)?.operationName).toBe('CreateExpiringToken');

    const absolute = json<{ expiresAt: string }>(
      await run(['create', '--name', 'new-year', '--allow', '--expires-at', '2031-01-31T12:00:00Z', '--json']),
    );
    expect(absolute.expiresAt).toBe('2031-01-31T12:00:00.000Z');
    expect(server.mock.state.tokens.find((t) => t.name === 'new-year')).toMatchObject({
      type: 'ACCOUNT',
      expiresAt: Date.UTC(2031, 0, 31, 12),
    });

    const liveNewYear = () => server.mock.state.tokens.filter((t) => t.name === 'new-year' && !t.revoked).map((t) => t.id);
    const kept = json<{ token: { expiresAt: string } }>(await run(['rotate', liveNewYear()[0] ?? '', '--json']));
    expect(kept.token.expiresAt).toBe('2031-01-31T12:00:00.000Z');
    const set = json<{ token: { expiresAt: string } }>(
      await run(['rotate', liveNewYear()[0] ?? '', '--expires-at', '2032-02-29', '--json']),
    );
    expect(set.token.expiresAt).toBe('2032-02-29T00:00:00.000Z');
    expect(liveNewYear()).toHaveLength(1);
  });
});

describe('--secret-file on rotate and integration-keys create', () => {
  it('writes the new secret (0600) instead of printing it; rotate then revokes the old key', async () => {
    const made = json<{ id: string }>(await run(['create', '--name', 'rotate-me', '--category', 'ops', '--allow', '--json']));
    const rotatedPath = join(dir, 'rotated.key');
    const rotated = await run(['rotate', made.id, '--secret-file', rotatedPath]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const secret = readFileSync(rotatedPath, 'utf8');
    expect(secret).toMatch(new RegExp(`^${SECRET_RE.source}$`));
    expect(statSync(rotatedPath).mode & 0o777).toBe(0o600);
    expect(rotated.stdout).toMatch(new RegExp(`^Rotated ${made.id} -> \\S+\n`));
    expect(rotated.stdout).toContain(`Secret written to ${rotatedPath} (mode 0600). It is not shown here.`);
    expect(rotated.stdout).not.toContain(secret);
    expect(server.mock.state.tokens.find((t) => t.id === made.id)?.revoked).toBe(true);
    expect(server.mock.state.tokens.find((t) => t.name === 'rotate-me' && !t.revoked)?.category).toBe('ops');

    const keyPath = join(dir, 'integration.key');
    const created = await run(['integration-keys', 'create', 'instance-1', '--secret-file', keyPath, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const body = json<{ tokenId: string; secret: null; secretFile: string }>(created);
    expect(body).toMatchObject({ secret: null, secretFile: keyPath });
    expect(readFileSync(keyPath, 'utf8')).toMatch(SECRET_RE);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(created.stdout).not.toContain(readFileSync(keyPath, 'utf8'));

    // A failed rotation leaves no file behind and the old key alive.
    const failedPath = join(dir, 'failed.key');
    const failed = await run(['rotate', 'no-such-key', '--secret-file', failedPath]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error NOT_FOUND: /);
    expect(() => statSync(failedPath)).toThrow();
  });
});

describe('reading', () => {
  it('list (aligned table, empty type), get (human), integration-keys list, groups list/show/disable', async () => {
    const table = await run(['list']);
    expect(table.stdout).toMatch(/^ID +NAME +CATEGORY +STATUS +CREATED +EXPIRES +POLICY\n/);
    const lines = table.stdout.trimEnd().split('\n');
    const nameAt = lines[0]?.indexOf('NAME') ?? -1;
    for (const [id, name] of [
      ['key-0', 'a'],
      ['key-1', 'b'],
      ['key-2', 'c'],
    ]) {
      expect(lines.find((l) => l.startsWith(`${id} `))?.slice(nameAt)).toMatch(new RegExp(`^${name} +-  +(active|revoked) `));
    }
    expect(await run(['list', '--type', 'user_api'])).toEqual({
      code: 0,
      stdout: 'No USER_API API keys.\n',
      stderr: '',
    });
    expect((await run(['get', 'key-0'])).stdout).toMatch(
      /^id +key-0\nname +a\ncategory +-\nstatus +\w+\ncreated +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\nexpires .*\npolicy +ALLOW \* on \*\ndocument +\{/,
    );

    const created = json<{ tokenId: string }>(await run(['integration-keys', 'create', 'instance-1', '--json']));
    const keys = await run(['integration-keys', 'list', 'instance-1']);
    expect(keys.stdout).toMatch(new RegExp(`^TOKEN ID +CREATED +EXPIRES\\n${created.tokenId}  \\d{4}-`));
    const unknownKey = await run(['integration-keys', 'revoke', 'no-such-token']);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr).toMatch(/^error NOT_FOUND: revoking the integration key failed: /);
    const unconfigured = await run(['integration-keys', 'create', 'unconfigured']);
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toMatch(/^error BAD_USER_INPUT: /);

    expect(json(await run(['groups', 'list', '--json']))).toEqual([
      {
        id: 'group-admins',
        name: 'Admins',
        description: 'admins',
        status: 'ACTIVE',
        permissions: ['fullReadAccess', 'apiKeyUser'],
        queryPolicy: [],
        apiKeyAccess: true,
      },
      {
        id: 'group-ops',
        name: 'Ops',
        description: null,
        status: 'ACTIVE',
        permissions: [],
        queryPolicy: [{ _class: ['Host'] }],
        apiKeyAccess: false,
      },
    ]);
    expect((await run(['groups', 'show', 'Ops'])).stdout).toMatch(
      /^api key access +no\npermissions +\(none\)\nquery policy +\[\{"_class":\["Host"\]\}\]$/m,
    );
    const disabled = await run(['groups', 'disable-api-keys', 'Admins', '--json']);
    expect(json(disabled)).toMatchObject({
      changed: true,
      group: { permissions: ['fullReadAccess'], apiKeyAccess: false },
    });
    const again = await run(['groups', 'disable-api-keys', 'group-admins']);
    expect(again.stdout).toBe('User API key access was already disabled for group Admins (group-admins); nothing changed.\n');
    const missing = await run(['groups', 'show', 'Nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error NOT_FOUND: /);
  });
});

describe('configuration', () => {
  it('missing key or account, wrong account (401), unsafe endpoint: exit 1, CONFIGURATION / UNAUTHENTICATED, key never shown', async () => {
    const noKey = await runInProcess(['list'], { env: { JUPITERONE_ACCOUNT_ID: ACCOUNT_ID } });
    expect(noKey).toMatchObject({
      code: 1,
      stderr: 'error CONFIGURATION: Missing API key. Fix: set JUPITERONE_API_KEY, or pass --api-key-file PATH\n',
    });
    const noAccount = await runInProcess(['list'], { env: { JUPITERONE_API_KEY: API_KEY } });
    expect(noAccount.stderr).toMatch(/^error CONFIGURATION: Missing account id\. Fix: set JUPITERONE_ACCOUNT_ID .*--account ID/);
    const wrong = await run(['list', '--account', 'someone-else']); // --account beats the env
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error UNAUTHENTICATED: /);
    const unsafe = await run(['list', '--endpoint', 'http://example.com/']);
    expect(unsafe.stderr).toMatch(/^error CONFIGURATION: endpoint uses http: on a non-loopback host/);
    const empty = join(dir, 'empty.key');
    writeFileSync(empty, '\n');
    expect((await run(['list', '--api-key-file', empty])).stderr).toMatch(/^error CONFIGURATION: --api-key-file .* is empty/);
  });
});

describe('terminal and signals', () => {
  it('revoke draws a progress bar on stderr (and clears it) only when stderr is a terminal', async () => {
    const tty = await run(['revoke', 'key-0', 'missing', 'key-1'], { stderrIsTTY: true });
    expect(tty.code).toBe(1);
    // eslint-disable-next-line no-control-regex -- the progress bar's erase-line escape is the point
    expect(tty.stderr).toMatch(/\rrevoking \[[#-]{24}\] 3\/3, 1 failed\u001b\[K/);
    expect(tty.stderr).toContain('\r\u001b[K');
    expect(tty.stderr).toContain('error NOT_FOUND: revoke missing: ');
    expect(tty.stdout).not.toContain('\r');

    const pipe = await run(['revoke', 'key-2']);
    expect(pipe).toMatchObject({ code: 0, stderr: '' });
    expect(pipe.stdout).toMatch(/^ID\s+NAME\s+RESULT\nkey-2\s+c\s+revoked\n$/);
  });

  it('an aborted interrupt signal stops the call: exit 130 (SIGINT) / 143 (SIGTERM)', async () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const controller = new AbortController();
      controller.abort(signal);
      const result = await run(['list'], { signal: controller.signal });
      expect(result).toEqual({ code, stdout: '', stderr: `interrupted (${signal})\n` });
    }
    // Also while waiting for a policy on stdin that never comes.
    const controller = new AbortController();
    const { runCli } = await import('../../src/cli/run.js');
    let stderr = '';
    const pending = runCli(['policy', 'check', '-'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: { [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<string>>(() => undefined) }) },
      env: {},
      isTTY: { stdin: false, stdout: false, stderr: false },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort('SIGINT'), 20);
    expect(await pending).toBe(130);
    expect(stderr).toBe('interrupted (SIGINT)\n');
  });

  it('Ctrl-C during a create whose cleanup cannot revoke the key still reports the live key', async () => {
    const slow = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID, latencyMs: 300 });
    try {
      const { runCli } = await import('../../src/cli/run.js');
      const realFetch = globalThis.fetch;
      const failingRevoke: typeof fetch = (input, init) =>
        typeof init?.body === 'string' && init.body.includes('"operationName":"RevokeToken"')
          ? Promise.resolve(new Response('Internal Server Error', { status: 500 }))
          : realFetch(input, init);
      globalThis.fetch = failingRevoke;
      const controller = new AbortController();
      setTimeout(() => controller.abort('SIGINT'), 100); // J1 has already acted on the create
      let stderr = '';
      const code = await runCli(['create', '--name', 'ctrl-c', '--allow'], {
        stdout: { write: () => true },
        stderr: { write: (s: string) => (stderr += s) },
        stdin: { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }) },
        env: cliEnv(slow.url),
        isTTY: { stdin: false, stdout: false, stderr: false },
        signal: controller.signal,
      }).finally(() => (globalThis.fetch = realFetch));
      const live = slow.mock.state.tokens.filter((t) => !t.revoked).map((t) => t.id);
      expect(code).toBe(130);
      expect(live).toHaveLength(1);
      expect(stderr).toMatch(/^error AMBIGUOUS_CREATE: .*could not revoke /);
      expect(stderr).toContain(live[0]);
      expect(stderr.endsWith('interrupted (SIGINT)\n')).toBe(true);
    } finally {
      await slow.close();
    }
  });
});

describe('mock-server (in-process, stopped through the interrupt signal)', () => {
  it('serves the seeded key, groups and integration instance with the printed environment, then stops with exit 0', async () => {
    const controller = new AbortController();
    let stdout = '';
    let stderr = '';
    const { runCli } = await import('../../src/cli/run.js');
    let printed!: () => void;
    const ready = new Promise<void>((resolve) => (printed = resolve));
    const running = runCli(['mock-server', '--json'], {
      stdout: { write: (s: string) => ((stdout += s), printed()) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from([]),
      env: {},
      isTTY: { stdin: false, stdout: false, stderr: false },
      signal: controller.signal,
    });
    await ready;
    const info = JSON.parse(stdout) as {
      url: string;
      env: Record<string, string>;
      seeded: Record<string, { id: string }[]>;
    };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(info.env).toEqual({
      JUPITERONE_BASE_URL: info.url,
      JUPITERONE_API_KEY: 'j1-mock-api-key',
      JUPITERONE_ACCOUNT_ID: 'j1-mock-account',
    });
    const env = { env: info.env };
    const [token] = info.seeded['tokens'] ?? [];
    expect((await runInProcess(['get', token?.id ?? '', '--json'], env)).code).toBe(0);
    expect(json(await runInProcess(['groups', 'show', 'Engineers', '--json'], env))).toMatchObject({
      apiKeyAccess: false,
    });
    expect(json(await runInProcess(['groups', 'enable-api-keys', 'Engineers', '--json'], env))).toMatchObject({
      changed: true,
    });
    const key = await runInProcess(['integration-keys', 'create', info.seeded['integrationInstances']?.[0]?.id ?? '', '--json'], env);
    expect(key.code, key.stderr).toBe(0);
    expect(stderr).toBe('');

    controller.abort('SIGINT');
    expect(await running).toBe(0);
    expect(stderr).toBe('mock-server: SIGINT received, stopping\nmock-server: stopped\n');
    await expect(fetch(info.url, { method: 'POST' })).rejects.toThrow();
  });
});
