import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../src/index.js';
import { useFakeJ1 } from '../helpers/fake.js';

const QUERY_POLICY = [
  { _type: ['github_repo'], _integrationInstanceId: ['inst-1', 'inst-2'] },
  { _class: ['Host'], tag: [true] },
  { _integrationType: ['aws'], 'tag.Env': ['prod', 'stage'], weight: [3] },
];
const PERMISSIONS = ['fullReadAccess', 'readGraph', 'accessAdmin', 'adminIntegrations', 'dashboardsRead'];

const { mock, client, operations } = useFakeJ1({
  groups: [
    { id: 'g-eng', name: 'Engineering', description: 'All engineers', permissions: PERMISSIONS, queryPolicy: QUERY_POLICY },
    { id: 'g-ops', name: 'Ops', permissions: ['readGraph', 'apiKeyUser'], queryPolicy: [] },
    { id: 'g-dup1', name: 'Contractors', permissions: [], queryPolicy: [] },
    { id: 'g-dup2', name: 'Contractors', permissions: [], queryPolicy: [] },
    { id: 'g-sub', name: 'Engineering Leads', permissions: ['readGraph'], queryPolicy: [] },
  ],
});

const stateOf = (id: string) => mock.state.groups.find((g) => g.id === id);

describe('groups', () => {
  it('reads a group by id, by name and by bare string', async () => {
    const byId = await client().groups.get({ id: 'g-eng' });
    expect(byId).toMatchObject({ id: 'g-eng', name: 'Engineering', description: 'All engineers', permissions: PERMISSIONS });
    expect(byId.queryPolicy).toEqual(QUERY_POLICY);
    expect((await client().groups.get({ name: 'Engineering' })).id).toBe('g-eng');
    expect((await client().groups.get('Ops')).id).toBe('g-ops');
  });

  it('enables API key access keeping 5 permissions and a 3-filter query policy byte for byte', async () => {
    const before = JSON.stringify(stateOf('g-eng'));
    const result = await client().groups.enableApiKeyAccess({ name: 'Engineering' });
    expect(result.changed).toBe(true);
    const after = stateOf('g-eng')!;
    expect(after.permissions).toEqual([...PERMISSIONS, 'apiKeyUser']);
    expect(JSON.stringify(after.queryPolicy)).toBe(JSON.stringify(QUERY_POLICY));
    expect(after.name).toBe('Engineering');
    expect(after.description).toBe('All engineers');
    const write = mock.requests.find((r) => r.operationName === 'UpdateIamGroup')!;
    expect(write.variables).toEqual({
      id: 'g-eng',
      name: 'Engineering',
      description: 'All engineers',
      abacPermissions: [...PERMISSIONS, 'apiKeyUser'],
      queryPolicy: QUERY_POLICY,
    });
    expect(JSON.stringify(JSON.parse(before).queryPolicy)).toBe(JSON.stringify(after.queryPolicy));
    expect(await client().groups.hasApiKeyAccess({ id: 'g-eng' })).toBe(true);
  });

  it('sends no write when the group already has access', async () => {
    const result = await client().groups.enableApiKeyAccess({ id: 'g-ops' });
    expect(result.changed).toBe(false);
    expect(operations()).not.toContain('UpdateIamGroup');
  });

  it('disables access keeping every other permission', async () => {
    const result = await client().groups.disableApiKeyAccess({ id: 'g-ops' });
    expect(result).toMatchObject({ changed: true, group: { permissions: ['readGraph'] } });
    expect(stateOf('g-ops')!.permissions).toEqual(['readGraph']);
    expect(await client().groups.hasApiKeyAccess('g-ops')).toBe(false);
    const again = await client().groups.disableApiKeyAccess({ id: 'g-ops' });
    expect(again.changed).toBe(false);
  });

  it('refuses a name that matches no group, before any write', async () => {
    await expect(client().groups.enableApiKeyAccess({ name: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError);
    expect(operations()).not.toContain('UpdateIamGroup');
  });

  it('refuses a name that matches several groups, naming their ids, before any write', async () => {
    const err = await client()
      .groups.enableApiKeyAccess({ name: 'Contractors' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('g-dup1');
    expect((err as Error).message).toContain('g-dup2');
    expect(operations()).not.toContain('UpdateIamGroup');
  });

  it('a duplicated name given as an id or a bare string never picks one of the groups', async () => {
    // iamGetGroup(group:) resolves names too (the fake does, and J1 may): { id } must match an id.
    await expect(client().groups.get({ id: 'Contractors' })).rejects.toBeInstanceOf(NotFoundError);
    const err = await client()
      .groups.enableApiKeyAccess('Contractors')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(operations()).not.toContain('UpdateIamGroup');
    expect(stateOf('g-dup1')?.permissions).toEqual([]);
    expect(stateOf('g-dup2')?.permissions).toEqual([]);
  });

  it('matches names exactly, not by substring', async () => {
    expect((await client().groups.get({ name: 'Engineering' })).id).toBe('g-eng');
    await expect(client().groups.get({ name: 'engineering' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists groups with a name filter across pages', async () => {
    const names: string[] = [];
    for await (const g of client().groups.list({ nameFilter: 'eng', pageSize: 1 })) names.push(g.name);
    expect(names.sort()).toEqual(['Engineering', 'Engineering Leads']);
  });

  it('rejects a malformed group reference without sending', async () => {
    await expect(client().groups.get({} as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client().groups.get({ id: '' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(mock.requests).toHaveLength(0);
  });

  it('list checks its arguments synchronously, before its implementation is loaded (issue 16), and sends nothing', () => {
    const groups = client().groups;
    expect(() => groups.list({ pageSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => groups.list({ nameFilter: 42 as never })).toThrow(InvalidArgumentError);
    expect(() => groups.list(undefined, { timeoutMs: -1 })).toThrow(InvalidArgumentError);
    expect(mock.requests).toHaveLength(0);
  });

  it('one client loads its implementation once and keeps working across calls', async () => {
    const groups = client().groups;
    const [a, b] = await Promise.all([groups.get('g-ops'), groups.hasApiKeyAccess({ id: 'g-ops' })]);
    expect(a.name).toBe('Ops');
    expect(b).toBe(true);
    const names: string[] = [];
    for await (const g of groups.list({ nameFilter: 'Contractors' })) names.push(g.id);
    expect(names.sort()).toEqual(['g-dup1', 'g-dup2']);
  });
});
