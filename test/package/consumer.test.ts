// The published shape, not the source tree: `npm pack` the built package, install the tarball
// into a fresh project in the OS temp dir (outside this repository, so nothing can resolve from
// our node_modules), then use it the ways customers do: `import` from ESM, `require` from CJS,
// type-check TypeScript consumers under moduleResolution node16 and bundler, and run a
// create → list → revoke against `j1-api-keys/testing`'s msw handlers.
//
// The install is offline: the consumer's package-lock.json is derived from ours
// (consumer-lock.ts), so every package comes from the npm cache that the repo's own `npm ci`
// filled. Only if that misses does it fall back to `npm install --prefer-offline`.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerLockfile, type Lockfile } from './consumer-lock.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment for child processes, without what `npm test` exports to its scripts (npm_config_local_prefix would point nested npm runs at this repo). */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_/i.test(key) || /^npm_config_(cache|userconfig|globalconfig|cafile|registry)$/i.test(key),
  ),
);
delete env.NODE_OPTIONS;

interface PackResult {
  filename: string;
  integrity: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let work = '';
let packed: PackResult;

async function sh(cwd: string, command: string, args: readonly string[], timeout = 60_000): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env, timeout, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, {
      cause: error,
    });
  }
}

/** Creates `dir` as a project depending on the tarball and `extra` packages, and installs it offline. */
async function installConsumer(dir: string, extra: readonly string[]): Promise<void> {
  const repoLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Parameters<typeof consumerLockfile>[1]['manifest'];
  const tarball = `../${packed.filename}`;
  const { lock, dependencies } = consumerLockfile(repoLock, { file: tarball, integrity: packed.integrity, manifest }, extra);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '0.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  const flags = ['--no-audit', '--no-fund', '--ignore-scripts', '--prefix', dir];
  try {
    await sh(dir, npm, ['ci', '--offline', ...flags], 120_000);
  } catch (offline) {
    // A cache without one of the pinned tarballs: resolve against the registry, cache first.
    console.warn(`offline install missed the npm cache, retrying with --prefer-offline:\n${(offline as Error).message}`);
    rmSync(join(dir, 'package-lock.json'), { force: true });
    await sh(dir, npm, ['install', '--prefer-offline', ...flags], 120_000);
  }
}

const app = (...parts: string[]): string => join(work, 'app', ...parts);
const write = (file: string, text: string): void => writeFileSync(app(file), text);

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'policy.schema.json'))) {
    throw new Error('the package is not built: run `npm run build` first (`npm test` does)');
  }
  work = mkdtempSync(join(tmpdir(), 'j1-api-keys-consumer-'));
  const out = await sh(root, npm, ['pack', '--json', '--pack-destination', work]);
  packed = (JSON.parse(out) as PackResult[])[0]!;
  mkdirSync(app());
  await installConsumer(app(), ['msw', 'typescript', '@types/node']);
}, 180_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds dist/, the testing stub, the schemas, README, the third-party notices and package.json, and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    const unexpected = paths.filter(
      (p) =>
        !p.startsWith('dist/') &&
        ![
          'package.json',
          'README.md',
          'LICENSE',
          'THIRD-PARTY-NOTICES.md',
          'schema.graphql',
          'policy.schema.json',
          'audit-rules.schema.json',
          'testing/package.json',
        ].includes(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
        'dist/cli.js',
        'policy.schema.json',
        'audit-rules.schema.json',
        // zod is bundled into dist/ (issue 16): its licence ships with it.
        'THIRD-PARTY-NOTICES.md',
      ]),
    );
    expect(paths.filter((p) => p.endsWith('.map') || p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);
  });
});

describe('a consumer project', () => {
  it('imports the package from ESM and runs create → list → revoke against j1-api-keys/testing', async () => {
    write(
      'esm.mjs',
      `import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import * as sdk from 'j1-api-keys';
import { createJupiterOneMock, startMockServer } from 'j1-api-keys/testing';
import schema from 'j1-api-keys/policy.schema.json' with { type: 'json' };
import pkg from 'j1-api-keys/package.json' with { type: 'json' };

// Resolved from the installed tarball, through "exports".
assert.match(import.meta.resolve('j1-api-keys'), /\\/node_modules\\/j1-api-keys\\/dist\\/index\\.js$/);
assert.match(import.meta.resolve('j1-api-keys/testing'), /\\/node_modules\\/j1-api-keys\\/dist\\/testing\\/index\\.js$/);
assert.equal(sdk.VERSION, pkg.version);
assert.deepEqual(schema, sdk.policyJsonSchema);
assert.equal(typeof startMockServer, 'function');

const mock = createJupiterOneMock({ apiKey: 'consumer-api-key', accountId: 'consumer-account' });
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });
try {
  const j1 = sdk.createClient({ apiKey: 'consumer-api-key', accountId: 'consumer-account', env: {} });
  const key = await j1.tokens.create({ name: 'esm-consumer', category: 'ci', policy: sdk.policy().allow().queryFilter({ _type: 'github_repo' }) });
  assert.ok(key instanceof sdk.CreatedToken);
  assert.ok(key.secret.length > 0);
  assert.ok(!JSON.stringify(key).includes(key.secret), 'the secret is redacted from JSON');
  assert.deepEqual((await j1.tokens.listAll()).map((t) => t.id), [key.id]);
  const revoked = await j1.tokens.revoke(key.id);
  assert.equal(revoked.revoked, true);
  assert.equal(mock.state.tokens.find((t) => t.id === key.id)?.revoked, true);
  await assert.rejects(j1.tokens.get('no-such-key'), (error) => error instanceof sdk.NotFoundError && error instanceof sdk.JupiterOneError);
  assert.throws(() => sdk.parsePolicy({ permissions: [] }), sdk.PolicyError);
} finally {
  server.close();
}
console.log('esm ok');
`,
    );
    expect(await sh(app(), process.execPath, ['esm.mjs'])).toContain('esm ok');
  });

  it('requires the package from CommonJS and runs create → revoke', async () => {
    write(
      'cjs.cjs',
      `const assert = require('node:assert/strict');
const { setupServer } = require('msw/node');
const sdk = require('j1-api-keys');
const { createJupiterOneMock } = require('j1-api-keys/testing');

assert.match(require.resolve('j1-api-keys'), /\\/node_modules\\/j1-api-keys\\/dist\\/index\\.cjs$/);
assert.match(require.resolve('j1-api-keys/testing'), /\\/node_modules\\/j1-api-keys\\/dist\\/testing\\/index\\.cjs$/);
assert.equal(sdk.VERSION, require('j1-api-keys/package.json').version);
assert.deepEqual(require('j1-api-keys/policy.schema.json'), sdk.policyJsonSchema);
assert.deepEqual(require('j1-api-keys/audit-rules.schema.json'), sdk.auditRulesJsonSchema());

(async () => {
  const mock = createJupiterOneMock();
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const j1 = sdk.createClient({ apiKey: 'consumer-api-key', accountId: 'consumer-account', env: {} });
    const key = await j1.tokens.create({ name: 'cjs-consumer', policy: sdk.policy().allow().toString() });
    assert.ok(key instanceof sdk.CreatedToken);
    assert.equal((await j1.tokens.revoke(key.id)).revoked, true);
    assert.equal(mock.state.tokens.find((t) => t.id === key.id).revoked, true);
  } finally {
    server.close();
  }
  console.log('cjs ok');
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
    );
    expect(await sh(app(), process.execPath, ['cjs.cjs'])).toContain('cjs ok');
  });

  it('runs the j1-api-keys executable', async () => {
    expect((await sh(app(), app('node_modules/.bin/j1-api-keys'), ['--version'])).trim()).toBe(
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    );
  });

  // The TypeScript consumer: the typed surface must resolve (not `any`) in ESM and CJS files.
  const consumerTs = `import { createClient, policy, CreatedToken, JupiterOneError, type PolicyDocument, type Token } from 'j1-api-keys';
import { createJupiterOneMock, type JupiterOneMock } from 'j1-api-keys/testing';

export async function createAndRevoke(): Promise<Token> {
  const mock: JupiterOneMock = createJupiterOneMock({ apiKey: 'k', accountId: 'a' });
  void mock.handlers;
  const j1 = createClient({ apiKey: 'k', accountId: 'a', retry: { maxRetries: 1 } });
  const key: CreatedToken = await j1.tokens.create({ name: 'ts-consumer', policy: policy().allow() });
  const secret: string = key.secret;
  void secret;
  const document: PolicyDocument = policy().allow().build();
  void document;
  // @ts-expect-error name must be a string: proves the types are real, not any
  await j1.tokens.create({ name: 1, policy: document });
  try {
    return await j1.tokens.revoke(key.id);
  } catch (error) {
    if (error instanceof JupiterOneError) console.error(error.code);
    throw error;
  }
}
`;
  const tsconfig = (compilerOptions: Record<string, unknown>, files: string[]): string =>
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        types: ['node'],
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        ...compilerOptions,
      },
      files,
    });

  it('type-checks a TypeScript consumer under moduleResolution node16 (ESM and CJS files)', async () => {
    write('consumer.mts', consumerTs);
    write(
      'consumer.cts',
      `import { createClient, policyJsonSchema } from 'j1-api-keys';
import { createJupiterOneMock } from 'j1-api-keys/testing';
import schema = require('j1-api-keys/policy.schema.json');

export const client = createClient({ apiKey: 'k', accountId: 'a' });
export const handlers = createJupiterOneMock().handlers;
export const title: string = schema.title;
export const same: boolean = policyJsonSchema.title === schema.title;
`,
    );
    const node16 = { module: 'node16', moduleResolution: 'node16', resolveJsonModule: true };
    // ESM with skipLibCheck off, so our own .d.ts files are checked too. graphql-request's and
    // msw's declarations use fetch types (HeadersInit, RequestMode, …) that only lib DOM declares.
    write('tsconfig.node16-esm.json', tsconfig({ ...node16, skipLibCheck: false, lib: ['ES2023', 'DOM'] }, ['consumer.mts']));
    // CJS with skipLibCheck on: graphql-request's and msw's own CJS declarations resolve to ESM
    // files (TS1479 inside node_modules, also where our .d.cts imports graphql-request).
    write('tsconfig.node16-cjs.json', tsconfig({ ...node16, skipLibCheck: true }, ['consumer.cts']));
    await sh(app(), process.execPath, [app('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node16-esm.json']);
    await sh(app(), process.execPath, [app('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node16-cjs.json']);
  }, 120_000); // two tsc runs over the installed package: 10-25 s each on a loaded 2-core machine

  it('type-checks a TypeScript consumer under moduleResolution bundler', async () => {
    write(
      'consumer-bundler.ts',
      `${consumerTs}\nimport schema from 'j1-api-keys/policy.schema.json';\nexport const title: string = schema.title;\n`,
    );
    // The common setup: Node types only, skipLibCheck on.
    const options = { module: 'ESNext', moduleResolution: 'bundler', resolveJsonModule: true, skipLibCheck: true };
    write('tsconfig.bundler.json', tsconfig(options, ['consumer-bundler.ts']));
    await sh(app(), process.execPath, [app('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bundler.json']);
  }, 90_000); // a tsc run over the installed package: 10-25 s on a loaded 2-core machine

  it('installs with its production dependencies only (no msw) and loads the main entry', async () => {
    const lean = join(work, 'lean');
    mkdirSync(lean);
    await installConsumer(lean, []);
    writeFileSync(
      join(lean, 'main.mjs'),
      "import { createClient, policy } from 'j1-api-keys';\nconsole.log(typeof createClient, policy().allow().toString());\n",
    );
    expect(await sh(lean, process.execPath, ['main.mjs'])).toContain('function {"permissions"');
    writeFileSync(join(lean, 'main.cjs'), "const { createClient } = require('j1-api-keys');\nconsole.log(typeof createClient);\n");
    expect(await sh(lean, process.execPath, ['main.cjs'])).toContain('function');
    expect(existsSync(join(lean, 'node_modules/msw'))).toBe(false);
    // The install size quoted in README.md ("Size"): du of node_modules, production dependencies only.
    const kib = Number((await sh(lean, 'du', ['-sk', 'node_modules'])).split('\t')[0]);
    console.info(`production install: ${kib} KiB in node_modules (${(kib / 1024).toFixed(1)} MiB)`);
    expect(kib).toBeGreaterThan(0);
  });
});
