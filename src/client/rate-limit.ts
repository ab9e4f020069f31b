import type { RateLimitInfo } from './errors.js';

/** The longest wait a server's headers can impose: a broken `Reset` / `Retry-After` must not stop the client for good. */
export const MAX_WAIT_MS = 3_600_000;

/** The leading number of a header (`1000`, `1000, 1000;window=60`, `1000, 10000; window=60`, `1.5`), if any. */
function firstNumber(value: string | null): number | undefined {
  if (value === null) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(value);
  if (m?.[1] === undefined) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Parses J1's `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers.
 * `RateLimit-Limit` comes in three forms (facts file, "More facts from J1's own clients and docs"):
 * a bare `1000` (what J1 sends), `1000, 1000;window=60` and `1000, 10000; window=60`; the first
 * number is the limit. Nonsense is dropped, never trusted: a limit below 1 (`0`, `0.5`) or a
 * fraction is ignored (it would stop the client for good), `Remaining` is floored and capped at the
 * limit, and `Reset` is capped at {@link MAX_WAIT_MS}.
 */
export function parseRateLimit(headers: Headers): RateLimitInfo {
  const rawLimit = firstNumber(headers.get('ratelimit-limit'));
  const limit = rawLimit !== undefined && Number.isInteger(rawLimit) && rawLimit >= 1 ? rawLimit : undefined;
  const rawRemaining = firstNumber(headers.get('ratelimit-remaining'));
  const remaining = rawRemaining === undefined ? undefined : Math.min(Math.floor(rawRemaining), limit ?? Number.MAX_SAFE_INTEGER);
  const rawReset = firstNumber(headers.get('ratelimit-reset'));
  const resetSeconds = rawReset === undefined ? undefined : Math.min(rawReset, MAX_WAIT_MS / 1000);
  return { limit, remaining, resetSeconds };
}

/**
 * How long to wait before retrying, in ms: `Retry-After` (seconds or an HTTP date) when present,
 * else `RateLimit-Reset`; never more than {@link MAX_WAIT_MS}. `undefined` when neither is usable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = firstNumber(retryAfter);
    if (seconds !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(retryAfter)) return Math.min(seconds * 1000, MAX_WAIT_MS);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, date - now), MAX_WAIT_MS);
  }
  const reset = parseRateLimit(headers).resetSeconds;
  return reset === undefined ? undefined : reset * 1000;
}
