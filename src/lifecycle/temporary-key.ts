/**
 * `withTemporaryKey`: a key that exists only while a function runs. The implementation is loaded
 * on first use (`temporary-key-impl.ts`), so importing the SDK does not pay for it.
 * @module
 */
import type { CreatedToken } from '../resources/token.js';
import type { TemporaryKeyOptions } from './types.js';

export type { TemporaryKeyOptions } from './types.js';

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
