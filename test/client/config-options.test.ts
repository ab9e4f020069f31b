// Issue 14 defect 7: every createClient option is validated at createClient (ConfigurationError
// naming the option and the fix), unknown option names are refused with a did-you-mean, and a
// NaN delay can no longer turn a failing server into a request storm.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, JupiterOneError } from '../../src/index.js';

const KEY = 'k-config-options-5e1f2a';
const BASE = { apiKey: KEY, accountId: 'acct', env: {} } as const;

function configError(options: unknown): ConfigurationError {
  let thrown: unknown;
  try {
    createClient(options as never);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  const error = thrown as ConfigurationError;
  expect(error.message).not.toContain(KEY);
  expect(error.message).toContain('Fix:');
  return error;
}

describe('createClient refuses every bad option, naming it and the fix', () => {
  it.each<[string, unknown, RegExp]>([
    ['retry.maxRetries NaN', { retry: { maxRetries: Number.NaN } }, /retry\.maxRetries must be a whole number .*got NaN/],
    ['retry.maxRetries -1', { retry: { maxRetries: -1 } }, /retry\.maxRetries .*got -1/],
    ['retry.maxRetries "3"', { retry: { maxRetries: '3' } }, /retry\.maxRetries .*got a string.*not a string/],
    ['retry.maxRetries 1.5', { retry: { maxRetries: 1.5 } }, /retry\.maxRetries must be a whole number .*got 1\.5/],
    ['retry.maxRetries Infinity', { retry: { maxRetries: Infinity } }, /retry\.maxRetries .*got Infinity/],
    ['retry.maxRetries 101', { retry: { maxRetries: 101 } }, /retry\.maxRetries must be a whole number from 0 to 100/],
    ['retry.baseDelayMs NaN', { retry: { baseDelayMs: Number.NaN } }, /retry\.baseDelayMs must be a number of milliseconds .*got NaN/],
    ['retry.baseDelayMs -1', { retry: { baseDelayMs: -1 } }, /retry\.baseDelayMs .*got -1/],
    ['retry.baseDelayMs "250"', { retry: { baseDelayMs: '250' } }, /retry\.baseDelayMs .*got a string/],
    ['retry.maxDelayMs -5', { retry: { maxDelayMs: -5 } }, /retry\.maxDelayMs .*got -5/],
    ['retry.maxDelayMs Infinity', { retry: { maxDelayMs: Infinity } }, /retry\.maxDelayMs .*got Infinity/],
    ['retry "yes"', { retry: 'yes' }, /retry must be an object .* or false, got a string/],
    ['retry true', { retry: true }, /retry must be an object .*got boolean/],
    ['retry null', { retry: null }, /retry must be an object .*got null/],
    ['retry []', { retry: [] }, /retry must be an object .*got an array/],
    ['retry misspelt key', { retry: { maxRetry: 2 } }, /unknown retry option "maxRetry" \(did you mean "maxRetries"\?\)/],
    ['hooks 5', { hooks: 5 }, /hooks must be an object of callbacks .*got 5/],
    ['hooks a function', { hooks: () => undefined }, /hooks must be an object .*got function/],
    ['onRequest "log"', { hooks: { onRequest: 'log' } }, /hooks\.onRequest must be a function, got a string/],
    ['onResponse 1', { hooks: { onResponse: 1 } }, /hooks\.onResponse must be a function, got 1/],
    ['onRetry null', { hooks: { onRetry: null } }, /hooks\.onRetry must be a function, got null/],
    ['misspelt hook', { hooks: { onRequets: () => 1 } }, /unknown hooks option "onRequets" \(did you mean "onRequest"\?\)/],
    [
      'unknown on… hook',
      { hooks: { onError: () => 1 } },
      /unknown hooks option "onError".*known hooks options: onRequest, onResponse, onRetry/,
    ],
    ['fetch "fetch"', { fetch: 'fetch' }, /fetch must be a function .*got a string/],
    ['env a string', { env: 'PATH=/bin' }, /env must be an object .*got a string/],
    ['env null', { env: null }, /env must be an object .*got null/],
    ['onAmbiguousCreate "delete"', { onAmbiguousCreate: 'delete' }, /onAmbiguousCreate must be 'revoke' or 'keep'/],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }, /timeoutMs must be a number of milliseconds/],
    ['headers a string', { headers: 'x-a: 1' }, /headers must be an object/],
    ['userAgent 5', { userAgent: 5 }, /userAgent must be a string/],
    ['endpoint 5', { endpoint: 5 }, /endpoint must be a string/],
    ['region 5', { region: 5 }, /region must be a string/],
  ])('%s', (_, options, message) => {
    expect(configError({ ...BASE, ...(options as object) }).message).toMatch(message);
  });

  it('refuses options that are not an object', () => {
    for (const options of [null, 'key', 5, [BASE]])
      expect(configError(options).message).toMatch(/^createClient options must be an object, got /);
  });

  it.each([
    ['timeoutMS', 'timeoutMs'],
    ['apikey', 'apiKey'],
    ['accountID', 'accountId'],
    ['endPoint', 'endpoint'],
    ['header', 'headers'],
    ['Retry', 'retry'],
    ['hook', 'hooks'],
    ['onAmbigousCreate', 'onAmbiguousCreate'],
  ])('refuses the unknown option %s with "did you mean %s?"', (wrong, right) => {
    const error = configError({ ...BASE, [wrong]: 1 });
    expect(error.message).toContain(`unknown createClient option "${wrong}" (did you mean "${right}"?)`);
    expect(error.message).toContain('known createClient options: apiKey, accountId, region, endpoint, timeoutMs');
  });

  it('refuses an unknown option even when its value is undefined (a typo stays a typo)', () => {
    expect(configError({ ...BASE, timeoutMS: undefined }).message).toContain('"timeoutMS"');
  });

  it('names every unknown option at once, and offers no guess for a far-off name', () => {
    const message = configError({ ...BASE, apikey: KEY, colour: 'red' }).message;
    expect(message).toContain('unknown createClient options "apikey" (did you mean "apiKey"?), "colour". Fix:');
    expect(message).not.toContain(KEY);
  });

  it('refuses a revoked Proxy as options, retry or hooks with a ConfigurationError', () => {
    const revoked = (): object => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    configError(revoked());
    expect(configError({ ...BASE, retry: revoked() }).message).toMatch(/retry could not be read/);
    expect(configError({ ...BASE, hooks: revoked() }).message).toMatch(/hooks could not be read/);
  });

  it('accepts every valid form', () => {
    const fine: unknown[] = [
      {},
      { retry: false },
      { retry: undefined, hooks: undefined, fetch: undefined, onAmbiguousCreate: undefined },
      { retry: {} },
      { retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 } },
      { retry: { maxRetries: 100, baseDelayMs: 2_147_483_647, maxDelayMs: 2_147_483_647 } },
      { hooks: {} },
      { hooks: { onRequest: () => 1, onResponse: async () => 1, onRetry: undefined } },
      { onAmbiguousCreate: 'keep' },
      { fetch: () => Promise.resolve(new Response('{}')) },
    ];
    for (const options of fine) expect(() => createClient({ ...BASE, ...(options as object) })).not.toThrow();
  });

  it('accepts a hooks class instance with fields of its own (only on… names are checked)', () => {
    class Logger {
      readonly prefix = '[j1]';
      readonly lines: string[] = [];
      onRequest = (event: { operationName: string }): void => {
        this.lines.push(`${this.prefix} ${event.operationName}`);
      };
    }
    expect(() => createClient({ ...BASE, hooks: new Logger() })).not.toThrow();
  });
});

describe('a NaN or negative delay cannot cause a request storm (raw node:http server)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    server = undefined;
  });

  /** A server on 127.0.0.1 that answers every request 503 and counts them. */
  async function failingServer(): Promise<{ url: string; count: () => number }> {
    let requests = 0;
    server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' });
        res.end('unavailable');
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, count: () => requests };
  }

  it.each<[string, object]>([
    ['baseDelayMs NaN', { baseDelayMs: Number.NaN }],
    ['maxDelayMs NaN', { maxDelayMs: Number.NaN }],
    ['maxRetries NaN', { maxRetries: Number.NaN }],
    ['maxDelayMs -5', { maxDelayMs: -5 }],
    ['maxRetries Infinity with no delay', { maxRetries: Infinity, baseDelayMs: 0 }],
  ])('%s: refused at createClient, so the server sees no request at all', async (_, retry) => {
    const { url, count } = await failingServer();
    expect(() => createClient({ ...BASE, endpoint: url, retry: retry as never, timeoutMs: 1_000 })).toThrow(ConfigurationError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count()).toBe(0);
  });

  it('the tightest valid policy (no delay) is bounded by maxRetries: exactly 1 + maxRetries requests', async () => {
    const { url, count } = await failingServer();
    const client = createClient({ ...BASE, endpoint: url, retry: { maxRetries: 3, baseDelayMs: 0, maxDelayMs: 0 }, timeoutMs: 10_000 });
    await expect(client.tokens.get('00000000-0000-4000-8000-000000000001')).rejects.toBeInstanceOf(JupiterOneError);
    expect(count()).toBe(4);
  });
});

describe('options that throw when read', () => {
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const throwingGetter = (name: string): object =>
    Object.defineProperty({}, name, {
      enumerable: true,
      get() {
        throw new TypeError('getter says no');
      },
    });

  it('a revoked Proxy as env or headers, or a throwing getter, is a ConfigurationError, never a TypeError', () => {
    for (const options of [
      { ...BASE, env: revoked() },
      { ...BASE, headers: revoked() },
      { apiKey: KEY, accountId: 'a', env: throwingGetter('JUPITERONE_REGION') },
      { ...BASE, headers: throwingGetter('x-a') },
      { ...BASE, retry: throwingGetter('maxRetries') },
      { ...BASE, hooks: throwingGetter('onRetry') },
      Object.defineProperties(
        {},
        {
          apiKey: { enumerable: true, value: KEY },
          timeoutMs: {
            enumerable: true,
            get: () => {
              throw new Error('x');
            },
          },
        },
      ),
    ]) {
      configError(options);
    }
  });
});
