/**
 * One error class per failure kind, all extending {@link JupiterOneError}.
 *
 * No message or property of these errors ever holds the API key, the `authorization`
 * header or a created key's secret: the transport redacts before it builds them.
 */

/** Machine-readable code carried by every {@link JupiterOneError}. */
export type JupiterOneErrorCode =
  | 'CONFIGURATION'
  | 'POLICY_INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'GRAPHQL_ERROR'
  | 'AMBIGUOUS_CREATE'
  | 'ROTATION_INCOMPLETE'
  | 'INVALID_ARGUMENT';

/** Options shared by every error constructor. */
export interface JupiterOneErrorOptions {
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** GraphQL operation that failed, e.g. `CreateToken`. */
  operationName?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/** Base class of every error thrown by j1-api-keys. */
export class JupiterOneError extends Error {
  /** Machine-readable failure kind. */
  readonly code: JupiterOneErrorCode;
  /** HTTP status of the response, when there was one. */
  declare readonly status?: number;
  /** GraphQL operation that failed, e.g. `CreateToken`. */
  declare readonly operationName?: string;

  /** Creates an error; prefer the subclasses. */
  constructor(code: JupiterOneErrorCode, message: string, options: JupiterOneErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    // Set only when known, so `'status' in error` and inspect output stay honest.
    if (options.status !== undefined) Object.defineProperty(this, 'status', { value: options.status, enumerable: true });
    if (options.operationName !== undefined) {
      Object.defineProperty(this, 'operationName', { value: options.operationName, enumerable: true });
    }
  }

  /** A plain, secret-free object for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.status !== undefined) out.status = this.status;
    if (this.operationName !== undefined) out.operationName = this.operationName;
    return out;
  }
}

/** Missing or invalid client configuration (API key, account, endpoint). */
export class ConfigurationError extends JupiterOneError {
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super('CONFIGURATION', message, options);
  }
}

/** A caller-supplied argument is invalid; nothing was sent. */
export class InvalidArgumentError extends JupiterOneError {
  /** Path of the invalid argument, e.g. `name`. */
  readonly field: string;
  /** Creates the error. */
  constructor(field: string, message: string, options: JupiterOneErrorOptions = {}) {
    super('INVALID_ARGUMENT', message, options);
    this.field = field;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** One problem found in a policy document. */
export interface PolicyIssue {
  /** Where the problem is, e.g. `permissions[0].condition.queryFilters[1]._type`. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** A policy document is invalid; carries every problem with its path. */
export class PolicyError extends JupiterOneError {
  /** Every problem found, each with its path and a fix hint. */
  readonly issues: readonly PolicyIssue[];
  /** Creates the error from the list of issues (the message lists them all). */
  constructor(issues: readonly PolicyIssue[], options: JupiterOneErrorOptions = {}) {
    const list = issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n');
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super('POLICY_INVALID', `Invalid policy (${count}):\n${list}`, options);
    this.issues = Object.freeze(issues.map((i) => Object.freeze({ path: i.path, message: i.message })));
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** The API key or account was rejected (HTTP 401 or `UNAUTHENTICATED`). */
export class AuthenticationError extends JupiterOneError {
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super('UNAUTHENTICATED', message, options);
  }
}

/** The key lacks permission (HTTP 403 or `FORBIDDEN`). */
export class PermissionError extends JupiterOneError {
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super('FORBIDDEN', message, options);
  }
}

/** The requested object does not exist (`NOT_FOUND`). */
export class NotFoundError extends JupiterOneError {
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

/** The server rejected the input or the operation (`BAD_USER_INPUT`, `GRAPHQL_VALIDATION_FAILED`). */
export class ValidationError extends JupiterOneError {
  /** Creates the error. */
  constructor(code: 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED', message: string, options: JupiterOneErrorOptions = {}) {
    super(code, message, options);
  }
}

/** Rate-limit state parsed from J1's `RateLimit-*` headers. */
export interface RateLimitInfo {
  /** First number of `RateLimit-Limit` (invocations per window), if sent. */
  readonly limit: number | undefined;
  /** `RateLimit-Remaining`, if sent. */
  readonly remaining: number | undefined;
  /** `RateLimit-Reset`: whole seconds until the bucket refills, if sent. */
  readonly resetSeconds: number | undefined;
}

/**
 * Over J1's rate limit: HTTP 429 (J1 dropped the whole request), or the client's pacer knew the
 * budget would stay spent past the call's timeout and sent nothing (no `status`).
 */
export class RateLimitError extends JupiterOneError {
  /** How long to wait before trying again: `Retry-After`, else `RateLimit-Reset`, in ms. */
  readonly retryAfterMs: number | undefined;
  /** The parsed `RateLimit-*` headers. */
  readonly rateLimit: RateLimitInfo;
  /** Creates the error. */
  constructor(message: string, retryAfterMs: number | undefined, rateLimit: RateLimitInfo, options: JupiterOneErrorOptions = {}) {
    super('RATE_LIMITED', message, options);
    this.retryAfterMs = retryAfterMs;
    this.rateLimit = rateLimit;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs, rateLimit: this.rateLimit };
  }
}

/** J1 failed (HTTP 5xx, `INTERNAL_SERVER_ERROR`, or a malformed response). */
export class ServerError extends JupiterOneError {
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super('SERVER_ERROR', message, options);
  }
}

/** The request could not be completed at the network level (including refused redirects). */
export class NetworkError extends JupiterOneError {
  /** True when the request is known not to have reached the server (e.g. connection refused). */
  readonly notSent: boolean;
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions & { notSent?: boolean } = {}) {
    super('NETWORK_ERROR', message, options);
    this.notSent = options.notSent ?? false;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), notSent: this.notSent };
  }
}

/** The call did not finish within its `timeoutMs`. */
export class TimeoutError extends JupiterOneError {
  /** The timeout that elapsed, in ms. */
  readonly timeoutMs: number | undefined;
  /** Creates the error. */
  constructor(message: string, timeoutMs: number | undefined, options: JupiterOneErrorOptions = {}) {
    super('TIMEOUT', message, options);
    this.timeoutMs = timeoutMs;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** The caller's `AbortSignal` aborted the call. */
export class AbortError extends JupiterOneError {
  /** Creates the error. */
  constructor(message: string, options: JupiterOneErrorOptions = {}) {
    super('ABORTED', message, options);
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

/** Any other GraphQL `errors[]` response; carries the errors. */
export class GraphQLResponseError extends JupiterOneError {
  /** The `errors[]` entries of the response. */
  readonly errors: readonly GraphQLErrorEntry[];
  /** Creates the error. */
  constructor(message: string, errors: readonly GraphQLErrorEntry[], options: JupiterOneErrorOptions = {}) {
    super('GRAPHQL_ERROR', message, options);
    this.errors = errors;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors };
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
 * A create's outcome was unknown (timeout, connection reset after sending, 5xx). With the default
 * `onAmbiguousCreate: 'revoke'` the client found the keys that call may have created and revoked
 * them, so the caller can simply try again.
 */
export class AmbiguousCreateError extends JupiterOneError {
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
  readonly created: object | undefined;
  /** Creates the error; `cause` is the failure that made the outcome unknown. */
  constructor(message: string, details: AmbiguousCreateDetails, options: JupiterOneErrorOptions = {}) {
    super('AMBIGUOUS_CREATE', message, options);
    this.revoked = Object.freeze([...details.revoked]);
    this.candidates = Object.freeze([...details.candidates]);
    this.cleanupError = details.cleanupError;
    this.created = details.created;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      revoked: this.revoked,
      candidates: this.candidates,
      cleanupError: this.cleanupError?.toJSON(),
      ...(this.created === undefined ? {} : { created: this.created }),
    };
  }
}

/**
 * A rotation could not finish cleanly: either the new key could not be revoked after `onCreated`
 * failed (`stage: 'revoke-new'`), or the old key could not be revoked (`stage: 'revoke-old'`).
 * The message says which key to revoke by hand.
 */
export class RotationError extends JupiterOneError {
  /** The key being rotated. */
  readonly oldId: string;
  /** The key created by the rotation. */
  readonly newId: string;
  /** Which revoke failed. */
  readonly stage: 'revoke-new' | 'revoke-old';
  /** Creates the error. */
  constructor(
    message: string,
    details: { oldId: string; newId: string; stage: 'revoke-new' | 'revoke-old' },
    options: JupiterOneErrorOptions = {},
  ) {
    super('ROTATION_INCOMPLETE', message, options);
    this.oldId = details.oldId;
    this.newId = details.newId;
    this.stage = details.stage;
  }
  /** @inheritDoc */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), oldId: this.oldId, newId: this.newId, stage: this.stage };
  }
}
