import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, JupiterOneError, policy, withTemporaryKey } from '../../src/index.js';
import { useFakeJ1 } from '../helpers/fake.js';

const { mock, client, operations } = useFakeJ1();
const HOUR = 3_600_000;

const live = (name: string) => mock.state.tokens.filter((t) => t.name === name && !t.revoked);

describe('withTemporaryKey', () => {
  it('creates an expiring key, runs the function with it, revokes it, returns the result', async () => {
    const before = Date.now();
    const result = await withTemporaryKey({ client: client(), name: 'tmp', policy: policy().allow(), ttlMs: HOUR }, (key) => {
      expect(live('tmp').map((t) => t.id)).toEqual([key.id]);
      expect(key.secret).toMatch(/^j1_/);
      return 42;
    });
    expect(result).toBe(42);
    expect(live('tmp')).toEqual([]);
    const stored = mock.state.tokens.find((t) => t.name === 'tmp');
    expect(stored?.expiresAt).toBeGreaterThanOrEqual(before + HOUR);
    expect(stored?.expiresAt).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(operations()).toEqual(['CreateExpiringToken', 'RevokeToken']);
  });

  it('revokes the key when the function throws, and rethrows its error', async () => {
    const boom = new Error('boom');
    await expect(
      withTemporaryKey({ client: client(), name: 'tmp-throw', policy: policy().allow(), ttlMs: HOUR }, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(live('tmp-throw')).toEqual([]);
    expect(mock.state.tokens.filter((t) => t.name === 'tmp-throw')).toHaveLength(1);
  });

  it('revokes at once on abort and rejects with the reason, without waiting for the function', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = withTemporaryKey(
      { client: client(), name: 'tmp-abort', policy: policy().allow(), ttlMs: HOUR, signal: controller.signal },
      (_key, signal) => {
        seen = signal;
        return new Promise<never>(() => undefined); // never settles
      },
    );
    while (live('tmp-abort').length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(live('tmp-abort')).toEqual([]);
    expect(seen?.aborted).toBe(true); // the function is told to stop too
  });

  it('a key that cannot be revoked: the revoke error is thrown, or given to onRevokeError with its expiry', async () => {
    mock.failNext(1, 500, { operationName: 'RevokeToken' });
    await expect(
      withTemporaryKey({ client: client(), name: 'tmp-stuck', policy: policy().allow(), ttlMs: HOUR }, () => 1),
    ).rejects.toBeInstanceOf(JupiterOneError);
    mock.failNext(1, 500, { operationName: 'RevokeToken' });
    const reported: { id: string; expiresAt: Date }[] = [];
    const value = await withTemporaryKey(
      { client: client(), name: 'tmp-stuck-2', policy: policy().allow(), ttlMs: HOUR, onRevokeError: (_e, key) => reported.push(key) },
      () => 'done',
    );
    expect(value).toBe('done');
    expect(reported.map((k) => k.id)).toEqual(live('tmp-stuck-2').map((t) => t.id));
    expect(reported[0]?.expiresAt.getTime()).toBeGreaterThan(Date.now() + HOUR - 60_000);
    mock.failNext(1, 500, { operationName: 'RevokeToken' });
    const error = await withTemporaryKey({ client: client(), name: 'tmp-stuck-3', policy: policy().allow(), ttlMs: HOUR }, () => {
      throw new Error('inner');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).message).toMatch(/could not be revoked; it expires at \d{4}-/);
    expect((error as AggregateError).errors.map((e: Error) => e.message)[0]).toBe('inner');
  });

  it.each([0, 59_999, 1.5, Number.NaN, 400 * 24 * HOUR])('refuses ttlMs %s before sending anything', async (ttlMs) => {
    await expect(withTemporaryKey({ client: client(), name: 'x', policy: policy().allow(), ttlMs }, () => 1)).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.message.includes('ttlMs') && e.message.includes('Fix:'),
    );
    expect(operations()).toEqual([]);
  });
});
