// In-process checks of src/cli/files.ts (the child-process behaviour is in files.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../../src/cli/context.js';
import { readRegularFile } from '../../src/cli/files.js';

const dir = mkdtempSync(join(tmpdir(), 'j1-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (extra: Partial<Parameters<typeof readRegularFile>[1]> = {}) => ({
  label: 'test file',
  maxBytes: 16,
  onError: (code: string) => new CliError('FILE_ERROR', `cannot read (${code})`),
  ...extra,
});

describe('readRegularFile', () => {
  it('reads a regular file of up to maxBytes bytes as UTF-8', async () => {
    const path = join(dir, 'ok');
    writeFileSync(path, 'é'.repeat(8)); // 16 bytes
    await expect(readRegularFile(path, options())).resolves.toBe('é'.repeat(8));
  });

  it('refuses maxBytes + 1 bytes with a UsageError', async () => {
    const path = join(dir, 'big');
    writeFileSync(path, 'x'.repeat(17));
    await expect(readRegularFile(path, options())).rejects.toThrow(UsageError);
    await expect(readRegularFile(path, options())).rejects.toThrow('test file is larger than 16 bytes');
  });

  it('passes an operating-system error code to onError', async () => {
    await expect(readRegularFile(join(dir, 'missing'), options())).rejects.toThrow('cannot read (ENOENT)');
  });

  it('an already aborted signal rejects with INTERRUPTED before anything is read', async () => {
    const path = join(dir, 'ok2');
    writeFileSync(path, 'fine');
    const error = await readRegularFile(path, options({ signal: AbortSignal.abort('SIGINT') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('INTERRUPTED');
  });
});
