import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient } from '../../src/index.js';
import { isLoopbackHost } from '../../src/client/config.js';

const KEY = 'k-123456789';

function configError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toContain(KEY);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('createClient configuration', () => {
  it('reads key, account and region from the environment', () => {
    const c = createClient({ env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT_ID: 'a1', JUPITERONE_REGION: 'eu' } });
    expect(c.endpoint).toBe('https://graphql.eu.jupiterone.io/');
    expect(c.accountId).toBe('a1');
  });

  it('falls back to JUPITERONE_ACCOUNT for the account id', () => {
    expect(createClient({ env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT: 'legacy' } }).accountId).toBe('legacy');
  });

  it('prefers JUPITERONE_ACCOUNT_ID over JUPITERONE_ACCOUNT and options over both', () => {
    const env = { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT: 'legacy', JUPITERONE_ACCOUNT_ID: 'modern' };
    expect(createClient({ env }).accountId).toBe('modern');
    expect(createClient({ env, accountId: 'explicit' }).accountId).toBe('explicit');
  });

  it('defaults to the us region', () => {
    expect(createClient({ apiKey: KEY, accountId: 'a', env: {} }).endpoint).toBe('https://graphql.us.jupiterone.io/');
  });

  it('uses JUPITERONE_BASE_URL as the full endpoint', () => {
    const c = createClient({
      env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT_ID: 'a', JUPITERONE_BASE_URL: 'https://graphql.dev.example.com/graphql' },
    });
    expect(c.endpoint).toBe('https://graphql.dev.example.com/graphql');
  });

  it('lets the endpoint option override region and env', () => {
    const c = createClient({
      apiKey: KEY,
      accountId: 'a',
      region: 'eu',
      endpoint: 'https://x.example.com/',
      env: { JUPITERONE_BASE_URL: 'https://y.example.com/' },
    });
    expect(c.endpoint).toBe('https://x.example.com/');
  });

  it('reads process.env when no env option is given', () => {
    const saved = { ...process.env };
    try {
      process.env.JUPITERONE_API_KEY = KEY;
      process.env.JUPITERONE_ACCOUNT_ID = 'from-process';
      expect(createClient().accountId).toBe('from-process');
    } finally {
      process.env = saved;
    }
  });

  it('names the option and the env var when the key is missing', () => {
    const err = configError(() => createClient({ accountId: 'a', env: {} }));
    expect(err.message).toContain('apiKey');
    expect(err.message).toContain('JUPITERONE_API_KEY');
    expect(err.code).toBe('CONFIGURATION');
  });

  it('names the option and the env vars when the account is missing', () => {
    const err = configError(() => createClient({ apiKey: KEY, env: {} }));
    expect(err.message).toContain('accountId');
    expect(err.message).toContain('JUPITERONE_ACCOUNT_ID');
  });

  it('treats empty strings as missing', () => {
    configError(() => createClient({ apiKey: '', accountId: 'a', env: { JUPITERONE_API_KEY: '  ' } }));
  });

  it.each(['http://graphql.us.jupiterone.io/', 'http://10.0.0.5:8080/', 'http://128.0.0.1/', 'http://localhost.evil.com/'])(
    'refuses http: off loopback (%s)',
    (endpoint) => {
      const err = configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint }));
      expect(err.message).toMatch(/http:/);
    },
  );

  it.each(['http://localhost:4000/', 'http://127.0.0.1:1234/graphql', 'http://127.200.3.4/', 'http://[::1]:9000/'])(
    'allows http: on loopback (%s)',
    (endpoint) => {
      expect(createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint }).endpoint).toBe(new URL(endpoint).href);
    },
  );

  it('refuses credentials in the URL, odd protocols, bad URLs and bad regions', () => {
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint: 'https://user:pw@x.example.com/' }));
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint: 'ftp://x.example.com/' }));
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint: 'not a url' }));
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, region: 'us.evil.com/x?' }));
    configError(() =>
      createClient({ env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT_ID: 'a', JUPITERONE_BASE_URL: 'http://example.com/' } }),
    );
  });

  it('refuses a key or account that would inject headers, without echoing the key', () => {
    configError(() => createClient({ apiKey: `${KEY}\r\nx-evil: 1`, accountId: 'a', env: {} }));
    configError(() => createClient({ apiKey: KEY, accountId: 'a\nb', env: {} }));
  });

  it('refuses a non-positive timeout and an unknown onAmbiguousCreate', () => {
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, timeoutMs: 0 }));
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, timeoutMs: Number.NaN }));
    // @ts-expect-error -- not a valid mode
    configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, onAmbiguousCreate: 'retry' }));
  });

  it.each([0, 0.5, -1, 2 ** 31, 1e10, Number.NaN, Number.POSITIVE_INFINITY, '100'])('refuses timeoutMs %s, naming the range', (t) => {
    const err = configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, timeoutMs: t as number }));
    expect(err.message).toContain('timeoutMs');
    expect(err.message).toContain('2147483647');
  });

  it('accepts timeoutMs from 1 to 2147483647', () => {
    expect(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, timeoutMs: 1 })).not.toThrow();
    expect(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, timeoutMs: 2_147_483_647 })).not.toThrow();
  });

  it.each([
    ['x-trace-id', 'abc\r\nX-Injected: 1'],
    ['x-trace-id', 'abc\nX-Injected: 1'],
    ['x-trace-id', 'a\0b'],
    ['x-trace-id', 'snow \u2603'],
    ['x-trace-id', 42],
    ['x-bad\r\nx-injected', 'val-9f3'],
    ['x bad', 'val-9f3'],
    ['', 'val-9f3'],
  ])('refuses an unsafe extra header (%j: %j) without echoing the value', (name, value) => {
    const err = configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, headers: { [name]: value as string } }));
    expect(err.message).toContain('headers');
    if (typeof value === 'string') expect(err.message).not.toContain(value);
    expect(err.message).not.toMatch(/[\r\n]/);
  });

  it('refuses headers that are not an object of strings', () => {
    for (const headers of [null, 'x-a: 1', ['x-a']]) {
      expect(configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, headers: headers as never })).message).toContain(
        'headers',
      );
    }
  });

  it('accepts ordinary extra headers', () => {
    expect(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, headers: { 'x-trace-id': 'abc-123 ;q=1' } })).not.toThrow();
  });

  it.each(['apiKey', 'accountId', 'region', 'endpoint', 'userAgent'] as const)(
    'refuses a non-string %s with a ConfigurationError',
    (field) => {
      for (const bad of [12345678, { toString: () => KEY }, true, null]) {
        const err = configError(() => createClient({ apiKey: KEY, accountId: 'a', env: {}, [field]: bad as never }));
        expect(err.message).toContain(field);
        expect(err.message).not.toContain(KEY);
      }
    },
  );

  it('refuses a non-string value in env, naming the variable', () => {
    const err = configError(() => createClient({ accountId: 'a', env: { JUPITERONE_API_KEY: 123 as never } }));
    expect(err.message).toContain('JUPITERONE_API_KEY');
  });

  it('refuses a non-Latin-1 or NUL key without echoing it', () => {
    const err = configError(() => createClient({ apiKey: `${KEY}\u2014`, accountId: 'a', env: {} }));
    expect(err.message).toContain('apiKey');
    configError(() => createClient({ apiKey: `${KEY}\0`, accountId: 'a', env: {} }));
  });

  it('recognises loopback hosts exactly', () => {
    expect(['localhost', '127.0.0.1', '127.255.255.255', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['127.0.0.256', '126.0.0.1', 'localhost.com', '0.0.0.0', '::2'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
