// Issue 14 (hostile J1): each defect against raw node:http servers on 127.0.0.1 that misbehave as
// our fake never would, plus the fake's `graphql429` fault.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AmbiguousCreateError,
  ConfigurationError,
  createClient,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ClientOptions,
  type CreatedToken,
} from '../../src/index.js';
import { Pacer } from '../../src/client/pacer.js';
import { parseRateLimit } from '../../src/client/rate-limit.js';
import { MAX_PAGES, paginate } from '../../src/resources/paginate.js';
import { startMockServer } from '../../src/testing/index.js';
import { ACCOUNT, API_KEY, tokenFields } from '../helpers/msw.js';
import { closeRawServers, rawServer, type RawAnswer, type RawRequest } from '../helpers/raw-server.js';

afterEach(closeRawServers);

const POLICY = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';
const SECRET = 'created-secret-0123456789abcdef';

const clientFor = (url: string, extra: ClientOptions = {}) =>
  createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, endpoint: url, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...extra });
const page = (items: unknown[], next: string | null = null) => ({
  json: { data: { tokens: { items, pageInfo: { endCursor: next, hasNextPage: next !== null } } } },
});
const revoked = (req: RawRequest) => ({ json: { data: { revokeToken: tokenFields({ id: req.variables['id'], revoked: true }) } } });
const ops = (requests: readonly RawRequest[]) => requests.map((r) => r.operationName);
const fail = (p: Promise<unknown>) =>
  p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );

describe('defect 1: an unrecognised GraphQL error on a create is an ambiguous outcome', () => {
  it.each<[string, unknown]>([
    ['no extensions.code', { errors: [{ message: 'something broke' }] }],
    ['an unknown code', { errors: [{ message: 'odd', extensions: { code: 'WEIRD_THING' } }] }],
    ['a non-array errors', { errors: 'broken' }],
  ])('%s: the key J1 inserted is found and revoked', async (_, createAnswer) => {
    const key = tokenFields({ id: 'ghost', name: 'ci', createdAt: Date.now() });
    const server = await rawServer((req) => {
      if (req.operationName === 'CreateToken') return { json: createAnswer };
      if (req.operationName === 'ListTokens') return page([key]);
      return revoked(req);
    });
    const err = await fail(clientFor(server.url).tokens.create({ name: 'ci', policy: POLICY }));
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect((err as AmbiguousCreateError).revoked).toEqual(['ghost']);
    expect(server.requests.filter((r) => r.operationName === 'RevokeToken').map((r) => r.variables['id'])).toEqual(['ghost']);
  });

  const withKey = (): RawAnswer => ({
    json: {
      data: { createToken: tokenFields({ id: 'carried', name: 'ci', createdAt: Date.now(), secret: SECRET }) },
      errors: [{ message: 'partial failure', extensions: { code: 'SOMETHING' } }],
    },
  });

  it('data.createToken beside errors[]: that key is revoked (mode revoke), no listing needed', async () => {
    const server = await rawServer((req) => (req.operationName === 'CreateToken' ? withKey() : revoked(req)));
    const err = await fail(clientFor(server.url).tokens.create({ name: 'ci', policy: POLICY }));
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect((err as AmbiguousCreateError).revoked).toEqual(['carried']);
    expect(ops(server.requests)).toEqual(['CreateToken', 'RevokeToken']);
  });

  it("data.createToken beside errors[], onAmbiguousCreate 'keep': the key is handed over on error.created", async () => {
    const server = await rawServer(() => withKey());
    const err = (await fail(
      clientFor(server.url, { onAmbiguousCreate: 'keep' }).tokens.create({ name: 'ci', policy: POLICY }),
    )) as AmbiguousCreateError;
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect(err.candidates).toEqual(['carried']);
    expect((err.created as CreatedToken).secret).toBe(SECRET);
    expect(ops(server.requests)).toEqual(['CreateToken']);
  });
});

describe('defect 2: no unverified "safe to try again"', () => {
  it('a key J1 stores only after the first listing (and with its name trimmed) is found by the re-check', async () => {
    let listings = 0;
    const server = await rawServer((req) => {
      if (req.operationName === 'CreateToken') return { status: 503, text: 'busy' };
      if (req.operationName === 'ListTokens') {
        listings++;
        return page(listings === 1 ? [] : [tokenFields({ id: 'late', name: 'ci', createdAt: Date.now() })]);
      }
      return revoked(req);
    });
    const err = (await fail(clientFor(server.url).tokens.create({ name: ' ci ', policy: POLICY }))) as AmbiguousCreateError;
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect(err.revoked).toEqual(['late']);
    expect(ops(server.requests)).toEqual(['CreateToken', 'ListTokens', 'ListTokens', 'RevokeToken']);
    expect(err.message).not.toMatch(/safe to try again/);
  });

  it('nothing found: the message says what was seen and when, never that retrying is safe', async () => {
    const server = await rawServer((req) => (req.operationName === 'CreateToken' ? { status: 500, text: 'oops' } : page([])));
    const err = (await fail(clientFor(server.url).tokens.create({ name: 'ci', policy: POLICY }))) as AmbiguousCreateError;
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect(err.message).not.toMatch(/safe/);
    expect(err.message).toMatch(/no key named "ci" made since the call began was found by \d{4}-\d\d-\d\dT[\d:.]+Z \(2 listings\)/);
    expect(ops(server.requests)).toEqual(['CreateToken', 'ListTokens', 'ListTokens']);
  });
});

describe('defect 3: every secret seen in a response is scrubbed', () => {
  it('a created secret echoed in errors[] and extensions shows nowhere in the error', async () => {
    const server = await rawServer((req) =>
      req.operationName === 'CreateToken'
        ? {
            json: {
              data: { createToken: tokenFields({ id: 'k1', name: 'ci', secret: SECRET }) },
              errors: [{ message: `could not log ${SECRET}`, extensions: { code: 'X', echo: { secret: SECRET } } }],
            },
          }
        : revoked(req),
    );
    const err = await fail(clientFor(server.url).tokens.create({ name: 'ci', policy: POLICY }));
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    const views = [
      String((err as Error).message),
      inspect(err, { depth: 10 }),
      JSON.stringify(err),
      inspect((err as Error).cause, { depth: 10 }),
    ];
    for (const view of views) expect(view).not.toContain(SECRET);
    expect(views[0]).toContain('[redacted]');
  });

  it('a secret from an earlier create is scrubbed from a later error of the same client', async () => {
    const server = await rawServer((req) =>
      req.operationName === 'CreateToken'
        ? { json: { data: { createToken: tokenFields({ id: 'k1', name: 'ci', secret: SECRET }) } } }
        : { json: { errors: [{ message: `token ${SECRET} is odd`, extensions: { code: 'NOT_FOUND' } }] } },
    );
    const c = clientFor(server.url);
    expect((await c.tokens.create({ name: 'ci', policy: POLICY })).secret).toBe(SECRET);
    const err = await fail(c.tokens.get('k1'));
    expect(inspect(err, { depth: 10 }) + JSON.stringify(err)).not.toContain(SECRET);
  });
});

describe('defect 5: timeoutMs and signal bound the whole multi-request call', () => {
  const slowPages = () =>
    rawServer(async (_, i) => {
      await new Promise((r) => setTimeout(r, 150));
      return page([tokenFields({ id: `t${i}` })], `c${i}`);
    });

  it('listAll over slow pages ends with TimeoutError by the call timeout', async () => {
    const server = await slowPages();
    const err = await fail(clientFor(server.url).tokens.listAll({}, { timeoutMs: 500 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(500);
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it('an aborted signal ends a listing between pages', async () => {
    const server = await slowPages();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 400);
    const err = await fail(clientFor(server.url).tokens.listAll({}, { signal: controller.signal }));
    expect((err as Error).name).toBe('AbortError');
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it('a page loop stops at MAX_PAGES with a typed error', async () => {
    let served = 0;
    const endless = paginate('ListTokens', (cursor) => {
      served++;
      return Promise.resolve({ items: [], pageInfo: { endCursor: `${cursor ?? ''}x`.slice(-20) + String(served), hasNextPage: true } });
    });
    const err = await fail(
      (async () => {
        for await (const _ of endless) void _;
      })(),
    );
    expect(err).toBeInstanceOf(ServerError);
    expect((err as Error).message).toMatch(/more than 10000 pages/);
    expect(served).toBe(MAX_PAGES);
  });

  it("an ambiguous create's cleanup meeting an endless listing settles within the cleanup's deadline", async () => {
    const server = await rawServer((req, i) => (req.operationName === 'CreateToken' ? 'hang' : page([], `fresh-${i}`)));
    const err = (await fail(
      clientFor(server.url, { timeoutMs: 300 }).tokens.create({ name: 'ci', policy: POLICY }),
    )) as AmbiguousCreateError;
    expect(err).toBeInstanceOf(AmbiguousCreateError);
    expect(err.cause).toBeInstanceOf(TimeoutError);
    expect(err.cleanupError).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/a key may be live/);
  });
});

describe('defect 6: nonsense RateLimit-* headers never stop the client', () => {
  it.each(['0', '0.5', '-3', 'abc'])('RateLimit-Limit: %s with Remaining 0: the next calls still go out after the reset', async (limit) => {
    const server = await rawServer(() => ({
      json: { data: { token: tokenFields() } },
      headers: { 'ratelimit-limit': limit, 'ratelimit-remaining': '0', 'ratelimit-reset': '0' },
    }));
    const c = clientFor(server.url, { timeoutMs: 3_000 });
    for (let i = 0; i < 3; i++) expect((await c.tokens.get('tok-1')).id).toBe('tok-1');
    expect(server.requests).toHaveLength(3);
  });

  it('the pacer drops a limit below 1 and lets a request through once the reset is over', async () => {
    let now = 1_000_000;
    const pacer = new Pacer(() => now);
    pacer.release(new Headers({ 'ratelimit-limit': '0', 'ratelimit-remaining': '0', 'ratelimit-reset': '2' }), await pacer.acquire());
    expect(pacer.snapshot.limit).toBeUndefined();
    now += 2_001;
    const ticket = await pacer.acquire(undefined, now + 10);
    expect(ticket).toBe(2);
  });

  it('parses RateLimit-Limit in the three forms J1 uses', () => {
    for (const form of ['1000', '1000, 1000;window=60', '1000, 10000; window=60']) {
      expect(parseRateLimit(new Headers({ 'ratelimit-limit': form })).limit).toBe(1000);
    }
  });
});

describe('defect 8: framing headers and what "sent" means', () => {
  it.each(['content-length', 'Transfer-Encoding', 'expect', 'upgrade', 'keep-alive'])(
    'headers["%s"] is refused at createClient',
    (name) => {
      expect(() => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, headers: { [name]: '1' } })).toThrow(ConfigurationError);
      expect(() => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, headers: { [name]: '1' } })).toThrow(/Fix: remove/);
    },
  );

  it('a create that fetch refuses to send is not ambiguous: nothing reached the server, no cleanup', async () => {
    const server = await rawServer(() => page([]));
    // fetch (undici) refuses the request before any byte leaves, as it does for framing headers.
    const refusing: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as object), upgrade: 'h2c' } });
    const err = await fail(clientFor(server.url, { fetch: refusing }).tokens.create({ name: 'ci', policy: POLICY }));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).notSent).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});

describe('defect 11: HTTP 200 whose single error message contains 429', () => {
  const rate429 = { json: { data: null, errors: [{ message: 'Request failed with status code 429' }] } };

  it('is a RateLimitError', async () => {
    const server = await rawServer(() => rate429);
    const err = await fail(clientFor(server.url, { retry: false }).tokens.get('tok-1'));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).status).toBe(200);
  });

  it('is retried, also for a create (J1 executed nothing), and paced as a 429', async () => {
    const server = await rawServer((req, i) =>
      i === 0
        ? { ...rate429, headers: { 'retry-after': '0' } }
        : { json: { data: { createToken: tokenFields({ id: 'k', secret: SECRET }) } } },
    );
    const key = await clientFor(server.url).tokens.create({ name: 'ci', policy: POLICY });
    expect(key.id).toBe('k');
    expect(ops(server.requests)).toEqual(['CreateToken', 'CreateToken']);
  });

  it("the fake's graphql429 fault injects it; the client retries", async () => {
    const fake = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT, tokens: [{ id: 'k', name: 'k' }] });
    try {
      fake.mock.failNext(1, 'graphql429');
      const c = clientFor(fake.url);
      expect((await c.tokens.get('k')).id).toBe('k');
      expect(fake.mock.requests.map((r) => r.operationName)).toEqual(['GetToken', 'GetToken']);
      fake.mock.failNext(5, 'graphql429');
      expect(await fail(clientFor(fake.url, { retry: false }).tokens.get('k'))).toBeInstanceOf(RateLimitError);
    } finally {
      await fake.close();
    }
  });
});

describe('issue 13 item 4: every NetworkError names the host and what to check', () => {
  it('connection refused on a closed port', async () => {
    const server = await rawServer(() => page([]));
    const url = server.url;
    await server.close();
    const err = await fail(clientFor(url, { retry: false }).tokens.get('tok-1'));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toContain(new URL(url).host);
    expect((err as Error).message).toMatch(/Fix: check JUPITERONE_REGION \/ JUPITERONE_BASE_URL/);
  });
});
