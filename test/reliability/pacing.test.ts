import { describe, expect, it } from 'vitest';
import type { BulkProgress, ResponseEvent } from '../../src/index.js';
import { Pacer } from '../../src/client/pacer.js';
import { useFakeJ1 } from '../helpers/fake.js';

const KEYS = Array.from({ length: 150 }, (_, i) => ({ id: `bulk-${String(i).padStart(3, '0')}`, name: `bulk ${i}` }));
const { mock, client } = useFakeJ1({ tokens: KEYS, rateLimit: { capacity: 40, windowSeconds: 1 } });

describe('rate-limit pacing and bulk revoke', () => {
  it('revokes 150 keys through a 40-per-second bucket with zero 429s and one request per id', async () => {
    const responses: ResponseEvent[] = [];
    const progress: BulkProgress[] = [];
    const ids = KEYS.map((k) => k.id);
    const results = await client({ hooks: { onResponse: (e) => responses.push(e) } }).tokens.revokeMany(ids, {
      concurrency: 4,
      onProgress: (p) => progress.push(p),
    });
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(0);
    expect(mock.requests).toHaveLength(ids.length);
    expect(mock.state.tokens.every((t) => t.revoked)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual(ids.map((_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ total: 150, failed: 0 });
  });

  it('keeps order and partial results when some ids fail', async () => {
    const results = await client().tokens.revokeMany(['bulk-001', 'missing-1', 'bulk-002', 'missing-2'], { concurrency: 2 });
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['bulk-001', true],
      ['missing-1', false],
      ['bulk-002', true],
      ['missing-2', false],
    ]);
    const failed = results.find((r) => !r.ok);
    expect(failed && !failed.ok ? failed.error.code : undefined).toBe('NOT_FOUND');
  });

  it('validates bulk options before sending', async () => {
    await expect(client().tokens.revokeMany(['bulk-001'], { concurrency: 0 })).rejects.toMatchObject({ field: 'concurrency' });
    expect(() => client().tokens.revokeMany('bulk-001' as never)).toThrow(/array/);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('Pacer (pure, injected clock)', () => {
  const headers = (remaining: number, reset: number) =>
    new Headers({ 'RateLimit-Limit': '10, 10;window=1', 'RateLimit-Remaining': String(remaining), 'RateLimit-Reset': String(reset) });

  it('lets requests through while budget remains, counting those in flight', async () => {
    const now = 1_000;
    const pacer = new Pacer(() => now);
    pacer.observe(headers(2, 1));
    await pacer.acquire();
    await pacer.acquire();
    expect(pacer.snapshot).toMatchObject({ remaining: 2, inFlight: 2 });
    let third = false;
    const pending = pacer.acquire(AbortSignal.timeout(50)).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false); // budget spent by the two in flight
    await expect(pending).rejects.toBeDefined(); // and it waits rather than overdrawing
  });

  it('refills to the limit once the reset time has passed', async () => {
    let now = 0;
    const pacer = new Pacer(() => now);
    pacer.observe(headers(0, 3));
    now = 3_000;
    await pacer.acquire();
    expect(pacer.snapshot).toMatchObject({ remaining: 10, inFlight: 1 });
  });

  it('blocks after a 429 for the server-given wait', async () => {
    const now = 0;
    const pacer = new Pacer(() => now);
    pacer.block(5_000);
    expect(pacer.snapshot).toMatchObject({ remaining: 0, resetAt: 5_000 });
  });
});
