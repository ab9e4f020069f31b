// client.checkCompatibility() and client.whoami() against the fake on loopback, the fake serving
// a deliberately drifted schema (issue 13, item 2), and a raw server.
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaDrift } from '../../src/compat/drift.js';
import { schemaSDL } from '../../src/generated/schema.js';
import { createClient, GraphQLResponseError, ServerError } from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { startRawServer } from '../helpers/raw-server.js';

const API_KEY = 'compat-test-key-0123456789';
const ACCOUNT = 'compat-account';

/** schema.graphql as J1 had it before issue 13: the input type our SetTokenRateLimit no longer names. */
const DRIFTED = schemaSDL
  .replace('input SetRateLimitPolicyOptions', 'input RateLimitPolicyInput')
  .replace('rateLimitPolicy: SetRateLimitPolicyOptions!', 'rateLimitPolicy: RateLimitPolicyInput!')
  .replace(/type IamGroup \{\n(\s*(?:"[^"]*"\s*)?)id: ID!/, 'type IamGroup {\n$1id: ID');

const servers: MockServer[] = [];
async function fake(options: Parameters<typeof startMockServer>[0] = {}) {
  const server = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT, ...options });
  servers.push(server);
  return { server, client: createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: server.url, env: {}, retry: false }) };
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('client.checkCompatibility()', () => {
  it('finds nothing against the fake serving schema.graphql (the fake answers introspection)', async () => {
    const { server, client } = await fake();
    const report = await client.checkCompatibility();
    expect(report).toEqual({ compatible: true, problems: [] });
    expect(server.mock.requests.map((r) => r.operationName)).toEqual(['IntrospectionQuery']);
  });

  it('catches a real drift: the operation J1 would refuse, and each schema difference', async () => {
    expect(DRIFTED).not.toBe(schemaSDL);
    const { client } = await fake({ schemaSDL: DRIFTED });
    const report = await client.checkCompatibility();
    expect(report.compatible).toBe(false);
    const refused = report.problems.filter((p) => p.operation !== undefined);
    expect(refused.map((p) => p.operation)).toEqual(['SetTokenRateLimit']);
    expect(refused[0]?.message).toMatch(/Unknown type "SetRateLimitPolicyOptions"/);
    expect(report.problems.filter((p) => p.operation === undefined).map((p) => p.message)).toEqual([
      'IamGroup.id: ID! here, ID in the live schema',
      'RateLimitPolicyMutation.setRateLimitPolicy(rateLimitPolicy): SetRateLimitPolicyOptions! here, RateLimitPolicyInput! in the live schema',
      'type SetRateLimitPolicyOptions: not in the live schema',
    ]);
  });

  it('the fake executes the SDL it serves: a drifted fake refuses the operation as J1 would', async () => {
    const { client } = await fake({ schemaSDL: DRIFTED, tokens: [{ id: 't1', name: 'k' }] });
    await expect(client.tokens.setRateLimit('t1', { capacity: 5, windowSeconds: 60 })).rejects.toThrow(/SetRateLimitPolicyOptions/);
  });

  it('a non-schema introspection answer is a typed ServerError; introspection refused is a typed error', async () => {
    const raw = await startRawServer((name) =>
      name === 'IntrospectionQuery' ? { body: { data: { __schema: { types: 'nope' } } } } : { body: { data: null } },
    );
    try {
      const client = createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: raw.url, env: {}, retry: false });
      await expect(client.checkCompatibility()).rejects.toBeInstanceOf(ServerError);
    } finally {
      await raw.close();
    }
    const off = await startRawServer(() => ({ body: { errors: [{ message: 'GraphQL introspection is not allowed' }] } }));
    try {
      const client = createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: off.url, env: {}, retry: false });
      await expect(client.checkCompatibility()).rejects.toBeInstanceOf(GraphQLResponseError);
    } finally {
      await off.close();
    }
  });
});

describe('schemaDrift (shared with test/schema/faithful.test.ts)', () => {
  it('reports an input field or argument the live schema requires and we do not declare', () => {
    const ours = buildSchema('type Query { a(x: Int): Int } input I { p: Int } type Mutation { m(i: I): Int }');
    const live = buildSchema('type Query { a(x: Int, y: Int!): Int } input I { p: Int q: String! } type Mutation { m(i: I): Int }');
    expect(schemaDrift(ours, live, 'live')).toEqual([
      'Query.a(y): required (Int!) in live, not declared here',
      'I.q: required (String!) in live, not declared here',
    ]);
  });

  it('names a type of another kind', () => {
    const ours = buildSchema('type Query { a: T } type T { x: Int }');
    const live = buildSchema('type Query { a: T } enum T { X }');
    expect(schemaDrift(ours, live, 'live')).toEqual(['type T: a different kind of type in live (type here, enum there)']);
  });
});

describe('client.whoami()', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT });
  });
  afterAll(() => server.close());

  it('returns the account and the user', async () => {
    const client = createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: server.url, env: {} });
    expect(await client.whoami()).toEqual({
      accountId: ACCOUNT,
      accountName: `Account ${ACCOUNT}`,
      user: { email: 'fake.user@example.com', username: 'fake.user' },
    });
  });

  it('user is null when J1 names no user or refuses the user read; account falls back to id', async () => {
    const raw = await startRawServer((name) =>
      name === 'GetAccount'
        ? { body: { data: { iamGetAccount: { id: 'acct-by-id', accountId: null, accountName: null } } } }
        : { body: { data: null, errors: [{ message: 'no user for this key', extensions: { code: 'NOT_FOUND' } }] } },
    );
    try {
      const client = createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: raw.url, env: {}, retry: false });
      expect(await client.whoami()).toEqual({ accountId: 'acct-by-id', accountName: null, user: null });
    } finally {
      await raw.close();
    }
  });

  it('a malformed account answer is a typed ServerError, never a TypeError', async () => {
    const raw = await startRawServer(() => ({ body: { data: { iamGetAccount: { id: 5 } } } }));
    try {
      const client = createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: raw.url, env: {}, retry: false });
      await expect(client.whoami()).rejects.toBeInstanceOf(ServerError);
    } finally {
      await raw.close();
    }
  });
});

describe('client.rateLimit', () => {
  it.each(['bare', 'structured', 'structured-spaced'] as const)('reflects the RateLimit-* headers seen (%s form)', async (form) => {
    const { client } = await fake({ rateLimitHeaderForm: form, rateLimit: { capacity: 50, windowSeconds: 60 } });
    expect(client.rateLimit.remaining).toBeUndefined();
    await client.whoami();
    expect(client.rateLimit).toMatchObject({ limit: 50, remaining: 48 });
  });
});
