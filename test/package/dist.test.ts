// The built package (npm run build must have run: `npm test` builds before vitest):
// the dist/ tree, what the main entry pulls in, and the generated policy.schema.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditRulesJsonSchema, policyJsonSchema } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  files: string[];
};

/**
 * Packages bundled into dist/ (tsup `noExternal`, issue 16): imported by the sources, never by
 * the built files, installed only as devDependencies, their licences in THIRD-PARTY-NOTICES.md.
 */
const BUNDLED = ['zod'];

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
});

/** Relative and bare module specifiers of a built file (static imports, `import()`, `require()`). */
function specifiers(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const re of [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^import\s*['"]([^'"]+)['"]/gm,
  ]) {
    for (const match of code.matchAll(re)) found.add(match[1]!);
  }
  return [...found];
}

/** Every file reachable from `entry` through relative imports, and the bare packages they import. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else if (!spec.startsWith('node:') && !BUILTINS.has(spec.split('/')[0]!)) packages.add(packageName(spec));
    }
  };
  visit(join(root, entry));
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

const BUILTINS = new Set([
  'async_hooks',
  'module',
  'crypto',
  'events',
  'fs',
  'http',
  'net',
  'path',
  'timers',
  'url',
  'util',
  'stream',
  'os',
  'child_process',
  'readline',
  'zlib',
]);
const packageName = (spec: string): string =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

describe('dist/', () => {
  it('has the entry points that package.json names', () => {
    for (const file of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/testing/index.js',
      'dist/testing/index.cjs',
      'dist/testing/index.d.ts',
      'dist/testing/index.d.cts',
      'dist/cli.js',
      'dist/demo.js',
      'testing/package.json',
      'policy.schema.json',
      'audit-rules.schema.json',
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    expect(readFileSync(join(root, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env -S node --\n')).toBe(true);
  });

  it('the CLI run through its shebang keeps its own --env-file (Node 20 would take it: nodejs/node#54232)', () => {
    const run = spawnSync(join(root, 'dist/cli.js'), ['integration-keys', 'create', '--help', '--env-file', '/nonexistent-dir/.env'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
      timeout: 30_000,
    });
    expect(run.stderr).not.toMatch(/not found/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--env-file');
  });

  it.each(['dist/index.js', 'dist/index.cjs'])('%s imports neither msw nor the testing kit, only its runtime dependencies', (entry) => {
    const graph = importGraph(entry);
    expect(graph.packages).not.toContain('msw');
    expect(graph.files.filter((f) => /testing/.test(f))).toEqual([]);
    // graphql is graphql-request's peer dependency (imported directly only by code loaded on first use).
    expect([...new Set([...graph.packages, 'graphql'])].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it.each(['dist/testing/index.js', 'dist/testing/index.cjs'])(
    '%s imports only the runtime dependencies at load time (msw is required by createJupiterOneMock on first use)',
    (entry) => {
      const allowed = Object.keys(pkg.dependencies);
      expect(importGraph(entry).packages.filter((p) => !allowed.includes(p) && !p.startsWith('node:'))).toEqual([]);
      expect(importGraph(entry).packages).not.toContain('msw');
      expect(Object.keys(pkg.peerDependencies)).toEqual(['msw']);
    },
  );

  it('the source of the main entry does not reach src/testing, src/cli or msw either', () => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of specifiers(file)) {
        if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
        else bare.add(packageName(spec));
      }
    };
    visit(join(root, 'src/index.ts'));
    const files = [...seen].map((f) => relative(root, f));
    expect(files.filter((f) => f.startsWith('src/testing/') || f.startsWith('src/cli/'))).toEqual([]);
    expect([...bare].filter((p) => !p.startsWith('node:')).sort()).toEqual([...Object.keys(pkg.dependencies), ...BUNDLED].sort());
  });

  it.each(BUNDLED)('bundles %s: no built file imports it, it is a devDependency only, its licence ships', (name) => {
    const built = (readdirSync(join(root, 'dist'), { recursive: true }) as string[]).filter((f) => /\.(js|cjs)$/.test(f));
    expect(built.length).toBeGreaterThan(4);
    for (const file of built) expect(specifiers(join(root, 'dist', file)).map(packageName), file).not.toContain(name);
    expect(Object.keys(pkg.dependencies)).not.toContain(name);
    expect(Object.keys(pkg.peerDependencies)).not.toContain(name);
    expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.files).toContain('THIRD-PARTY-NOTICES.md');
    const notices = readFileSync(join(root, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(pkg.devDependencies[name]);
    expect(notices).toContain(`## ${name} ${installed.version}`);
    expect(notices).toContain(readFileSync(join(root, 'node_modules', name, 'LICENSE'), 'utf8').trim());
  });

  it('keeps class names in the minified output (errors name themselves after their class)', async () => {
    const esm = (await import(join(root, 'dist/index.js'))) as Record<string, new (...args: never[]) => Error>;
    const cjs = createRequire(import.meta.url)(join(root, 'dist/index.cjs')) as typeof esm;
    for (const sdk of [esm, cjs]) {
      for (const name of [
        'JupiterOneError',
        'PolicyError',
        'ConfigurationError',
        'AmbiguousCreateError',
        'TokensResource',
        'GroupsResource',
      ]) {
        expect(sdk[name]?.name).toBe(name);
      }
      expect(new sdk.ConfigurationError!('x' as never).name).toBe('ConfigurationError');
    }
  });

  it.each(['dist/index.d.ts', 'dist/index.d.cts', 'dist/testing/index.d.ts', 'dist/testing/index.d.cts'])(
    '%s declares no `any` (public types are precise)',
    (file) => {
      const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.AnyKeyword) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${file}:${line + 1}: ${node.parent.getText(source).slice(0, 120)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(found).toEqual([]);
    },
  );
});

describe('audit-rules.schema.json (the j1-api-keys/audit-rules.schema.json export)', () => {
  it('equals what the exported auditRulesJsonSchema() returns', () => {
    const written: unknown = JSON.parse(readFileSync(join(root, 'audit-rules.schema.json'), 'utf8'));
    expect(written).toEqual(auditRulesJsonSchema());
  });
});

describe('policy.schema.json (the j1-api-keys/policy.schema.json export)', () => {
  it('equals the exported policyJsonSchema object', () => {
    const written: unknown = JSON.parse(readFileSync(join(root, 'policy.schema.json'), 'utf8'));
    expect(written).toEqual(policyJsonSchema);
  });
});
