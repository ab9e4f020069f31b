// The fake's issue-17 seeds: users' keys with owners, integration keys, usage slices, refusals.
import { describe, expect, it } from 'vitest';
import { createFakeJ1 } from '../../src/testing/index.js';
import { codes, gql, install, useMsw } from './helpers.js';

const server = useMsw();
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const USAGE = `query($id: ID!, $s: String!, $e: String!, $n: Int!) { accountRateLimits { tokenRateLimits(tokenId: $id) {
  apiInvocationRateLimit { metrics { timeRange(startTime: $s, endTime: $e, slices: $n) { startTime endTime totalInvocations rejectedInvocations } } } } } }`;
const slicesOf = (body: {
  data?: { accountRateLimits?: { tokenRateLimits?: { apiInvocationRateLimit?: { metrics?: { timeRange?: unknown } } } } };
}) => body.data?.accountRateLimits?.tokenRateLimits?.apiInvocationRateLimit?.metrics?.timeRange;

describe('fake usage metrics', () => {
  it('sums seeded periods into the requested slices, for account and integration keys', async () => {
    install(server, {
      tokens: [{ id: 't1', name: 'k' }],
      integrationInstances: [{ id: 'i1' }],
      integrationTokens: [{ tokenId: 'ik', instanceId: 'i1' }],
      usage: [
        {
          tokenId: 't1',
          slices: [
            { startTime: T0 + 0.5 * DAY, invocations: 3, rejected: 1 },
            { startTime: T0 + 1.2 * DAY, invocations: 4 },
            { startTime: T0 + 9 * DAY, invocations: 100 },
          ],
        },
        { tokenId: 'ik', slices: [{ startTime: T0 + 0.1 * DAY, invocations: 2 }] },
      ],
    });
    const vars = { s: new Date(T0).toISOString(), e: new Date(T0 + 2 * DAY).toISOString(), n: 2 };
    expect(slicesOf((await gql(USAGE, { id: 't1', ...vars })).body)).toEqual([
      { startTime: '2026-11-01T00:00:00.000Z', endTime: '2026-11-02T00:00:00.000Z', totalInvocations: 3, rejectedInvocations: 1 },
      { startTime: '2026-11-02T00:00:00.000Z', endTime: '2026-11-03T00:00:00.000Z', totalInvocations: 4, rejectedInvocations: 0 },
    ]);
    // Epoch-millisecond strings are accepted too.
    const ms = { s: String(T0), e: String(T0 + DAY), n: 1 };
    expect(slicesOf((await gql(USAGE, { id: 'ik', ...ms })).body)).toEqual([expect.objectContaining({ totalInvocations: 2 })]);
  });

  it('refuses the metrics of listed keys (FORBIDDEN) and rejects bad ranges (BAD_USER_INPUT)', async () => {
    install(server, { tokens: [{ id: 't1', name: 'k' }], refuseUsageFor: ['t1'] });
    const vars = { s: new Date(T0).toISOString(), e: new Date(T0 + DAY).toISOString(), n: 1 };
    expect(codes((await gql(USAGE, { id: 't1', ...vars })).body)).toEqual(['FORBIDDEN']);
    install(server, { tokens: [{ id: 't1', name: 'k' }] });
    expect(codes((await gql(USAGE, { id: 't1', ...vars, e: vars.s })).body)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await gql(USAGE, { id: 't1', ...vars, s: 'yesterday' })).body)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await gql(USAGE, { id: 't1', ...vars, n: 0 })).body)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await gql(USAGE, { id: 'nope', ...vars })).body)).toEqual(['NOT_FOUND']);
  });
});

describe('fake seeds of users and integration keys', () => {
  it('reads user keys back with their owner; seeded integration keys are listed and survive reset()', async () => {
    const mock = install(server, {
      tokens: [{ id: 'u1', name: 'laptop', type: 'USER_API', subject: 'bob' }],
      users: [{ id: 'bob', email: 'bob@example.com', username: 'bob' }],
      integrationInstances: [{ id: 'i1' }],
      integrationTokens: [
        { tokenId: 'ik', instanceId: 'i1', createdAt: T0 },
        { tokenId: 'gone', instanceId: 'i1', revoked: true },
      ],
    });
    const users = await gql('{ tokens(search: { type: USER_API }) { items { id username email userId } } }');
    expect(users.body.data.tokens.items).toEqual([{ id: 'u1', username: 'bob', email: 'bob@example.com', userId: 'bob' }]);
    const listed = await gql('{ integrationInstanceTokens(id: "i1") { tokens { tokenId createdAt } } }');
    expect(listed.body.data.integrationInstanceTokens.tokens).toEqual([{ tokenId: 'ik', createdAt: T0 }]);
    await gql('mutation { revokeIntegrationInstanceToken(tokenId: "ik") { success } }');
    mock.reset();
    expect(mock.state.integrationTokens.map((t) => [t.tokenId, t.revoked])).toEqual([
      ['ik', false],
      ['gone', true],
    ]);
  });

  it('refuses integration keys of unknown instances and duplicate ids', () => {
    expect(() => createFakeJ1({ integrationTokens: [{ tokenId: 'x', instanceId: 'nope' }] })).toThrow(TypeError);
    expect(() =>
      createFakeJ1({
        integrationInstances: [{ id: 'i' }],
        integrationTokens: [
          { tokenId: 'x', instanceId: 'i' },
          { tokenId: 'x', instanceId: 'i' },
        ],
      }),
    ).toThrow(/duplicate integration key id "x"/);
  });
});
