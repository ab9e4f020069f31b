import { describe, expect, it } from 'vitest';
import { FAR_FUTURE_EXPIRES_AT } from '../../src/testing/index.js';
import {
  ACCOUNT_ID,
  ALLOW_ALL,
  clock,
  codes,
  CREATE_TOKEN,
  createToken,
  gql,
  install,
  REVOKE_TOKEN,
  SECRET_RE,
  UUID_RE,
  useMsw,
} from './helpers.js';

const server = useMsw();
const CREATE_INPUT = 'mutation($i: CreateIamTokenInput) { createToken(input: $i) { id secret type subject name policy expiresAt } }';
const LIST = `query($search: ListIamTokenInput, $limit: Int, $cursor: String) {
  tokens(search: $search, limit: $limit, cursor: $cursor) { items { id name subject secret token } tokens { id } pageInfo { endCursor hasNextPage } }
}`;

describe('createToken', () => {
  it('creates an ACCOUNT key with the documented mutation and returns its secret once', async () => {
    const c = clock();
    const mock = install(server, { now: c.now });
    const res = await gql(CREATE_TOKEN, { token: { name: 'Token Name', category: 'tags', policy: ALLOW_ALL } });
    expect(res.status).toBe(200);
    const t = res.body.data.createToken;
    expect(t).toMatchObject({
      name: 'Token Name',
      category: 'tags',
      policy: ALLOW_ALL,
      revoked: false,
      createdAt: c.now(),
      expiresAt: FAR_FUTURE_EXPIRES_AT,
      __typename: 'IamToken',
    });
    expect(t.secret).toMatch(SECRET_RE);
    expect(t.id).toMatch(UUID_RE);
    const full = await gql(`{ token(id: "${t.id}") { type subject secret token accountId } }`);
    expect(full.body.data.token).toEqual({ type: 'ACCOUNT', subject: ACCOUNT_ID, secret: '', token: '', accountId: ACCOUNT_ID });
    expect(mock.state.tokens).toEqual([
      {
        id: t.id,
        name: 'Token Name',
        category: 'tags',
        policy: ALLOW_ALL,
        type: 'ACCOUNT',
        subject: ACCOUNT_ID,
        revoked: false,
        createdAt: c.now(),
        expiresAt: FAR_FUTURE_EXPIRES_AT,
      },
    ]);
    expect(JSON.stringify(mock.state)).not.toContain(t.secret);
  });

  it('returns the secret also in the legacy `token` field, and a fresh secret per key', async () => {
    install(server);
    const q = 'mutation($t: TokenInput) { createToken(token: $t) { secret token } }';
    const a = (await gql(q, { t: { name: 'a', policy: ALLOW_ALL } })).body.data.createToken;
    const b = (await gql(q, { t: { name: 'b', policy: ALLOW_ALL } })).body.data.createToken;
    expect(a.token).toBe(a.secret);
    expect(a.secret).not.toBe(b.secret);
  });

  it('creates with CreateIamTokenInput: type, subject and expiresAt honoured', async () => {
    const c = clock();
    install(server, { now: c.now });
    const res = await gql(CREATE_INPUT, {
      i: { type: 'RESOURCE', subject: 'res-1', name: 'r', policy: ALLOW_ALL, expiresAt: c.now() + 60_000 },
    });
    expect(res.body.data.createToken).toMatchObject({ type: 'RESOURCE', subject: 'res-1', name: 'r', expiresAt: c.now() + 60_000 });
    expect(res.body.data.createToken.secret).toMatch(SECRET_RE);
  });

  it.each([
    ['neither input', {}, /exactly one/],
    ['both inputs', { token: { name: 'a', policy: ALLOW_ALL }, input: { type: 'ACCOUNT', name: 'a', policy: ALLOW_ALL } }, /exactly one/],
    ['an empty name', { token: { name: '', policy: ALLOW_ALL } }, /name is required/],
    ['a blank name', { token: { name: '   ', policy: ALLOW_ALL } }, /name is required/],
    ['no name', { token: { policy: ALLOW_ALL } }, /name is required/],
    ['no policy', { token: { name: 'a' } }, /policy is required/],
    ['a past expiresAt', { input: { type: 'ACCOUNT', name: 'a', policy: ALLOW_ALL, expiresAt: 1 } }, /expiresAt must be in the future/],
    ['policy that is not JSON', { token: { name: 'a', policy: '{"permissions": [' } }, /^Invalid policy: /],
  ])('rejects %s with BAD_USER_INPUT (data null, nothing stored)', async (_name, vars, message) => {
    const mock = install(server);
    const res = await gql(
      'mutation($token: TokenInput, $input: CreateIamTokenInput) { createToken(token: $token, input: $input) { id } }',
      vars,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors?.[0]?.path).toEqual(['createToken']);
    expect(res.body.errors?.[0]?.message).toMatch(message);
    expect(mock.state.tokens).toEqual([]);
  });

  it('validates the policy with parsePolicy and lists every issue', async () => {
    const mock = install(server);
    const bad = JSON.stringify({ permissions: [{ effect: 'MAYBE', actions: [], resources: ['*'] }] });
    const res = await gql(CREATE_TOKEN, { token: { name: 'a', policy: bad } });
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
    const message = res.body.errors?.[0]?.message ?? '';
    expect(message).toContain('permissions[0].effect');
    expect(message).toContain('permissions[0].actions');
    expect(mock.state.tokens).toEqual([]);
  });

  it('accepts a queryFilters condition and older action names', async () => {
    install(server);
    const policy = JSON.stringify({
      permissions: [
        { effect: 'ALLOW', actions: ['query:ReadGraphData'], resources: ['*'], condition: { queryFilters: [{ _type: ['github_repo'] }] } },
      ],
    });
    expect((await createToken('scoped', policy)).id).toMatch(UUID_RE);
  });
});

describe('createCurrentUserToken', () => {
  it('creates a USER_API key for the current user', async () => {
    const user = { id: 'user-42', email: 'ada@example.com', username: 'ada' };
    const mock = install(server, { currentUser: user });
    const res = await gql(
      'mutation($i: CreateCurrentUserTokenInput!) { createCurrentUserToken(input: $i) { secret type subject userId email username name expiresAt } }',
      {
        i: { name: 'mine', expiresAt: 4102444800000 },
      },
    );
    expect(res.body.data.createCurrentUserToken).toMatchObject({
      type: 'USER_API',
      subject: 'user-42',
      userId: 'user-42',
      email: 'ada@example.com',
      username: 'ada',
      name: 'mine',
      expiresAt: 4102444800000,
    });
    expect(res.body.data.createCurrentUserToken.secret).toMatch(SECRET_RE);
    expect(mock.state.tokens[0]?.type).toBe('USER_API');
  });

  it('rejects an empty name', async () => {
    install(server);
    const res = await gql('mutation { createCurrentUserToken(input: { name: "", expiresAt: 4102444800000 }) { id } }');
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('token, revokeToken', () => {
  it('revokes (idempotently) and keeps the key readable with revoked: true, never with its secret', async () => {
    const mock = install(server);
    const key = await createToken('k');
    const first = await gql(REVOKE_TOKEN, { id: key.id });
    expect(first.body.data.revokeToken).toMatchObject({ id: key.id, name: 'k', revoked: true });
    const second = await gql(REVOKE_TOKEN, { id: key.id });
    expect(second.body).toEqual(first.body);
    const read = await gql(`{ token(id: "${key.id}") { revoked secret token } }`);
    expect(read.body.data.token).toEqual({ revoked: true, secret: '', token: '' });
    expect(mock.state.tokens[0]?.revoked).toBe(true);
  });

  it.each([
    ['revokeToken', 'mutation { revokeToken(id: "missing") { id } }'],
    ['token', '{ token(id: "missing") { id } }'],
  ])('answers an unknown id of %s with J1 NOT_FOUND: HTTP 200, data null', async (field, query) => {
    install(server);
    const res = await gql(query);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [{ message: 'Token missing not found', locations: expect.any(Array), path: [field], extensions: { code: 'NOT_FOUND' } }],
    });
  });
});

describe('tokens (list)', () => {
  it('filters by type (default ACCOUNT), subject and subjectBeginsWith; includes revoked keys', async () => {
    install(server, {
      tokens: [
        { id: 'a1', name: 'acct', subject: 'acct-A' },
        { id: 'a2', name: 'acct revoked', subject: 'acct-B', revoked: true },
        { id: 'u1', name: 'user', type: 'USER_API', subject: 'user-1' },
        { id: 'u2', name: 'user2', type: 'USER_API', subject: 'user-2' },
        { id: 'u3', name: 'other', type: 'USER_API', subject: 'robot-1' },
      ],
    });
    const ids = async (search?: Record<string, unknown>) =>
      ((await gql(LIST, search ? { search } : {})).body.data.tokens.items as { id: string }[]).map((t) => t.id).sort();
    expect(await ids()).toEqual(['a1', 'a2']);
    expect(await ids({ type: 'USER_API' })).toEqual(['u1', 'u2', 'u3']);
    expect(await ids({ type: 'USER_API', subject: 'user-2' })).toEqual(['u2']);
    expect(await ids({ type: 'USER_API', subjectBeginsWith: 'user-' })).toEqual(['u1', 'u2']);
    expect(await ids({ type: 'RESOURCE' })).toEqual([]);
  });

  it('pages 25 keys by 10, newest first, with items and the legacy tokens field equal and no secret', async () => {
    const c = clock();
    install(server, { now: c.now });
    for (let i = 0; i < 25; i++) {
      await createToken(`key-${String(i).padStart(2, '0')}`);
      c.advance(1000);
    }
    const pages: {
      items: { id: string; name: string; secret: string; token: string }[];
      tokens: { id: string }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    }[] = [];
    let cursor: string | null = null;
    do {
      const res = await gql(LIST, { limit: 10, ...(cursor ? { cursor } : {}) });
      const page = res.body.data.tokens;
      pages.push(page);
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    const names = pages.flatMap((p) => p.items.map((t) => t.name));
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `key-${String(24 - i).padStart(2, '0')}`));
    for (const p of pages) {
      expect(p.tokens.map((t) => t.id)).toEqual(p.items.map((t) => t.id));
      expect(p.items.every((t) => t.secret === '' && t.token === '')).toBe(true);
      expect(typeof p.pageInfo.endCursor).toBe('string');
    }
  });

  it('keeps paging stable when a key is created between pages', async () => {
    const c = clock();
    install(server, { now: c.now });
    for (let i = 0; i < 4; i++) {
      await createToken(`k${i}`);
      c.advance(1000);
    }
    const first = (await gql(LIST, { limit: 2 })).body.data.tokens;
    await createToken('newer');
    const second = (await gql(LIST, { limit: 2, cursor: first.pageInfo.endCursor })).body.data.tokens;
    expect([...first.items, ...second.items].map((t: { name: string }) => t.name)).toEqual(['k3', 'k2', 'k1', 'k0']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('defaults to 50 per page and answers an empty page with a null cursor', async () => {
    install(server, { tokens: Array.from({ length: 60 }, (_, i) => ({ name: `s${i}` })) });
    const page = (await gql(LIST)).body.data.tokens;
    expect(page.items).toHaveLength(50);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const empty = (await gql(LIST, { search: { type: 'RESOURCE' } })).body.data.tokens;
    expect(empty).toMatchObject({ items: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });

  it.each([
    ['a garbage cursor', { cursor: 'not-a-cursor' }],
    ['a cursor of another list', { cursor: Buffer.from('{"l":"iamGetGroupList","k":[0]}').toString('base64url') }],
    ['limit 0', { limit: 0 }],
    ['a negative limit', { limit: -5 }],
  ])('rejects %s with BAD_USER_INPUT', async (_name, vars) => {
    install(server);
    const res = await gql(LIST, vars);
    expect(res.body.data).toBeNull();
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
  });
});
