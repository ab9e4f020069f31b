/**
 * Writing variables into a dotenv file (`integration-keys create --env-file .env`): the named
 * variables are set (first occurrence replaced in place, later duplicates removed, missing ones
 * appended), every other line is kept byte for byte, and the result is a mode 0600 regular file
 * put in place atomically (a private temporary file next to it, then a rename).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { access, constants, lstat, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from './context.js';

/** One logical entry of a dotenv file: its raw text (one or more lines) and its key, if any. */
interface Entry {
  readonly raw: string;
  readonly key: string | undefined;
  readonly value: string | undefined;
}

const ASSIGNMENT = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** The value of an assignment's right-hand side (quotes removed, `#` comments dropped). */
function unquote(rhs: string): string {
  const q = rhs[0];
  if (q === '"' || q === "'" || q === '`') {
    const end = rhs.lastIndexOf(q);
    const inner = end > 0 ? rhs.slice(1, end) : rhs.slice(1);
    return q === '"' ? inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : inner;
  }
  return rhs.replace(/\s+#.*$/, '').trim();
}

/** Splits dotenv text into entries; a quoted value spanning lines is one entry. */
function entries(text: string): Entry[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i] ?? '';
    const m = ASSIGNMENT.exec(raw.replace(/\r?\n$/, ''));
    if (m === null) {
      out.push({ raw, key: undefined, value: undefined });
      continue;
    }
    let rhs = m[4] ?? '';
    const q = rhs[0];
    if ((q === '"' || q === "'" || q === '`') && !rhs.slice(1).includes(q)) {
      // A multi-line quoted value: it ends on the first later line holding the quote.
      while (i + 1 < lines.length) {
        const next = lines[++i] ?? '';
        raw += next;
        rhs += `\n${next.replace(/\r?\n$/, '')}`;
        if (next.includes(q)) break;
      }
    }
    out.push({ raw, key: m[3], value: unquote(rhs) });
  }
  return out;
}

/** A value as written: bare when plainly safe, else double-quoted. */
function dotenvValue(value: string): string {
  if (/^[\w@%+=:,./-]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The values of `text`'s variables (the last assignment wins, as dotenv readers do). */
export function readDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const e of entries(text)) if (e.key !== undefined && e.value !== undefined) values.set(e.key, e.value);
  return values;
}

/**
 * `text` with `vars` set: each variable's first assignment is replaced in place (keeping an
 * `export ` prefix, indentation and line ending), its later assignments are removed, and
 * variables not yet present are appended. Every other byte is kept.
 */
export function updateDotenv(text: string, vars: Readonly<Record<string, string>>): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const done = new Set<string>();
  let out = '';
  for (const e of entries(text)) {
    if (e.key === undefined || !Object.hasOwn(vars, e.key)) {
      out += e.raw;
      continue;
    }
    if (done.has(e.key)) continue;
    done.add(e.key);
    const m = ASSIGNMENT.exec(e.raw.split('\n')[0]?.replace(/\r$/, '') ?? '');
    const ending = /\r?\n$/.exec(e.raw)?.[0] ?? '';
    out += `${m?.[1] ?? ''}${m?.[2] ?? ''}${e.key}=${dotenvValue(vars[e.key] ?? '')}${ending}`;
  }
  const missing = Object.keys(vars).filter((k) => !done.has(k));
  if (missing.length > 0 && out !== '' && !out.endsWith('\n')) out += newline;
  for (const k of missing) out += `${k}=${dotenvValue(vars[k] ?? '')}${newline}`;
  return out;
}

const errno = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
};

/** A dotenv file checked and read, ready to be updated. */
export interface PendingEnvFile {
  /** Absolute path. */
  readonly path: string;
  /** Whether the file exists now. */
  readonly exists: boolean;
  /** The variables it holds now. */
  readonly values: ReadonlyMap<string, string>;
  /** Writes the file with `vars` set (0600, atomically). Throws `CliError` `FILE_ERROR`. */
  write(vars: Readonly<Record<string, string>>): Promise<void>;
}

/**
 * Checks `path` before anything is created: it must be a regular file (not a symlink, directory,
 * device…) or not exist in an existing directory, and be writable. Reads its current content.
 */
export async function prepareEnvFile(path: string): Promise<PendingEnvFile> {
  const dir = dirname(path);
  const info = await lstat(path).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new CliError('FILE_ERROR', `cannot read --env-file ${path} (${errno(error)}); no key was created`);
  });
  if (info !== undefined && !info.isFile()) {
    throw new CliError(
      'FILE_ERROR',
      `--env-file ${path} is not a regular file (${info.isSymbolicLink() ? 'a symbolic link' : info.isDirectory() ? 'a directory' : 'a special file'}). Fix: give the path of a regular file; no key was created`,
    );
  }
  const dirInfo = await stat(dir).catch(() => undefined);
  if (dirInfo?.isDirectory() !== true) {
    throw new CliError('FILE_ERROR', `--env-file ${path}: the directory ${dir} does not exist. Fix: create it first; no key was created`);
  }
  try {
    await access(info === undefined ? dir : path, constants.W_OK);
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new CliError('FILE_ERROR', `--env-file ${path} is not writable (${errno(error)}); no key was created`);
  }
  let original = '';
  if (info !== undefined) {
    try {
      original = await readFile(path, 'utf8');
    } catch (error) {
      throw new CliError('FILE_ERROR', `cannot read --env-file ${path} (${errno(error)}); no key was created`);
    }
  }
  return {
    path,
    exists: info !== undefined,
    values: readDotenv(original),
    async write(vars) {
      const text = updateDotenv(original, vars);
      const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
      let created = false;
      try {
        const handle = await open(temp, 'wx', 0o600);
        created = true;
        try {
          await handle.chmod(0o600);
          await handle.writeFile(text, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        // Checked again just before the rename: the path may have been replaced since.
        const now = await lstat(path).catch(() => undefined);
        if (now !== undefined && !now.isFile()) throw Object.assign(new Error('no longer a regular file'), { code: 'ENOTREG' });
        const current = now === undefined ? '' : await readFile(path, 'utf8');
        if (current !== original) throw Object.assign(new Error('changed while the key was created'), { code: 'ECHANGED' });
        await rename(temp, path);
      } catch (error) {
        if (created) await unlink(temp).catch(() => undefined);
        throw new CliError('FILE_ERROR', `could not write --env-file ${path} (${errno(error)})`, { cause: error });
      }
    },
  };
}
