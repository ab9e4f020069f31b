/**
 * One error class per failure kind of a request, all extending {@link JupiterOneError}, each
 * built as `new XError(message, options)`. `code` narrows by class (`instanceof NotFoundError`
 * gives `code: 'NOT_FOUND'`), and on `AnyJupiterOneError` (`src/errors.ts`) `code` narrows to the class.
 *
 * No message or property of these errors ever holds the API key, the `authorization` header or a
 * created key's secret: the request core scrubs before it builds them.
 * @module
 */
import { JupiterOneError, type JupiterOneErrorOptions } from '../error-base.js';

export { JupiterOneError, type JupiterOneErrorCode, type JupiterOneErrorOptions, type Sent } from '../error-base.js';

/** Missing or invalid client configuration (API key, account, endpoint, options). */
export class ConfigurationError extends JupiterOneError {
  /** The machine-readable code: `CONFIGURATION`. */
  declare readonly code: 'CONFIGURATION';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super(message, { ...options, code: 'CONFIGURATION' });
  }
}

/** A caller-supplied argument is invalid; nothing was sent. */
export class InvalidArgumentError extends JupiterOneError {
  /** The machine-readable code: `INVALID_ARGUMENT`. */
  declare readonly code: 'INVALID_ARGUMENT';
  /** Path of the invalid argument, e.g. `name`. */
  readonly field: string;
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly field: string }) {
    super(message, { ...options, code: 'INVALID_ARGUMENT' });
    this.field = options.field;
  }
}

/** The API key or account was rejected (HTTP 401 or `UNAUTHENTICATED`). */
export class AuthenticationError extends JupiterOneError {
  /** The machine-readable code: `UNAUTHENTICATED`. */
  declare readonly code: 'UNAUTHENTICATED';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super(message, { ...options, code: 'UNAUTHENTICATED' });
  }
}

/** The key lacks permission (HTTP 403 or `FORBIDDEN`). */
export class PermissionError extends JupiterOneError {
  /** The machine-readable code: `FORBIDDEN`. */
  declare readonly code: 'FORBIDDEN';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super(message, { ...options, code: 'FORBIDDEN' });
  }
}

/** The requested object does not exist (`NOT_FOUND`). */
export class NotFoundError extends JupiterOneError {
  /** The machine-readable code: `NOT_FOUND`. */
  declare readonly code: 'NOT_FOUND';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super(message, { ...options, code: 'NOT_FOUND' });
  }
}

/** The server rejected the input or the operation (`BAD_USER_INPUT`, `GRAPHQL_VALIDATION_FAILED`). */
export class ValidationError extends JupiterOneError {
  /** The machine-readable code: `BAD_USER_INPUT` | `GRAPHQL_VALIDATION_FAILED`. */
  declare readonly code: 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly code: 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' }) {
    super(message, options);
  }
}

/** Rate-limit state parsed from J1's `RateLimit-*` headers. */
export interface RateLimitInfo {
  /** First number of `RateLimit-Limit` (invocations per window), if sent and sane. */
  readonly limit: number | undefined;
  /** `RateLimit-Remaining`, if sent. */
  readonly remaining: number | undefined;
  /** `RateLimit-Reset`: whole seconds until the bucket refills, if sent. */
  readonly resetSeconds: number | undefined;
}

/**
 * Over J1's rate limit: HTTP 429 or an HTTP 200 whose single error says 429 (J1 dropped the whole
 * request), or the client's pacer knew the budget would stay spent past the call's timeout and
 * sent nothing (no `status`).
 */
export class RateLimitError extends JupiterOneError {
  /** The machine-readable code: `RATE_LIMITED`. */
  declare readonly code: 'RATE_LIMITED';
  /** How long to wait before trying again: `Retry-After`, else `RateLimit-Reset`, in ms. */
  readonly retryAfterMs: number | undefined;
  /** The parsed `RateLimit-*` headers. */
  readonly rateLimit: RateLimitInfo;
  /** Creates the error. */
  constructor(
    message: string,
    options: JupiterOneErrorOptions & { readonly retryAfterMs?: number | undefined; readonly rateLimit: RateLimitInfo },
  ) {
    super(message, { ...options, code: 'RATE_LIMITED' });
    this.retryAfterMs = options.retryAfterMs;
    this.rateLimit = options.rateLimit;
  }
}

/** J1 failed (HTTP 5xx, `INTERNAL_SERVER_ERROR`, or a malformed response). */
export class ServerError extends JupiterOneError {
  /** The machine-readable code: `SERVER_ERROR`. */
  declare readonly code: 'SERVER_ERROR';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super(message, { ...options, code: 'SERVER_ERROR' });
  }
}

/** The request could not be completed at the network level. */
export class NetworkError extends JupiterOneError {
  /** The machine-readable code: `NETWORK_ERROR`. */
  declare readonly code: 'NETWORK_ERROR';
  /** True when the request is known not to have reached the server (e.g. connection refused). */
  readonly notSent: boolean;
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly notSent?: boolean | undefined } = {}) {
    super(message, { ...options, code: 'NETWORK_ERROR' });
    this.notSent = options.notSent ?? false;
  }
}

/**
 * The endpoint answered with a redirect (3xx), which is never followed: the credentials must not
 * travel to another host. J1 answered and did not act. A {@link NetworkError} for compatibility.
 */
export class RedirectError extends NetworkError {
  /** Creates the error; `status` is the 3xx status. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly status: number }) {
    super(message, { ...options, notSent: false });
  }
}

/** The call did not finish within its `timeoutMs`. */
export class TimeoutError extends JupiterOneError {
  /** The machine-readable code: `TIMEOUT`. */
  declare readonly code: 'TIMEOUT';
  /** The timeout that elapsed, in ms. */
  readonly timeoutMs: number | undefined;
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly timeoutMs?: number | undefined } = {}) {
    super(message, { ...options, code: 'TIMEOUT' });
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller's `AbortSignal` aborted the call. */
export class AbortError extends JupiterOneError {
  /** The machine-readable code: `ABORTED`. */
  declare readonly code: 'ABORTED';
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super(message, { ...options, code: 'ABORTED' });
  }
}

/** One entry of a GraphQL response's `errors[]`. */
export interface GraphQLErrorEntry {
  /** The error message. */
  readonly message: string;
  /** Path of the field that failed. */
  readonly path?: readonly (string | number)[];
  /** Server extensions, e.g. `{ code: 'NOT_FOUND' }`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** Any other GraphQL `errors[]` response; carries the (scrubbed) errors. */
export class GraphQLResponseError extends JupiterOneError {
  /** The machine-readable code: `GRAPHQL_ERROR`. */
  declare readonly code: 'GRAPHQL_ERROR';
  /** The `errors[]` entries of the response. */
  readonly errors: readonly GraphQLErrorEntry[];
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly errors: readonly GraphQLErrorEntry[] }) {
    super(message, { ...options, code: 'GRAPHQL_ERROR' });
    this.errors = options.errors;
  }
}

/** Details of an {@link AmbiguousCreateError}. */
export interface AmbiguousCreateDetails {
  /** Ids of keys the client found and revoked (created by the ambiguous call). */
  readonly revoked: readonly string[];
  /** Ids of keys that may have been created by the call (all of them, revoked or not). */
  readonly candidates: readonly string[];
  /** Set when the cleanup itself failed; the candidates may still be live. */
  readonly cleanupError?: JupiterOneError | undefined;
  /** The key J1's response carried although the create failed, when it was not revoked (its secret redacted except through its getter). */
  readonly created?: object | undefined;
}

/**
 * A create's outcome was unknown (timeout, connection reset after sending, 5xx, an unrecognised
 * GraphQL error). The client looked for the keys that call may have made and (by default)
 * revoked them; the message says what it saw, and when (README: "Retries, rate limits and failure").
 */
export class AmbiguousCreateError extends JupiterOneError {
  /** The machine-readable code: `AMBIGUOUS_CREATE`. */
  declare readonly code: 'AMBIGUOUS_CREATE';
  /** Ids of keys the client revoked. */
  readonly revoked: readonly string[];
  /** Ids of keys that may have been created by the call. */
  readonly candidates: readonly string[];
  /** Set when the cleanup itself failed. */
  readonly cleanupError: JupiterOneError | undefined;
  /**
   * The key (`CreatedToken` / `IntegrationKey`) J1's response carried although the create failed,
   * when it is still live (`onAmbiguousCreate: 'keep'`, or its revoke failed): read its secret here.
   * Redacted in `inspect` and JSON like any created key.
   */
  declare readonly created?: object;
  /** Creates the error; `cause` is the failure that made the outcome unknown. */
  constructor(message: string, options: JupiterOneErrorOptions & AmbiguousCreateDetails) {
    super(message, { ...options, code: 'AMBIGUOUS_CREATE' });
    this.revoked = Object.freeze([...options.revoked]);
    this.candidates = Object.freeze([...options.candidates]);
    this.cleanupError = options.cleanupError;
    if (options.created !== undefined) Object.defineProperty(this, 'created', { value: options.created, enumerable: true });
  }
}

/**
 * A rotation could not finish cleanly: either the new key could not be revoked after `onCreated`
 * failed (`stage: 'revoke-new'`), or the old key could not be revoked (`stage: 'revoke-old'`).
 * The message says which key to revoke by hand.
 */
export class RotationError extends JupiterOneError {
  /** The machine-readable code: `ROTATION_INCOMPLETE`. */
  declare readonly code: 'ROTATION_INCOMPLETE';
  /** The key being rotated. */
  readonly oldId: string;
  /** The key created by the rotation. */
  readonly newId: string;
  /** Which revoke failed. */
  readonly stage: 'revoke-new' | 'revoke-old';
  /** Creates the error. */
  constructor(
    message: string,
    options: JupiterOneErrorOptions & { readonly oldId: string; readonly newId: string; readonly stage: 'revoke-new' | 'revoke-old' },
  ) {
    super(message, { ...options, code: 'ROTATION_INCOMPLETE' });
    this.oldId = options.oldId;
    this.newId = options.newId;
    this.stage = options.stage;
  }
}
