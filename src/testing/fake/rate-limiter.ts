/**
 * Per-API-key token buckets with continuous refill (capacity / windowSeconds per second).
 * @packageDocumentation
 */
import type { RateLimitConfig } from './types.js';

/** A bucket's state after a request. */
export interface BucketReading {
  /** Whether the request fit (and was taken from the bucket). */
  readonly allowed: boolean;
  /** Whole invocations left (rounded down). */
  readonly remaining: number;
  /** Whole seconds until the bucket is full again (rounded up). */
  readonly resetSeconds: number;
}

/**
 * Bucket contents in invocation-milliseconds (invocations × window ms), so that with an
 * integer clock every step is exact integer arithmetic: refill adds `elapsedMs × capacity`.
 */
interface Bucket {
  units: number;
  at: number;
  /** The window the units are counted in (a key's override may change it). */
  windowMs: number;
}

/** Token buckets keyed by API key. A new key starts with a full bucket. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /** Uses `now` (epoch ms) as the clock. */
  constructor(private readonly now: () => number) {}

  /** Takes `cost` invocations from `key`'s bucket if they fit; otherwise takes nothing. */
  take(key: string, limit: RateLimitConfig, cost: number): BucketReading {
    const bucket = this.refill(key, limit);
    const price = cost * limit.windowSeconds * 1000;
    const allowed = bucket.units >= price;
    if (allowed) bucket.units -= price;
    return this.read(bucket, limit, allowed);
  }

  /** The bucket's state without taking anything. */
  peek(key: string, limit: RateLimitConfig): BucketReading {
    return this.read(this.refill(key, limit), limit, true);
  }

  /** Forgets every bucket (all full again). */
  clear(): void {
    this.buckets.clear();
  }

  private refill(key: string, limit: RateLimitConfig): Bucket {
    const now = this.now();
    const windowMs = limit.windowSeconds * 1000;
    const full = limit.capacity * windowMs;
    const bucket = this.buckets.get(key) ?? { units: full, at: now, windowMs };
    if (bucket.windowMs !== windowMs) {
      // The override changed the window: keep the invocations left, counted in the new window.
      bucket.units = Math.floor((bucket.units * windowMs) / bucket.windowMs);
      bucket.windowMs = windowMs;
    }
    // Clamped to the current capacity, which shrinks when a key's override is lowered.
    bucket.units = Math.min(full, bucket.units + Math.max(0, now - bucket.at) * limit.capacity);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private read(bucket: Bucket, limit: RateLimitConfig, allowed: boolean): BucketReading {
    const missing = limit.capacity * limit.windowSeconds * 1000 - bucket.units;
    return {
      allowed,
      remaining: Math.floor(bucket.units / (limit.windowSeconds * 1000)),
      // Refill speed is `capacity` units per ms, i.e. `capacity × 1000` per second.
      resetSeconds: Math.ceil(missing / (limit.capacity * 1000)),
    };
  }
}

/** How `RateLimit-Limit` is written (see `FakeJ1Options.rateLimitHeaderForm`). */
export type RateLimitHeaderForm = 'bare' | 'structured' | 'structured-spaced';

/** The `RateLimit-Limit` value in `form` (facts file, "More facts from J1's own clients and docs"). */
export function rateLimitLimitValue(limit: RateLimitConfig, form: RateLimitHeaderForm): string {
  if (form === 'structured') return `${limit.capacity}, ${limit.capacity};window=${limit.windowSeconds}`;
  if (form === 'structured-spaced') return `${limit.capacity}, ${limit.capacity}; window=${limit.windowSeconds}`;
  return String(limit.capacity);
}

/** The `RateLimit-*` headers of a response; `RateLimit-Limit` bare (`1000`, as J1 sends it) unless `form` says otherwise. */
export function rateLimitHeaders(
  limit: RateLimitConfig,
  reading: BucketReading,
  requested: number,
  form: RateLimitHeaderForm = 'bare',
): Record<string, string> {
  return {
    'ratelimit-limit': rateLimitLimitValue(limit, form),
    'ratelimit-remaining': String(reading.remaining),
    'ratelimit-reset': String(reading.resetSeconds),
    'ratelimit-requested': String(requested),
  };
}
