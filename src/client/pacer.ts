import { parseRateLimit } from './rate-limit.js';
import { sleep } from './sleep.js';

/**
 * Client-side view of J1's token bucket, fed by every response's `RateLimit-*` headers.
 * When the budget is spent it makes callers wait for the reset instead of collecting 429s.
 * Requests in flight are counted against the budget, so concurrent callers cannot overdraw it.
 */
export class Pacer {
  #remaining: number | undefined;
  #limit: number | undefined;
  #resetAt = 0;
  #inFlight = 0;
  readonly #now: () => number;

  /** @param now - clock in ms (injectable for tests) */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Waits until the budget allows one more request, then reserves it. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.#now();
      if (this.#remaining !== undefined && now >= this.#resetAt) {
        // The bucket has refilled since the last response.
        this.#remaining = this.#limit;
      }
      if (this.#remaining === undefined || this.#remaining - this.#inFlight > 0) {
        this.#inFlight++;
        return;
      }
      await sleep(Math.max(this.#resetAt - now, 1), signal);
    }
  }

  /** Releases a reservation made by {@link acquire}; `headers` are the response's, if any. */
  release(headers?: Headers): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (headers !== undefined) this.observe(headers);
  }

  /** Records the budget reported by a response. */
  observe(headers: Headers): void {
    const info = parseRateLimit(headers);
    if (info.remaining === undefined) return;
    this.#remaining = info.remaining;
    if (info.limit !== undefined) this.#limit = info.limit;
    this.#resetAt = this.#now() + (info.resetSeconds ?? 1) * 1000;
  }

  /** Marks the budget as spent until `waitMs` from now (after a 429). */
  block(waitMs: number): void {
    this.#remaining = 0;
    this.#resetAt = Math.max(this.#resetAt, this.#now() + waitMs);
  }

  /** Current estimate, for hooks and tests. */
  get snapshot(): { remaining: number | undefined; inFlight: number; resetAt: number } {
    return { remaining: this.#remaining, inFlight: this.#inFlight, resetAt: this.#resetAt };
  }
}
