import { currentAttempt } from './call-context.js';

/** A `fetch`-compatible function. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Wraps `fetch` for graphql-request: never follows redirects (credentials must not travel to
 * another host), applies the attempt's abort signal, and reports every response's status and
 * headers (for rate-limit pacing and hooks).
 */
export function createTransport(baseFetch: FetchLike): FetchLike {
  return async (input, init) => {
    const attempt = currentAttempt();
    const signals = [attempt?.signal, init?.signal ?? undefined].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const response = await baseFetch(input, { ...init, redirect: 'manual', ...(signal === undefined ? {} : { signal }) });
    attempt?.onResponse(response.status, response.headers);
    return response;
  };
}
