/**
 * The one place that decides what a failure means. Retry (`requester.ts`), pacing (`requester.ts`
 * → `pacer.ts`), the ambiguous-create cleanup (`resources/ambiguous.ts`) and error mapping
 * (`map-error.ts`, through {@link responseKind}) all read it.
 *
 * - `sent`: `no` when the request provably never reached the network (the request core says so on
 *   the error, or a connection that failed before any byte left), `yes` when a response arrived,
 *   else `unknown`.
 * - `serverMayHaveActed`: false only when J1 provably did nothing: not sent; a 429 (J1 drops the
 *   whole request; facts file, "Rate limits and errors"); a refused redirect; J1 refusing the
 *   caller or the input (401, 403, not found, bad input); the caller's own bad argument.
 * - `retryable`: `yes` for any operation (J1 did nothing and trying again may help), `if-repeatable`
 *   only for reads and idempotent writes (a 502/503/504 or a network error after sending), `no`.
 * @module
 */
import { JupiterOneError, NetworkError, RedirectError, type Sent } from './errors.js';

/** What kind of failure it was. */
export type OutcomeKind = 'not-sent' | 'rate-limited' | 'redirect' | 'refused' | 'transient' | 'failed';

/** The classification of one failure. */
export interface Outcome {
  readonly kind: OutcomeKind;
  readonly sent: Sent;
  readonly serverMayHaveActed: boolean;
  readonly retryable: 'yes' | 'if-repeatable' | 'no';
}

/** Codes of failures where J1 answered "no" without acting, or the caller's input was refused before sending. */
const REFUSED: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'INVALID_ARGUMENT',
  'POLICY_INVALID',
  'CONFIGURATION',
]);

/** Mutations that are safe to repeat: doing them twice leaves the same state as once. */
const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set([
  'RevokeToken',
  'RevokeIntegrationInstanceToken',
  'SetTokenRateLimit',
  'ClearTokenRateLimit',
  'UpdateIamGroup',
]);

/** Classifies any failure of a request. */
export function classify(error: unknown): Outcome {
  if (!(error instanceof JupiterOneError)) return { kind: 'failed', sent: 'unknown', serverMayHaveActed: true, retryable: 'no' };
  const sent: Sent = error.sent ?? (error instanceof NetworkError && error.notSent ? 'no' : error.status !== undefined ? 'yes' : 'unknown');
  if (sent === 'no') {
    // A connection that failed before sending may work next time; anything else would fail the same way.
    const retryable = error instanceof NetworkError ? 'yes' : 'no';
    return { kind: 'not-sent', sent, serverMayHaveActed: false, retryable };
  }
  if (error instanceof RedirectError) return { kind: 'redirect', sent, serverMayHaveActed: false, retryable: 'no' };
  if (error.code === 'RATE_LIMITED') return { kind: 'rate-limited', sent, serverMayHaveActed: false, retryable: 'yes' };
  if (REFUSED.has(error.code)) return { kind: 'refused', sent, serverMayHaveActed: false, retryable: 'no' };
  const transient = error.code === 'NETWORK_ERROR' || (error.code === 'SERVER_ERROR' && [502, 503, 504].includes(error.status ?? 0));
  return transient
    ? { kind: 'transient', sent, serverMayHaveActed: true, retryable: 'if-repeatable' }
    : { kind: 'failed', sent, serverMayHaveActed: true, retryable: 'no' };
}

/** True when an operation may be tried again after `outcome`: reads and idempotent writes when transient, others only when J1 did nothing. */
export function mayRetry(outcome: Outcome, operationName: string, operationType: string | undefined): boolean {
  const repeatable = operationType === 'query' || IDEMPOTENT_MUTATIONS.has(operationName);
  return outcome.retryable === 'yes' || (outcome.retryable === 'if-repeatable' && repeatable);
}

/** What an HTTP response says, for error mapping: which status wins over a GraphQL `errors[]`. */
export type ResponseKind = 'graphql' | 'unauthenticated' | 'forbidden' | 'rate-limited' | 'redirect' | 'server' | 'unexpected';

/** The kind of a failed response: its `errors[]` speak unless the status says more (401, 403, 429, 3xx, 5xx). */
export function responseKind(status: number, hasGraphQLErrors: boolean): ResponseKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate-limited';
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 500) return 'server';
  return hasGraphQLErrors ? 'graphql' : 'unexpected';
}

/** Records on `error` where its request had got to (once; not enumerable, so not in JSON). Returns it. */
export function markSent<E extends JupiterOneError>(error: E, sent: Sent): E {
  if (error.sent === undefined) Object.defineProperty(error, 'sent', { value: sent });
  return error;
}
