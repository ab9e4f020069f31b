import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createClient, type ClientOptions } from '../../src/index.js';
import { createJupiterOneMock, type JupiterOneMockOptions } from '../../src/testing/index.js';
import { ACCOUNT, API_KEY } from './msw.js';

/** A fake J1 behind msw for one test file (unhandled requests are errors); reset after each test. */
export function useFakeJ1(options: JupiterOneMockOptions = {}) {
  const mock = createJupiterOneMock({ apiKey: API_KEY, accountId: ACCOUNT, ...options });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.reset());
  afterAll(() => server.close());
  const client = (extra: ClientOptions = {}) => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, ...extra });
  /** Operation names of the requests the fake received, in order. */
  const operations = () => mock.requests.map((r) => r.operationName);
  return { mock, server, client, operations };
}
