/**
 * Reading a policy given as `FILE`, inline JSON or `-` (stdin).
 * @module
 */
import { CliError, type CommandContext } from './context.js';
import { MAX_POLICY_FILE_BYTES, readRegularFile } from './files.js';

/** Where policy text came from, for messages. */
export interface PolicyText {
  readonly text: string;
  /** `stdin`, `inline JSON`, or the file path as given. */
  readonly origin: string;
}

/** Reads all of stdin as UTF-8. */
export async function readStdin(ctx: CommandContext, what = 'the policy'): Promise<string> {
  if (ctx.io.isTTY.stdin) ctx.io.stderr.write(`Reading ${what} from stdin (finish with Ctrl-D)…\n`);
  const chunks: Buffer[] = [];
  const iterator = ctx.io.stdin[Symbol.asyncIterator]();
  const signal = ctx.io.signal;
  // Ctrl-C while waiting for input: stop reading (the interrupt is reported by the caller).
  const interrupted = new Promise<never>((_, reject) => {
    if (signal === undefined) return;
    const fail = (): void => reject(new CliError('INTERRUPTED', 'interrupted while reading stdin'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  interrupted.catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), interrupted]);
      if (next.done === true) break;
      const chunk = next.value;
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    }
  } finally {
    // Not awaited: after an interrupt a read is still pending, and return() would wait behind it.
    iterator.return?.().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Resolves a policy argument: `-` reads stdin; text that starts with `{` (after blanks) is inline
 * JSON; anything else is a file path (relative to the working directory).
 * A file that cannot be read is a `FILE_ERROR` (exit 1); one that is not a regular file (a FIFO, a
 * device, a directory) or is over {@link MAX_POLICY_FILE_BYTES} is a usage error (exit 2).
 */
export async function readPolicyText(ctx: CommandContext, from: string): Promise<PolicyText> {
  if (from === '-') return { text: await readStdin(ctx), origin: 'stdin' };
  if (from.trimStart().startsWith('{')) return { text: from, origin: 'inline JSON' };
  const text = await readRegularFile(ctx.resolvePath(from), {
    label: `policy file ${from}`,
    maxBytes: MAX_POLICY_FILE_BYTES,
    signal: ctx.io.signal,
    onError: (code) => new CliError('FILE_ERROR', `cannot read policy file ${from} (${code})`),
  });
  return { text, origin: from };
}
