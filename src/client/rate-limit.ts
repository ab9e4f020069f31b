import type { RateLimitInfo } from './errors.js';

function firstNumber(value: string | null): number | undefined {
  if (value === null) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(value);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Parses J1's `RateLimit-Limit` (first number), `RateLimit-Remaining` and `RateLimit-Reset` headers. */
export function parseRateLimit(headers: Headers): RateLimitInfo {
  return {
    limit: firstNumber(headers.get('ratelimit-limit')),
    remaining: firstNumber(headers.get('ratelimit-remaining')),
    resetSeconds: firstNumber(headers.get('ratelimit-reset')),
  };
}

/**
 * How long to wait before retrying, in ms: `Retry-After` (seconds or an HTTP date) when present,
 * else `RateLimit-Reset`. `undefined` when neither is usable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = firstNumber(retryAfter);
    if (seconds !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(retryAfter)) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = firstNumber(headers.get('ratelimit-reset'));
  return reset === undefined ? undefined : reset * 1000;
}
