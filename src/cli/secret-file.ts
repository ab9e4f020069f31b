/**
 * Writing a newly created secret to a file, mode 0600.
 *
 * The file is opened BEFORE the key is created, so every file-system problem (a missing
 * directory, an existing file without `--force`, no permission) surfaces while nothing exists
 * yet; afterwards only the write itself can fail, and the caller then revokes the new key.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from './context.js';
import { fileKind } from './files.js';

/** An opened, still empty secret file. Call exactly one of `write` or `discard`. */
export interface PendingSecretFile {
  /** Absolute path of the final file. */
  readonly path: string;
  /** Writes the secret (exactly, no trailing newline) and puts the file in place. */
  write(secret: string): Promise<void>;
  /** Removes what was prepared (the key was not created). Never throws. */
  discard(): Promise<void>;
}

const errno = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

async function openPrivate(path: string): Promise<FileHandle> {
  // 'wx': create, fail if it exists (also refuses to follow a planted symlink). Mode 0600 at creation…
  const handle = await open(path, 'wx', 0o600);
  try {
    // …and again explicitly: the umask may have removed bits; nothing may add group/other bits.
    await handle.chmod(0o600);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return handle;
}

function fileError(error: unknown, path: string, existing: Stats | undefined): CliError {
  const code = errno(error);
  if (code === 'EEXIST' && existing !== undefined && !existing.isFile()) return notRegular(path, existing, false);
  if (code === 'EEXIST') {
    return new CliError('FILE_EXISTS', `refusing to overwrite ${path}. Fix: choose another --secret-file, or pass --force to replace it`);
  }
  return new CliError(
    'FILE_ERROR',
    `cannot create --secret-file ${path} (${code ?? (error instanceof Error ? error.message : String(error))}); no key was created`,
    {
      cause: error,
    },
  );
}

/** What is at `path` without following a symbolic link, or `undefined` when nothing is. */
async function entryAt(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw new CliError('FILE_ERROR', `cannot inspect --secret-file ${path} (${errno(error) ?? 'lstat failed'}); no key was created`, {
      cause: error,
    });
  }
}

/** Refusal of an existing entry that is not a regular file: `--force` never replaces one. */
function notRegular(path: string, entry: Stats, force: boolean, target?: Stats): CliError {
  const what = entry.isSymbolicLink()
    ? `a symbolic link${target === undefined ? '' : ` to ${target.isFile() ? 'a regular file' : fileKind(target)}`}`
    : fileKind(entry);
  const fix = entry.isSymbolicLink()
    ? 'give the real path of a regular file, or a new path'
    : 'choose another --secret-file (a new path, or an existing regular file with --force)';
  return new CliError(
    'FILE_ERROR',
    `--secret-file ${path} is ${what}; ${force ? '--force only ever replaces a regular file' : 'only a regular file can hold the secret'}. Fix: ${fix}; no key was created`,
  );
}

/** With `--force`: what is at `path` must be nothing or a regular file (never a FIFO, device, directory or symbolic link). */
async function checkReplaceable(path: string): Promise<void> {
  const entry = await entryAt(path);
  if (entry === undefined || entry.isFile()) return;
  const target = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : undefined;
  throw notRegular(path, entry, true, target);
}

/**
 * Prepares `path` for a secret. Without `force` the file is created now (0600, exclusive) and an
 * existing file is refused with `FILE_EXISTS`. With `force`, a private temporary file next to it
 * is created now and renamed over `path` after the write (the result is a fresh 0600 file even
 * when the old one was world-readable). `--force` only ever replaces a regular file: a FIFO, a
 * device, a directory, a socket or a symbolic link at `path` is refused here, before any key exists.
 */
export async function prepareSecretFile(path: string, force: boolean): Promise<PendingSecretFile> {
  const target = path;
  // Checked before anything is created: a FIFO, device, directory or symbolic link is refused now.
  if (force) await checkReplaceable(target);
  const file = force ? join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`) : target;
  let handle: FileHandle;
  try {
    handle = await openPrivate(file);
  } catch (error) {
    throw fileError(error, target, errno(error) === 'EEXIST' ? await lstat(target).catch(() => undefined) : undefined);
  }
  let settled = false;
  return {
    path: target,
    async write(secret: string): Promise<void> {
      settled = true;
      try {
        await handle.writeFile(secret, 'utf8');
        await handle.sync();
        await handle.close();
        if (file !== target) {
          // Checked again: what was a regular file (or nothing) at prepare time may have been swapped since.
          const now = await lstat(target).catch(() => undefined);
          if (now !== undefined && !now.isFile()) throw new Error(`${target} became ${fileKind(now)} meanwhile; it was not replaced`);
          await rename(file, target);
        }
      } catch (error) {
        await handle.close().catch(() => undefined);
        await unlink(file).catch(() => undefined);
        throw new CliError(
          'FILE_ERROR',
          `could not write --secret-file ${target} (${errno(error) ?? (error instanceof Error ? error.message : 'write failed')})`,
          {
            cause: error,
          },
        );
      }
    },
    async discard(): Promise<void> {
      if (settled) return;
      settled = true;
      await handle.close().catch(() => undefined);
      await unlink(file).catch(() => undefined);
    },
  };
}
