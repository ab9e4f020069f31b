import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  createClient,
  GraphQLResponseError,
  JupiterOneError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../src/index.js';
import { ACCOUNT, API_KEY, US, useMsw } from '../helpers/msw.js';

const { server, answer, captured } = useMsw();
const client = (extra: Parameters<typeof createClient>[0] = {}) =>
  createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, retry: false, ...extra });

function gqlError(code: string | undefined, message = 'something went wrong') {
  return HttpResponse.json({
    data: null,
    errors: [{ message, path: ['token'], ...(code === undefined ? {} : { extensions: { code } }) }],
  });
}

async function failure(promise: Promise<unknown>): Promise<JupiterOneError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JupiterOneError);
  const err = error as JupiterOneError;
  // No error ever carries the API key, in any form a user might print.
  for (const text of [err.message, String(err.stack), inspect(err, { depth: 5 }), JSON.stringify(err)]) {
    expect(text).not.toContain(API_KEY);
  }
  return err;
}

describe('error mapping', () => {
  it.each([
    ['NOT_FOUND', NotFoundError, 'NOT_FOUND'],
    ['BAD_USER_INPUT', ValidationError, 'BAD_USER_INPUT'],
    ['GRAPHQL_VALIDATION_FAILED', ValidationError, 'GRAPHQL_VALIDATION_FAILED'],
    ['UNAUTHENTICATED', AuthenticationError, 'UNAUTHENTICATED'],
    ['FORBIDDEN', PermissionError, 'FORBIDDEN'],
    ['INTERNAL_SERVER_ERROR', ServerError, 'SERVER_ERROR'],
  ] as const)('maps extensions.code %s to %s', async (code, Class, ourCode) => {
    answer(() => gqlError(code, `token tok-9 ${code.toLowerCase()}`));
    const err = await failure(client().tokens.get('tok-9'));
    expect(err).toBeInstanceOf(Class);
    expect(err.code).toBe(ourCode);
    expect(err.operationName).toBe('GetToken');
    expect(err.message).toContain(`token tok-9 ${code.toLowerCase()}`);
  });

  it('maps any other errors[] to GraphQLResponseError carrying the errors', async () => {
    answer(() => gqlError('WEIRD_CODE', 'odd'));
    const err = await failure(client().tokens.get('tok-9'));
    expect(err).toBeInstanceOf(GraphQLResponseError);
    expect((err as GraphQLResponseError).errors).toEqual([{ message: 'odd', path: ['token'], extensions: { code: 'WEIRD_CODE' } }]);
  });

  it('maps an errors[] entry without a code to GraphQLResponseError', async () => {
    answer(() => gqlError(undefined));
    expect(await failure(client().tokens.get('x'))).toBeInstanceOf(GraphQLResponseError);
  });

  it("maps J1's plain-text 401 to AuthenticationError with status", async () => {
    answer(() => new HttpResponse('Unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } }));
    const err = await failure(client().tokens.get('x'));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.status).toBe(401);
    expect(err.message).toContain('JUPITERONE_API_KEY');
  });

  it('maps an HTML 401 cleanly', async () => {
    answer(() => HttpResponse.html('<html><body><h1>401 Authorization Required</h1></body></html>', { status: 401 }));
    const err = await failure(client().tokens.get('x'));
    expect(err).toBeInstanceOf(AuthenticationError);
  });

  it('maps 403 to PermissionError', async () => {
    answer(() => HttpResponse.text('Forbidden', { status: 403 }));
    expect(await failure(client().tokens.get('x'))).toBeInstanceOf(PermissionError);
  });

  it('maps 429 to RateLimitError with Retry-After and RateLimit-* parsed', async () => {
    answer(() =>
      HttpResponse.json(
        { errors: [{ message: 'Too many requests' }] },
        {
          status: 429,
          headers: { 'RateLimit-Limit': '1000, 1000;window=60', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '7', 'Retry-After': '3' },
        },
      ),
    );
    const err = (await failure(client().tokens.get('x'))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(3000);
    expect(err.rateLimit).toEqual({ limit: 1000, remaining: 0, resetSeconds: 7 });
  });

  it('falls back to RateLimit-Reset when Retry-After is absent', async () => {
    answer(() => HttpResponse.text('slow down', { status: 429, headers: { 'RateLimit-Reset': '12', 'RateLimit-Remaining': '0' } }));
    const err = (await failure(client().tokens.get('x'))) as RateLimitError;
    expect(err.retryAfterMs).toBe(12_000);
  });

  it.each([500, 502, 503, 504])('maps HTTP %i to ServerError', async (status) => {
    answer(() => HttpResponse.text('upstream trouble', { status }));
    const err = await failure(client().tokens.get('x'));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.status).toBe(status);
  });

  it('maps a 200 whose body is not JSON to ServerError without quoting the body', async () => {
    answer(
      () =>
        new HttpResponse('{"data":{"createToken":{"secret":"j1_leaky_secret_value', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const err = await failure(client().tokens.get('x'));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/malformed/);
    expect(err.message).not.toContain('j1_leaky_secret_value');
  });

  it('maps a 200 with a non-GraphQL JSON body to ServerError', async () => {
    answer(() => HttpResponse.json(['not', 'a', 'response']));
    expect(await failure(client().tokens.get('x'))).toBeInstanceOf(ServerError);
  });

  it('maps a dropped connection to NetworkError', async () => {
    answer(() => HttpResponse.error());
    const err = await failure(client().tokens.get('x'));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).notSent).toBe(false);
  });

  it('maps a call that outlives timeoutMs to TimeoutError', async () => {
    answer(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const err = await failure(client({ timeoutMs: 50 }).tokens.get('x'));
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(50);
  });

  it('honours a per-call timeoutMs over the client default', async () => {
    answer(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const err = await failure(client({ timeoutMs: 60_000 }).tokens.get('x', { timeoutMs: 30 }));
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it("maps the caller's abort to AbortError", async () => {
    answer(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const err = await failure(client().tokens.get('x', { signal: controller.signal }));
    expect(err).toBeInstanceOf(AbortError);
  });

  it('maps an abort through client.operations to AbortError', async () => {
    answer(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const err = await failure(client().operations.GetToken({ id: 'x' }, { signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(AbortError);
  });

  it('never follows a redirect with credentials', async () => {
    const elsewhere = 'https://evil.example.com/graphql';
    answer(() => new HttpResponse(null, { status: 307, headers: { location: elsewhere } }));
    let reachedElsewhere = false;
    server.use(
      http.all(elsewhere, () => {
        reachedElsewhere = true;
        return HttpResponse.json({ data: {} });
      }),
    );
    const err = await failure(client().tokens.get('x'));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.status).toBe(307);
    expect(err.message).toMatch(/redirect/);
    expect(reachedElsewhere).toBe(false);
    expect(captured).toHaveLength(1);
  });

  it('scrubs the API key if a server message ever echoes it', async () => {
    answer(() => gqlError('BAD_USER_INPUT', `bad key ${API_KEY}`));
    const err = await failure(client().tokens.get('x'));
    expect(err.message).toContain('[redacted]');
  });

  it('exposes a secret-free toJSON', async () => {
    answer(() => gqlError('NOT_FOUND', 'no such token'));
    const err = await failure(client().tokens.get('x'));
    expect(err.toJSON()).toEqual({
      name: 'NotFoundError',
      code: 'NOT_FOUND',
      message: expect.stringContaining('no such token'),
      status: 200,
      operationName: 'GetToken',
    });
  });

  it('uses the us endpoint by default', async () => {
    answer(() => gqlError('NOT_FOUND'), US);
    await failure(client().tokens.get('x'));
    expect(captured[0]!.url).toBe(US);
  });
});

describe('error objects', () => {
  it("toJSON keeps each class's own fields (notSent, timeoutMs)", () => {
    expect(new NetworkError('n', { notSent: true }).toJSON()).toMatchObject({ code: 'NETWORK_ERROR', notSent: true });
    expect(new TimeoutError('t', { timeoutMs: 1500 }).toJSON()).toMatchObject({ code: 'TIMEOUT', timeoutMs: 1500 });
  });

  it('only carry status and operationName when known', () => {
    const bare = new ServerError('x');
    expect('status' in bare).toBe(false);
    expect('operationName' in bare).toBe(false);
    const full = new ServerError('x', { status: 502, operationName: 'GetToken' });
    expect(full.status).toBe(502);
    expect(full.operationName).toBe('GetToken');
    expect(Object.keys(full)).toEqual(expect.arrayContaining(['code', 'status', 'operationName']));
  });
});
