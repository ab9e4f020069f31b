import { MAX_WAIT_MS, parseRateLimit } from './rate-limit.js';
import { sleep } from './sleep.js';

/** Thrown by {@link Pacer.acquire} when the budget frees up only after the caller's deadline. */
export class BudgetWaitTooLong extends Error {
  /** How long the wait would have been, in ms. */
  readonly waitMs: number;

  /** @param waitMs - the wait that was not started */
  constructor(waitMs: number) {
    super(`rate-limit budget spent for ${waitMs} ms`);
    this.name = 'BudgetWaitTooLong';
    this.waitMs = waitMs;
  }
}

/**
 * Client-side view of J1's token bucket, fed by every response's `RateLimit-*` headers, so that
 * a client sends one request each time one invocation has refilled instead of collecting 429s
 * (BENCHMARKS.md §4: 0 × 429). J1's bucket refills continuously and is full again at
 * `RateLimit-Reset` (facts file, "Rate limits and errors").
 *
 * Invariants, field by field (`now` is the injected clock):
 * - `#limit`: the last sane `RateLimit-Limit` (an integer ≥ 1; `parseRateLimit` drops anything
 *   else), or `undefined` while none was seen. Never 0: a budget that cannot refill would stop
 *   the client for good.
 * - `#remaining`, `#observedAt`: `RateLimit-Remaining` of the newest answer taken as news, and
 *   when it was taken; `undefined` while no answer carried one (then the budget is unknown).
 * - `#fullAt`: when the bucket is full again (`#observedAt` + `RateLimit-Reset`, at most an hour).
 *   From `#fullAt` on the budget is `#limit` again: after the advertised reset the client always
 *   tries again.
 * - `#blockedUntil`: after a 429, nothing is let through before it (at most an hour from the 429).
 * - `#inFlight`: requests let through and not yet released, counted against the budget so that
 *   concurrent callers cannot overdraw it. `acquire` adds one, `release` takes one (never below 0).
 * - `#answered`: false until the first request completes; until then (the budget unknown) one
 *   request goes at a time.
 * - `#issued`, `#lastObserved`: tickets, in the order requests were let through, and the newest
 *   whose answer was taken as news; a late answer to an older request may only lower the budget.
 */
export class Pacer {
  /** See the class invariants. */
  #limit: number | undefined;
  /** See the class invariants. */
  #remaining: number | undefined;
  #observedAt = 0;
  #fullAt = 0;
  #blockedUntil = 0;
  #inFlight = 0;
  #answered = false;
  #issued = 0;
  #lastObserved = 0;
  readonly #now: () => number;

  /** @param now - clock in ms (injectable for tests) */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The budget at `now` (`undefined`: unknown, so unlimited). */
  #available(now: number): number | undefined {
    const remaining = this.#remaining;
    if (remaining === undefined) return undefined;
    if (now >= this.#fullAt) return this.#limit;
    if (this.#limit === undefined || this.#limit <= remaining) return remaining;
    return remaining + ((this.#limit - remaining) * (now - this.#observedAt)) / (this.#fullAt - this.#observedAt);
  }

  /** Milliseconds from `now` until the budget reaches `needed`. */
  #waitFor(needed: number, now: number): number {
    if (now < this.#blockedUntil) return this.#blockedUntil - now;
    const remaining = this.#remaining ?? 0;
    const limit = this.#limit;
    if (limit === undefined || limit <= remaining || needed > limit) return this.#fullAt - now;
    const perMs = (limit - remaining) / (this.#fullAt - this.#observedAt);
    return Math.ceil(this.#observedAt + (needed - remaining) / perMs - now);
  }

  /**
   * Waits until the budget allows one more request, then reserves it. With `deadlineAt` (epoch
   * ms), a wait that would end after it is not started: throws {@link BudgetWaitTooLong}.
   * Resolves to the request's ticket, to hand back to {@link release}.
   */
  async acquire(signal?: AbortSignal, deadlineAt?: number): Promise<number> {
    for (;;) {
      const now = this.#now();
      const available = now < this.#blockedUntil ? 0 : this.#available(now);
      if (available === undefined ? this.#answered || this.#inFlight === 0 : Math.floor(available) - this.#inFlight > 0) {
        this.#inFlight++;
        return ++this.#issued;
      }
      if (available === undefined) {
        // The first request is out and the budget unknown: wait for its answer, not a 429 burst.
        await sleep(5, signal);
        continue;
      }
      const waitMs = Math.max(this.#waitFor(this.#inFlight + 1, now), 1);
      if (deadlineAt !== undefined && now + waitMs >= deadlineAt) throw new BudgetWaitTooLong(waitMs);
      await sleep(waitMs, signal);
    }
  }

  /**
   * Releases a reservation made by {@link acquire}; `headers` are the response's, if any.
   * Responses overtake each other: an answer to a request older than the last one observed may
   * only lower the budget (the server may have counted it after the newer one), never raise it.
   */
  release(headers?: Headers, ticket?: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    this.#answered = true;
    if (headers === undefined) return;
    const stale = ticket !== undefined && ticket < this.#lastObserved;
    if (ticket !== undefined && !stale) this.#lastObserved = ticket;
    this.observe(headers, stale);
  }

  /** Records the budget reported by a response (with `onlyLower`, only if below the estimate). */
  observe(headers: Headers, onlyLower = false): void {
    const info = parseRateLimit(headers);
    const now = this.#now();
    // During a 429's wait, answers to requests sent before it are stale: they would unblock early.
    if (info.remaining === undefined || now < this.#blockedUntil) return;
    const estimate = this.#available(now);
    if (onlyLower && estimate !== undefined && info.remaining >= estimate) return;
    this.#remaining = info.remaining;
    if (info.limit !== undefined) this.#limit = info.limit;
    this.#observedAt = now;
    this.#fullAt = now + Math.min((info.resetSeconds ?? 1) * 1000, MAX_WAIT_MS);
  }

  /** Sends nothing until `waitMs` from now (at most an hour), then starts from an empty bucket (after a 429). */
  block(waitMs: number): void {
    waitMs = Number.isFinite(waitMs) ? Math.min(Math.max(waitMs, 0), MAX_WAIT_MS) : MAX_WAIT_MS;
    const now = this.#now();
    this.#blockedUntil = Math.max(this.#blockedUntil, now + waitMs);
    this.#remaining = 0;
    this.#observedAt = this.#blockedUntil;
    this.#fullAt = Math.max(this.#fullAt, this.#blockedUntil);
  }

  /** Current estimate, for hooks and tests. */
  get snapshot(): { limit: number | undefined; remaining: number | undefined; inFlight: number; resetAt: number } {
    const now = this.#now();
    const available = now < this.#blockedUntil ? 0 : this.#available(now);
    return {
      limit: this.#limit,
      remaining: available === undefined ? undefined : Math.floor(available),
      inFlight: this.#inFlight,
      resetAt: Math.max(this.#fullAt, this.#blockedUntil),
    };
  }
}
