import { inspect } from 'node:util';
import { ClientError } from 'graphql-request';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { toJupiterOneError } from '../../src/client/map-error.js';
import { scrubDeep } from '../../src/client/redact.js';
import { AuthenticationError, createClient, GraphQLResponseError, JupiterOneError, ServerError } from '../../src/index.js';
import { ACCOUNT, API_KEY, useMsw } from '../helpers/msw.js';

const { answer } = useMsw();

/** Every way a user might print an error. */
function renderings(err: unknown): string[] {
  return [
    String((err as Error).message),
    String((err as Error).stack),
    inspect(err, { depth: 20, showHidden: true }),
    JSON.stringify(err),
    JSON.stringify((err as GraphQLResponseError).errors ?? null),
  ];
}

/** Fails when any prefix (4+ characters) of the key appears in `text`. */
function expectNoKeyPrefix(text: string): void {
  for (let n = API_KEY.length; n >= 4; n--) expect(text, `prefix of length ${n}`).not.toContain(API_KEY.slice(0, n));
}

async function rejection(promise: Promise<unknown>): Promise<JupiterOneError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JupiterOneError);
  return error as JupiterOneError;
}

const client = () => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, retry: false });

describe('HTTP body snippets', () => {
  // 100 + ' invalid key '.length = 113: the key starts 7 characters before the 120-character cut.
  const straddling = `${'x'.repeat(100)} invalid key ${API_KEY} trailing text`;

  it.each([
    [401, AuthenticationError],
    [503, ServerError],
  ] as const)('never shows part of a key that straddles the cut (HTTP %i)', async (status, Class) => {
    answer(() => HttpResponse.text(straddling, { status }));
    const err = await rejection(client().tokens.get('x'));
    expect(err).toBeInstanceOf(Class);
    expect(err.message).toContain('x'.repeat(100));
    for (const text of renderings(err)) expectNoKeyPrefix(text);
  });

  it('leaves no key prefix whatever the key position, whitespace or repetition', () => {
    for (let pad = 80; pad <= 130; pad++) {
      for (const body of [`${'y'.repeat(pad)}${API_KEY}`, `${'a \n '.repeat(pad)}${API_KEY}${API_KEY}`]) {
        const raw = new ClientError({ status: 503, headers: new Headers(), body }, { query: '' });
        const err = toJupiterOneError(raw, { operationName: 'GetToken', secrets: [API_KEY] });
        expectNoKeyPrefix(err.message);
      }
    }
  });

  it('still quotes a harmless body', async () => {
    answer(() => HttpResponse.text('upstream   trouble\n here', { status: 502 }));
    expect((await rejection(client().tokens.get('x'))).message).toContain('server said: upstream trouble here');
  });
});

describe('GraphQL error entries', () => {
  it('scrubs the key from extensions, path and code, keeping the shape', async () => {
    const hookErrors: unknown[] = [];
    answer(() =>
      HttpResponse.json({
        data: null,
        errors: [
          {
            message: 'boom',
            path: ['token', `k:${API_KEY}`, 0],
            extensions: {
              code: `WEIRD ${API_KEY}`,
              exception: { config: { headers: { Authorization: `Bearer ${API_KEY}` } }, list: [API_KEY, 1, true, null] },
              [API_KEY]: 'as a key',
            },
          },
        ],
      }),
    );
    const c = createClient({
      apiKey: API_KEY,
      accountId: ACCOUNT,
      env: {},
      retry: false,
      hooks: { onResponse: (event) => hookErrors.push(event.error) },
    });
    const err = await rejection(c.tokens.get('x'));
    expect(err).toBeInstanceOf(GraphQLResponseError);
    for (const text of [...renderings(err), JSON.stringify(hookErrors), inspect(hookErrors, { depth: 20 })]) {
      expect(text).not.toContain(API_KEY);
    }
    const [entry] = (err as GraphQLResponseError).errors;
    expect(entry?.path).toEqual(['token', 'k:[redacted]', 0]);
    expect(entry?.extensions).toEqual({
      code: 'WEIRD [redacted]',
      exception: { config: { headers: { Authorization: 'Bearer [redacted]' } }, list: ['[redacted]', 1, true, null] },
      '[redacted]': 'as a key',
    });
  });
});

describe('scrubDeep', () => {
  it('copies, bounds depth, breaks cycles and never sets a prototype', () => {
    const cyclic: Record<string, unknown> = { s: `a ${API_KEY}` };
    cyclic.self = cyclic;
    let deep: unknown = API_KEY;
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const input = JSON.parse(`{"__proto__": {"polluted": "${API_KEY}"}}`) as unknown;
    const out = scrubDeep({ cyclic, deep, input }, [API_KEY]) as Record<string, unknown>;
    expect(out.cyclic).toEqual({ s: 'a [redacted]', self: '[circular]' });
    expect(cyclic.s).toBe(`a ${API_KEY}`);
    expect(JSON.stringify(out)).toContain('[truncated]');
    expect(JSON.stringify(out)).not.toContain(API_KEY);
    expect(Object.getPrototypeOf(out.input)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out.input as object)).toEqual(['__proto__']);
  });
});
