import type { JupiterOneClient } from '../create-client.js';
import type { JupiterOneError } from '../client/errors.js';
import type { PolicyInput } from '../policy/index.js';

/** Options of `withTemporaryKey`. */
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
