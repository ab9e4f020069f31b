import { describe, expect, it } from 'vitest';
import { AmbiguousCreateError, InvalidArgumentError, NotFoundError, policy, ValidationError } from '../../src/index.js';
import { useFakeJ1 } from '../helpers/fake.js';

const { mock, client, operations } = useFakeJ1();

describe('user-level keys', () => {
  it('creates a key for the current user with a future expiry', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const key = await client().tokens.createForCurrentUser({ name: 'my-laptop', expiresAt });
    expect(key.secret.length).toBeGreaterThan(10);
    expect(key.expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect(mock.requests[0]).toMatchObject({
      operationName: 'CreateCurrentUserToken',
      variables: { input: { name: 'my-laptop', expiresAt: expiresAt.getTime() } },
    });
    expect(mock.state.tokens.find((t) => t.id === key.id)).toMatchObject({ type: 'USER_API' });
    const users = await client().tokens.listAll({ type: 'USER_API' });
    expect(users.map((t) => t.id)).toEqual([key.id]);
  });

  it('refuses a past or missing expiry before sending', async () => {
    await expect(client().tokens.createForCurrentUser({ name: 'x', expiresAt: Date.now() - 1 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(client().tokens.createForCurrentUser({ name: 'x' } as never)).rejects.toMatchObject({ field: 'expiresAt' });
    expect(mock.requests).toHaveLength(0);
  });
});

describe('per-key rate limits', () => {
  it('reads null by default, sets, reads back and clears', async () => {
    const key = await client().tokens.create({ name: 'limited', policy: policy().allow() });
    expect(await client().tokens.getRateLimit(key.id)).toBeNull();
    expect(await client().tokens.setRateLimit(key.id, { capacity: 50, windowSeconds: 30 })).toEqual({ capacity: 50, windowSeconds: 30 });
    expect(await client().tokens.getRateLimit(key.id)).toEqual({ capacity: 50, windowSeconds: 30 });
    const set = mock.requests.find((r) => r.operationName === 'SetTokenRateLimit')!;
    expect(set.variables).toEqual({ tokenId: key.id, rateLimitPolicy: { invocationCapacity: 50, invocationWindowSeconds: 30 } });
    await client().tokens.clearRateLimit(key.id);
    expect(await client().tokens.getRateLimit(key.id)).toBeNull();
  });

  it('validates limits before sending and maps unknown keys', async () => {
    await expect(client().tokens.setRateLimit('t', { capacity: 0, windowSeconds: 30 })).rejects.toMatchObject({ field: 'capacity' });
    await expect(client().tokens.setRateLimit('t', { capacity: 5, windowSeconds: 1.5 })).rejects.toMatchObject({ field: 'windowSeconds' });
    expect(mock.requests).toHaveLength(0);
    await expect(client().tokens.getRateLimit('missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('rotation', () => {
  const live = () => mock.state.tokens.filter((t) => !t.revoked);

  it("keeps an expiring key's expiry (rotation never extends a key's life) unless told otherwise", async () => {
    const expiresAt = Date.now() + 7 * 86_400_000;
    const old = await client().tokens.create({ name: 'contractor', policy: policy().allow(), expiresAt });
    let fresh: { expiresAt: Date | null } | undefined;
    await client().tokens.rotate(old.id, { onCreated: (k) => void (fresh = k) });
    expect(fresh?.expiresAt?.getTime()).toBe(expiresAt);
    expect(operations()).toEqual(['CreateExpiringToken', 'GetToken', 'CreateExpiringToken', 'RevokeToken']);

    // An explicit expiry, and null for none (then the documented form, with the category).
    const later = Date.now() + 30 * 86_400_000;
    const second = live()[0]!.id;
    await client().tokens.rotate(second, { expiresAt: new Date(later), onCreated: (k) => void (fresh = k) });
    expect(fresh?.expiresAt?.getTime()).toBe(later);
    const third = live()[0]!.id;
    await client().tokens.rotate(third, { expiresAt: null, onCreated: (k) => void (fresh = k) });
    expect(mock.requests.at(-2)?.operationName).toBe('CreateToken');
    expect(live()).toHaveLength(1);
  });

  it("a fault aimed at CreateToken hits the rotation's create, not its GetToken", async () => {
    const old = await client().tokens.create({ name: 'aimed', policy: policy().allow() });
    mock.failNext(1, 429, { operationName: 'CreateToken', retryAfterSeconds: 0 });
    const result = await client().tokens.rotate(old.id, { onCreated: () => undefined });
    // The 429 went to the first CreateToken of the rotation (retried: J1 executed nothing).
    expect(operations()).toEqual(['CreateToken', 'GetToken', 'CreateToken', 'CreateToken', 'RevokeToken']);
    expect(live().map((t) => t.id)).toEqual([result.newId]);
  });

  it('refuses to rotate an expired key unless given a new expiry, creating nothing', async () => {
    const old = await client().tokens.create({ name: 'short', policy: policy().allow(), expiresAt: Date.now() + 50 });
    await new Promise((r) => setTimeout(r, 80));
    const err = await client()
      .tokens.rotate(old.id, { onCreated: () => undefined })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(/expired at .*pass \{ expiresAt \}/);
    expect(operations()).toEqual(['CreateExpiringToken', 'GetToken']);
  });

  it('creates the new key with the same policy and category, calls onCreated, then revokes the old', async () => {
    const old = await client().tokens.create({
      name: 'ci',
      category: 'deploy',
      policy: policy().allow().queryFilter({ _type: 'github_repo' }),
    });
    let stored = '';
    const result = await client().tokens.rotate(old.id, {
      onCreated: async (fresh) => {
        // The old key is still live while the caller stores the new secret.
        expect(
          live()
            .map((t) => t.id)
            .sort(),
        ).toEqual([old.id, fresh.id].sort());
        stored = fresh.secret;
      },
    });
    expect(result.oldId).toBe(old.id);
    expect(stored.length).toBeGreaterThan(10);
    expect(live().map((t) => t.id)).toEqual([result.newId]);
    const fresh = mock.state.tokens.find((t) => t.id === result.newId)!;
    expect(fresh).toMatchObject({ name: 'ci', category: 'deploy', policy: mock.state.tokens.find((t) => t.id === old.id)!.policy });
    expect(operations()).toEqual(['CreateToken', 'GetToken', 'CreateToken', 'RevokeToken']);
  });

  it('uses the given name for the new key', async () => {
    const old = await client().tokens.create({ name: 'ci', policy: policy().allow() });
    const { newId } = await client().tokens.rotate(old.id, { name: 'ci-2026', onCreated: () => undefined });
    expect(mock.state.tokens.find((t) => t.id === newId)!.name).toBe('ci-2026');
  });

  it('when onCreated throws, revokes the new key, keeps the old one and rethrows', async () => {
    const old = await client().tokens.create({ name: 'ci', policy: policy().allow() });
    const boom = new Error('vault unavailable');
    await expect(client().tokens.rotate(old.id, { onCreated: () => Promise.reject(boom) })).rejects.toBe(boom);
    expect(live().map((t) => t.id)).toEqual([old.id]);
    expect(mock.state.tokens).toHaveLength(2);
  });

  it('when the create is ambiguous (executed, then the connection dropped), leaves exactly the old key', async () => {
    const old = await client().tokens.create({ name: 'ci', policy: policy().allow() });
    let onCreatedCalls = 0;
    const faulty = client({
      hooks: { onRequest: (e) => (e.operationName === 'CreateToken' ? mock.failNext(1, 'reset-after') : undefined) },
    });
    await expect(faulty.tokens.rotate(old.id, { onCreated: () => void onCreatedCalls++ })).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(onCreatedCalls).toBe(0);
    expect(mock.state.tokens).toHaveLength(2); // the ambiguous create did make a key…
    expect(live().map((t) => t.id)).toEqual([old.id]); // …and the client revoked it
  });

  it('refuses to rotate a revoked or unknown key and requires onCreated', async () => {
    const old = await client().tokens.create({ name: 'ci', policy: policy().allow() });
    await client().tokens.revoke(old.id);
    await expect(client().tokens.rotate(old.id, { onCreated: () => undefined })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client().tokens.rotate('missing', { onCreated: () => undefined })).rejects.toBeInstanceOf(NotFoundError);
    await expect(client().tokens.rotate(old.id, {} as never)).rejects.toMatchObject({ field: 'onCreated' });
  });
});

describe('tokens against the fake', () => {
  it("sends a policy file's text without its byte-order mark (which J1, like the fake, refuses)", async () => {
    const text = '{\n\t"permissions": [{ "effect": "ALLOW", "actions": ["*"], "resources": ["*"] }]\n}';
    const key = await client().tokens.create({ name: 'bom', policy: `\uFEFF${text}` });
    expect(mock.requests[0]?.variables).toEqual({ token: { name: 'bom', policy: text } });
    expect(mock.state.tokens.find((t) => t.id === key.id)?.policy).toBe(text);
    const raw = await client()
      .operations.CreateToken({ token: { name: 'raw', policy: `\uFEFF${text}` } })
      .catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(ValidationError);
    expect((raw as Error).message).toMatch(/byte-order mark/);
  });

  it('rejects an invalid policy server-side too (BAD_USER_INPUT) when sent raw', async () => {
    const err = await client()
      .operations.CreateToken({ token: { name: 'raw', policy: '{"permissions":[]}' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(mock.state.tokens).toHaveLength(0);
  });
});
