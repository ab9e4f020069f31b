/**
 * Types of `client.inventory` (issue 17). Type-only: the implementation (`inventory.ts`) is
 * loaded on the first call, so scripts that never take an inventory do not pay for it.
 */
import type { JupiterOneError } from '../client/errors.js';
import type { TokenRateLimit } from './rate-limits.js';

/** What kind of API key a {@link KeyRecord} is. */
export type KeyKind = 'account' | 'user' | 'integration';

/** Every {@link KeyKind}, in inventory order. */
export const KEY_KINDS: readonly KeyKind[] = Object.freeze(['account', 'user', 'integration']);

/**
 * A key's usage over the inventory's window, from J1's per-key `metrics.timeRange` slices
 * (J1 documents no "last used" field: this is slice-granular and best effort).
 */
export interface KnownKeyUsage {
  /** Discriminant: J1 answered with slices. */
  readonly status: 'known';
  /** Days the slices cover, ending when the inventory was taken. */
  readonly windowDays: number;
  /** Length of one slice, in seconds (the granularity of {@link lastActiveSlice}). */
  readonly sliceSeconds: number;
  /** Invocations in the window (`totalInvocations`, summed). */
  readonly invocations: number;
  /** Rejected invocations in the window (`rejectedInvocations`, summed). */
  readonly rejected: number;
  /** Start of the latest slice with at least one invocation; `null` when none had any. */
  readonly lastActiveSlice: Date | null;
}

/** J1 refused the key's usage metrics or returned none: the key's usage is not known. */
export interface UnknownKeyUsage {
  /** Discriminant. */
  readonly status: 'unknown';
  /** Why, e.g. `FORBIDDEN: …` or `J1 returned no usage slices`. */
  readonly reason: string;
}

/** A key's usage: known, or unknown with the reason. */
export type KeyUsage = KnownKeyUsage | UnknownKeyUsage;

/** The owner of a user key (J1's `IamToken.username` / `email` / `userId`). */
export interface KeyOwner {
  /** E-mail address, or `null` when J1 gave none. */
  readonly email: string | null;
  /** User name, or `null` when J1 gave none. */
  readonly username: string | null;
  /** User id, or `null` when J1 gave none. */
  readonly userId: string | null;
}

/** One API key of the account, as `client.inventory` reports it. Never holds a secret. */
export interface KeyRecord {
  /** `account`, `user` (a user's own key) or `integration` (one integration instance's sync key). */
  readonly kind: KeyKind;
  /** The key id (J1's `IamToken.id`, or `IntegrationInstanceToken.tokenId`). */
  readonly id: string;
  /** Display name; `null` for integration keys (they have none). */
  readonly name: string | null;
  /** Whose key it is (user keys); `null` when J1 names nobody. */
  readonly owner: KeyOwner | null;
  /** The instance an integration key belongs to; `null` for other keys. */
  readonly integrationInstance: { readonly id: string; readonly name: string } | null;
  /** When the key was created. */
  readonly createdAt: Date;
  /** When it expires; `null` when it never does (J1 reports year 9999; from year 9000 on counts as never). */
  readonly expiresAt: Date | null;
  /** True once revoked (J1 does not list revoked integration keys at all). */
  readonly revoked: boolean;
  /** Whole days since creation, when the inventory was taken. */
  readonly ageDays: number;
  /** True when an `ALLOW` permission has `*` actions on `*` resources with no query filter. */
  readonly fullAccess: boolean;
  /** One line describing the policy; `null` when the key has none. */
  readonly policySummary: string | null;
  /**
   * The key's own rate limit. `null` when it uses the account default, and also when it was
   * not read: only with `usage: true` or `rateLimits: true` (one request per key) is it read.
   */
  readonly rateLimit: TokenRateLimit | null;
  /** Present only with `usage: true`. */
  readonly usage?: KeyUsage;
}

/** A page or key the inventory could not read: reported, never silently dropped. */
export interface InventoryProblem {
  /** What failed: a listing (`account-keys`, `user-keys`, `integration-instances`, `integration-keys`) or a key's `usage`. */
  readonly stage: 'account-keys' | 'user-keys' | 'integration-instances' | 'integration-keys' | 'usage';
  /** The integration instance concerned, or `null`. */
  readonly instanceId: string | null;
  /** The key concerned (stage `usage`), or `null`. */
  readonly keyId: string | null;
  /** The error's code, e.g. `SERVER_ERROR`. */
  readonly code: string;
  /** What happened and what is missing because of it (secret-free). */
  readonly message: string;
  /** The typed error. */
  readonly error: JupiterOneError;
}

/**
 * What `client.inventory` resolves to: the records (an ordinary array, account keys first, then
 * user keys, then integration keys by instance) carrying a `problems` property. `problems` is
 * empty when every page and key was read; otherwise the records are incomplete as it says.
 */
export type Inventory = KeyRecord[] & { readonly problems: readonly InventoryProblem[] };

/** Progress of an inventory, reported as it goes. */
export interface InventoryProgress {
  /** `list`: listing keys (done/total count sources: account keys, user keys, each instance); `usage`: reading usage (done/total count keys). */
  readonly phase: 'list' | 'usage';
  /** Units done in this phase. */
  readonly done: number;
  /** Units known in this phase (grows while instances are listed). */
  readonly total: number;
  /** Keys found so far. */
  readonly keys: number;
  /** Problems so far. */
  readonly problems: number;
}

/** Options of `client.inventory`. */
export interface InventoryOptions {
  /** Which kinds of keys to list. Default every kind. */
  readonly include?: readonly KeyKind[] | undefined;
  /** Also list revoked keys. Default `false`. */
  readonly includeRevoked?: boolean | undefined;
  /** Read each key's usage (and own rate limit): one request per key. Default `false`. */
  readonly usage?: boolean | undefined;
  /** Days of usage to read, one slice per day (1–365). Default 30. */
  readonly usageWindowDays?: number | undefined;
  /** Read each key's own rate limit even without `usage` (one request per key). Default: as `usage`. */
  readonly rateLimits?: boolean | undefined;
  /** Requests in flight at once (1–32). Default 4; pacing keeps them within J1's rate limit. */
  readonly concurrency?: number | undefined;
  /** Keys per page of each listing (1–1000). Default: J1's page size (instances: 100). */
  readonly pageSize?: number | undefined;
  /** Called as the inventory goes (not awaited; what it throws is ignored). */
  readonly onProgress?: ((progress: InventoryProgress) => unknown) | undefined;
  /** Aborts the inventory (it then rejects with `AbortError`). */
  readonly signal?: AbortSignal | undefined;
  /** Per request, as for every call (each page and each key's usage is one request). */
  readonly timeoutMs?: number | undefined;
}
