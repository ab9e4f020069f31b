// The built CLI against the fake J1: account API keys (create, list, get, revoke, rotate), --json
// shapes, --secret-file, API errors, and the API key never being printed.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY, cli, json, requireBuiltCli, SECRET_RE } from './helpers.js';

const SEEDED_ID = '11111111-1111-4111-8111-111111111111';
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

let server: MockServer;
let dir: string;
const run = (args: readonly string[], stdin?: string) => cli(args, { url: server.url, ...(stdin === undefined ? {} : { stdin }) });
const stateOf = (id: string) => server.mock.state.tokens.find((t) => t.id === id);

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'j1-cli-test-'));
  server = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    tokens: [{ id: SEEDED_ID, name: 'seeded-ops', category: 'ops', policy: ALLOW_ALL }],
  });
});

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('create → list → revoke', () => {
  it('creates a key from flags, lists it (table and --json), revokes it', async () => {
    const created = await run([
      'create', '--name', 'ci-key', '--category', 'tags', '--allow',
      '--query-filter', '_type=github_repo,gitlab_project', '--query-filter', '_class=Repository;_integrationType=github', '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const body = json<TokenJson & { secret: string; secretFile: null }>(created);
    expect(Object.keys(body).sort()).toEqual([...TOKEN_KEYS, 'secret', 'secretFile'].sort());
    expect(body).toMatchObject({ name: 'ci-key', category: 'tags', revoked: false, secretFile: null });
    expect(body.secret).toMatch(SECRET_RE);
    expect(body.createdAt).toMatch(ISO_RE);
    // Each --query-filter is one filter object (OR); ';' ANDs keys inside one.
    expect(body.policy).toEqual({
      permissions: [{
        effect: 'ALLOW', actions: ['*'], resources: ['*'],
        condition: { queryFilters: [{ _type: ['github_repo', 'gitlab_project'] }, { _class: ['Repository'], _integrationType: ['github'] }] },
      }],
    });
    expect(JSON.parse(stateOf(body.id)?.policy ?? 'null')).toEqual(body.policy);
    expect(created.stdout.split(body.secret)).toHaveLength(2); // printed exactly once

    const [table, listed] = await Promise.all([run(['list']), run(['list', '--json'])]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CATEGORY\s+STATUS\s+CREATED\s+EXPIRES\s+POLICY$/);
    const row = lines.find((l) => l.startsWith(body.id));
    expect(row).toMatch(/ci-key\s+tags\s+active\s+/);
    expect(row).toContain('where (_type is github_repo or gitlab_project) or (_class is Repository and _integrationType is github)');
    expect(table.stdout).not.toContain(body.secret);

    const all = json<TokenJson[]>(listed);
    // Columns are aligned: every row's name starts where the NAME header does.
    const nameAt = lines[0]?.indexOf('NAME') ?? -1;
    expect(lines).toHaveLength(all.length + 1);
    for (const t of all) expect(lines.find((l) => l.startsWith(t.id))?.slice(nameAt).startsWith(`${t.name} `)).toBe(true);
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([body.id, SEEDED_ID]));
    for (const t of all) expect(Object.keys(t).sort()).toEqual(TOKEN_KEYS);
    expect(all.find((t) => t.id === SEEDED_ID)).toMatchObject({ name: 'seeded-ops', category: 'ops', revoked: false, expiresAt: expect.stringMatching(ISO_RE) });

    const revoked = await run(['revoke', body.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`${body.id}\\s+ci-key\\s+revoked`));
    expect(stateOf(body.id)?.revoked).toBe(true);

    const after = await run(['get', body.id, '--json']);
    expect(json<TokenJson>(after)).toMatchObject({ id: body.id, revoked: true });
  });

  it('creates from a policy file, inline JSON and stdin; rejects an invalid one with every issue (exit 1)', async () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, ALLOW_ALL);
    const [fromFile, inline, fromStdin, invalid] = await Promise.all([
      run(['create', '--name', 'from-file', '--policy', file, '--json']),
      run(['create', '--name', 'inline', '--policy', '{"permissions":[{"effect":"DENY","actions":["*"],"resources":["*"]}]}', '--json']),
      run(['create', '--name', 'from-stdin', '--policy', '-', '--json'], ALLOW_ALL),
      run(['create', '--name', 'bad', '--policy', '{"permissions":[{"effect":"allow","actions":[]}]}']),
    ]);
    for (const r of [fromFile, inline, fromStdin]) expect(r.code, r.stderr).toBe(0);
    expect(stateOf(json<TokenJson>(fromFile).id)?.policy).toBe(ALLOW_ALL); // sent as given
    expect(json<TokenJson>(inline).policy).toMatchObject({ permissions: [{ effect: 'DENY' }] });
    expect(json<TokenJson>(fromStdin).name).toBe('from-stdin');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^error POLICY_INVALID: /);
    expect(invalid.stderr).toContain('permissions[0].effect');
    expect(invalid.stderr).toContain('permissions[0].actions');
    expect(invalid.stderr).toContain('permissions[0].resources');
    expect(server.mock.state.tokens.some((t) => t.name === 'bad')).toBe(false);
  });
});

describe('--secret-file', () => {
  it('writes the secret with mode 0600 even under umask 000, never prints it, and refuses to overwrite without --force', async () => {
    const path = join(dir, 'ci.key');
    const first = await cli(['create', '--name', 'file-key', '--allow', '--secret-file', path], { url: server.url, permissiveUmask: true });
    expect(first.code, first.stderr).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const secret = readFileSync(path, 'utf8');
    expect(secret).toMatch(new RegExp(`^${SECRET_RE.source}$`));
    expect(first.stdout + first.stderr).not.toContain(secret);
    expect(first.stdout).toContain(`Secret written to ${path} (mode 0600)`);

    // The file holds the real secret: the fake J1 accepts it as an API key (and --api-key-file reads it).
    const withSecret = await cli(['get', SEEDED_ID, '--api-key-file', path], { env: { JUPITERONE_BASE_URL: server.url, JUPITERONE_ACCOUNT_ID: ACCOUNT_ID } });
    expect(withSecret.code, withSecret.stderr).toBe(0);
    expect(withSecret.stdout).toContain('seeded-ops');

    const keysBefore = server.mock.state.tokens.length;
    const [refused, forced] = [
      await run(['create', '--name', 'second', '--allow', '--secret-file', path]),
      await cli(['create', '--name', 'third', '--allow', '--secret-file', path, '--force', '--json'], { url: server.url, permissiveUmask: true }),
    ];
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error FILE_EXISTS: refusing to overwrite .*--force/);
    expect(server.mock.state.tokens.some((t) => t.name === 'second')).toBe(false); // checked before creating
    expect(forced.code, forced.stderr).toBe(0);
    expect(json(forced)).toMatchObject({ name: 'third', secret: null, secretFile: path });
    const replaced = readFileSync(path, 'utf8');
    expect(replaced).toMatch(SECRET_RE);
    expect(replaced).not.toBe(secret);
    expect(forced.stdout).not.toContain(replaced);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(server.mock.state.tokens.length).toBe(keysBefore + 1);
  });
});

describe('rotate and bulk revoke', () => {
  it('rotates: a new key with the same policy and category, the old one revoked, the secret printed once', async () => {
    const made = json<TokenJson>(await run(['create', '--name', 'to-rotate', '--category', 'ci', '--allow', 'query:ReadGraphData', '--json']));
    const rotated = await run(['rotate', made.id, '--name', 'rotated', '--json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const body = json<{ oldId: string; newId: string; token: TokenJson; secret: string; secretFile: null }>(rotated);
    expect(body).toMatchObject({ oldId: made.id, token: { id: body.newId, name: 'rotated', category: 'ci', revoked: false }, secretFile: null });
    expect(body.secret).toMatch(SECRET_RE);
    expect(stateOf(made.id)?.revoked).toBe(true);
    expect(stateOf(body.newId)?.policy).toBe(stateOf(made.id)?.policy);

    const again = await run(['rotate', made.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error INVALID_ARGUMENT: .*already revoked/);
  });

  it('revokes many keys, reports each failure on stderr and exits 1', async () => {
    const [a, b] = await Promise.all([
      run(['create', '--name', 'bulk-a', '--allow', '--json']).then((r) => json<TokenJson>(r)),
      run(['create', '--name', 'bulk-b', '--allow', '--json']).then((r) => json<TokenJson>(r)),
    ]);
    const result = await run(['revoke', a.id, 'no-such-key', b.id]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error NOT_FOUND: revoke no-such-key: ');
    expect(result.stderr).toContain('1 of 3 key(s) could not be revoked');
    expect(result.stderr).not.toContain('\r'); // no progress bar when stderr is not a terminal
    expect(result.stdout).toMatch(/no-such-key\s+-\s+FAILED \(NOT_FOUND\)/);
    expect(stateOf(a.id)?.revoked).toBe(true);
    expect(stateOf(b.id)?.revoked).toBe(true);

    const asJson = await run(['revoke', a.id, 'missing-2', '--json']);
    expect(asJson.code).toBe(1);
    expect(json(asJson)).toEqual([
      { id: a.id, ok: true, token: expect.objectContaining({ id: a.id, revoked: true }) },
      { id: 'missing-2', ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('missing-2') } },
    ]);
  });
});

describe('API errors', () => {
  it('exits 1 with the typed code: unknown id, rejected credentials (without printing the key)', async () => {
    const [unknown, wrongAccount, fromFile] = await Promise.all([
      run(['revoke', 'does-not-exist']),
      cli(['list'], { env: { JUPITERONE_BASE_URL: server.url, JUPITERONE_API_KEY: API_KEY, JUPITERONE_ACCOUNT_ID: 'other-account' } }),
      cli(['get', 'x', '--api-key-file', join(dir, 'missing.key')], { url: server.url }),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error NOT_FOUND: revoke does-not-exist: .*not found/m);
    expect(wrongAccount.code).toBe(1);
    expect(wrongAccount.stderr).toMatch(/^error UNAUTHENTICATED: /);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toMatch(/^error CONFIGURATION: cannot read --api-key-file .*missing\.key \(ENOENT\)/);
    // (cli() also asserts that no output contains the API key.)
  });
});
