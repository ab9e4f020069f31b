// `audit` in-process (runCli with injected I/O): progress on stderr only when it is a terminal,
// and an incomplete inventory fails the gate with --require-complete (the exit contract otherwise).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, API_KEY, cliEnv, json, runInProcess } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    tokens: [
      {
        id: 'k1',
        name: 'scoped',
        policy: '{"permissions":[{"effect":"ALLOW","actions":["query:ReadGraphData"],"resources":["*"]}]}',
        expiresAt: Date.now() + 86_400_000 * 30,
      },
    ],
    integrationInstances: [{ id: 'i1', name: 'GitHub' }],
    integrationTokens: [{ tokenId: 'ik1', instanceId: 'i1', expiresAt: Date.now() + 86_400_000 * 30 }],
  });
});
afterAll(() => server.close());

describe('audit (in-process)', () => {
  it('draws progress on stderr only when stderr is a terminal', async () => {
    const env = { env: cliEnv(server.url) };
    const tty = await runInProcess(['audit', '--json'], { ...env, stderrIsTTY: true });
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/\rinventory \[#*-*\] \d+\/\d+/);
    expect(json<{ keys: unknown[] }>(tty).keys).toHaveLength(2);
    const piped = await runInProcess(['audit', '--json'], env);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(tty.stdout);
  });

  it('an incomplete inventory is listed in problems, on stderr, and exits by the findings unless --require-complete', async () => {
    const env = { env: cliEnv(server.url) };
    server.mock.failNext(1, 500); // the first request: the account-key listing
    const result = await runInProcess(['audit', '--json', '--require-complete'], env);
    expect(result.code).toBe(1);
    const body = json<{ keys: { id: string }[]; problems: { stage: string; code: string }[] }>(result);
    expect(body.problems).toEqual([expect.objectContaining({ stage: 'account-keys', code: 'SERVER_ERROR' })]);
    expect(body.keys.map((k) => k.id)).toEqual(['ik1']);
    expect(result.stderr).toMatch(/^warning: the inventory is incomplete \(1 problem\):\n {2}- Listing account keys stopped after 0/);
    server.mock.failNext(1, 500);
    expect((await runInProcess(['audit', '--json'], env)).code).toBe(0);
  });
});
