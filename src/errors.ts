/**
 * Every error class of the package, and {@link AnyJupiterOneError}: the request errors
 * (`client/errors.ts`) and the policy error (`policy/errors.ts`), on their shared base.
 * @module
 */
import type {
  AbortError,
  AmbiguousCreateError,
  AuthenticationError,
  ConfigurationError,
  GraphQLResponseError,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RotationError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './client/errors.js';
import type { PolicyError } from './policy/errors.js';

export * from './client/errors.js';
export { PolicyError, policyError, type PolicyIssue } from './policy/errors.js';

/**
 * Every concrete error class: on a value of this type, `code` narrows to the class
 * (`if (e.code === 'RATE_LIMITED') e.retryAfterMs`).
 */
export type AnyJupiterOneError =
  | ConfigurationError
  | InvalidArgumentError
  | PolicyError
  | AuthenticationError
  | PermissionError
  | NotFoundError
  | ValidationError
  | RateLimitError
  | ServerError
  | NetworkError
  | TimeoutError
  | AbortError
  | GraphQLResponseError
  | AmbiguousCreateError
  | RotationError;
