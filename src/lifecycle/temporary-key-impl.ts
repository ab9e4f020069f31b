/**
 * The implementation of `withTemporaryKey` (loaded on first use).
 * @module
 */
import { createClient } from '../create-client.js';
import { InvalidArgumentError, JupiterOneError, ServerError } from '../client/errors.js';
import type { CreatedToken } from '../resources/token.js';
import type { TemporaryKeyOptions } from './types.js';

const MIN_TTL_MS = 60_000;
const MAX_TTL_MS = 366 * 86_400_000;

function asJ1Error(error: unknown): JupiterOneError {
  if (error instanceof JupiterOneError) return error;
  return new ServerError(`revoke failed: ${error instanceof Error ? error.message : String(error)}`, { operationName: 'RevokeToken' });
}

/** See `withTemporaryKey`. */
export async function withTemporaryKeyImpl<T>(
  options: TemporaryKeyOptions,
  fn: (key: CreatedToken, signal: AbortSignal) => Promise<T> | T,
): Promise<T> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('withTemporaryKey needs { name, policy, ttlMs }', { field: 'options' });
  }
  if (typeof fn !== 'function') throw new InvalidArgumentError('withTemporaryKey needs a function (key) => … to run', { field: 'fn' });
  const { ttlMs, signal } = options;
  if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs < MIN_TTL_MS || ttlMs > MAX_TTL_MS) {
    throw new InvalidArgumentError(
      'ttlMs must be a whole number of milliseconds from 60000 (1 minute) to one year. Fix: e.g. ttlMs: 3_600_000',
      { field: 'ttlMs' },
    );
  }
  signal?.throwIfAborted();
  const client = options.client ?? createClient();
  const key = await client.tokens.create(
    { name: options.name, policy: options.policy, expiresAt: Date.now() + ttlMs },
    signal === undefined ? undefined : { signal },
  );
  const expiresAt = key.expiresAt ?? new Date(Date.now() + ttlMs);
  const inner = new AbortController();
  const onAbort = (): void => inner.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    const run = Promise.resolve().then(() => fn(key, inner.signal));
    const aborted = new Promise<never>((_, reject) => {
      const fail = (): void => reject(inner.signal.reason as Error); // the caller's own abort reason, as AbortSignal gives it
      if (inner.signal.aborted) fail();
      inner.signal.addEventListener('abort', fail, { once: true });
    });
    // An abort revokes now; the function's late result or rejection is ignored.
    run.catch(() => undefined);
    aborted.catch(() => undefined);
    outcome = { ok: true, value: await Promise.race([run, aborted]) };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!inner.signal.aborted) inner.abort(new Error('withTemporaryKey: the key was revoked'));
  }
  try {
    await client.tokens.revoke(key.id); // never with the caller's (possibly aborted) signal
  } catch (error) {
    const revokeError = asJ1Error(error);
    if (options.onRevokeError !== undefined) {
      try {
        options.onRevokeError(revokeError, { id: key.id, expiresAt });
      } catch {
        // An observer's failure does not change the outcome.
      }
    } else if (outcome.ok) {
      throw revokeError;
    } else {
      throw new AggregateError(
        [outcome.error, revokeError],
        `withTemporaryKey: the function failed and the temporary key ${key.id} could not be revoked; it expires at ${expiresAt.toISOString()}`,
        { cause: error },
      );
    }
  }
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}
