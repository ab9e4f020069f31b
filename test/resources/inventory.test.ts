import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AbortError, AuthenticationError, InvalidArgumentError, type FetchLike, type KeyRecord } from '../../src/index.js';
import { isFullAccess } from '../../src/resources/inventory.js';
import { useFakeJ1 } from '../helpers/fake.js';
import { API_KEY } from '../helpers/msw.js';

const DAY = 86_400_000;
const NOW = Date.now();
const ALLOW_ALL = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';
const SCOPED =
  '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":["github_repo"]}]}}]}';

const { mock, client, operations } = useFakeJ1({
  tokens: [
    { id: 'acct-old', name: 'old-admin', policy: ALLOW_ALL, createdAt: NOW - 100 * DAY },
    { id: 'acct-scoped', name: 'reader', policy: SCOPED, createdAt: NOW - 3 * DAY, expiresAt: NOW + 20 * DAY },
    { id: 'acct-revoked', name: 'gone', policy: ALLOW_ALL, revoked: true },
    { id: 'user-alice', name: 'laptop', type: 'USER_API', subject: 'u-alice', expiresAt: NOW + 5 * DAY },
    { id: 'user-nobody', name: 'orphan', type: 'USER_API', subject: 'u-unknown', expiresAt: NOW + 5 * DAY },
  ],
  users: [{ id: 'u-alice', email: 'alice@example.com', username: 'alice' }],
  integrationInstances: [
    { id: 'inst-a', name: 'GitHub' },
    { id: 'inst-b', name: 'AWS' },
    { id: 'inst-empty', name: 'Okta' },
  ],
  integrationTokens: [
    { tokenId: 'int-a1', instanceId: 'inst-a', createdAt: NOW - 10 * DAY },
    { tokenId: 'int-a2', instanceId: 'inst-a', createdAt: NOW - 2 * DAY, expiresAt: NOW + 30 * DAY },
    { tokenId: 'int-b1', instanceId: 'inst-b' },
    { tokenId: 'int-b-revoked', instanceId: 'inst-b', revoked: true },
  ],
  usage: [
    { tokenId: 'acct-scoped', slices: [{ startTime: NOW - 2 * DAY - 3_600_000, invocations: 7, rejected: 2 }] },
    { tokenId: 'int-a1', slices: [{ startTime: NOW - 40 * DAY, invocations: 99 }] },
  ],
  refuseUsageFor: ['user-alice'],
});

const byId = (records: readonly KeyRecord[], id: string): KeyRecord => {
  const found = records.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no record ${id}`);
  return found;
};

describe('client.inventory', () => {
  it('lists account, user and integration keys of every instance, with owners, instances, age and access', async () => {
    const records = await client().inventory({ pageSize: 1 });
    expect(records.problems).toEqual([]);
    expect(records.map((r) => [r.kind, r.id])).toEqual([
      ['account', 'acct-scoped'],
      ['account', 'acct-old'],
      // Same creation time: the later seed first (the fake's newest-first order).
      ['user', 'user-nobody'],
      ['user', 'user-alice'],
      ['integration', 'int-a2'],
      ['integration', 'int-a1'],
      ['integration', 'int-b1'],
    ]);
    expect(byId(records, 'acct-old')).toEqual({
      kind: 'account',
      id: 'acct-old',
      name: 'old-admin',
      owner: null,
      integrationInstance: null,
      createdAt: new Date(NOW - 100 * DAY),
      expiresAt: null, // the fake's year-9999 default means "never"
      revoked: false,
      ageDays: 100,
      fullAccess: true,
      policySummary: 'ALLOW * on *',
      rateLimit: null,
    });
    expect(byId(records, 'acct-scoped')).toMatchObject({ fullAccess: false, expiresAt: new Date(NOW + 20 * DAY), ageDays: 3 });
    expect(byId(records, 'user-alice').owner).toEqual({ email: 'alice@example.com', username: 'alice', userId: 'u-alice' });
    expect(byId(records, 'user-nobody').owner).toEqual({ email: null, username: null, userId: 'u-unknown' });
    expect(byId(records, 'int-a1')).toMatchObject({
      name: null,
      owner: null,
      integrationInstance: { id: 'inst-a', name: 'GitHub' },
      ageDays: 10,
      fullAccess: false,
      expiresAt: null,
    });
    expect(records.every((r) => r.usage === undefined)).toBe(true);
    // pageSize 1: every page is its own request, so paging was followed (2 account pages + the empty-cursor end).
    expect(operations().filter((o) => o === 'ListTokenInventory').length).toBeGreaterThanOrEqual(4);
    expect(operations()).not.toContain('GetTokenUsage');
  });

  it('filters by kind and keeps revoked account keys only when asked', async () => {
    const accounts = await client().inventory({ include: ['account'], includeRevoked: true });
    expect(accounts.map((r) => r.id).sort()).toEqual(['acct-old', 'acct-revoked', 'acct-scoped']);
    expect(byId(accounts, 'acct-revoked').revoked).toBe(true);
    expect(operations().every((o) => o === 'ListTokenInventory')).toBe(true);
    const integration = await client().inventory({ include: ['integration'] });
    expect(integration.map((r) => r.id)).toEqual(['int-a2', 'int-a1', 'int-b1']);
  });

  it('with usage: true reads slices and own limits per key; refused or empty metrics are "unknown" with the reason', async () => {
    mock.reset();
    await client().tokens.setRateLimit('acct-scoped', { capacity: 50, windowSeconds: 60 });
    const records = await client().inventory({ usage: true, usageWindowDays: 30 });
    expect(byId(records, 'acct-scoped').usage).toEqual({
      status: 'known',
      windowDays: 30,
      sliceSeconds: 86_400,
      invocations: 7,
      rejected: 2,
      lastActiveSlice: expect.any(Date),
    });
    const last = (byId(records, 'acct-scoped').usage as { lastActiveSlice: Date }).lastActiveSlice.getTime();
    // Slice-granular: the slice that holds the seeded period, one day wide.
    expect(last).toBeLessThanOrEqual(NOW - 2 * DAY - 3_600_000);
    expect(last).toBeGreaterThan(NOW - 3 * DAY - 3_600_000);
    expect(byId(records, 'acct-scoped').rateLimit).toEqual({ capacity: 50, windowSeconds: 60 });
    // Usage older than the window is not counted.
    expect(byId(records, 'int-a1').usage).toMatchObject({ status: 'known', invocations: 0, lastActiveSlice: null });
    expect(byId(records, 'user-alice').usage).toEqual({ status: 'unknown', reason: expect.stringMatching(/^FORBIDDEN: /) });
    // A refusal is an answer, not a failed request: no problem.
    expect(records.problems).toEqual([]);
    expect(operations().filter((o) => o === 'GetTokenUsage')).toHaveLength(records.length);
    const sent = mock.requests.find((r) => r.operationName === 'GetTokenUsage');
    expect(sent?.variables).toMatchObject({ slices: 30, startTime: expect.stringMatching(/Z$/), endTime: expect.stringMatching(/Z$/) });
  });

  it('reports a failing page (and what it left out) instead of hiding it; the rest is still listed', async () => {
    // One ListIntegrationInstanceTokens page of instance inst-a fails with a 500 (not retried).
    let failed = 0;
    const fetch: FetchLike = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.includes('"ListIntegrationInstanceTokens"') && body.includes('"inst-a"') && body.includes('"cursor"') && failed === 0) {
        failed++;
        return new Response('upstream exploded', { status: 500 });
      }
      return globalThis.fetch(input, init);
    };
    const records = await client({ fetch }).inventory({ include: ['integration'], pageSize: 1 });
    expect(failed).toBe(1);
    expect(records.map((r) => r.id)).toEqual(['int-a2', 'int-b1']);
    expect(records.problems).toHaveLength(1);
    expect(records.problems[0]).toMatchObject({
      stage: 'integration-keys',
      instanceId: 'inst-a',
      keyId: null,
      code: 'SERVER_ERROR',
      message: expect.stringMatching(/^Listing the keys of integration instance GitHub \(inst-a\) stopped after 1; the rest are missing: /),
    });
  });

  it('reports a failing usage request as a problem and the usage as unknown', async () => {
    const fetch: FetchLike = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.includes('"GetTokenUsage"') && body.includes('"acct-old"')) return new Response('no', { status: 500 });
      return globalThis.fetch(input, init);
    };
    const records = await client({ fetch }).inventory({ include: ['account'], usage: true });
    expect(byId(records, 'acct-old').usage).toEqual({ status: 'unknown', reason: expect.stringMatching(/^SERVER_ERROR: /) });
    expect(records.problems.map((p) => [p.stage, p.keyId, p.code])).toEqual([['usage', 'acct-old', 'SERVER_ERROR']]);
  });

  it('reports progress, checks its options before sending, and rejects with AbortError when aborted', async () => {
    const seen: string[] = [];
    await client().inventory({ usage: true, onProgress: (p) => seen.push(p.phase) });
    expect(seen).toContain('list');
    expect(seen).toContain('usage');
    mock.reset();
    await expect(client().inventory({ include: ['robots' as never] })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client().inventory({ usageWindowDays: 0 })).rejects.toThrow(/usageWindowDays/);
    await expect(client().inventory({ concurrency: 99 })).rejects.toThrow(/concurrency/);
    expect(mock.requests).toHaveLength(0);
    const controller = new AbortController();
    controller.abort();
    await expect(client().inventory({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  });

  it('rejects with AuthenticationError when J1 rejects the key: that is no missing page', async () => {
    await expect(client({ apiKey: 'not-the-right-key-0000' }).inventory()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('never holds a secret: created keys are listed without them', async () => {
    const created = await client().tokens.create({ name: 'fresh', policy: ALLOW_ALL });
    const integration = await client().integrationKeys.create('inst-b');
    const records = await client().inventory({ usage: true });
    const text = JSON.stringify(records) + inspect(records, { depth: 10 }) + JSON.stringify(records.problems);
    expect(text).toContain(created.id);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(integration.token);
    expect(text).not.toContain(API_KEY);
  });
});

describe('fullAccess', () => {
  it.each([
    [ALLOW_ALL, true],
    [SCOPED, false],
    ['{"permissions":[{"effect":"DENY","actions":["*"],"resources":["*"]}]}', false],
    ['{"permissions":[{"effect":"ALLOW","actions":["query:ReadGraphData"],"resources":["*"]}]}', false],
    ['{"permissions":[{"effect":"ALLOW","actions":["dashboard:View","*"],"resources":["*"],"condition":{"queryFilters":[]}}]}', true],
    // An older condition form is still a filter.
    ['{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"stringEquals":{"_type":"github_repo"}}}]}', false],
    ['not json', false],
    [null, false],
  ])('%s → %s', (policy, expected) => {
    expect(isFullAccess(policy)).toBe(expected);
  });
});
