// The built CLI: offline policy commands, usage errors (exit 2), --help and --version.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, API_KEY, cli, json, requireBuiltCli, ROOT } from './helpers.js';

let server: MockServer;
let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'j1-cli-test-'));
  server = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID });
});

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('policy check', () => {
  it('describes a valid policy (exit 0) and lists every issue with its path for an invalid one (exit 1)', async () => {
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":"github_repo"}]}}]}');
    writeFileSync(bad, '{"permissions":[{"effect":"allow","actions":[],"resources":["*"],"condition":{"queryFilters":[{"_type":[]}]}}],"extra":1}');
    const [valid, invalid, invalidJson, syntax] = await Promise.all([
      cli(['policy', 'check', good]),
      cli(['policy', 'check', bad]),
      cli(['policy', 'check', bad, '--json']),
      cli(['policy', 'check', '-'], { stdin: '{"permissions": [' }),
    ]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe('valid: ALLOW * on * where (_type is github_repo)\n');

    expect(invalid.code).toBe(1);
    expect(invalid.stdout.split('\n')).toEqual([
      `invalid: 4 problems in ${bad}`,
      expect.stringMatching(/^ {2}permissions\[0\]\.effect: .*ALLOW/),
      expect.stringMatching(/^ {2}permissions\[0\]\.actions: /),
      expect.stringMatching(/^ {2}permissions\[0\]\.condition\.queryFilters\[0\]\._type: /),
      expect.stringMatching(/^ {2}extra: /),
      '',
    ]);
    expect(invalid.stderr).toBe(`error POLICY_INVALID: ${bad} is not a valid policy (4 problems)\n`);

    expect(invalidJson.code).toBe(1);
    const report = json<{ valid: boolean; issues: { path: string; message: string }[] }>(invalidJson);
    expect(report.valid).toBe(false);
    expect(report.issues.map((i) => i.path)).toEqual(['permissions[0].effect', 'permissions[0].actions', 'permissions[0].condition.queryFilters[0]._type', 'extra']);

    expect(syntax.code).toBe(1);
    expect(syntax.stdout).toMatch(/^invalid: 1 problem in stdin\n {2}\(root\): invalid JSON at line 1, column 18/);
  });
});

describe('policy build', () => {
  it('prints the JSON on stdout and the description on stderr; --json gives both', async () => {
    const args = ['policy', 'build', '--allow', 'query:ReadGraphData,dashboard:View', '--query-filter', '_type=a;_class=B', '--query-filter', '_type=c'];
    const [plain, asJson, bare] = await Promise.all([cli(args), cli([...args, '--json']), cli(['policy', 'build', '--allow'])]);
    const expected = {
      permissions: [{
        effect: 'ALLOW', actions: ['query:ReadGraphData', 'dashboard:View'], resources: ['*'],
        condition: { queryFilters: [{ _type: ['a'], _class: ['B'] }, { _type: ['c'] }] },
      }],
    };
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual(expected);
    expect(plain.stderr).toBe('ALLOW query:ReadGraphData, dashboard:View on * where (_type is a and _class is B) or (_type is c)\n');
    expect(json(asJson)).toEqual({ policy: expected, description: plain.stderr.trimEnd(), text: JSON.stringify(expected) });
    // A bare --allow means every action on every resource.
    expect(JSON.parse(bare.stdout)).toEqual({ permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'] }] });
  });
});

describe('usage errors exit 2 with the help on stderr', () => {
  it('unknown command, missing --name, unknown option, bad --query-filter, missing ID', async () => {
    const results = await Promise.all([
      cli(['lst'], { url: server.url }),
      cli(['create', '--allow'], { url: server.url }),
      cli(['create', '--name', 'x', '--allow', '--token=sk-very-secret-value'], { url: server.url }),
      cli(['create', '--name', 'x', '--allow', '--query-filter', 'novalue'], { url: server.url }),
      cli(['get'], { url: server.url }),
      cli(['policy'], { url: server.url }),
    ]);
    const [unknown, noName, badOption, badFilter, noId, noSub] = results;
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error USAGE: .*\n\n(Usage: j1-api-keys|j1-api-keys \d)/);
    }
    expect(unknown?.stderr).toContain('unknown command "lst" (did you mean list?)');
    expect(unknown?.stderr).toContain('Commands:');
    expect(noName?.stderr).toContain('error USAGE: missing --name');
    expect(noName?.stderr).toContain('Usage: j1-api-keys create --name NAME');
    expect(noName?.stderr).toContain('--query-filter FILTER');
    expect(badOption?.stderr).toContain('unknown option --token');
    expect(badOption?.stderr).not.toContain('sk-very-secret-value');
    expect(badFilter?.stderr).toContain(`"novalue" has no '='`);
    expect(noId?.stderr).toContain('missing ID\n\nUsage: j1-api-keys get ID');
    expect(noSub?.stderr).toContain('missing policy command (check, build)');
    expect(server.mock.requests).toHaveLength(0); // nothing was sent
  });

  it('refuses --api-key (either form) without echoing its value, pointing to the env var and --api-key-file', async () => {
    const [spaced, inline] = await Promise.all([
      cli(['--api-key', 'pasted-secret-123456', 'list'], { url: server.url }),
      cli(['list', '--api-key=pasted-secret-123456'], { url: server.url }),
    ]);
    for (const r of [spaced, inline]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error USAGE: --api-key is not supported: .*JUPITERONE_API_KEY.*--api-key-file PATH/);
      expect(r.stderr).toContain('Usage: j1-api-keys list');
      expect(r.stdout + r.stderr).not.toContain('pasted-secret-123456');
    }
    expect(server.mock.requests).toHaveLength(0);
  });
});

describe('help and version', () => {
  it('--version prints the package version; --help works on every level with exit 0', async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const [v, main, sub, group, helpCmd] = await Promise.all([
      cli(['--version']),
      cli(['--help']),
      cli(['integration-keys', 'create', '--help']),
      cli(['groups', '-h']),
      cli(['help', 'revoke']),
    ]);
    expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(main.code).toBe(0);
    for (const name of ['create', 'list', 'get', 'revoke', 'rotate', 'policy check', 'policy build', 'integration-keys create', 'groups enable-api-keys', 'mock-server', 'demo']) {
      expect(main.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    }
    expect(main.stdout).toContain('--api-key-file PATH');
    expect(sub).toMatchObject({ code: 0, stderr: '' });
    expect(sub.stdout).toMatch(/^Usage: j1-api-keys integration-keys create INSTANCE_ID/);
    expect(sub.stdout).toContain('{ tokenId, instanceId, createdAt (ISO), expiresAt (ISO|null), secret, secretFile }');
    expect(group.stdout).toContain('groups enable-api-keys');
    expect(group.code).toBe(0);
    expect(helpCmd.stdout).toContain('{ id, ok: false, error: { code, message } }');
  });
});
