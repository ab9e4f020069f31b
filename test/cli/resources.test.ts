// The built CLI against the fake J1: integration API keys and user groups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, API_KEY, cli, json, requireBuiltCli, SECRET_RE } from './helpers.js';

const INSTANCE = 'instance-github-1';
let server: MockServer;
const run = (args: readonly string[]) => cli(args, { url: server.url });

beforeAll(async () => {
  requireBuiltCli();
  server = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    integrationInstances: [{ id: INSTANCE, name: 'GitHub' }, { id: 'unconfigured', configured: false }],
    groups: [
      { id: 'group-eng', name: 'Engineers', description: 'eng', permissions: ['readGraph', 'adminIntegrations'], queryPolicy: [{ _type: ['github_repo'] }] },
      { id: 'group-ops', name: 'Ops', permissions: [], queryPolicy: [] },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

describe('integration-keys', () => {
  it('creates (secret once), lists and revokes a key; errors exit 1', async () => {
    const created = await run(['integration-keys', 'create', INSTANCE, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const key = json<Record<string, unknown>>(created);
    expect(Object.keys(key).sort()).toEqual(['createdAt', 'expiresAt', 'instanceId', 'secret', 'secretFile', 'tokenId']);
    expect(key).toMatchObject({ instanceId: INSTANCE, secretFile: null, secret: expect.stringMatching(SECRET_RE) });
    const tokenId = String(key['tokenId']);
    expect(server.mock.state.integrationTokens).toEqual([expect.objectContaining({ tokenId, instanceId: INSTANCE, revoked: false })]);

    const [listed, table] = await Promise.all([run(['integration-keys', 'list', INSTANCE, '--json']), run(['integration-keys', 'list', INSTANCE])]);
    expect(json(listed)).toEqual([{ tokenId, createdAt: key['createdAt'], expiresAt: key['expiresAt'] }]);
    expect(table.stdout).toMatch(new RegExp(`^TOKEN ID\\s+CREATED\\s+EXPIRES\\n${tokenId}\\s+\\d{4}-`));
    expect(listed.stdout + table.stdout).not.toContain(String(key['secret']));

    const revoked = await run(['integration-keys', 'revoke', tokenId]);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked integration API key ${tokenId}\n` });
    expect(server.mock.state.integrationTokens[0]?.revoked).toBe(true);

    const [unknown, unconfigured] = await Promise.all([
      run(['integration-keys', 'revoke', 'no-such-token']),
      run(['integration-keys', 'create', 'unconfigured']),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error NOT_FOUND: /);
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toMatch(/^error BAD_USER_INPUT: .*configuration/);
  });
});

describe('groups', () => {
  it('shows a group by name or id, enables and disables API key access keeping everything else', async () => {
    const [byName, byId] = await Promise.all([run(['groups', 'show', 'Engineers', '--json']), run(['groups', 'show', 'group-eng'])]);
    expect(json(byName)).toEqual({
      id: 'group-eng', name: 'Engineers', description: 'eng', status: 'ACTIVE',
      permissions: ['readGraph', 'adminIntegrations'], queryPolicy: [{ _type: ['github_repo'] }], apiKeyAccess: false,
    });
    expect(byId.stdout).toMatch(/^api key access +no$/m);

    const enabled = await run(['groups', 'enable-api-keys', 'Engineers']);
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stdout).toContain('User API key access enabled for group Engineers (group-eng)');
    const group = () => server.mock.state.groups.find((g) => g.id === 'group-eng');
    expect(group()).toMatchObject({ permissions: ['readGraph', 'adminIntegrations', 'apiKeyUser'], queryPolicy: [{ _type: ['github_repo'] }] });

    const again = await run(['groups', 'enable-api-keys', 'group-eng', '--json']);
    expect(json(again)).toMatchObject({ changed: false, group: { id: 'group-eng', apiKeyAccess: true } });

    const disabled = await run(['groups', 'disable-api-keys', 'group-eng', '--json']);
    expect(json(disabled)).toMatchObject({ changed: true, group: { apiKeyAccess: false, permissions: ['readGraph', 'adminIntegrations'] } });
    expect(group()).toMatchObject({ permissions: ['readGraph', 'adminIntegrations'], queryPolicy: [{ _type: ['github_repo'] }] });

    const [missing, listed] = await Promise.all([run(['groups', 'show', 'Nobody']), run(['groups', 'list', '--json'])]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error NOT_FOUND: /);
    expect(json<{ id: string }[]>(listed).map((g) => g.id)).toEqual(['group-eng', 'group-ops']);
  });
});
