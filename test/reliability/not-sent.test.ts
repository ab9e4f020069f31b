// Creates whose outcome is NOT unknown must not be treated as ambiguous (no cleanup, no
// AmbiguousCreateError), and an ambiguous create's cleanup must never revoke a key another create
// of the same client has handed to its caller. Runs against the loopback fake (several at once).
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, AmbiguousCreateError, createClient, policy, RateLimitError, type ClientOptions } from '../../src/index.js';
import { BudgetWaitTooLong, Pacer } from '../../src/client/pacer.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/testing/index.js';
import { ACCOUNT, API_KEY } from '../helpers/msw.js';

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback fake J1 and a client for it. */
async function serve(options: MockServerOptions = {}) {
  const server = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT, ...options });
  servers.push(server);
  const client = (extra: ClientOptions = {}) =>
    createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, endpoint: server.url, ...extra });
  const operations = () => server.mock.requests.map((r) => r.operationName);
  return { mock: server.mock, client, operations };
}
/** Capacity 2 per 10 s: one invocation refills every 5 s. */
const tight = () => serve({ rateLimit: { capacity: 2, windowSeconds: 10 } });
const allow = () => policy().allow();
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('creates that were never sent are not ambiguous', () => {
  it('an already aborted signal: AbortError, nothing sent, no cleanup', async () => {
    const { client, mock } = await serve();
    const err = await client()
      .tokens.create({ name: 'x', policy: allow() }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(mock.requests).toHaveLength(0);
  });

  /** A client whose budget (2 per 10 s) is spent by two creates. */
  const spentBudget = async (timeoutMs: number) => {
    const fake = await tight();
    const c = fake.client({ timeoutMs });
    await c.tokens.create({ name: 'a', policy: allow() });
    await c.tokens.create({ name: 'b', policy: allow() });
    return { ...fake, c };
  };

  it('a pacer wait longer than the timeout: RateLimitError without status, not sent, no cleanup', async () => {
    const { c, operations } = await spentBudget(1_000);
    const err = await c.tokens.create({ name: 'c', policy: allow() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).not.toBeInstanceOf(AmbiguousCreateError);
    expect((err as RateLimitError).status).toBeUndefined();
    expect((err as RateLimitError).message).toMatch(
      /^CreateToken was not sent: J1's rate-limit budget is spent for another \d+ s, longer than the \d+ ms left of the call's 1000 ms timeout/,
    );
    expect((err as RateLimitError).retryAfterMs).toBeGreaterThan(1_000);
    expect(operations()).toEqual(['CreateToken', 'CreateToken']);
  });

  it('aborted while waiting for the budget: AbortError, not ambiguous, nothing sent', async () => {
    // The deadline (60 s) is longer than one refill (5 s), so the wait starts; the caller ends it.
    const { c, operations } = await spentBudget(60_000);
    const controller = new AbortController();
    const pending = c.tokens.create({ name: 'c', policy: allow() }, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(operations()).toEqual(['CreateToken', 'CreateToken']);
  });
});

describe('concurrent creates of the same name', () => {
  it('a cleanup waits for the other create and never revokes the key it returned', async () => {
    const { client, mock, operations } = await serve({ latencyMs: 100 });
    // The second create's response is held back 500 ms on the client side, so the first create's
    // cleanup (its listing takes ~100 ms) would otherwise see the second key before it is returned.
    let creates = 0;
    const slowSecondCreate: typeof fetch = async (input, init) => {
      const isCreate = typeof init?.body === 'string' && init.body.includes('"operationName":"CreateToken"');
      const second = isCreate && ++creates === 2;
      const response = await fetch(input, init);
      if (second) await new Promise((r) => setTimeout(r, 500));
      return response;
    };
    const j1 = client({ retry: false, fetch: slowSecondCreate });
    // B: executed, then the connection drops (ambiguous). A: starts while B is in flight, returns later.
    mock.failNext(1, 'reset-after');
    const b = j1.tokens.create({ name: 'ci', policy: allow() }).catch((e: unknown) => e);
    await until(() => mock.requests.length === 1);
    const a = await j1.tokens.create({ name: 'ci', policy: allow() });
    const bError = await b;
    expect(creates).toBe(2);
    expect(bError).toBeInstanceOf(AmbiguousCreateError);
    const live = mock.state.tokens.filter((t) => !t.revoked).map((t) => t.id);
    expect(live).toEqual([a.id]);
    const bId = mock.state.tokens.find((t) => t.id !== a.id)?.id;
    expect((bError as AmbiguousCreateError).revoked).toEqual([bId]);
    expect(operations().filter((o) => o === 'CreateToken')).toHaveLength(2);
  });
});

describe('seeded keys and a busy loopback fake', () => {
  it("a seeded same-name key is an existing key: an ambiguous create's cleanup leaves it alone", async () => {
    const { client, mock } = await serve({ tokens: [{ id: 'old-ci-key', name: 'ci-deploy' }] });
    mock.failNext(1, 'reset-after');
    const err = await client()
      .tokens.create({ name: 'ci-deploy', policy: allow() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect((err as AmbiguousCreateError).revoked).not.toContain('old-ci-key');
    expect(mock.state.tokens.filter((t) => !t.revoked).map((t) => t.id)).toEqual(['old-ci-key']);
  });

  it('serves many concurrent slow requests without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const { client } = await serve({ latencyMs: 50, tokens: [{ id: 'k', name: 'k' }] });
      const c = client();
      await c.tokens.get('k'); // the first answer opens the pacer to concurrency
      await Promise.all(Array.from({ length: 20 }, () => c.tokens.get('k')));
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});

describe('a create that starts while a cleanup runs', () => {
  it("waits until the cleanup has ended, so its key is never taken for the failed create's", async () => {
    const { client, mock, operations } = await serve({ latencyMs: 100 });
    let b: Promise<unknown> | undefined;
    // Starts B the moment A's cleanup sends its ListTokens.
    const startBOnCleanup: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (b === undefined && body.includes('"operationName":"ListTokens"')) {
        b = j1.tokens.create({ name: 'worker', policy: allow() });
      }
      return fetch(input, init);
    };
    const j1 = client({ retry: false, fetch: startBOnCleanup }); // used by startBOnCleanup, which runs later
    mock.failNext(1, 'reset-after'); // A: executed, then the connection drops
    const aError = await j1.tokens.create({ name: 'worker', policy: allow() }).catch((e: unknown) => e);
    expect(aError).toBeInstanceOf(AmbiguousCreateError);
    expect(b).toBeDefined();
    const bKey = (await b) as { id: string };
    // A's cleanup lists, revokes, and lists again after its grace period (issue 14, defect 2).
    expect(operations()).toEqual(['CreateToken', 'ListTokens', 'RevokeToken', 'ListTokens', 'CreateToken']);
    expect(mock.state.tokens.filter((t) => !t.revoked).map((t) => t.id)).toEqual([bKey.id]);
    expect((aError as AmbiguousCreateError).revoked).not.toContain(bKey.id);
  });
});

describe('Pacer: continuous refill (injected clock)', () => {
  const headers = (limit: number, remaining: number, reset: number) =>
    new Headers({
      'RateLimit-Limit': `${limit}, ${limit};window=${reset}`,
      'RateLimit-Remaining': String(remaining),
      'RateLimit-Reset': String(reset),
    });

  it('releases one request per refilled invocation instead of waiting for a full bucket', async () => {
    let now = 0;
    const pacer = new Pacer(() => now);
    pacer.observe(headers(10, 0, 10)); // empty; full in 10 s: one invocation per second
    const tooLong = await pacer.acquire(undefined, 500).catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(BudgetWaitTooLong);
    expect((tooLong as BudgetWaitTooLong).waitMs).toBe(1_000);
    now = 1_000;
    await pacer.acquire(undefined, 1_500); // one has refilled: no wait
    expect(pacer.snapshot).toMatchObject({ remaining: 1, inFlight: 1 });
    // The next one needs a second invocation: one more second.
    expect(((await pacer.acquire(undefined, 1_500).catch((e: unknown) => e)) as BudgetWaitTooLong).waitMs).toBe(1_000);
    now = 4_500;
    await pacer.acquire();
    await pacer.acquire();
    await pacer.acquire(); // 4.5 refilled, one in flight from before: three more fit
    expect(pacer.snapshot.inFlight).toBe(4);
    expect(await pacer.acquire(undefined, 4_600).catch((e: unknown) => e)).toBeInstanceOf(BudgetWaitTooLong);
  });

  it('after a 429 sends nothing until the server-given wait is over', async () => {
    let now = 0;
    const pacer = new Pacer(() => now);
    pacer.observe(headers(10, 5, 5));
    pacer.block(2_000);
    expect(((await pacer.acquire(undefined, 1_000).catch((e: unknown) => e)) as BudgetWaitTooLong).waitMs).toBe(2_000);
    now = 2_000;
    expect(pacer.snapshot.remaining).toBe(0);
    now = 2_500; // refilling again at (10 − 0) / (5 000 − 2 000) per ms
    expect(pacer.snapshot.remaining).toBe(1);
  });

  it('sends one request at a time until the first answer (the budget is unknown), then stops holding back', async () => {
    const pacer = new Pacer();
    await pacer.acquire();
    let second = false;
    const pending = pacer.acquire().then(() => (second = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(second).toBe(false);
    pacer.release(); // an answer without rate-limit headers: nothing to go by, so no limit
    await pending;
    await pacer.acquire();
    await pacer.acquire();
    expect(pacer.snapshot.inFlight).toBe(3);
  });

  it('ignores answers to earlier requests that arrive during a 429 wait', () => {
    let now = 0;
    const pacer = new Pacer(() => now);
    pacer.block(2_000);
    now = 100;
    pacer.observe(headers(10, 8, 1)); // sent before the 429, answered after it
    expect(pacer.snapshot).toMatchObject({ remaining: 0, resetAt: 2_000 });
  });

  it('a late answer to an older request may lower the budget, never raise it (responses arrive out of order)', async () => {
    const pacer = new Pacer(() => 0);
    pacer.observe(headers(10, 10, 10));
    const older = await pacer.acquire();
    const newer = await pacer.acquire();
    pacer.release(headers(10, 7, 3), newer); // the newer request's answer comes first
    pacer.release(headers(10, 8, 2), older); // the older one's, late, would raise the budget again
    expect(pacer.snapshot.remaining).toBe(7);
    expect(pacer.snapshot.inFlight).toBe(0);
    // But a late answer reporting less than the estimate is news: the server counted it later.
    const a = await pacer.acquire();
    const b = await pacer.acquire();
    pacer.release(headers(10, 5, 5), b);
    pacer.release(headers(10, 4, 6), a);
    expect(pacer.snapshot.remaining).toBe(4);
  });

  it('bounds a server-imposed wait to an hour (a broken Retry-After cannot stop the client for good)', () => {
    const pacer = new Pacer(() => 0);
    pacer.block(Number.POSITIVE_INFINITY);
    expect(pacer.snapshot.resetAt).toBe(3_600_000);
  });
});
