// End to end: the BUILT CLI (node dist/cli.js) as child processes against a fake J1 started in this
// process on 127.0.0.1 (plus `mock-server` and `demo`, which start their own). One or two processes
// per behaviour; every run also asserts that the API key appears in no output (see `cli()`).
// Variants are covered in-process (in-process.test.ts).
//
// vitest runs files one at a time on small machines (maxWorkers = cores - 1), so the tests here
// are concurrent: their processes overlap. Each uses its own data in the shared fake.
import { once } from 'node:events';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ID, ALLOW_ALL, cli, json, SECRET_RE, seeded, spawnCli, useBuiltCli, waitForOutput } from './helpers.js';

const TOKEN_KEYS = ['category', 'createdAt', 'expiresAt', 'id', 'name', 'policy', 'revoked'];
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface TokenJson {
  id: string;
  name: string;
  category: string | null;
  revoked: boolean;
  createdAt: string;
  expiresAt: string | null;
  policy: unknown;
}

const fixture = useBuiltCli();
const run = fixture.run;
const stateOf = (id: string) => fixture.server.mock.state.tokens.find((t) => t.id === id);

// The timeout leaves headroom for loaded machines; the whole file normally takes about ten seconds.
const SLOW = 45_000;

describe.concurrent('j1-api-keys (built)', () => {
  describe('account keys', () => {
    it(
      'create → list → revoke, with the --json shapes',
      async () => {
        const created = await run([
          'create',
          '--name',
          'ci-key',
          '--category',
          'tags',
          '--allow',
          '--query-filter',
          '_type=github_repo,gitlab_project',
          '--query-filter',
          '_class=Repository;_integrationType=github',
          '--json',
        ]);
        expect(created.code, created.stderr).toBe(0);
        const body = json<TokenJson & { secret: string; secretFile: null }>(created);
        expect(Object.keys(body).sort()).toEqual([...TOKEN_KEYS, 'secret', 'secretFile'].sort());
        expect(body).toMatchObject({
          name: 'ci-key',
          category: 'tags',
          revoked: false,
          secretFile: null,
          createdAt: expect.stringMatching(ISO_RE),
        });
        expect(body.secret).toMatch(SECRET_RE);
        expect(created.stdout.split(body.secret)).toHaveLength(2); // printed exactly once
        // Each --query-filter is one filter object (OR); ';' ANDs the keys inside one.
        const expectedPolicy = {
          permissions: [
            {
              effect: 'ALLOW',
              actions: ['*'],
              resources: ['*'],
              condition: {
                queryFilters: [{ _type: ['github_repo', 'gitlab_project'] }, { _class: ['Repository'], _integrationType: ['github'] }],
              },
            },
          ],
        };
        expect(body.policy).toEqual(expectedPolicy);
        expect(JSON.parse(stateOf(body.id)?.policy ?? 'null')).toEqual(expectedPolicy);

        const listed = await run(['list', '--json']);
        expect(listed.code, listed.stderr).toBe(0);
        expect(listed.stdout).not.toContain(body.secret);
        const all = json<TokenJson[]>(listed);
        expect(all.find((t) => t.id === body.id)).toEqual({ ...body, secret: undefined, secretFile: undefined });
        expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([seeded(1), seeded(2), seeded(3)]));
        for (const t of all) expect(Object.keys(t).sort()).toEqual(TOKEN_KEYS);

        const revoked = await run(['revoke', body.id]);
        expect(revoked.code, revoked.stderr).toBe(0);
        expect(revoked.stdout).toMatch(new RegExp(`^${body.id}\\s+ci-key\\s+revoked$`, 'm'));
        expect(stateOf(body.id)?.revoked).toBe(true);
      },
      SLOW,
    );

    it(
      '--secret-file: mode 0600 under umask 000, the secret absent from stdout, and it is the real key',
      async () => {
        const path = join(fixture.dir, 'ci.key');
        const created = await cli(['create', '--name', 'file-key', '--allow', '--secret-file', path], {
          url: fixture.server.url,
          permissiveUmask: true,
        });
        expect(created.code, created.stderr).toBe(0);
        expect(statSync(path).mode & 0o777).toBe(0o600);
        const secret = readFileSync(path, 'utf8');
        expect(secret).toMatch(new RegExp(`^${SECRET_RE.source}$`));
        expect(created.stdout).toContain(`Secret written to ${path} (mode 0600)`);
        expect(created.stdout + created.stderr).not.toContain(secret);

        // The fake J1 accepts a created key's secret as an API key: read back through --api-key-file.
        const withSecret = await cli(['get', seeded(1), '--api-key-file', path], {
          env: { JUPITERONE_BASE_URL: fixture.server.url, JUPITERONE_ACCOUNT_ID: ACCOUNT_ID },
        });
        expect(withSecret.code, withSecret.stderr).toBe(0);
        expect(withSecret.stdout).toMatch(/^name +to-rotate$/m);
        expect(withSecret.stdout + withSecret.stderr).not.toContain(secret);
      },
      SLOW,
    );

    it(
      'rotate: a new key with the same policy and category, the old one revoked',
      async () => {
        const rotated = await run(['rotate', seeded(1), '--name', 'rotated', '--json']);
        expect(rotated.code, rotated.stderr).toBe(0);
        const body = json<{ oldId: string; newId: string; token: TokenJson; secret: string; secretFile: null }>(rotated);
        expect(body).toMatchObject({
          oldId: seeded(1),
          token: { id: body.newId, name: 'rotated', category: 'ci', revoked: false },
          secretFile: null,
        });
        expect(body.secret).toMatch(SECRET_RE);
        expect(stateOf(seeded(1))?.revoked).toBe(true);
        expect(stateOf(body.newId)?.policy).toBe(ALLOW_ALL);
      },
      SLOW,
    );

    it(
      'bulk revoke with an unknown id among them: NOT_FOUND reported on stderr, exit 1, the others revoked',
      async () => {
        const result = await run(['revoke', seeded(2), 'no-such-key', seeded(3)]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^error NOT_FOUND: revoke no-such-key: .*not found/m);
        expect(result.stderr).toContain('1 of 3 key(s) could not be revoked');
        expect(result.stderr).not.toContain('\r'); // no progress bar: stderr is a pipe
        expect(result.stdout).toMatch(/^no-such-key\s+-\s+FAILED \(NOT_FOUND\)$/m);
        expect(stateOf(seeded(2))?.revoked).toBe(true);
        expect(stateOf(seeded(3))?.revoked).toBe(true);
      },
      SLOW,
    );
  });

  describe('commands', () => {
    it(
      'policy check (good file: description, exit 0; bad file: every issue with its path, exit 1) and policy build',
      async () => {
        const good = join(fixture.dir, 'good.json');
        const bad = join(fixture.dir, 'bad.json');
        writeFileSync(
          good,
          '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":"github_repo"}]}}]}',
        );
        writeFileSync(
          bad,
          '{"permissions":[{"effect":"allow","actions":[],"resources":["*"],"condition":{"queryFilters":[{"_type":[]}]}}],"extra":1}',
        );
        const [valid, invalid, built] = await Promise.all([
          cli(['policy', 'check', good]),
          cli(['policy', 'check', bad]),
          cli([
            'policy',
            'build',
            '--allow',
            'query:ReadGraphData',
            '--resources',
            '*',
            '--query-filter',
            '_type=a;_class=B',
            '--query-filter',
            '_type=c',
          ]),
        ]);
        expect(valid).toMatchObject({ code: 0, stdout: 'valid: ALLOW * on * where (_type is github_repo)\n' });
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
        expect(built.code, built.stderr).toBe(0);
        expect(JSON.parse(built.stdout)).toEqual({
          permissions: [
            {
              effect: 'ALLOW',
              actions: ['query:ReadGraphData'],
              resources: ['*'],
              condition: { queryFilters: [{ _type: ['a'], _class: ['B'] }, { _type: ['c'] }] },
            },
          ],
        });
        expect(built.stderr).toBe('ALLOW query:ReadGraphData on * where (_type is a and _class is B) or (_type is c)\n');
      },
      SLOW,
    );

    it(
      'usage errors exit 2 with one line and where the help is: unknown command, missing --name, --api-key',
      async () => {
        const [unknown, noName, apiKeyFlag] = await Promise.all([
          run(['lst']),
          run(['create', '--allow', '--category', 'usage-marker']),
          run(['--api-key', 'pasted-secret-123456', 'list']),
        ]);
        for (const r of [unknown, noName, apiKeyFlag]) {
          expect(r.code).toBe(2);
          expect(r.stdout).toBe('');
        }
        expect(unknown.stderr).toBe(
          `error USAGE: unknown command "lst" (did you mean list?)\nRun 'j1-api-keys --help' for the list of commands.\n`,
        );
        expect(noName.stderr).toBe(`error USAGE: missing --name\nRun 'j1-api-keys create --help' for its usage.\n`);
        expect(apiKeyFlag.stderr).toMatch(
          /^error USAGE: --api-key is not supported: .*JUPITERONE_API_KEY.*--api-key-file PATH\nRun 'j1-api-keys list --help' for its usage\.\n$/,
        );
        expect(apiKeyFlag.stderr).not.toContain('pasted-secret-123456');
        // Nothing was sent for the usage error.
        expect(fixture.server.mock.requests.some((r) => JSON.stringify(r.variables).includes('usage-marker'))).toBe(false);
      },
      SLOW,
    );

    it(
      'integration-keys create (secret once) and revoke',
      async () => {
        const created = await run(['integration-keys', 'create', 'instance-1', '--json']);
        expect(created.code, created.stderr).toBe(0);
        const key = json<Record<string, unknown>>(created);
        expect(Object.keys(key).sort()).toEqual(['createdAt', 'expiresAt', 'instanceId', 'secret', 'secretFile', 'tokenId']);
        expect(key).toMatchObject({ instanceId: 'instance-1', secretFile: null, secret: expect.stringMatching(SECRET_RE) });
        expect(created.stdout.split(String(key['secret']))).toHaveLength(2); // printed exactly once
        const tokenId = String(key['tokenId']);
        const keyState = () => fixture.server.mock.state.integrationTokens.find((t) => t.tokenId === tokenId);
        expect(keyState()).toMatchObject({ instanceId: 'instance-1', revoked: false });

        const revoked = await run(['integration-keys', 'revoke', tokenId]);
        expect(revoked).toMatchObject({ code: 0, stdout: `Revoked integration API key ${tokenId}\n` });
        expect(keyState()?.revoked).toBe(true);
      },
      SLOW,
    );

    it(
      'groups enable-api-keys by name keeps the other permissions and the query policy',
      async () => {
        const enabled = await run(['groups', 'enable-api-keys', 'Engineers']);
        expect(enabled.code, enabled.stderr).toBe(0);
        expect(enabled.stdout).toBe(
          'User API key access enabled for group Engineers (group-eng): apiKeyUser added; other permissions and the query policy kept.\n',
        );
        expect(fixture.server.mock.state.groups[0]).toMatchObject({
          permissions: ['readGraph', 'apiKeyUser'],
          queryPolicy: [{ _type: ['github_repo'] }],
        });
      },
      SLOW,
    );
  });

  describe('mock-server', () => {
    it(
      'prints ready-to-paste exports that every command can use, then closes cleanly on SIGTERM',
      async () => {
        const child = spawnCli(['mock-server', '--port', '0'], { env: {} });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        try {
          const out = await waitForOutput(child.stdout, /^export JUPITERONE_ACCOUNT_ID=.*\n/m);
          const exports: Record<string, string> = {};
          for (const m of out.matchAll(/^export (\w+)=(\S+)$/gm)) exports[m[1] ?? ''] = m[2] ?? '';
          expect(Object.keys(exports)).toEqual(['JUPITERONE_BASE_URL', 'JUPITERONE_API_KEY', 'JUPITERONE_ACCOUNT_ID']);
          expect(exports['JUPITERONE_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
          expect(out).toContain(`listening on ${exports['JUPITERONE_BASE_URL']}`);

          // The pasted environment works (the seeded groups and instance: see in-process.test.ts).
          const env = exports;
          const keys = await cli(['list', '--json'], { env });
          expect(json(keys)).toContainEqual(expect.objectContaining({ name: 'ops-existing-key', revoked: false }));

          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const [code] = (await exited) as [number | null];
          expect(code).toBe(0);
          expect(stderr).toContain('mock-server: SIGTERM received, stopping');
          expect(stderr).toContain('mock-server: stopped');
          await expect(fetch(env['JUPITERONE_BASE_URL'] ?? '', { method: 'POST' })).rejects.toThrow(); // really closed
        } finally {
          child.kill('SIGKILL');
        }
      },
      SLOW,
    );
  });

  describe('demo', () => {
    it(
      'runs the npm-start transcript (no configuration needed)',
      async () => {
        const result = await cli(['demo'], { env: {} });
        expect(result.code, result.stderr).toBe(0);
        // The transcript's wording is the demo's own; the CLI must run it against a loopback J1.
        expect(result.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
        expect(result.stdout.trim().split('\n').length).toBeGreaterThan(3);
      },
      SLOW,
    );
  });
});
