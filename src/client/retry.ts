import { RateLimitError, type JupiterOneError } from './errors.js';
import { classify, mayRetry } from './outcome.js';

/** Retry settings; `false` disables retries. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number | undefined;
  /** First backoff ceiling in ms; doubles each retry (full jitter). Default 250. */
  baseDelayMs?: number | undefined;
  /** Largest backoff in ms (a server's `Retry-After` may ask for longer). Default 20000. */
  maxDelayMs?: number | undefined;
}

/** Resolved retry settings. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Random number in [0, 1): injectable for deterministic tests. */
  readonly random: () => number;
}

/** Resolves user retry options against the defaults. */
export function resolveRetry(options: RetryOptions | false | undefined, random: () => number = Math.random): RetryPolicy {
  if (options === false) return { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, random };
  return {
    maxRetries: Math.max(0, Math.floor(options?.maxRetries ?? 3)),
    baseDelayMs: Math.max(0, options?.baseDelayMs ?? 250),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 20_000),
    random,
  };
}

/**
 * Whether an operation may be retried after `error` (decided by `outcome.ts`):
 * reads and idempotent writes on network errors, 429 and 502/503/504;
 * creates (and any other mutation) only when the server cannot have acted.
 */
export function isRetryable(operationName: string, operationType: string | undefined, error: JupiterOneError): boolean {
  return mayRetry(classify(error), operationName, operationType);
}

/** Delay before retry number `retry` (1-based): the server's wait if it gave one, else full-jitter backoff. */
export function backoffMs(retry: number, error: JupiterOneError, policy: RetryPolicy): number {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}
