import type { CallScope } from '../client/call-options.js';
import type { SdkCalls } from '../client/requester.js';
import type { KnownIds } from './known-ids.js';

/** What every resource gets from the client. */
export interface ResourceContext {
  /** The generated operations, each request of them run by the request core within `scope` (the call's options). */
  readonly sdk: (scope: CallScope | undefined) => SdkCalls;
  /** What to do with keys an ambiguous create may have made. */
  readonly onAmbiguousCreate: 'revoke' | 'keep';
  /** Ids this client has seen, and its per-scope create locks. */
  readonly known: KnownIds;
  /** The client's default per-call timeout, in ms: the deadline of a multi-request call without its own. */
  readonly timeoutMs: number;
}
