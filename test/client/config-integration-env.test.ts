// Issue 13 item 5: J1's integration SDK reads JUPITERONE_ACCOUNT (not _ACCOUNT_ID) and
// JUPITERONE_API_BASE_URL, its REST base https://api.<region>.jupiterone.io (facts file, "More
// facts from J1's own clients and docs"). Our config never takes one for the other.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient } from '../../src/index.js';

const KEY = 'k-integration-env-77c1d0';

function configError(fn: () => unknown): ConfigurationError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  expect((thrown as Error).message).not.toContain(KEY);
  return thrown as ConfigurationError;
}

describe('an integration project’s environment', () => {
  it('works as is: JUPITERONE_ACCOUNT is the account, JUPITERONE_API_BASE_URL is not the endpoint', () => {
    const client = createClient({
      env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT: 'acct-int', JUPITERONE_API_BASE_URL: 'https://api.us.jupiterone.io' },
    });
    expect(client.accountId).toBe('acct-int');
    expect(client.endpoint).toBe('https://graphql.us.jupiterone.io/');
  });

  it('never uses JUPITERONE_API_BASE_URL as the GraphQL endpoint, whatever it holds', () => {
    for (const base of [
      'https://api.us.jupiterone.io',
      'https://api.us.jupiterone.io/graphql',
      'https://example.com/graphql',
      'not a url',
    ]) {
      const client = createClient({ env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT: 'a', JUPITERONE_API_BASE_URL: base } });
      expect(client.endpoint).toBe('https://graphql.us.jupiterone.io/');
    }
  });

  it('an explicit region or endpoint wins; JUPITERONE_API_BASE_URL is still not used', () => {
    const env = { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT: 'a', JUPITERONE_API_BASE_URL: 'https://api.eu.jupiterone.io' };
    expect(createClient({ env: { ...env, JUPITERONE_REGION: 'eu' } }).endpoint).toBe('https://graphql.eu.jupiterone.io/');
    expect(createClient({ env, region: 'eu' }).endpoint).toBe('https://graphql.eu.jupiterone.io/');
    expect(createClient({ env: { ...env, JUPITERONE_BASE_URL: 'https://graphql.eu.jupiterone.io/' } }).endpoint).toBe(
      'https://graphql.eu.jupiterone.io/',
    );
  });

  it('a JUPITERONE_API_BASE_URL in another region with no region configured is refused, not silently sent to us', () => {
    const error = configError(() =>
      createClient({ env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT: 'a', JUPITERONE_API_BASE_URL: 'https://api.eu.jupiterone.io/' } }),
    );
    expect(error.message).toContain('JUPITERONE_API_BASE_URL is in region "eu" but no region is set, so "us" would be used');
    expect(error.message).toContain('Fix: set JUPITERONE_REGION=eu');
  });
});

describe('J1’s REST base given as the GraphQL endpoint', () => {
  it.each([
    'https://api.us.jupiterone.io',
    'https://api.us.jupiterone.io/',
    'https://API.EU.jupiterone.io',
    'https://api.us.jupiterone.io/persister/synchronization/jobs',
  ])('JUPITERONE_BASE_URL=%s is refused with the GraphQL URL to use', (url) => {
    const error = configError(() =>
      createClient({ env: { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT_ID: 'a', JUPITERONE_BASE_URL: url } }),
    );
    const region = /api\.(\w+)\./i.exec(url)?.[1]?.toLowerCase() ?? '';
    expect(error.message).toMatch(/^JUPITERONE_BASE_URL is J1's REST base https:\/\/api\.\w+\.jupiterone\.io/);
    expect(error.message).toContain('(what the integration SDK reads from JUPITERONE_API_BASE_URL), not a GraphQL endpoint');
    expect(error.message).toContain(`Fix: use https://graphql.${region}.jupiterone.io/`);
  });

  it('the endpoint option (and so the CLI’s --endpoint) is checked the same way', () => {
    const error = configError(() =>
      createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint: new URL('https://api.eu.jupiterone.io') }),
    );
    expect(error.message).toMatch(/^endpoint is J1's REST base https:\/\/api\.eu\.jupiterone\.io \(what the integration SDK/);
    expect(error.message).toContain('Fix: use https://graphql.eu.jupiterone.io/');
  });

  it('the older GraphQL URL on the api. host (/graphql) is still accepted', () => {
    for (const url of ['https://api.us.jupiterone.io/graphql', 'https://api.eu.jupiterone.io/graphql/']) {
      expect(createClient({ apiKey: KEY, accountId: 'a', env: {}, endpoint: url }).endpoint).toBe(new URL(url).href);
    }
  });
});
