/**
 * The context every resolver of the fake receives.
 * @packageDocumentation
 */
import type { Store } from '../store.js';
import type { FakeUser } from '../types.js';

/** Per-operation resolver context. */
export interface ResolverContext {
  /** The fake's state. */
  readonly store: Store;
  /** The fake's clock when the operation started (epoch ms). */
  readonly now: number;
  /** The account of the request (its `JupiterOne-Account` / `LifeOmic-Account` header). */
  readonly accountId: string;
  /** The caller of `createCurrentUserToken`. */
  readonly currentUser: FakeUser;
  /** Group (IAM) operations answer `FORBIDDEN` (`iamApi: 'refused'`). */
  readonly iamRefused?: boolean;
}
