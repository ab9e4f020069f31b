import { describe, expect, it } from 'vitest';
import { createFakeJ1, createJupiterOneMock } from '../../src/testing/index.js';
import {
  ACCOUNT_ID,
  ALLOW_ALL,
  API_KEY,
  clock,
  CREATE_TOKEN,
  createToken,
  gql,
  headers,
  install,
  post,
  REVOKE_TOKEN,
  useMsw,
} from './helpers.js';

const server = useMsw();

describe('requests', () => {
  it('records every operation with redacted authorization, variables and operationName', async () => {
    const mock = install(server);
    const key = await createToken('k');
    await gql('query Named { tokens { items { id } } }');
    await gql('query A { tokens { items { id } } } query B { tokens { items { id } } }', undefined, { operationName: 'B' });
    await post('not json');
    await post(JSON.stringify({ query: '{ tokens { items { id } } }' }), headers({ 'jupiterone-account': undefined }));
    expect(mock.requests.map((r) => r.operationName)).toEqual(['CreateToken', 'Named', 'B', null, null]);
    expect(mock.requests[0]?.variables).toEqual({ token: { name: 'k', category: 'tags', policy: ALLOW_ALL } });
    expect(mock.requests[3]).toMatchObject({ query: '', variables: {} });
    for (const r of mock.requests) {
      expect(r.headers['authorization']).toBe('Bearer [redacted]');
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(mock.requests[0]?.headers['jupiterone-account']).toBe(ACCOUNT_ID);
    const dump = JSON.stringify(mock.requests);
    expect(dump).not.toContain(API_KEY);
    expect(dump).not.toContain(key.secret);
  });

  it('redacts a key sent with another scheme or none', async () => {
    const mock = install(server);
    await post('{}', headers({ authorization: `Basic ${API_KEY}` }));
    await post('{}', headers({ authorization: API_KEY }));
    expect(mock.requests.map((r) => r.headers['authorization'])).toEqual(['Basic [redacted]', '[redacted]']);
  });

  it('records requests whose authentication failed, and faulted ones', async () => {
    const mock = install(server);
    mock.failNext(1, 503);
    await post(JSON.stringify({ query: 'query X { tokens { items { id } } }' }));
    await post(JSON.stringify({ query: 'query Y { tokens { items { id } } }' }), headers({ authorization: 'Bearer wrong' }));
    expect(mock.requests.map((r) => r.operationName)).toEqual(['X', 'Y']);
  });

  it('freezes records', async () => {
    const mock = install(server);
    await gql('query Q { tokens { items { id } } }');
    expect(Object.isFrozen(mock.requests[0])).toBe(true);
    expect(Object.isFrozen(mock.requests[0]?.headers)).toBe(true);
  });
});

describe('state and reset()', () => {
  it('reset() restores seeds (same ids), clears requests (in place), overrides, integration keys and buckets', async () => {
    const c = clock();
    const mock = install(server, {
      now: c.now,
      rateLimit: { capacity: 4, windowSeconds: 60 },
      tokens: [{ name: 'seeded' }],
      groups: [{ id: 'g', name: 'G', permissions: ['a'], queryPolicy: [] }],
      integrationInstances: [{ id: 'i' }],
    });
    const seeded = mock.state.tokens;
    const requests = mock.requests;
    const seededId = seeded[0]?.id ?? '';
    await gql(REVOKE_TOKEN, { id: seededId });
    await gql('mutation { updateIamGroup(id: "g", abacPermissions: ["b"]) { id } }');
    await gql('mutation { createIntegrationInstanceToken(id: "i") { tokenId } }');
    expect(
      (
        await gql(
          `mutation { tokenRateLimits(tokenId: "${seededId}") { apiInvocationRateLimit { setRateLimitPolicy(rateLimitPolicy: { invocationWindowSeconds: 1, invocationCapacity: 1 }) } } }`,
        )
      ).status,
    ).toBe(200);
    expect((await post(JSON.stringify({ query: CREATE_TOKEN, variables: { token: { name: 'x', policy: ALLOW_ALL } } }))).status).toBe(429);
    mock.failNext(1, 500);

    mock.reset();

    expect(mock.state.tokens).toEqual(seeded);
    expect(mock.state.groups[0]?.permissions).toEqual(['a']);
    expect(mock.state.integrationTokens).toEqual([]);
    expect(mock.state.rateLimits).toEqual([]);
    expect(mock.requests).toBe(requests);
    expect(requests).toEqual([]);
    const after = await gql('{ tokens { items { id revoked } } }');
    expect(after.status).toBe(200);
    expect(after.body.data.tokens.items).toEqual([{ id: seededId, revoked: false }]);
    expect(after.headers.get('ratelimit-remaining')).toBe('3');
  });

  it('state getters return copies that never hold a secret', async () => {
    const mock = install(server, { tokens: [{ id: 's', name: 'seeded', secret: 'j1_known-seed-secret' }] });
    const key = await createToken('k');
    const tokens = mock.state.tokens;
    expect(Object.keys(tokens[1] ?? {}).sort()).toEqual([
      'category',
      'createdAt',
      'expiresAt',
      'id',
      'name',
      'policy',
      'revoked',
      'subject',
      'type',
    ]);
    (tokens as unknown as { name: string }[])[1]!.name = 'changed';
    expect(mock.state.tokens[1]?.name).toBe('k');
    const dump = JSON.stringify(mock.state);
    expect(dump).not.toContain(key.secret);
    expect(dump).not.toContain('j1_known-seed-secret');
  });

  it('rejects duplicate seeded ids and bad options', () => {
    expect(() =>
      createFakeJ1({
        tokens: [
          { id: 'x', name: 'a' },
          { id: 'x', name: 'b' },
        ],
      }),
    ).toThrow(TypeError);
    expect(() =>
      createFakeJ1({
        groups: [
          { id: 'g', name: 'a', permissions: [], queryPolicy: [] },
          { id: 'g', name: 'b', permissions: [], queryPolicy: [] },
        ],
      }),
    ).toThrow(TypeError);
    expect(() => createFakeJ1({ latencyMs: -1 })).toThrow(RangeError);
  });

  it('failNext validates its arguments', () => {
    const mock = createJupiterOneMock();
    expect(() => mock.failNext(0, 500)).toThrow(RangeError);
    expect(() => mock.failNext(1.5, 500)).toThrow(RangeError);
    expect(() => mock.failNext(1, 404 as never)).toThrow(RangeError);
    expect(() => mock.failNext(1, 429, { retryAfterSeconds: -1 })).toThrow(RangeError);
  });
});

describe('core (transport-neutral)', () => {
  const req = (body: string) => ({ method: 'POST', url: 'https://graphql.us.jupiterone.io/', headers: headers(), body });

  it('returns connection faults as actions', async () => {
    const fake = createFakeJ1({ apiKey: API_KEY, accountId: ACCOUNT_ID });
    fake.failNext(1, 'reset');
    fake.failNext(1, 'reset-after');
    fake.failNext(1, 'timeout');
    const body = JSON.stringify({ query: CREATE_TOKEN, variables: { token: { name: 'n', policy: ALLOW_ALL } } });
    expect(await fake.handle(req(body))).toEqual({ kind: 'reset' });
    expect(fake.state.tokens).toHaveLength(0);
    expect(await fake.handle(req(body))).toEqual({ kind: 'reset-after' });
    expect(fake.state.tokens).toHaveLength(1);
    expect(await fake.handle(req(body))).toEqual({ kind: 'timeout' });
    expect(fake.state.tokens).toHaveLength(1);
  });

  it('aborts the latency wait through the signal, rejecting with its reason', async () => {
    const fake = createFakeJ1({ apiKey: API_KEY, accountId: ACCOUNT_ID, latencyMs: 60_000 });
    const controller = new AbortController();
    const pending = fake.handle(req(JSON.stringify({ query: '{ tokens { items { id } } }' })), { signal: controller.signal });
    const reason = new Error('client went away');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('seeded keys are existing keys: created a day before the fake started, unless given', () => {
    const c = clock();
    const fake = createFakeJ1({
      now: c.now,
      tokens: [
        { id: 'old', name: 'n' },
        { id: 'dated', name: 'd', createdAt: 42 },
      ],
    });
    expect(fake.state.tokens.map((t) => [t.id, t.createdAt])).toEqual([
      ['old', c.now() - 86_400_000],
      ['dated', 42],
    ]);
  });
});
