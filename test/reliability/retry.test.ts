import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AmbiguousCreateError,
  createClient,
  NetworkError,
  RateLimitError,
  ServerError,
  type ClientOptions,
  type RetryEvent,
} from '../../src/index.js';
import { backoffMs, isRetryable, resolveRetry } from '../../src/client/retry.js';
import { ACCOUNT, API_KEY, tokenFields, useMsw } from '../helpers/msw.js';

const { answer, captured } = useMsw();
const client = (extra: ClientOptions = {}) =>
  createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 4 }, ...extra });

/** Fails the first `n` requests with `fail`, then answers `ok`. */
function failThen(n: number, fail: () => Response, ok: () => Response) {
  answer((_req, count) => (count <= n ? fail() : ok()));
}
const tokenOk = () => HttpResponse.json({ data: { token: tokenFields() } });
const listEmpty = () => HttpResponse.json({ data: { tokens: { items: [], pageInfo: { endCursor: null, hasNextPage: false } } } });

describe('retry policy', () => {
  it.each([502, 503, 504])('retries a read on HTTP %i until it succeeds', async (status) => {
    failThen(2, () => HttpResponse.text('busy', { status }), tokenOk);
    const retries: RetryEvent[] = [];
    const token = await client({ hooks: { onRetry: (e) => retries.push(e) } }).tokens.get('tok-1');
    expect(token.id).toBe('tok-1');
    expect(captured).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(retries.every((r) => r.error instanceof ServerError && r.delayMs <= 4)).toBe(true);
  });

  it('retries reads on network errors and on 429', async () => {
    failThen(1, () => HttpResponse.error(), tokenOk);
    await client().tokens.get('tok-1');
    expect(captured).toHaveLength(2);
    captured.length = 0;
    failThen(1, () => HttpResponse.text('slow', { status: 429, headers: { 'Retry-After': '0' } }), tokenOk);
    await client().tokens.get('tok-1');
    expect(captured).toHaveLength(2);
  });

  it('does not retry a read on 500, 401 or a GraphQL error', async () => {
    failThen(5, () => HttpResponse.text('bug', { status: 500 }), tokenOk);
    await expect(client().tokens.get('x')).rejects.toBeInstanceOf(ServerError);
    expect(captured).toHaveLength(1);
  });

  it('gives up after maxRetries with the last typed error', async () => {
    failThen(100, () => HttpResponse.text('busy', { status: 503 }), tokenOk);
    await expect(client({ retry: { maxRetries: 2, baseDelayMs: 1 } }).tokens.get('x')).rejects.toMatchObject({ status: 503 });
    expect(captured).toHaveLength(3);
  });

  it('makes one attempt with retry: false', async () => {
    failThen(100, () => HttpResponse.text('busy', { status: 503 }), tokenOk);
    await expect(client({ retry: false }).tokens.get('x')).rejects.toBeInstanceOf(ServerError);
    expect(captured).toHaveLength(1);
  });

  it('retries an idempotent revoke on 503', async () => {
    failThen(
      1,
      () => HttpResponse.text('busy', { status: 503 }),
      () => HttpResponse.json({ data: { revokeToken: tokenFields({ revoked: true }) } }),
    );
    expect((await client().tokens.revoke('tok-1')).revoked).toBe(true);
    expect(captured).toHaveLength(2);
  });

  it('never retries a create on 5xx: it cleans up and throws AmbiguousCreateError', async () => {
    answer((req) => (req.body.operationName === 'CreateToken' ? HttpResponse.text('busy', { status: 503 }) : listEmpty()));
    const err = await client()
      .tokens.create({ name: 'n', policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect((err as AmbiguousCreateError).cause).toBeInstanceOf(ServerError);
    // Listed twice: once at once, once after the grace period (issue 14, defect 2).
    expect(captured.map((c) => c.body.operationName)).toEqual(['CreateToken', 'ListTokens', 'ListTokens']);
  });

  it('retries a create on 429 (J1 dropped the whole request)', async () => {
    failThen(
      1,
      () => HttpResponse.text('slow', { status: 429, headers: { 'Retry-After': '0' } }),
      () => HttpResponse.json({ data: { createToken: { ...tokenFields(), secret: 'sek-ret-value' } } }),
    );
    const created = await client().tokens.create({
      name: 'n',
      policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}',
    });
    expect(created.secret).toBe('sek-ret-value');
    expect(captured.map((c) => c.body.operationName)).toEqual(['CreateToken', 'CreateToken']);
  });

  it('retries a create when the connection was refused before sending', async () => {
    let calls = 0;
    const refusingOnce: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
        });
      return fetch(input, init);
    };
    answer(() => HttpResponse.json({ data: { createToken: { ...tokenFields(), secret: 'sek-ret-value' } } }));
    await client({ fetch: refusingOnce }).tokens.create({
      name: 'n',
      policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}',
    });
    expect(calls).toBe(2);
    expect(captured).toHaveLength(1);
  });

  it('honours Retry-After, and gives up at once when the wait would outlive the timeout', async () => {
    failThen(100, () => HttpResponse.text('slow', { status: 429, headers: { 'Retry-After': '60', 'RateLimit-Reset': '60' } }), tokenOk);
    const started = Date.now();
    const err = await client({ timeoutMs: 2_000 })
      .tokens.get('x')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(60_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(captured).toHaveLength(1);
  });

  it('waits what Retry-After asks before retrying', async () => {
    failThen(1, () => HttpResponse.text('slow', { status: 429, headers: { 'Retry-After': '0.2' } }), tokenOk);
    const delays: number[] = [];
    await client({ hooks: { onRetry: (e) => delays.push(e.delayMs) } }).tokens.get('x');
    expect(delays).toEqual([200]);
  });
});

describe('retry decisions (pure)', () => {
  const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1_000 }, () => 0.5);
  const server = (status: number) => new ServerError('x', { status });
  const net = (notSent: boolean) => new NetworkError('x', { notSent });
  const limited = new RateLimitError('x', {
    retryAfterMs: undefined,
    rateLimit: { limit: undefined, remaining: 0, resetSeconds: undefined },
    status: 429,
  });

  it('classifies reads, idempotent writes and creates', () => {
    expect(isRetryable('GetToken', 'query', server(503))).toBe(true);
    expect(isRetryable('GetToken', 'query', server(500))).toBe(false);
    expect(isRetryable('RevokeToken', 'mutation', net(false))).toBe(true);
    expect(isRetryable('UpdateIamGroup', 'mutation', server(502))).toBe(true);
    expect(isRetryable('CreateToken', 'mutation', server(503))).toBe(false);
    expect(isRetryable('CreateToken', 'mutation', net(false))).toBe(false);
    expect(isRetryable('CreateToken', 'mutation', net(true))).toBe(true);
    expect(isRetryable('CreateToken', 'mutation', limited)).toBe(true);
    expect(isRetryable('CreateIntegrationInstanceToken', 'mutation', server(502))).toBe(false);
    expect(isRetryable('SomeUnknownMutation', 'mutation', server(503))).toBe(false);
  });

  it('uses full-jitter exponential backoff capped at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, server(503), policy))).toEqual([50, 100, 200, 400, 500, 500]);
    const top = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1_000 }, () => 0.999_999);
    expect(backoffMs(10, server(503), top)).toBeLessThan(1_000);
  });

  it("uses the server's wait for a 429 when it gave one", () => {
    const e = new RateLimitError('x', { retryAfterMs: 7_000, rateLimit: { limit: 1, remaining: 0, resetSeconds: 7 }, status: 429 });
    expect(backoffMs(1, e, policy)).toBe(7_000);
  });
});
