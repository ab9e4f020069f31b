/**
 * Public types of the fake JupiterOne GraphQL API (transport-neutral core).
 * @packageDocumentation
 */

/** Token types of J1's `IamTokenType` enum. */
export type IamTokenType = 'ACCOUNT' | 'RESOURCE' | 'USER_API';

/** A plain HTTP request, as a transport hands it to the fake. */
export interface FakeHttpRequest {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Full request URL. The core does not route by path; transports do. */
  readonly url: string;
  /** Request headers, names lower-cased; repeated headers joined with `, ` (as `fetch` does). */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw request body. */
  readonly body: string;
}

/** A plain HTTP response produced by the fake. */
export interface FakeHttpResponse {
  /** Discriminant. */
  readonly kind: 'response';
  /** HTTP status code. */
  readonly status: number;
  /** Response headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Response body. */
  readonly body: string;
}

/**
 * A connection-level fault the transport must carry out instead of answering:
 * `reset` drop the connection (nothing was executed), `reset-after` drop it after the
 * request was executed, `timeout` never answer (nothing executed; hold until the client
 * gives up or the transport closes).
 */
export interface FakeConnectionFault {
  /** What the transport must do. */
  readonly kind: 'reset' | 'reset-after' | 'timeout';
}

/** What {@link FakeJ1.handle} resolves to. */
export type FakeResult = FakeHttpResponse | FakeConnectionFault;

/**
 * Faults that {@link FakeJ1.failNext} can inject. See {@link FakeJ1.failNext} for what each does.
 */
export type FaultKind = 500 | 502 | 503 | 504 | 429 | 'graphql429' | 'reset' | 'reset-after' | 'timeout' | 'malformed' | 'html401';

/** Options of an injected fault. */
export interface FaultOptions {
  /**
   * Only a request for this GraphQL operation (e.g. `'CreateToken'`; a batch counts when any of
   * its operations has the name) takes the fault; other requests pass it by and take the next
   * untargeted or matching fault. Default: the next request, whatever it is. The name is the
   * body's `operationName`, else the name in the document (as {@link FakeRequestRecord}).
   */
  readonly operationName?: string;
  /**
   * For `429` only: the `Retry-After` header in seconds, or `false` to send none
   * (J1 does not document it). Default `1`.
   */
  readonly retryAfterSeconds?: number | false;
  /** For `429` only: the `RateLimit-Reset` header. Default: `retryAfterSeconds`, else `1`. */
  readonly resetSeconds?: number;
}

/** A token-bucket limit: `capacity` invocations, refilled continuously over `windowSeconds`. */
export interface RateLimitConfig {
  /** Bucket size and invocations per window (positive integer). */
  readonly capacity: number;
  /** Window length in seconds (positive integer). */
  readonly windowSeconds: number;
}

/** The user that `createCurrentUserToken` creates keys for. */
export interface FakeUser {
  /** User id; the `subject` of the user's keys. */
  readonly id: string;
  /** E-mail address. */
  readonly email: string;
  /** User name. */
  readonly username: string;
}

/** A pre-existing API key to seed the fake with. */
export interface SeedToken {
  /** Key id. Default: a random UUID, fixed at creation so `reset()` restores it. */
  readonly id?: string;
  /** Key name. */
  readonly name: string;
  /** Category. Default `null`. */
  readonly category?: string | null;
  /** Policy JSON string (not validated for seeds). Default `null`. */
  readonly policy?: string | null;
  /** Token type. Default `ACCOUNT`. */
  readonly type?: IamTokenType;
  /** Subject. Default: the account id for ACCOUNT/RESOURCE keys, the current user id for USER_API keys. */
  readonly subject?: string;
  /** Revoked already. Default `false`. */
  readonly revoked?: boolean;
  /**
   * Epoch ms. Default: one day before the fake's clock when the fake is created — an existing
   * key, not one made just now (the SDK's cleanup after an ambiguous create revokes same-name
   * keys created since the call began, less 30 s of clock skew).
   */
  readonly createdAt?: number;
  /** Epoch ms. Default {@link FAR_FUTURE_EXPIRES_AT}. */
  readonly expiresAt?: number;
  /** The key's secret, so tests can authenticate with it. Default: none (cannot authenticate). */
  readonly secret?: string;
}

/** An integration instance that integration API keys can be created for. */
export interface SeedIntegrationInstance {
  /** Instance id. */
  readonly id: string;
  /** Instance name. */
  readonly name?: string;
  /** Whether the instance has at least one configuration. Default `true`. */
  readonly configured?: boolean;
  /** Its integration definition id (`integrationDefinitionId`). Default `fake-definition`. */
  readonly definitionId?: string;
}

/** A pre-existing integration API key (issue 17: inventories span every instance's keys). */
export interface SeedIntegrationToken {
  /** Key id. Default: a random UUID, fixed at creation so `reset()` restores it. */
  readonly tokenId?: string;
  /** The integration instance it belongs to (must be seeded in `integrationInstances`). */
  readonly instanceId: string;
  /** Revoked already (no longer listed). Default `false`. */
  readonly revoked?: boolean;
  /** Epoch ms. Default: one day before the fake's clock when the fake is created. */
  readonly createdAt?: number;
  /** Epoch ms. Default {@link FAR_FUTURE_EXPIRES_AT}. */
  readonly expiresAt?: number;
}

/** Invocations of one key in one seeded period, reported by `metrics.timeRange`. */
export interface SeedUsageSlice {
  /** When the period starts (epoch ms): it counts towards the requested slice holding this instant. */
  readonly startTime: number;
  /** Invocations in the period (`totalInvocations`, also `totalRequests`). */
  readonly invocations: number;
  /** Rejected invocations in the period (`rejectedInvocations`). Default `0`. */
  readonly rejected?: number;
}

/** Seeded usage of one key (an account, user or integration key id). */
export interface SeedUsage {
  /** The key's id (`tokenId`). */
  readonly tokenId: string;
  /** What the key did; periods outside a requested range are not reported. */
  readonly slices: readonly SeedUsageSlice[];
}

/** A user group to seed the fake with. */
export interface SeedGroup {
  /** Group id. */
  readonly id: string;
  /** Group name. */
  readonly name: string;
  /** Description. Default `null`. */
  readonly description?: string | null;
  /** ABAC permission strings, e.g. `apiKeyUser`. */
  readonly permissions: readonly string[];
  /** Query policy: a list of filter objects. */
  readonly queryPolicy: readonly Readonly<Record<string, unknown>>[];
}

/** Options of {@link createFakeJ1}. */
export interface FakeJ1Options {
  /** The only API key accepted (besides secrets of keys created in, or seeded into, the fake). Default: any non-empty key. */
  readonly apiKey?: string;
  /** The only account id accepted. Default: any non-empty account header. */
  readonly accountId?: string;
  /** Per-key token bucket, or `false` for no limiting and no `RateLimit-*` headers. Default {@link DEFAULT_RATE_LIMIT}. */
  readonly rateLimit?: RateLimitConfig | false;
  /**
   * Clock in epoch ms, for the bucket, `createdAt` and expiry. Default `Date.now`. When testing
   * failed creates, keep it within seconds of the real clock (e.g. `() => Date.now() + offset`):
   * the SDK finds what an ambiguous create made by comparing `createdAt` with its own clock.
   */
  readonly now?: () => number;
  /**
   * Real-time delay (ms) of every answer except `timeout` faults. Default `0`. The request
   * is acted on first, then the answer waits: a client that gives up early may still have
   * changed state, as with a slow real server.
   */
  readonly latencyMs?: number;
  /** The caller of `createCurrentUserToken`. Default {@link DEFAULT_CURRENT_USER}. */
  readonly currentUser?: FakeUser;
  /** Pre-existing API keys. */
  readonly tokens?: readonly SeedToken[];
  /** Integration instances. */
  readonly integrationInstances?: readonly SeedIntegrationInstance[];
  /** User groups. */
  readonly groups?: readonly SeedGroup[];
  /**
   * Other users of the account: a USER_API key whose `subject` is one of their ids (or the
   * current user's) reads back with that user's `username`, `email` and `userId`.
   */
  readonly users?: readonly FakeUser[];
  /** Pre-existing integration API keys. */
  readonly integrationTokens?: readonly SeedIntegrationToken[];
  /**
   * Usage reported by `accountRateLimits.tokenRateLimits(tokenId).apiInvocationRateLimit.metrics.timeRange`.
   * A key without seeded usage reports slices of zero invocations.
   */
  readonly usage?: readonly SeedUsage[];
  /** Key ids whose usage metrics the fake refuses (a `FORBIDDEN` GraphQL error), as J1 might. */
  readonly refuseUsageFor?: readonly string[];
  /**
   * The SDL the fake serves (executes and answers introspection with) instead of
   * `schema.graphql`: e.g. a deliberately drifted schema, to show `client.checkCompatibility()`
   * catching it. Must declare the `Long` and `JSON` scalars if it uses them. Default: `schema.graphql`.
   */
  readonly schemaSDL?: string;
  /**
   * How `RateLimit-Limit` is written: `bare` (`1000`, as J1's real responses carry it; the
   * default), `structured` (`1000, 1000;window=60`) or `structured-spaced` (`1000, 1000; window=60`),
   * the two forms J1's documentation writes (facts file, "More facts from J1's own clients and docs").
   */
  readonly rateLimitHeaderForm?: 'bare' | 'structured' | 'structured-spaced';
  /**
   * `refused`: every group (IAM) operation answers a `FORBIDDEN` error, as J1 does for an account
   * without SSO or a key without `accessAdmin` (facts file, "More facts …"). Default `enabled`.
   */
  readonly iamApi?: 'enabled' | 'refused';
}

/** An API key as `state.tokens` shows it (never the secret). */
export interface FakeTokenState {
  /** Key id. */
  readonly id: string;
  /** Key name. */
  readonly name: string;
  /** Category, or `null`. */
  readonly category: string | null;
  /** Policy JSON string exactly as sent, or `null`. */
  readonly policy: string | null;
  /** Token type. */
  readonly type: IamTokenType;
  /** Subject (account id, or user id for USER_API keys). */
  readonly subject: string;
  /** Whether the key is revoked. */
  readonly revoked: boolean;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** A user group as `state.groups` shows it. */
export interface FakeGroupState {
  /** Group id. */
  readonly id: string;
  /** Group name. */
  readonly name: string;
  /** Description, or `null`. */
  readonly description: string | null;
  /** ABAC permission strings. */
  readonly permissions: readonly string[];
  /** Query policy filter objects. */
  readonly queryPolicy: readonly Readonly<Record<string, unknown>>[];
}

/** An integration API key as `state.integrationTokens` shows it (never the secret). */
export interface FakeIntegrationTokenState {
  /** Key id. */
  readonly tokenId: string;
  /** Integration instance id. */
  readonly instanceId: string;
  /** Whether the key was revoked (revoked keys are no longer listed by the API). */
  readonly revoked: boolean;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** A per-key rate-limit override as `state.rateLimits` shows it. */
export interface FakeRateLimitState {
  /** Key id. */
  readonly tokenId: string;
  /** Invocations per window. */
  readonly invocationCapacity: number;
  /** Window in seconds. */
  readonly invocationWindowSeconds: number;
}

/** Read-only snapshots of the fake's state; each getter returns a fresh deep copy. */
export interface FakeJ1State {
  /** All API keys, active and revoked, in insertion order (seeds first). */
  readonly tokens: readonly FakeTokenState[];
  /** All groups, in seed order. */
  readonly groups: readonly FakeGroupState[];
  /** All integration API keys, active and revoked, in creation order. */
  readonly integrationTokens: readonly FakeIntegrationTokenState[];
  /** Per-key rate-limit overrides. */
  readonly rateLimits: readonly FakeRateLimitState[];
}

/** One GraphQL operation the fake received (one per element of a batch). */
export interface FakeRequestRecord {
  /** `operationName` of the body, else the name in the document, else `null`. */
  readonly operationName: string | null;
  /** The query text (`''` when the body was not a GraphQL request). */
  readonly query: string;
  /** Variables sent (`{}` when none). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Request headers, lower-cased; `authorization` redacted to `Bearer [redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The controls every face of the fake exposes. */
export interface FakeJ1Controls {
  /** State snapshots. */
  readonly state: FakeJ1State;
  /**
   * Every request received, in order (also those rejected with 401/429 or faulted);
   * a live array, emptied in place by `reset()`.
   */
  readonly requests: readonly FakeRequestRecord[];
  /**
   * Makes the next `count` requests fail with `kind` (FIFO, one queued fault per request,
   * consumed before authentication). With `{ operationName }`, only requests for that
   * operation take these faults (`failNext(1, 503, { operationName: 'CreateToken' })` leaves a
   * rotation's `GetToken` alone); a request takes the first queued fault that is untargeted or
   * targets it:
   * - `500`/`502`/`503`/`504`: that status, `text/plain` body, no `RateLimit-*` headers, nothing executed.
   * - `429`: `text/plain` body with `Retry-After` and `RateLimit-*` headers
   *   (`RateLimit-Remaining: 0`); nothing executed, bucket untouched.
   * - `graphql429`: HTTP `200` with `{ data: null, errors: [{ message: '… 429 …' }] }` (J1's
   *   Python client treats it as a rate limit; facts file), `Retry-After` as for `429`; nothing executed.
   * - `reset`: the connection drops before anything is executed.
   * - `reset-after`: the request is executed normally, then the connection drops.
   * - `timeout`: never answered, nothing executed.
   * - `malformed`: the request is executed normally (the nastier case), then answered
   *   `200`, `content-type: application/json` with a truncated, unparsable body.
   * - `html401`: `401` with a `text/html` body, nothing executed.
   */
  failNext(count: number, kind: FaultKind, options?: FaultOptions): void;
  /** Restores the seeded state and clears requests, queued faults and rate-limit buckets. */
  reset(): void;
}

/** Options of one {@link FakeJ1.handle} call. */
export interface HandleOptions {
  /** Aborts the latency wait (the returned promise then rejects with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** The transport-neutral fake J1. */
export interface FakeJ1 extends FakeJ1Controls {
  /**
   * Handles one HTTP request. With `latencyMs`, the request is acted on first and the
   * answer is delayed afterwards (a client that times out may still have changed state).
   */
  handle(request: FakeHttpRequest, options?: HandleOptions): Promise<FakeResult>;
}
