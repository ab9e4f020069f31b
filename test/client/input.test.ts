import { describe, expect, it } from 'vitest';
import { createClient, InvalidArgumentError, PolicyError } from '../../src/index.js';
import { ACCOUNT, API_KEY, useMsw } from '../helpers/msw.js';

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
});
