// Issue 14 defects 9 and 10, against the BUILT CLI as child processes (a fake J1 on 127.0.0.1):
// - 9: a policy file or --api-key-file is read only when it is a regular file (a FIFO, a device,
//   a directory is a usage error, at once), reads are bounded, and SIGINT / SIGTERM during a
//   pending read always exit 130 / 143.
// - 10: --secret-file PATH --force only ever replaces a regular file; a FIFO, a device, a
//   directory or a symbolic link is refused before any key is created.
// Linux only, like the rest of the CLI suite's process tests: mkfifo, mknod (as root) and /proc.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOW_ALL, cli, spawnCli, useBuiltCli } from './helpers.js';

const fixture = useBuiltCli();
const SLOW = 45_000;

let counter = 0;
const fresh = (prefix: string): string => join(fixture.dir, `${prefix}-${++counter}`);

function fifo(prefix = 'fifo'): string {
  const path = fresh(prefix);
  execFileSync('mkfifo', [path]);
  return path;
}

/** A character device node like /dev/null when this user may make one (root), else a symlink to /dev/null. */
function deviceNode(): { path: string; kind: RegExp } {
  const path = fresh('dev');
  try {
    execFileSync('mknod', [path, 'c', '1', '3'], { stdio: 'ignore' });
    return { path, kind: /is a character device/ };
  } catch {
    symlinkSync('/dev/null', path);
    return { path, kind: /is a symbolic link to a character device/ };
  }
}

/** Whether the fake received a create request for `name` (the CLI must refuse before sending it). */
const createSent = (name: string): boolean =>
  fixture.server.mock.requests.some((r) => /^Create/.test(r.operationName ?? '') && JSON.stringify(r.variables).includes(`"${name}"`));

const run = (args: readonly string[]) => cli(args, { url: fixture.server.url });

describe.concurrent('files the CLI reads (issue 14 #9)', () => {
  it(
    'a FIFO as the policy file is a usage error at once (no writer needed), and nothing is created',
    async () => {
      const path = fifo();
      const result = await run(['create', '--name', 'fifo-policy', '--policy', path]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`error USAGE: policy file ${path} is a FIFO (named pipe); only regular files are read. Fix:`);
      expect(createSent('fifo-policy')).toBe(false);
      expect(lstatSync(path).isFIFO()).toBe(true);
    },
    SLOW,
  );

  it(
    'a FIFO as --api-key-file, or behind a symlink as `policy check FILE`, is a usage error',
    async () => {
      const keyFifo = fifo();
      const key = await run(['list', '--api-key-file', keyFifo]);
      expect(key.code, key.stderr).toBe(2);
      expect(key.stderr).toContain(`--api-key-file ${keyFifo} is a FIFO (named pipe); only regular files are read`);
      const link = fresh('link');
      symlinkSync(fifo(), link);
      const check = await run(['policy', 'check', link]);
      expect(check.code, check.stderr).toBe(2);
      expect(check.stderr).toContain(`policy file ${link} is a FIFO (named pipe)`);
    },
    SLOW,
  );

  it(
    'a device or a directory is refused by kind; a missing file is still FILE_ERROR (exit 1)',
    async () => {
      const zero = await run(['list', '--api-key-file', '/dev/zero']);
      expect(zero.code, zero.stderr).toBe(2);
      expect(zero.stderr).toContain('--api-key-file /dev/zero is a character device; only regular files are read');
      const dir = fresh('dir');
      mkdirSync(dir);
      const asPolicy = await run(['policy', 'check', dir]);
      expect(asPolicy.code, asPolicy.stderr).toBe(2);
      expect(asPolicy.stderr).toContain(`policy file ${dir} is a directory`);
      const missing = await run(['policy', 'check', fresh('missing')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^error FILE_ERROR: cannot read policy file .* \(ENOENT\)/);
    },
    SLOW,
  );

  it(
    'reads are bounded: a policy file over 1 MiB and a key file over 64 KiB are refused; files at the limit are read',
    async () => {
      const big = fresh('big.json');
      writeFileSync(big, `${ALLOW_ALL}${' '.repeat(1024 * 1024 + 1 - ALLOW_ALL.length)}`);
      const tooBig = await run(['policy', 'check', big]);
      expect(tooBig.code, tooBig.stderr).toBe(2);
      expect(tooBig.stderr).toContain(`policy file ${big} is larger than 1048576 bytes`);
      const atLimit = fresh('limit.json');
      writeFileSync(atLimit, `${ALLOW_ALL}${' '.repeat(1024 * 1024 - ALLOW_ALL.length)}`);
      const ok = await run(['policy', 'check', atLimit]);
      expect(ok.code, ok.stderr).toBe(0);
      const bigKey = fresh('key');
      writeFileSync(bigKey, 'k'.repeat(64 * 1024 + 1));
      const key = await run(['list', '--api-key-file', bigKey]);
      expect(key.code, key.stderr).toBe(2);
      expect(key.stderr).toContain('is larger than 65536 bytes');
    },
    SLOW,
  );
});

/**
 * Resolves once the child reads its stdin. Node installs its own SIGINT/SIGTERM handlers at
 * startup, so /proc's SigCgt says nothing; but `process.stdin` (first touched in main.ts after the
 * CLI's handlers are installed) opens the pipe with O_NONBLOCK, which /proc/PID/fdinfo/0 shows.
 */
async function readingStdin(pid: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/0`, 'utf8'))?.[1];
    if (flags !== undefined && (Number.parseInt(flags, 8) & 0o4000) !== 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the CLI never started reading stdin');
}

describe.concurrent('interrupts while a read is pending (issue 14 #9)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while `create --policy -` waits on stdin exits %i at once, creating nothing',
    async (signal, code) => {
      const name = `stdin-${signal}`;
      const child = spawnCli(['create', '--name', name, '--policy', '-'], { url: fixture.server.url });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdin.write('{"permissions": ['); // stdin stays open: the read is pending
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        await readingStdin(child.pid ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 100));
        child.kill(signal);
        const [exitCode] = (await once(child, 'close')) as [number | null];
        expect(exitCode, stderr).toBe(code);
        expect(stderr).toContain(`interrupted (${signal})`);
        expect(createSent(name)).toBe(false);
      } finally {
        clearTimeout(killer);
      }
    },
    SLOW,
  );
});

describe.concurrent('--secret-file --force only replaces a regular file (issue 14 #10)', () => {
  const create = (name: string, path: string, force = true) =>
    run(['create', '--name', name, '--policy', ALLOW_ALL, '--secret-file', path, ...(force ? ['--force'] : [])]);

  it(
    'a FIFO is refused before the key is created, and stays a FIFO',
    async () => {
      const path = fifo();
      const result = await create('force-fifo', path);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(
        `error FILE_ERROR: --secret-file ${path} is a FIFO (named pipe); --force only ever replaces a regular file`,
      );
      expect(result.stderr).toContain('no key was created');
      expect(createSent('force-fifo')).toBe(false);
      expect(lstatSync(path).isFIFO()).toBe(true);
    },
    SLOW,
  );

  it(
    'a device node (or, without root, a symlink to /dev/null) is refused before the key is created, and left alone',
    async () => {
      const { path, kind } = deviceNode();
      const before = lstatSync(path);
      const result = await create('force-device', path);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(kind);
      expect(result.stderr).toContain('--force only ever replaces a regular file');
      expect(createSent('force-device')).toBe(false);
      const after = lstatSync(path);
      expect([after.ino, after.mode, after.rdev]).toEqual([before.ino, before.mode, before.rdev]);
    },
    SLOW,
  );

  it(
    'a directory, a symlink to a FIFO and a symlink to a regular file are refused; links are left as they were',
    async () => {
      const dir = fresh('dir');
      mkdirSync(dir);
      const toFifo = fresh('to-fifo');
      const target = fifo();
      symlinkSync(target, toFifo);
      const regular = fresh('regular');
      writeFileSync(regular, 'old');
      const toRegular = fresh('to-regular');
      symlinkSync(regular, toRegular);
      const cases: [string, string, string][] = [
        ['force-dir', dir, 'is a directory'],
        ['force-link-fifo', toFifo, 'is a symbolic link to a FIFO (named pipe)'],
        ['force-link-file', toRegular, 'is a symbolic link to a regular file'],
      ];
      const results = await Promise.all(cases.map(([name, path]) => create(name, path)));
      results.forEach((result, i) => {
        const [name, path, what] = cases[i] ?? ['', '', ''];
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toContain(`--secret-file ${path} ${what}; --force only ever replaces a regular file`);
        expect(createSent(name)).toBe(false);
      });
      expect(lstatSync(dir).isDirectory()).toBe(true);
      expect(readlinkSync(toFifo)).toBe(target);
      expect(readlinkSync(toRegular)).toBe(regular);
      expect(readFileSync(regular, 'utf8')).toBe('old');
    },
    SLOW,
  );

  it(
    'without --force a FIFO is refused without suggesting --force; a regular file with --force is still replaced',
    async () => {
      const path = fifo();
      const plain = await create('noforce-fifo', path, false);
      expect(plain.code, plain.stderr).toBe(1);
      expect(plain.stderr).toContain(`--secret-file ${path} is a FIFO (named pipe); only a regular file can hold the secret`);
      expect(plain.stderr).not.toContain('pass --force');
      expect(createSent('noforce-fifo')).toBe(false);
      const regular = fresh('replace-me');
      writeFileSync(regular, 'old', { mode: 0o644 });
      const replaced = await create('force-regular', regular);
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(readFileSync(regular, 'utf8')).toMatch(/^j1_/);
      expect(lstatSync(regular).mode & 0o777).toBe(0o600);
    },
    SLOW,
  );
});
