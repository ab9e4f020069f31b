// `runCli` in-process, for what a child process with pipes cannot show: the progress bar drawn
// only when stderr is a terminal, and the interrupt signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { startMockServer, type MockServer } from '../../src/testing/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY } from './helpers.js';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({
    apiKey: API_KEY,
    accountId: ACCOUNT_ID,
    tokens: ['a', 'b', 'c'].map((n, i) => ({ id: `key-${i}`, name: n, policy: ALLOW_ALL })),
  });
});

afterAll(async () => {
  await server?.close();
});

function io(options: { stderrIsTTY: boolean; signal?: AbortSignal }): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: (async function* () {})(),
    env: { JUPITERONE_API_KEY: API_KEY, JUPITERONE_ACCOUNT_ID: ACCOUNT_ID, JUPITERONE_BASE_URL: server.url },
    isTTY: { stdin: false, stdout: false, stderr: options.stderrIsTTY },
    signal: options.signal,
    out: () => out,
    err: () => err,
  };
}

describe('revoke progress bar', () => {
  it('is drawn on stderr (and cleared) only when stderr is a terminal', async () => {
    const tty = io({ stderrIsTTY: true });
    expect(await runCli(['revoke', 'key-0', 'missing', 'key-1'], tty)).toBe(1);
    expect(tty.err()).toMatch(/\rrevoking \[[#-]{24}\] 3\/3, 1 failed\u001b\[K/);
    expect(tty.err()).toContain('\r\u001b[K'); // cleared before the report
    expect(tty.err()).toContain('error NOT_FOUND: revoke missing: ');
    expect(tty.out()).not.toContain('\r');

    const pipe = io({ stderrIsTTY: false });
    expect(await runCli(['revoke', 'key-2'], pipe)).toBe(0);
    expect(pipe.err()).toBe('');
    expect(pipe.out()).toMatch(/^ID\s+NAME\s+RESULT\nkey-2\s+c\s+revoked\n$/);
  });
});

describe('interrupt', () => {
  it('an aborted signal stops the call: exit 130 for SIGINT, "interrupted" on stderr', async () => {
    const controller = new AbortController();
    controller.abort('SIGINT');
    const sink = io({ stderrIsTTY: false, signal: controller.signal });
    expect(await runCli(['list'], sink)).toBe(130);
    expect(sink.err()).toBe('interrupted (SIGINT)\n');
    expect(sink.out()).toBe('');
  });
});
