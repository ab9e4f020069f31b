import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareEnvFile, readDotenv, updateDotenv } from '../../src/cli/env-file.js';

const dir = mkdtempSync(join(tmpdir(), 'j1-env-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('updateDotenv', () => {
  it('replaces the first assignment in place (export prefix kept), drops duplicates, appends the rest', () => {
    const text = 'A=1\nexport K=old # c\nB="x\ny"\nK=dup\n  C=3';
    expect(updateDotenv(text, { K: 'new', N: 'a b' })).toBe('A=1\nexport K=new\nB="x\ny"\n  C=3\nN="a b"\n');
  });

  it('keeps CRLF files CRLF, and a multi-line value of ours is removed whole', () => {
    expect(updateDotenv('K="a\r\nb"\r\nZ=1\r\n', { K: 'v' })).toBe('K=v\r\nZ=1\r\n');
  });

  it('every line that is not ours is kept byte for byte; the result reads back with our values', () => {
    const line = fc.oneof(
      fc.constantFrom('# comment', '', '  ', 'FOO=bar', 'export X="q w"', "Y='z'", 'not an assignment'),
      fc.stringMatching(/^[A-Z_]{1,5}=[a-z0-9 ]{0,5}$/),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), (lines, value) => {
        const others = lines.filter((l) => !/^\s*(export\s+)?JUPITERONE_API_KEY\s*=/.test(l));
        const text = others.join('\n');
        const out = updateDotenv(text, { JUPITERONE_API_KEY: value });
        expect(out.startsWith(text)).toBe(true);
        expect(out.match(/JUPITERONE_API_KEY=/g)).toHaveLength(1);
        expect(readDotenv(out).get('JUPITERONE_API_KEY')).toBe(value);
      }),
    );
  });
});

describe('prepareEnvFile', () => {
  it('writes mode 0600 whatever the old mode, atomically', async () => {
    const path = join(dir, 'a.env');
    writeFileSync(path, 'X=1\n', { mode: 0o644 });
    const pending = await prepareEnvFile(path);
    expect(pending.values.get('X')).toBe('1');
    await pending.write({ K: 'v' });
    expect(readFileSync(path, 'utf8')).toBe('X=1\nK=v\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses to write over a file changed since it was read', async () => {
    const path = join(dir, 'b.env');
    writeFileSync(path, 'X=1\n');
    const pending = await prepareEnvFile(path);
    writeFileSync(path, 'X=2\n');
    await expect(pending.write({ K: 'v' })).rejects.toThrow(/could not write --env-file .*ECHANGED/);
    expect(readFileSync(path, 'utf8')).toBe('X=2\n');
  });

  it('creates a missing file; refuses a missing directory before anything happens', async () => {
    const pending = await prepareEnvFile(join(dir, 'new.env'));
    expect(pending.exists).toBe(false);
    await pending.write({ K: 'v' });
    expect(readFileSync(join(dir, 'new.env'), 'utf8')).toBe('K=v\n');
    await expect(prepareEnvFile(join(dir, 'nope', '.env'))).rejects.toThrow(/does not exist\. Fix: create it first; no key was created/);
  });
});
