import { describe, expect, it } from 'vitest';
import type { SeedGroup } from '../../src/testing/index.js';
import { codes, gql, install, useMsw } from './helpers.js';

const server = useMsw();
const NODE = 'id groupName groupDescription status groupQueryPolicy { statement } groupAbacPermission { statement }';
const UPDATE = `mutation($id: String!, $name: String, $description: String, $abacPermissions: [String!], $queryPolicy: [JSON!]) {
  updateIamGroup(id: $id, name: $name, description: $description, abacPermissions: $abacPermissions, queryPolicy: $queryPolicy) { id name description }
}`;
const LIST = `query($limit: Int!, $cursor: String, $filter: String) {
  iamGetGroupList(limit: $limit, cursor: $cursor, groupNameFilter: $filter) { items { id groupName } pageInfo { endCursor hasNextPage } }
}`;

const admins: SeedGroup = {
  id: 'g-admins',
  name: 'Administrators',
  description: 'All access',
  permissions: ['accessAdmin', 'fullReadAccess'],
  queryPolicy: [{ _type: ['aws_instance'] }],
};
const readers: SeedGroup = { id: 'g-readers', name: 'Readers', permissions: ['readGraph'], queryPolicy: [] };

describe('iamGetGroup', () => {
  it('finds a group by id or by name and maps it to IamGroup', async () => {
    install(server, { groups: [admins, readers] });
    const expected = {
      id: 'g-admins',
      groupName: 'Administrators',
      groupDescription: 'All access',
      status: 'ACTIVE',
      groupQueryPolicy: { statement: [{ _type: ['aws_instance'] }] },
      groupAbacPermission: { statement: ['accessAdmin', 'fullReadAccess'] },
    };
    expect((await gql(`{ iamGetGroup(group: "g-admins") { ${NODE} } }`)).body.data.iamGetGroup).toEqual(expected);
    expect((await gql(`{ iamGetGroup(group: "Administrators") { ${NODE} } }`)).body.data.iamGetGroup).toEqual(expected);
    expect((await gql(`{ iamGetGroup(group: "g-readers") { groupDescription } }`)).body.data.iamGetGroup).toEqual({
      groupDescription: null,
    });
  });

  it('answers an unknown group with NOT_FOUND, data null', async () => {
    install(server, { groups: [admins] });
    const res = await gql('{ iamGetGroup(group: "administrators") { id } }');
    expect(res.body.data).toBeNull();
    expect(codes(res.body)).toEqual(['NOT_FOUND']);
    expect(res.body.errors?.[0]?.path).toEqual(['iamGetGroup']);
  });
});

describe('iamGetGroupList', () => {
  const many: SeedGroup[] = Array.from({ length: 25 }, (_, i) => ({
    id: `g${i}`,
    name: i % 2 === 0 ? `Team ${i}` : `Other ${i}`,
    permissions: [],
    queryPolicy: [],
  }));

  it('pages 25 groups by 10 in seed order', async () => {
    install(server, { groups: many });
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (await gql(LIST, { limit: 10, ...(cursor ? { cursor } : {}) })).body.data.iamGetGroupList;
      sizes.push(page.items.length);
      ids.push(...page.items.map((g: { id: string }) => g.id));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(ids).toEqual(many.map((g) => g.id));
  });

  it('filters by a case-insensitive name substring, paged', async () => {
    install(server, { groups: many });
    const first = (await gql(LIST, { limit: 10, filter: 'tEaM' })).body.data.iamGetGroupList;
    expect(first.items).toHaveLength(10);
    expect(first.items.every((g: { groupName: string }) => g.groupName.startsWith('Team'))).toBe(true);
    const second = (await gql(LIST, { limit: 10, filter: 'team', cursor: first.pageInfo.endCursor })).body.data.iamGetGroupList;
    expect(second.items).toHaveLength(3);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects limit 0', async () => {
    install(server, { groups: many });
    expect(codes((await gql(LIST, { limit: 0 })).body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('updateIamGroup', () => {
  it('replaces the lists it is given and returns V1Group', async () => {
    const mock = install(server, { groups: [admins] });
    const res = await gql(UPDATE, {
      id: 'g-admins',
      abacPermissions: ['accessAdmin', 'fullReadAccess', 'apiKeyUser'],
      queryPolicy: [{ _class: ['Host'] }, { _integrationType: 'github' }],
    });
    expect(res.body).toEqual({ data: { updateIamGroup: { id: 'g-admins', name: 'Administrators', description: 'All access' } } });
    expect(mock.state.groups[0]).toEqual({
      id: 'g-admins',
      name: 'Administrators',
      description: 'All access',
      permissions: ['accessAdmin', 'fullReadAccess', 'apiKeyUser'],
      queryPolicy: [{ _class: ['Host'] }, { _integrationType: 'github' }],
    });
  });

  it('LOSES a list that is not sent, like J1 (the SDK must always send everything)', async () => {
    const mock = install(server, { groups: [admins] });
    await gql(UPDATE, { id: 'g-admins', abacPermissions: ['apiKeyUser'] });
    expect(mock.state.groups[0]).toMatchObject({ permissions: ['apiKeyUser'], queryPolicy: [] });
    await gql(UPDATE, { id: 'g-admins', queryPolicy: [{ _type: ['x'] }] });
    expect(mock.state.groups[0]).toMatchObject({ permissions: [], queryPolicy: [{ _type: ['x'] }] });
  });

  it('keeps name and description when omitted or null, changes them when given', async () => {
    const mock = install(server, { groups: [admins] });
    await gql(UPDATE, { id: 'g-admins', description: null });
    expect(mock.state.groups[0]).toMatchObject({ name: 'Administrators', description: 'All access' });
    const res = await gql(UPDATE, { id: 'g-admins', name: 'Admins', description: '' });
    expect(res.body.data.updateIamGroup).toEqual({ id: 'g-admins', name: 'Admins', description: '' });
    expect((await gql('{ iamGetGroup(group: "Admins") { id } }')).body.data.iamGetGroup.id).toBe('g-admins');
  });

  it.each([
    ['an unknown id', { id: 'nope' }, 'NOT_FOUND'],
    ['a blank name', { id: 'g-admins', name: ' ' }, 'BAD_USER_INPUT'],
    ['a query policy entry that is not an object', { id: 'g-admins', queryPolicy: [{ _type: ['a'] }, ['b']] }, 'BAD_USER_INPUT'],
  ])('rejects %s and changes nothing', async (_name, vars, code) => {
    const mock = install(server, { groups: [admins] });
    const before = mock.state.groups;
    const res = await gql(UPDATE, vars);
    expect(res.body.data).toBeNull();
    expect(codes(res.body)).toEqual([code]);
    expect(mock.state.groups).toEqual(before);
  });

  it('never mutates the seed objects, and state snapshots are copies', async () => {
    const seed: SeedGroup = { id: 'g', name: 'G', permissions: ['a'], queryPolicy: [{ _type: ['t'] }] };
    const mock = install(server, { groups: [seed] });
    await gql(UPDATE, { id: 'g', abacPermissions: ['b'], queryPolicy: [] });
    expect(seed).toEqual({ id: 'g', name: 'G', permissions: ['a'], queryPolicy: [{ _type: ['t'] }] });
    const snap = mock.state.groups;
    (snap[0]?.permissions as string[]).push('injected');
    expect(mock.state.groups[0]?.permissions).toEqual(['b']);
  });
});
