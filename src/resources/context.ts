import type { SdkCalls } from '../client/operations.js';
import type { KnownIds } from './known-ids.js';

/** What every resource gets from the client. */
export interface ResourceContext {
  /** The generated operations, running through the client's one wrapper. */
  readonly sdk: SdkCalls;
  /** What to do with keys an ambiguous create may have made. */
  readonly onAmbiguousCreate: 'revoke' | 'keep';
  /** Ids this client has seen; an ambiguous create never revokes one seen before it began. */
  readonly known: KnownIds;
  /** The client's default per-call timeout, in ms: the deadline of a multi-request call without its own. */
  readonly timeoutMs: number;
}
