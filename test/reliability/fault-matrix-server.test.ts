import { afterAll, beforeAll } from 'vitest';
import { createClient } from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { FAST, matrix, SEEDED } from '../helpers/fault-matrix.js';
import { ACCOUNT, API_KEY } from '../helpers/msw.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ apiKey: API_KEY, accountId: ACCOUNT, tokens: SEEDED });
});
afterAll(() => server.close());
matrix('loopback server', () => {
  server.mock.reset();
  return { mock: server.mock, client: () => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, endpoint: server.url, ...FAST }) };
});
