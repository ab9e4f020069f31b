// Issue 19: `instanceof` holds for our errors across the ESM and CJS copies of the package loaded
// in one process (a dependency that `require`s us while the app `import`s us). Needs the build.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Sdk from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
type Entry = typeof Sdk;
let esm: Entry;
let cjs: Entry;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.cjs'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  esm = (await import(pathToFileURL(join(root, 'dist/index.js')).href)) as Entry;
  cjs = createRequire(import.meta.url)(join(root, 'dist/index.cjs')) as Entry;
});

describe('errors across the ESM and CJS builds', () => {
  it('are two copies of each class', () => {
    expect(esm.NotFoundError).not.toBe(cjs.NotFoundError);
  });

  it('an error of one copy is an instance of the same class, and its bases, of the other', () => {
    const fromCjs = new cjs.NotFoundError('gone', { operationName: 'GetToken' });
    const fromEsm = new esm.RateLimitError('slow', { rateLimit: { limit: 1, remaining: 0, resetSeconds: 1 } });
    expect(fromCjs).toBeInstanceOf(esm.NotFoundError);
    expect(fromCjs).toBeInstanceOf(esm.JupiterOneError);
    expect(fromEsm).toBeInstanceOf(cjs.RateLimitError);
    expect(fromEsm).toBeInstanceOf(cjs.JupiterOneError);
    expect(new cjs.RedirectError('moved', { status: 307 })).toBeInstanceOf(esm.NetworkError);
    expect(cjs.policyError([{ path: '', message: 'x' }])).toBeInstanceOf(esm.PolicyError);
  });

  it('and of no other class', () => {
    const fromCjs = new cjs.NotFoundError('gone');
    expect(fromCjs).not.toBeInstanceOf(esm.RateLimitError);
    expect(new cjs.NetworkError('down')).not.toBeInstanceOf(esm.RedirectError);
    expect({ name: 'NotFoundError', code: 'NOT_FOUND' }).not.toBeInstanceOf(esm.NotFoundError);
    expect(new Error('plain')).not.toBeInstanceOf(esm.JupiterOneError);
  });
});
