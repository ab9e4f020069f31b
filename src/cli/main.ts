/**
 * Entry of the `j1-api-keys` executable (bundled to `dist/cli.js`): wires the real process to
 * {@link main} and sets `process.exitCode`. All logic lives in `run.ts` and `commands/`.
 * @module
 */
import { main } from './run.js';

const interrupt = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  // First signal: stop gracefully (abort API calls, close the mock server). Second: stop now.
  if (interrupt.signal.aborted) process.exit(signal === 'SIGTERM' ? 143 : 130);
  interrupt.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// `j1-api-keys list | head`: a closed pipe is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: {
      stdin: process.stdin.isTTY === true,
      stdout: process.stdout.isTTY === true,
      stderr: process.stderr.isTTY === true,
    },
    signal: interrupt.signal,
  });
} finally {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (interrupt.signal.aborted) {
    // Interrupted while a read was pending (stdin held open by a writer that never finishes): the
    // read must not keep the process alive. Stop reading stdin; should anything else still hold
    // the event loop, exit with the code main() chose (130 / 143) shortly after.
    process.stdin.destroy();
    setTimeout(() => process.exit(), 500).unref();
  }
}
