import { describe, expect, it } from 'vitest';
import { createJupiterOneMock } from '../../src/testing/index.js';
import { ALLOW_ALL, clock, codes, CREATE_TOKEN, createToken, gql, headers, install, post, useMsw } from './helpers.js';

const server = useMsw();
const READ = `query($id: ID!) { accountRateLimits { tokenRateLimits(tokenId: $id) {
  apiInvocationRateLimit { rateLimitPolicy { invocationWindowSeconds invocationCapacity } } } } }`;
const SET = `mutation($id: ID!, $p: SetRateLimitPolicyOptions!) { tokenRateLimits(tokenId: $id) {
  apiInvocationRateLimit { setRateLimitPolicy(rateLimitPolicy: $p) } } }`;
const CLEAR = 'mutation($id: ID!) { tokenRateLimits(tokenId: $id) { apiInvocationRateLimit { clearRateLimitPolicy } } }';
const PING = '{ tokens(limit: 1) { pageInfo { hasNextPage } } }';
const policyOf = (body: {
  data?: { accountRateLimits?: { tokenRateLimits?: { apiInvocationRateLimit?: { rateLimitPolicy?: unknown } } } };
}) => body.data?.accountRateLimits?.tokenRateLimits?.apiInvocationRateLimit?.rateLimitPolicy;

function rl(res: { headers: Headers }) {
  const h = res.headers;
  return {
    limit: h.get('ratelimit-limit'),
    remaining: h.get('ratelimit-remaining'),
    reset: h.get('ratelimit-reset'),
    requested: h.get('ratelimit-requested'),
  };
}

describe('per-key rate-limit resolvers', () => {
  it('reads null (default), sets, reads back, clears', async () => {
    const mock = install(server, { tokens: [{ id: 't1', name: 'k' }] });
    expect(policyOf((await gql(READ, { id: 't1' })).body)).toBeNull();
    const set = await gql(SET, { id: 't1', p: { invocationWindowSeconds: 30, invocationCapacity: 5 } });
    expect(set.body).toEqual({ data: { tokenRateLimits: { apiInvocationRateLimit: { setRateLimitPolicy: true } } } });
    expect(policyOf((await gql(READ, { id: 't1' })).body)).toEqual({ invocationWindowSeconds: 30, invocationCapacity: 5 });
    expect(mock.state.rateLimits).toEqual([{ tokenId: 't1', invocationCapacity: 5, invocationWindowSeconds: 30 }]);
    const clear = await gql(CLEAR, { id: 't1' });
    expect(clear.body.data.tokenRateLimits.apiInvocationRateLimit.clearRateLimitPolicy).toBe(true);
    expect(policyOf((await gql(READ, { id: 't1' })).body)).toBeNull();
    expect(mock.state.rateLimits).toEqual([]);
  });

  it.each([[{ invocationWindowSeconds: 0, invocationCapacity: 5 }], [{ invocationWindowSeconds: 60, invocationCapacity: -1 }]])(
    'rejects a non-positive policy %o with BAD_USER_INPUT',
    async (p) => {
      const mock = install(server, { tokens: [{ id: 't1', name: 'k' }] });
      const res = await gql(SET, { id: 't1', p });
      expect(res.body.data).toBeNull();
      expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
      expect(mock.state.rateLimits).toEqual([]);
    },
  );

  it('answers an unknown key with NOT_FOUND in the query and the mutation', async () => {
    install(server);
    const read = await gql(READ, { id: 'nope' });
    expect(read.body.data).toBeNull();
    expect(codes(read.body)).toEqual(['NOT_FOUND']);
    expect(read.body.errors?.[0]?.path).toEqual(['accountRateLimits', 'tokenRateLimits']);
    const set = await gql(SET, { id: 'nope', p: { invocationWindowSeconds: 1, invocationCapacity: 1 } });
    expect(codes(set.body)).toEqual(['NOT_FOUND']);
    expect(set.body.errors?.[0]?.path).toEqual(['tokenRateLimits']);
  });
});

describe('RateLimit-Limit forms (facts file, "More facts from J1\'s own clients and docs")', () => {
  it.each([
    [undefined, '1000'],
    ['bare', '1000'],
    ['structured', '1000, 1000;window=60'],
    ['structured-spaced', '1000, 1000; window=60'],
  ] as const)('rateLimitHeaderForm %s sends %s', async (form, expected) => {
    install(server, form === undefined ? {} : { rateLimitHeaderForm: form });
    expect(rl(await gql(PING)).limit).toBe(expected);
  });

  it('refuses an unknown form', () => {
    expect(() => install(server, { rateLimitHeaderForm: 'rfc' as never })).toThrow(/rateLimitHeaderForm/);
  });
});

describe('token bucket', () => {
  it('uses J1 defaults: 1000 per 60 s', async () => {
    const c = clock();
    install(server, { now: c.now });
    expect(rl(await gql(PING))).toEqual({ limit: '1000', remaining: '999', reset: '1', requested: '1' });
  });

  it('decrements Remaining, refills continuously, rounds Reset up', async () => {
    const c = clock();
    install(server, { now: c.now, rateLimit: { capacity: 10, windowSeconds: 60 } });
    expect(rl(await gql(PING))).toEqual({ limit: '10', remaining: '9', reset: '6', requested: '1' });
    expect(rl(await gql(PING))).toMatchObject({ remaining: '8', reset: '12' });
    c.advance(3000); // +0.5 invocation → 8.5, minus 1 → 7.5
    expect(rl(await gql(PING))).toMatchObject({ remaining: '7', reset: '15' });
    c.advance(1); // 14.999 s until full → rounded up
    expect(rl(await gql(PING))).toMatchObject({ remaining: '6', reset: '21' });
    c.advance(10 * 60_000);
    expect(rl(await gql(PING))).toMatchObject({ remaining: '9', reset: '6' });
  });

  it('rounds a fractional Reset up (3 per 10 s: one invocation = 3.33 s → 4)', async () => {
    const c = clock();
    install(server, { now: c.now, rateLimit: { capacity: 3, windowSeconds: 10 } });
    expect(rl(await gql(PING))).toMatchObject({ remaining: '2', reset: '4' });
  });

  it('answers 429 over the limit and executes nothing', async () => {
    const c = clock();
    const mock = install(server, { now: c.now, rateLimit: { capacity: 2, windowSeconds: 60 } });
    await createToken('a');
    await createToken('b');
    const res = await post(JSON.stringify({ query: CREATE_TOKEN, variables: { token: { name: 'c', policy: ALLOW_ALL } } }));
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Too Many Requests');
    expect(rl(res)).toEqual({ limit: '2', remaining: '0', reset: '60', requested: '1' });
    expect(res.headers.get('retry-after')).toBeNull();
    expect(mock.state.tokens.map((t) => t.name)).toEqual(['a', 'b']);
    c.advance(30_000);
    expect((await gql(PING)).status).toBe(200);
  });

  it('counts each operation of a batch; a batch that does not fit executes nothing', async () => {
    const c = clock();
    const mock = install(server, { now: c.now, rateLimit: { capacity: 5, windowSeconds: 60 } });
    const op = (name: string) => ({ query: CREATE_TOKEN, variables: { token: { name, policy: ALLOW_ALL } } });
    const ok = await post(JSON.stringify([op('a'), op('b'), op('c')]));
    expect(ok.status).toBe(200);
    expect(rl(ok)).toMatchObject({ remaining: '2', requested: '3' });
    const over = await post(JSON.stringify([op('d'), op('e'), op('f')]));
    expect(over.status).toBe(429);
    expect(rl(over)).toMatchObject({ remaining: '2', requested: '3' });
    expect(mock.state.tokens.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    const single = await gql(PING);
    expect(rl(single)).toMatchObject({ remaining: '1', requested: '1' });
  });

  it('keeps one bucket per API key', async () => {
    const c = clock();
    server.use(...createJupiterOneMock({ now: c.now, rateLimit: { capacity: 1, windowSeconds: 60 } }).handlers);
    const as = (key: string) => ({ headers: headers({ authorization: `Bearer ${key}` }) });
    expect((await gql(PING, undefined, as('key-a'))).status).toBe(200);
    expect((await post(JSON.stringify({ query: PING }), headers({ authorization: 'Bearer key-a' }))).status).toBe(429);
    expect((await gql(PING, undefined, as('key-b'))).status).toBe(200);
  });

  it("applies a created key's own limit to requests made with its secret", async () => {
    const c = clock();
    install(server, { now: c.now, rateLimit: { capacity: 10, windowSeconds: 60 } });
    const key = await createToken('limited');
    await gql(SET, { id: key.id, p: { invocationWindowSeconds: 60, invocationCapacity: 1 } });
    const asKey = headers({ authorization: `Bearer ${key.secret}` });
    const first = await gql(PING, undefined, { headers: asKey });
    expect(rl(first)).toEqual({ limit: '1', remaining: '0', reset: '60', requested: '1' });
    expect((await post(JSON.stringify({ query: PING }), asKey)).status).toBe(429);
    const main = await gql(PING);
    expect(main.status).toBe(200);
    expect(rl(main).limit).toBe('10');
    await gql(CLEAR, { id: key.id });
    // The key's bucket is still empty; at the default speed one invocation takes 6 s.
    c.advance(6000);
    const cleared = await gql(PING, undefined, { headers: asKey });
    expect(cleared.status).toBe(200);
    expect(rl(cleared)).toMatchObject({ limit: '10', remaining: '0' });
  });

  it("a key's override with another window keeps the invocations left (rescaled), not the raw bucket", async () => {
    const c = clock();
    install(server, { now: c.now, rateLimit: { capacity: 1000, windowSeconds: 60 } });
    const key = await createToken('rescaled');
    const asKey = headers({ authorization: `Bearer ${key.secret}` });
    await gql(SET, { id: key.id, p: { invocationWindowSeconds: 60, invocationCapacity: 20 } });
    for (let i = 0; i < 10; i++) await gql(PING, undefined, { headers: asKey });
    // 10 of 20 left; a new window of 10 s with capacity 100 keeps 10 left, minus this call.
    await gql(SET, { id: key.id, p: { invocationWindowSeconds: 10, invocationCapacity: 100 } });
    expect(rl(await gql(PING, undefined, { headers: asKey }))).toMatchObject({ limit: '100', remaining: '9' });
    // And back to a longer window: still counted in invocations.
    await gql(SET, { id: key.id, p: { invocationWindowSeconds: 60, invocationCapacity: 20 } });
    expect(rl(await gql(PING, undefined, { headers: asKey }))).toMatchObject({ limit: '20', remaining: '8' });
  });

  it('rateLimit: false disables limiting and the headers, also on an injected 429', async () => {
    const mock = install(server, { rateLimit: false });
    for (let i = 0; i < 5; i++) {
      const res = await gql(PING);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
    mock.failNext(1, 429);
    const injected = await post(JSON.stringify({ query: PING }));
    expect(injected.status).toBe(429);
    expect(injected.headers.get('retry-after')).toBe('1');
    expect([...injected.headers.keys()].filter((k) => k.startsWith('ratelimit-'))).toEqual([]);
  });

  it('refuses invalid rateLimit options', () => {
    expect(() => createJupiterOneMock({ rateLimit: { capacity: 0, windowSeconds: 60 } })).toThrow(RangeError);
    expect(() => createJupiterOneMock({ rateLimit: { capacity: 5, windowSeconds: 1.5 } })).toThrow(RangeError);
  });
});
