/**
 * `withTemporaryKey`: a key that exists only while a function runs. The implementation is loaded
 * on first use (`temporary-key-impl.ts`), so importing the SDK does not pay for it.
 * @module
 */
import type { JupiterOneClient } from '../client/create-client.js';
import type { JupiterOneError } from '../client/errors.js';
import type { PolicyInput } from '../policy/index.js';
import type { CreatedToken } from '../resources/token.js';

/** Options of {@link withTemporaryKey}. */
export interface TemporaryKeyOptions {
  /** Name of the temporary key (non-empty). */
  readonly name: string;
  /** Its policy: a builder, a document, or a JSON string (validated before anything is sent). */
  readonly policy: PolicyInput;
  /**
   * How long the key lives at most, in ms (1 minute to 1 year). The expiry is the backstop:
   * if the key cannot be revoked afterwards, it stops working at `now + ttlMs` anyway.
   */
  readonly ttlMs: number;
  /** The client that creates and revokes the key. Default: `createClient()` from the environment. */
  readonly client?: JupiterOneClient | undefined;
  /** Aborting it revokes the key at once and rejects with the signal's reason (the function's own result is then ignored). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called when the key could not be revoked (it then lives until `key.expiresAt`). Given, the
   * outcome of the function stands; not given, the revoke failure is thrown (with the function's
   * own error, if any, in an `AggregateError`).
   */
  readonly onRevokeError?: ((error: JupiterOneError, key: { readonly id: string; readonly expiresAt: Date }) => void) | undefined;
}

/**
 * Creates an account-level key that expires after `ttlMs`, runs `fn(key, signal)`, and revokes
 * the key in every outcome: when `fn` returns, throws, or `options.signal` aborts.
 *
 * ```ts
 * await withTemporaryKey({ name: 'ci-job', policy: policy().allow(['graph:Read']), ttlMs: 3_600_000 }, async (key) => {
 *   await runJob({ apiKey: key.secret });
 * });
 * ```
 */
export async function withTemporaryKey<T>(
  options: TemporaryKeyOptions,
  fn: (key: CreatedToken, signal: AbortSignal) => Promise<T> | T,
): Promise<T> {
  const { withTemporaryKeyImpl } = await import('./temporary-key-impl.js');
  return withTemporaryKeyImpl(options, fn);
}
