/**
 * Writing a newly created secret to a file, mode 0600.
 *
 * The file is opened BEFORE the key is created, so every file-system problem (a missing
 * directory, an existing file without `--force`, no permission) surfaces while nothing exists
 * yet; afterwards only the write itself can fail, and the caller then revokes the new key.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from './context.js';

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

function fileError(error: unknown, path: string): CliError {
  const code = errno(error);
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

/**
 * Prepares `path` for a secret. Without `force` the file is created now (0600, exclusive) and an
 * existing file is refused with `FILE_EXISTS`. With `force`, a private temporary file next to it
 * is created now and renamed over `path` after the write (the result is a fresh 0600 file even
 * when the old one was world-readable).
 */
export async function prepareSecretFile(path: string, force: boolean): Promise<PendingSecretFile> {
  const target = path;
  if (force) {
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory() === true) throw new CliError('FILE_ERROR', `--secret-file ${target} is a directory`);
  }
  const file = force ? join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`) : target;
  let handle: FileHandle;
  try {
    handle = await openPrivate(file);
  } catch (error) {
    throw fileError(error, target);
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
        if (file !== target) await rename(file, target);
      } catch (error) {
        await handle.close().catch(() => undefined);
        await unlink(file).catch(() => undefined);
        throw new CliError('FILE_ERROR', `could not write --secret-file ${target} (${errno(error) ?? 'write failed'})`, {
          cause: error,
        });
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
