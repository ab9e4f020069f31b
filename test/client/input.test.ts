import { describe, expect, it } from 'vitest';
import { createClient, InvalidArgumentError, PolicyError, ServerError } from '../../src/index.js';
import { ACCOUNT, API_KEY, tokenFields, useMsw } from '../helpers/msw.js';

const { captured, answerData } = useMsw();
const client = () => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {} });

describe('bad input never reaches the wire', () => {
  it('rejects an invalid policy with PolicyError listing every issue, sending nothing', async () => {
    answerData({});
    const bad = { permissions: [{ effect: 'allow', actions: [], resources: ['*'] }] };
    const err = await client()
      .tokens.create({ name: 'n', policy: bad as never })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as PolicyError).issues.map((i) => i.path)).toEqual(['permissions[0].effect', 'permissions[0].actions']);
    expect(captured).toHaveLength(0);
  });

  it('rejects an invalid policy string', async () => {
    answerData({});
    await expect(client().tokens.create({ name: 'n', policy: '{"permission": []}' })).rejects.toBeInstanceOf(PolicyError);
    expect(captured).toHaveLength(0);
  });

  it.each([
    [{ name: '', policy: '{}' }, 'name'],
    [{ name: '   ', policy: '{}' }, 'name'],
    [{ name: 42, policy: '{}' }, 'name'],
    [{ name: 'ok', category: 7, policy: '{}' }, 'category'],
    [{ name: 'ok' }, 'policy'],
    [null, 'input'],
  ])('rejects %j naming field %s', async (input, field) => {
    answerData({});
    const err = await client()
      .tokens.create(input as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).field).toBe(field);
    expect((err as Error).message).toContain(field);
    expect(captured).toHaveLength(0);
  });

  it('rejects empty ids and bad list options before sending', async () => {
    answerData({});
    await expect(client().tokens.revoke('')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client().tokens.get(undefined as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => client().tokens.list({ pageSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => client().tokens.list({ type: 'NOPE' as never })).toThrow(InvalidArgumentError);
    expect(captured).toHaveLength(0);
  });

  it('refuses null or non-object option objects with InvalidArgumentError naming them, never a raw TypeError', async () => {
    answerData({});
    const c = client();
    const calls: [string, () => unknown][] = [
      ['listOptions', () => c.tokens.list(null as never)],
      ['listOptions', () => c.tokens.list('ACCOUNT' as never)],
      ['listOptions', () => c.groups.list(null as never)],
      ['listOptions', () => c.integrationKeys.list('instance', null as never)],
      ['options', () => c.tokens.revokeMany(['a'], null as never)],
      ['limit', () => c.tokens.setRateLimit('a', null as never)],
      ['nameFilter', () => c.groups.list({ nameFilter: 42 as never })],
      ['timeoutMs', () => c.tokens.revokeMany(['a', 'b'], { timeoutMs: 0 })],
      ['signal', () => c.tokens.list({}, { signal: 'stop' as never })],
      ['options', () => c.groups.list({}, null as never)],
      ['timeoutMs', () => c.integrationKeys.list('instance', {}, { timeoutMs: Number.NaN })],
    ];
    for (const [field, call] of calls) {
      let error: unknown;
      try {
        await call();
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
    }
    expect(captured).toHaveLength(0);
  });
});

describe('variables that cannot be sent', () => {
  it.each([
    ['a BigInt', 1n],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = {};
        o['self'] = o;
        return o;
      })(),
    ],
  ])('%s in client.operations variables: InvalidArgumentError before sending, no retry, no cleanup', async (_what, bad) => {
    answerData({});
    const requests: string[] = [];
    const c = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, hooks: { onRequest: (e) => requests.push(e.operationName) } });
    const err = await c.operations.CreateToken({ token: { name: 'x', policy: bad as never } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err).toMatchObject({ field: 'variables', operationName: 'CreateToken' });
    expect((err as Error).message).toMatch(/^CreateToken was not sent: its variables cannot be serialized as JSON/);
    expect(requests).toEqual(['CreateToken']); // one attempt, no retry
    expect(captured).toHaveLength(0);
  });
});

describe('malformed responses become ServerError, never a raw TypeError or silent data loss', () => {
  it.each([
    ['no accountRateLimits', {}],
    ['accountRateLimits null', { accountRateLimits: null }],
    ['accountRateLimits a number', { accountRateLimits: 5 }],
    ['tokenRateLimits a string', { accountRateLimits: { tokenRateLimits: 'x' } }],
  ])('getRateLimit: %s', async (_what, data) => {
    answerData(data);
    const err = await client()
      .tokens.getRateLimit('t')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as Error).message).toMatch(/^GetTokenRateLimit failed: malformed response from J1/);
  });

  it('a page that announces more without a cursor is an error, not a truncated list', async () => {
    answerData({ tokens: { items: [tokenFields()], pageInfo: { hasNextPage: true, endCursor: null } } });
    const err = await client()
      .tokens.listAll()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as Error).message).toBe('ListTokens failed: J1 said more pages follow but sent no cursor');
  });

  it.each([
    ['groupQueryPolicy a number', { groupQueryPolicy: 5 }],
    ['groupQueryPolicy without statement', { groupQueryPolicy: {} }],
    ['groupAbacPermission.statement a string', { groupAbacPermission: { statement: 'apiKeyUser' } }],
  ])('a group with %s is refused before anything could be written back', async (_what, overrides) => {
    answerData({
      iamGetGroup: {
        __typename: 'IamGroup',
        id: 'g1',
        groupName: 'Ops',
        groupDescription: null,
        status: null,
        groupAbacPermission: { statement: [] },
        groupQueryPolicy: { statement: [{ _class: ['Host'] }] },
        ...overrides,
      },
    });
    const err = await client()
      .groups.enableApiKeyAccess({ id: 'g1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(captured.map((c) => c.body.operationName)).toEqual(['GetIamGroup']);
  });
});
