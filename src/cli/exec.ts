/**
 * Child processes of the CLI: `--exec CMD` (a hand-off command that receives a new secret on its
 * stdin) and `run -- CMD ARGS…` (a command that runs with a temporary key in its environment).
 *
 * The secret never goes on a command line: `--exec` writes it to the child's stdin (exactly, with
 * no trailing newline) and `run` puts it in the child's environment only. The children's output is
 * passed on line by line, scrubbed of every registered secret (see `CommandContext.redact`); a
 * hand-off command's stdout goes to our stderr, so that our stdout (`--json`) stays parsable.
 * Our own SIGINT / SIGTERM are forwarded to the child, which is then waited for.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ENV } from '../index.js';
import { CliError, type CommandContext } from './context.js';

/** How a child process ended. */
export interface ChildExit {
  /** Exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, or `null`. */
  readonly signal: NodeJS.Signals | null;
  /** Whether our own process was interrupted (SIGINT / SIGTERM) while it ran. */
  readonly interrupted: boolean;
}

/** After forwarding a signal, how long a child gets before it is killed (SIGKILL). */
const KILL_AFTER_MS = 10_000;

/** `code` as a shell reports it: the exit code, or 128 + signal number. */
export function exitCodeOf(exit: ChildExit): number {
  if (exit.code !== null) return exit.code;
  const signals: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return 128 + (signals[exit.signal ?? ''] ?? 1);
}

/** `CMD exited with code 3` / `CMD was killed by SIGKILL`. */
export function describeExit(what: string, exit: ChildExit): string {
  if (exit.interrupted) return `${what} was interrupted (${exit.signal ?? `exit code ${String(exit.code)}`})`;
  return exit.code !== null ? `${what} exited with code ${exit.code}` : `${what} was killed by ${String(exit.signal)}`;
}

/** Writes `stream`'s output to `write` line by line (so a secret is never split across chunks). */
function passLines(stream: NodeJS.ReadableStream | null, write: (text: string) => void): () => void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    pending += chunk;
    const end = pending.lastIndexOf('\n');
    if (end === -1) return;
    write(pending.slice(0, end + 1));
    pending = pending.slice(end + 1);
  });
  return () => {
    if (pending !== '') write(pending);
    pending = '';
  };
}

/** The environment without undefined entries and without `drop`. */
function cleanEnv(env: Readonly<Record<string, string | undefined>>, drop: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !drop.includes(k)) out[k] = v;
  return out;
}

/** Waits for `child`, forwarding our interruption to it (to its process group when it has one). */
function supervise(ctx: CommandContext, child: ChildProcess, group: boolean, flush: readonly (() => void)[]): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const signal = ctx.io.signal;
    let interrupted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const send = (sig: NodeJS.Signals): void => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        child.kill(sig);
      }
    };
    const onAbort = (): void => {
      interrupted = true;
      send(signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      killTimer = setTimeout(() => send('SIGKILL'), KILL_AFTER_MS);
      killTimer.unref();
    };
    if (signal?.aborted === true) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      reject(error);
    });
    child.once('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      for (const f of flush) f();
      resolve({ code, signal: sig, interrupted });
    });
  });
}

/** Variables a hand-off command gets besides the caller's environment. */
export interface HandOffVars {
  /** The new key's id. */
  readonly J1_KEY_ID: string;
  /** The new key's name. */
  readonly J1_KEY_NAME: string;
  /** For a rotation: the key being replaced. */
  readonly J1_OLD_KEY_ID?: string;
}

/**
 * Runs `command` through the shell with `secret` on its stdin and `vars` in its environment (the
 * caller's environment less `JUPITERONE_API_KEY`: the hand-off needs no admin key). Resolves when
 * it exits 0; otherwise throws `CliError` `EXEC_FAILED` (the caller then revokes the new key).
 */
export async function handOffSecret(ctx: CommandContext, command: string, secret: string, vars: HandOffVars): Promise<void> {
  ctx.addSecret(secret);
  let child: ChildProcess;
  try {
    child = spawn(command, {
      shell: true,
      cwd: ctx.io.cwd ?? process.cwd(),
      env: { ...cleanEnv(ctx.io.env, [ENV.apiKey]), ...vars },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so an interruption reaches every process of a pipeline.
      detached: process.platform !== 'win32',
    });
  } catch (error) {
    throw new CliError('EXEC_FAILED', `--exec could not be started (${error instanceof Error ? error.message : String(error)})`);
  }
  // A command that does not read its stdin closes it: that is its business, not an error here.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(secret);
  // Both of its streams go to our stderr: our stdout stays ours (e.g. --json).
  const flushOut = passLines(child.stdout, (t) => ctx.io.stderr.write(ctx.redact(t)));
  const flushErr = passLines(child.stderr, (t) => ctx.io.stderr.write(ctx.redact(t)));
  let exit: ChildExit;
  try {
    exit = await supervise(ctx, child, process.platform !== 'win32', [flushOut, flushErr]);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError('EXEC_FAILED', `--exec could not be started (${typeof code === 'string' ? code : 'spawn failed'})`);
  }
  if (exit.code === 0 && !exit.interrupted) return;
  throw new CliError('EXEC_FAILED', describeExit('--exec command', exit));
}

/** Options of {@link runChild}. */
export interface RunChildOptions {
  /** Extra variables (they win over the caller's environment). */
  readonly env: Readonly<Record<string, string>>;
  /** Variables of the caller's environment not to pass on. */
  readonly drop?: readonly string[];
}

/**
 * Runs `file args…` (no shell) with the caller's environment plus `options.env`, stdin inherited,
 * output scrubbed and passed on; forwards SIGINT/SIGTERM. Resolves with how it ended.
 */
export async function runChild(ctx: CommandContext, file: string, args: readonly string[], options: RunChildOptions): Promise<ChildExit> {
  let child: ChildProcess;
  try {
    child = spawn(file, args, {
      cwd: ctx.io.cwd ?? process.cwd(),
      env: { ...cleanEnv(ctx.io.env, options.drop ?? []), ...options.env },
      stdio: ['inherit', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new CliError('EXEC_FAILED', `cannot start ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
  const flushOut = passLines(child.stdout, (t) => ctx.io.stdout.write(ctx.redact(t)));
  const flushErr = passLines(child.stderr, (t) => ctx.io.stderr.write(ctx.redact(t)));
  try {
    return await supervise(ctx, child, false, [flushOut, flushErr]);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError('EXEC_FAILED', `cannot start ${file} (${typeof code === 'string' ? code : 'spawn failed'})`);
  }
}
