/**
 * Reading a file the user named (a policy file, `--api-key-file`): only regular files, bounded in
 * size, and never blocking the process.
 *
 * A FIFO, a device, a socket or a directory is refused before it is opened for reading: opening
 * a FIFO for reading blocks until a writer appears (it held the CLI past the first SIGINT), and a
 * device such as `/dev/zero` never ends. The file is opened with `O_NONBLOCK` and checked again on
 * the open handle, so a path swapped for a FIFO between the check and the open cannot block
 * either. Every read is raced against the interrupt signal.
 * @module
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { CliError, UsageError } from './context.js';

/** Largest policy file read (J1 stores a policy as one JSON string; real ones are a few kB). */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;
/** Largest `--api-key-file` read (a J1 key is well under 1 kB). */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** What {@link readRegularFile} needs besides the path. */
export interface ReadRegularFileOptions {
  /** How messages name the file, e.g. `policy file report.json` or `--api-key-file key.txt`. */
  readonly label: string;
  /** Files larger than this are refused (checked on the size and again while reading). */
  readonly maxBytes: number;
  /** The CLI's interrupt signal: an abort stops waiting at once. */
  readonly signal?: AbortSignal | undefined;
  /** Turns an operating-system error (`ENOENT`, `EACCES`, …) into the caller's error. */
  readonly onError: (code: string) => Error;
}

/** What kind of non-regular file `stats` describes, in words for a message. */
export function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const errnoOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : 'read failed';

function notRegular(label: string, stats: Stats): UsageError {
  return new UsageError(
    `${label} is ${fileKind(stats)}; only regular files are read. Fix: give the path of a regular file (to pipe text in, pass - and use stdin)`,
  );
}

function tooLarge(label: string, maxBytes: number): UsageError {
  return new UsageError(`${label} is larger than ${maxBytes} bytes, the most read. Fix: check that this is the right file`);
}

/** Rejects with `INTERRUPTED` once `signal` aborts; never settles otherwise. */
function interruption(signal: AbortSignal | undefined, label: string): { promise: Promise<never>; dispose: () => void } {
  let dispose = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    if (signal === undefined) return;
    const fail = (): void => reject(new CliError('INTERRUPTED', `interrupted while reading ${label}`));
    if (signal.aborted) return fail();
    signal.addEventListener('abort', fail, { once: true });
    dispose = () => signal.removeEventListener('abort', fail);
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => dispose() };
}

/**
 * Reads `path` as UTF-8 when it is a regular file (symbolic links to one are followed) of at
 * most `maxBytes` bytes. Anything else is a `UsageError` naming what it is; an operating-system
 * error goes through `onError`; an interrupt rejects with `CliError('INTERRUPTED')` at once.
 */
export async function readRegularFile(path: string, options: ReadRegularFileOptions): Promise<string> {
  const { label, maxBytes, signal } = options;
  const interrupted = interruption(signal, label);
  const race = <T>(step: Promise<T>): Promise<T> => Promise.race([step, interrupted.promise]);
  let handle: FileHandle | undefined;
  try {
    // 1. Look before opening: stat never blocks on a FIFO, open for reading would.
    let stats: Stats;
    try {
      stats = await race(stat(path));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw options.onError(errnoOf(error));
    }
    if (!stats.isFile()) throw notRegular(label, stats);
    if (stats.size > maxBytes) throw tooLarge(label, maxBytes);
    // 2. Open without blocking (O_NONBLOCK: a FIFO swapped in meanwhile opens at once) and check the handle itself.
    try {
      handle = await race(open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw options.onError(errnoOf(error));
    }
    const opened = await race(handle.stat());
    if (!opened.isFile()) throw notRegular(label, opened);
    // 3. Read at most maxBytes + 1 bytes: a file that grew past the limit after the stat is still refused.
    let buffer = Buffer.alloc(Math.min(maxBytes, opened.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(label, maxBytes);
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown);
        buffer = grown;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await race(handle.read(buffer, length, buffer.length - length, length)));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw options.onError(errnoOf(error));
      }
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    interrupted.dispose();
    // Not awaited: after an interrupt a read may still be pending, and close() would wait behind it.
    handle?.close().catch(() => undefined);
  }
}
