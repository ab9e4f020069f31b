// `j1-api-keys/testing` without msw installed (issue 19): the BUILT entry (dist/testing) is copied
// with the package's package.json into a temporary project outside this repository whose
// node_modules has the runtime dependencies but no msw, and loaded there by child processes (ESM
// and CJS). startMockServer and createFakeJ1 work; createJupiterOneMock throws an error that says
// `npm install --save-dev msw`. A second project with msw linked in proves the same build does
// load it on first use.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const run = promisify(execFile);
let dir = '';

/** A project in `dir/name` with j1-api-keys (built) and its runtime dependencies; `extra` linked too. */
function project(name: string, extra: readonly string[] = []): string {
  const at = join(dir, name);
  const modules = join(at, 'node_modules');
  const pkg = join(modules, 'j1-api-keys');
  mkdirSync(pkg, { recursive: true });
  for (const part of ['package.json', 'dist', 'testing']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
  // graphql-request's own dependencies are hoisted in our node_modules: link them all but msw.
  for (const dep of ['graphql', 'graphql-request', 'zod', '@graphql-typed-document-node', ...extra]) {
    if (!existsSync(join(ROOT, 'node_modules', dep))) continue;
    mkdirSync(join(modules, dep, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep), 'dir');
  }
  writeFileSync(join(at, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  return at;
}

const ESM = `
import { createFakeJ1, createJupiterOneMock, startMockServer } from 'j1-api-keys/testing';
const server = await startMockServer({ apiKey: 'k-0123456789', accountId: 'a' });
const res = await fetch(server.url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer k-0123456789', 'jupiterone-account': 'a' },
  body: JSON.stringify({ query: '{ tokens(limit: 1) { pageInfo { hasNextPage } } }' }),
});
await server.close();
const fake = createFakeJ1({ apiKey: 'k', accountId: 'a' });
let mock;
try { mock = typeof createJupiterOneMock({}).handlers.length; } catch (e) { mock = e.message; }
console.log(JSON.stringify({ server: res.status, fake: typeof fake.handle, mock }));
`;

const CJS = `
const { createFakeJ1, createJupiterOneMock, startMockServer } = require('j1-api-keys/testing');
let mock;
try { mock = typeof createJupiterOneMock({}).handlers.length; } catch (e) { mock = e.message; }
console.log(JSON.stringify({ server: typeof startMockServer, fake: typeof createFakeJ1({}).handle, mock }));
`;

async function node(cwd: string, file: string, code: string): Promise<{ server: unknown; fake: unknown; mock: unknown }> {
  writeFileSync(join(cwd, file), code);
  const { stdout } = await run(process.execPath, [file], { cwd, env: { PATH: process.env['PATH'] ?? '' }, timeout: 30_000 });
  return JSON.parse(stdout) as { server: unknown; fake: unknown; mock: unknown };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/testing/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  dir = mkdtempSync(join(tmpdir(), 'j1-no-msw-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('j1-api-keys/testing without msw', () => {
  it('the project really cannot resolve msw', async () => {
    const at = project('probe');
    await expect(node(at, 'probe.mjs', "await import('msw'); console.log('{}');")).rejects.toThrow(/Cannot find (package|module) 'msw'/);
  });

  it('ESM: loads; startMockServer and createFakeJ1 work; createJupiterOneMock says npm install --save-dev msw', async () => {
    const result = await node(project('esm'), 'main.mjs', ESM);
    expect(result).toMatchObject({ server: 200, fake: 'function' });
    expect(result.mock).toMatch(/^createJupiterOneMock needs msw, which is not installed\. Fix: npm install --save-dev msw/);
  });

  it('CJS: the same', async () => {
    const result = await node(project('cjs'), 'main.cjs', CJS);
    expect(result).toMatchObject({ server: 'function', fake: 'function' });
    expect(result.mock).toMatch(/Fix: npm install --save-dev msw/);
  });

  it('with msw installed, the same build loads it on first use (ESM and CJS)', async () => {
    // Every package of our node_modules (msw and its dependencies among them).
    const linked = new Set(['graphql', 'graphql-request', 'zod', '@graphql-typed-document-node']);
    const deps = readdirSync(join(ROOT, 'node_modules')).filter((d) => !d.startsWith('.') && !linked.has(d));
    const at = project('with-msw', deps);
    expect((await node(at, 'main.mjs', ESM)).mock).toBe('number');
    expect((await node(at, 'main.cjs', CJS)).mock).toBe('number');
  });
});
