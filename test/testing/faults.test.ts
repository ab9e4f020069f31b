import { request as httpRequest } from 'node:http';
import { describe, expect, it, afterEach } from 'vitest';
import { createJupiterOneMock, startMockServer, type FakeJ1Controls, type FakeJ1Options } from '../../src/testing/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY, CREATE_TOKEN, headers, useMsw } from './helpers.js';

interface Running {
  readonly url: string;
  readonly mock: FakeJ1Controls;
  stop(): Promise<void>;
}

const createBody = (name = 'k') => JSON.stringify({ query: CREATE_TOKEN, variables: { token: { name, policy: ALLOW_ALL } } });
const PING = JSON.stringify({ query: '{ tokens(limit: 1) { pageInfo { hasNextPage } } }' });

function send(run: Running, body = createBody(), signal?: AbortSignal): Promise<Response> {
  return fetch(run.url, { method: 'POST', headers: headers(), body, ...(signal ? { signal } : {}) });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The fault suite, run against one face of the fake. */
function faultSuite(start: (options: FakeJ1Options) => Promise<Running>): void {
  let run: Running | undefined;
  const begin = async (options: FakeJ1Options = {}) => (run = await start({ apiKey: API_KEY, accountId: ACCOUNT_ID, ...options }));
  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });

  it.each([
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
  ] as const)('%s: plain-text status, nothing executed, consumed', async (status, text) => {
    const r = await begin();
    r.mock.failNext(1, status);
    const res = await send(r);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(text);
    expect(r.mock.state.tokens).toEqual([]);
    expect((await send(r)).status).toBe(200);
    expect(r.mock.state.tokens).toHaveLength(1);
  });

  it('429: Retry-After and RateLimit headers, nothing executed, bucket untouched', async () => {
    const r = await begin();
    r.mock.failNext(1, 429);
    const res = await send(r);
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('Too Many Requests');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('ratelimit-limit')).toBe('1000');
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
    expect(res.headers.get('ratelimit-reset')).toBe('1');
    expect(res.headers.get('ratelimit-requested')).toBe('1');
    expect(r.mock.state.tokens).toEqual([]);
    const next = await send(r);
    expect(next.headers.get('ratelimit-remaining')).toBe('999');
  });

  it('429 options: custom Retry-After, or none with a given RateLimit-Reset', async () => {
    const r = await begin();
    r.mock.failNext(1, 429, { retryAfterSeconds: 7 });
    r.mock.failNext(1, 429, { retryAfterSeconds: false, resetSeconds: 3 });
    const a = await send(r);
    expect([a.headers.get('retry-after'), a.headers.get('ratelimit-reset')]).toEqual(['7', '7']);
    const b = await send(r);
    expect([b.headers.get('retry-after'), b.headers.get('ratelimit-reset')]).toEqual([null, '3']);
  });

  it('reset: the connection drops and nothing is executed', async () => {
    const r = await begin();
    r.mock.failNext(1, 'reset');
    await expect(send(r)).rejects.toThrow(TypeError);
    expect(r.mock.requests).toHaveLength(1);
    expect(r.mock.state.tokens).toEqual([]);
    expect((await send(r)).status).toBe(200);
  });

  it('reset-after: the request is executed, then the connection drops', async () => {
    const r = await begin();
    r.mock.failNext(1, 'reset-after');
    await expect(send(r, createBody('ghost'))).rejects.toThrow(TypeError);
    expect(r.mock.state.tokens.map((t) => t.name)).toEqual(['ghost']);
  });

  it("timeout: never answers and executes nothing; the client's AbortSignal ends it", async () => {
    const r = await begin();
    r.mock.failNext(1, 'timeout');
    const started = Date.now();
    await expect(send(r, createBody(), AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(r.mock.state.tokens).toEqual([]);
    expect((await send(r)).status).toBe(200);
  });

  it('malformed: 200 application/json with an unparsable body, and the operation DID execute', async () => {
    const r = await begin();
    r.mock.failNext(1, 'malformed');
    const res = await send(r, createBody('executed'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('ratelimit-remaining')).toBe('999');
    await expect(res.json()).rejects.toThrow(SyntaxError);
    expect(r.mock.state.tokens.map((t) => t.name)).toEqual(['executed']);
  });

  it('html401: 401 with an HTML body, nothing executed', async () => {
    const r = await begin();
    r.mock.failNext(1, 'html401');
    const res = await send(r);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<title>401 Authorization Required</title>');
    expect(r.mock.state.tokens).toEqual([]);
  });

  it('consumes faults first in, first out, one per request', async () => {
    const r = await begin();
    r.mock.failNext(2, 503);
    r.mock.failNext(1, 'html401');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(r, PING)).status);
    expect(statuses).toEqual([503, 503, 401, 200]);
  });

  it('a fault with { operationName } is consumed only by a request carrying that operation', async () => {
    const r = await begin();
    r.mock.failNext(1, 500, { operationName: 'CreateToken' });
    const ping = await send(r, PING);
    expect(ping.status).toBe(200); // an anonymous query passes the targeted fault by
    const named = JSON.stringify({
      query: CREATE_TOKEN,
      variables: { token: { name: 'n', policy: ALLOW_ALL } },
      operationName: 'CreateToken',
    });
    expect((await send(r, named)).status).toBe(500);
    expect(r.mock.state.tokens).toEqual([]);
    expect((await send(r, named)).status).toBe(200);
    expect(r.mock.state.tokens).toHaveLength(1);
  });

  it('latencyMs delays the answer; the request is acted on before the delay', async () => {
    const r = await begin({ latencyMs: 400 });
    const started = Date.now();
    let answered = false;
    const pending = send(r, createBody('slow')).then((res) => ((answered = true), res));
    while (r.mock.state.tokens.length === 0 && Date.now() - started < 5000) await sleep(5);
    expect(r.mock.state.tokens.map((t) => t.name)).toEqual(['slow']);
    expect(answered).toBe(false);
    expect((await pending).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('failNext(…, { operationName }) faults only that operation; other requests pass it by, in order', async () => {
    const r = await begin();
    r.mock.failNext(1, 503, { operationName: 'CreateToken' });
    r.mock.failNext(1, 502);
    // PING is an anonymous query: it skips the targeted fault and takes the untargeted one.
    expect((await send(r, PING)).status).toBe(502);
    expect((await send(r, PING)).status).toBe(200);
    expect((await send(r, createBody('targeted'))).status).toBe(503);
    expect(r.mock.state.tokens).toEqual([]); // nothing executed
    expect((await send(r, createBody('after'))).status).toBe(200);
    // A batch takes a fault aimed at any of its operations.
    r.mock.failNext(1, 500, { operationName: 'CreateToken' });
    const batch = JSON.stringify([JSON.parse(PING) as unknown, JSON.parse(createBody('in-batch')) as unknown]);
    expect((await send(r, batch)).status).toBe(500);
  });

  it('failNext rejects an operationName that is not a GraphQL name', async () => {
    const r = await begin();
    for (const bad of ['', 'Create Token', 42]) {
      expect(() => r.mock.failNext(1, 503, { operationName: bad as string })).toThrow(
        /failNext: operationName must be a GraphQL operation name/,
      );
    }
  });

  it('reset() drops queued faults', async () => {
    const r = await begin();
    r.mock.failNext(3, 500);
    r.mock.reset();
    expect((await send(r, PING)).status).toBe(200);
  });
}

describe('faults through msw', () => {
  const server = useMsw();
  faultSuite(async (options) => {
    const mock = createJupiterOneMock({ ...options, endpoint: 'https://j1.example.test/graphql' });
    server.use(...mock.handlers);
    return { url: mock.endpoint, mock, stop: async () => server.resetHandlers() };
  });

  it('serves only its endpoint (the default one is unhandled here)', async () => {
    const mock = createJupiterOneMock({ apiKey: API_KEY, accountId: ACCOUNT_ID, endpoint: 'https://j1.example.test/graphql' });
    server.use(...mock.handlers);
    await expect(fetch('https://graphql.us.jupiterone.io/', { method: 'POST', headers: headers(), body: PING })).rejects.toThrow();
    expect(mock.requests).toEqual([]);
  });
});

describe('faults through the loopback server', () => {
  faultSuite(async (options) => {
    const s = await startMockServer(options);
    return { url: s.url, mock: s.mock, stop: () => s.close() };
  });

  it('listens on 127.0.0.1 with a free port and serves only /', async () => {
    const s = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(new URL('/graphql', s.url), { method: 'POST', headers: headers(), body: PING });
      expect(res.status).toBe(404);
      expect(s.mock.requests).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('close() ends promptly while a timeout fault holds a connection', async () => {
    const s = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID });
    s.mock.failNext(1, 'timeout');
    const held = fetch(s.url, { method: 'POST', headers: headers(), body: PING });
    const outcome = held.then(
      () => 'answered',
      () => 'failed',
    );
    while (s.mock.requests.length === 0) await sleep(5);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await outcome).toBe('failed');
    await s.close(); // idempotent
  });

  it('close() also ends a response waiting out its latency', async () => {
    const s = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID, latencyMs: 60_000 });
    const outcome = fetch(s.url, { method: 'POST', headers: headers(), body: PING }).then(
      () => 'answered',
      () => 'failed',
    );
    while (s.mock.requests.length === 0) await sleep(5);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await outcome).toBe('failed');
  });

  it('sees a content-type sent twice as a duplicate (400)', async () => {
    const s = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT_ID });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const raw = [
          'content-type',
          'application/json',
          'Content-Type',
          'application/json',
          'authorization',
          `Bearer ${API_KEY}`,
          'jupiterone-account',
          ACCOUNT_ID,
        ];
        const req = httpRequest(s.url, { method: 'POST', headers: raw }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(PING);
      });
      expect(status).toBe(400);
    } finally {
      await s.close();
    }
  });
});
