import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AmbiguousCreateError, InvalidArgumentError, policy } from '../../src/index.js';
import { useFakeJ1 } from '../helpers/fake.js';

const { mock, client, operations } = useFakeJ1();
const DAY = 86_400_000;

describe('tokens.create with expiresAt (J1 createToken(input: CreateIamTokenInput))', () => {
  it('sends the input form with type ACCOUNT and returns the key with its expiry', async () => {
    const expiresAt = new Date(Date.now() + 30 * DAY);
    const key = await client().tokens.create({ name: 'ci-30d', policy: policy().allow().queryFilter({ _type: 'github_repo' }), expiresAt });

    expect(operations()).toEqual(['CreateExpiringToken']);
    expect(mock.requests[0]?.variables).toEqual({
      input: {
        type: 'ACCOUNT',
        name: 'ci-30d',
        expiresAt: expiresAt.getTime(),
        policy:
          '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":["github_repo"]}]}}]}',
      },
    });
    expect(key.expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect(key.category).toBeNull();
    expect(key.policy?.permissions[0]?.condition?.queryFilters).toEqual([{ _type: ['github_repo'] }]);
    const stored = mock.state.tokens.find((t) => t.id === key.id);
    expect(stored).toMatchObject({ type: 'ACCOUNT', name: 'ci-30d', expiresAt: expiresAt.getTime(), revoked: false });

    // An account key like any other: listed, readable, revocable.
    expect((await client().tokens.listAll()).map((t) => t.id)).toEqual([key.id]);
    expect((await client().tokens.get(key.id)).expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect((await client().tokens.revoke(key.id)).revoked).toBe(true);
  });

  it('takes epoch milliseconds and sends a policy string verbatim', async () => {
    const expiresAt = Date.now() + DAY;
    const text = '{\n\t"permissions": [{ "effect": "ALLOW", "actions": ["*"], "resources": ["*"] }]\n}';
    await client().tokens.create({ name: 'n', policy: text, expiresAt });
    expect(mock.requests[0]?.variables).toEqual({ input: { type: 'ACCOUNT', name: 'n', expiresAt, policy: text } });
  });

  it('keeps the documented token form when expiresAt is absent', async () => {
    await client().tokens.create({ name: 'plain', category: 'tags', policy: policy().allow(), expiresAt: undefined });
    expect(operations()).toEqual(['CreateToken']);
    expect(mock.requests[0]?.variables).toEqual({
      token: { name: 'plain', category: 'tags', policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}' },
    });
  });

  it('refuses bad expiries and category + expiresAt with a typed error naming the field, sending nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [Date.now() - 1000, 'expiresAt', /must be in the future/],
      [new Date('not a date'), 'expiresAt', /invalid Date/],
      ['2031-01-01', 'expiresAt', /Date or epoch milliseconds, got string/],
      [Number.NaN, 'expiresAt', /Date or epoch milliseconds/],
    ];
    for (const [expiresAt, field, message] of cases) {
      const err = await client()
        .tokens.create({ name: 'x', policy: policy().allow(), expiresAt: expiresAt as number })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err).toMatchObject({ field });
      expect((err as Error).message).toMatch(message);
    }
    const both = await client()
      // @ts-expect-error -- category with expiresAt is a compile-time error; this checks the runtime guard for untyped callers
      .tokens.create({ name: 'x', category: 'tags', policy: policy().allow(), expiresAt: Date.now() + DAY })
      .catch((e: unknown) => e);
    expect(both).toBeInstanceOf(InvalidArgumentError);
    expect(both).toMatchObject({ field: 'category' });
    expect((both as Error).message).toMatch(/Fix: drop one of them/);
    expect(mock.requests).toHaveLength(0);
  });

  it('is a create: never retried after a 503, and an ambiguous outcome leaves no key behind', async () => {
    const faulty = client({
      hooks: { onRequest: (e) => (e.operationName === 'CreateExpiringToken' ? mock.failNext(1, 'reset-after') : undefined) },
      retry: { baseDelayMs: 0 },
    });
    const err = await faulty.tokens.create({ name: 'amb', policy: policy().allow(), expiresAt: Date.now() + DAY }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect(err).toMatchObject({ operationName: 'CreateExpiringToken' });
    expect(mock.state.tokens).toHaveLength(1); // the fake did create it before the connection dropped…
    expect(mock.state.tokens.every((t) => t.revoked)).toBe(true); // …and the client revoked it
    expect(operations().filter((o) => o === 'CreateExpiringToken')).toHaveLength(1);

    mock.reset();
    mock.failNext(1, 503);
    await expect(
      client({ retry: { baseDelayMs: 0 } }).tokens.create({ name: 'five', policy: policy().allow(), expiresAt: Date.now() + DAY }),
    ).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(operations().filter((o) => o === 'CreateExpiringToken')).toHaveLength(1);
    expect(mock.state.tokens.filter((t) => !t.revoked)).toEqual([]);
  });

  it('redacts the secret of an expiring key like any created key', async () => {
    const key = await client().tokens.create({ name: 'r', policy: policy().allow(), expiresAt: Date.now() + DAY });
    expect(key.secret.length).toBeGreaterThan(10);
    for (const text of [inspect(key), JSON.stringify(key), String(key), `${key}`]) expect(text).not.toContain(key.secret);
  });
});
