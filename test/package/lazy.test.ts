// Import only what a script uses (issue 16): the main entry evaluates, at import, what
// `createClient`, `tokens.create/revoke/get/list` and `policy()` need; every feature behind
// `await import()` stays out of it. Checked three ways:
//   1. sources: esbuild bundles src/index.ts with code splitting (as tsup does); no module that
//      src loads with `import()` may be reachable from the entry through static imports;
//   2. dist/index.js (ESM): the chunks it imports statically hold none of the lazy code;
//   3. dist/index.cjs (CJS): `require` it in a child process; none of the files Node loaded holds
//      the lazy code.
// The lazy code is recognised by its declarations (the files loaded at import keep identifiers;
// the lazy chunks are minified with keepNames, which names each function and class in a call). To add a feature behind `import()`, add its module to LAZY below.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Modules that must load on first use, and a function or class each declares (and no other module). */
const LAZY: Record<string, string> = {
  'src/resources/groups-impl.ts': 'GroupsImpl',
  'src/resources/rotate.ts': 'rotateToken',
  'src/resources/bulk.ts': 'runBulk',
  'src/resources/rate-limits.ts': 'setRateLimit',
  'src/resources/inventory.ts': 'runInventory',
  'src/resources/account.ts': 'whoami',
  'src/compat/check.ts': 'checkCompatibility',
  'src/lifecycle/temporary-key-impl.ts': 'withTemporaryKeyImpl',
};
/**
 * Where `name` is declared, as esbuild prints it: `function name(`, `var name=class`, `class name`
 * in the files the entry loads at import (identifiers kept), and the `keepNames` call
 * `l(f,"name")` / `static{l(this,"name")}` in the fully minified lazy chunks (tsup.config.ts).
 */
const declares = (code: string, name: string): boolean =>
  new RegExp(`(?:function\\*?|class|var|let|const)\\s+${name}\\b|\\(\\s*[\\w$]+\\s*,\\s*"${name}"\\s*\\)`).test(code);

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<
    string,
    { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >;
}
interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ metafile: Metafile }>;
}
// esbuild as tsup (which builds dist/) resolves it.
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup/package.json'))('esbuild') as EsbuildLike;

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
});

describe('the main entry, from the sources', () => {
  it('reaches no module that src loads with import() through static imports', async () => {
    const { metafile } = await esbuild.build({
      entryPoints: [join(root, 'src/index.ts')],
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outdir: join(root, '.tmp/lazy-guard'),
      logLevel: 'silent',
    });
    const dynamicTargets = new Set(
      Object.values(metafile.inputs).flatMap((i) => i.imports.filter((x) => x.kind === 'dynamic-import' && !x.external).map((x) => x.path)),
    );
    // Every module named in LAZY is loaded with import() somewhere.
    expect([...dynamicTargets].sort()).toEqual(expect.arrayContaining(Object.keys(LAZY)));

    const entry = Object.keys(metafile.outputs).find((o) => metafile.outputs[o]?.entryPoint === 'src/index.ts');
    expect(entry).toBeDefined();
    const staticOutputs = new Set<string>();
    const visit = (output: string): void => {
      if (staticOutputs.has(output)) return;
      staticOutputs.add(output);
      for (const i of metafile.outputs[output]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(entry!);
    const evaluatedAtImport = new Set([...staticOutputs].flatMap((o) => Object.keys(metafile.outputs[o]?.inputs ?? {})));
    expect(evaluatedAtImport).toContain('src/create-client.ts');
    expect([...dynamicTargets].filter((m) => evaluatedAtImport.has(m))).toEqual([]);
  });
});

/** The files of dist/ that hold a LAZY module's code, by its marker. */
function lazyFiles(): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of readdirSync(join(root, 'dist'), { recursive: true }) as string[]) {
    if (!/\.(js|cjs)$/.test(name)) continue;
    const code = readFileSync(join(root, 'dist', name), 'utf8');
    for (const [module, marker] of Object.entries(LAZY)) if (declares(code, marker)) found.set(join('dist', name), module);
  }
  return found;
}

describe('dist/', () => {
  it('holds the code of every lazy module (the markers are still right)', () => {
    const modules = new Set(lazyFiles().values());
    expect([...modules].sort()).toEqual(Object.keys(LAZY).sort());
  });

  it('dist/index.js (ESM) imports no lazy code statically', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(root, file), 'utf8');
      // Static forms only: `import … from "./x"`, `export … from "./x"`, `import "./x"`; not `import("./x")`.
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.[^"']+)["']/g))
        visit(relative(root, join(root, dirname(file), m[1]!)));
    };
    visit('dist/index.js');
    expect(seen.size).toBeGreaterThan(1);
    const lazy = lazyFiles();
    expect([...seen].filter((f) => lazy.has(f)).map((f) => `${f} (${lazy.get(f)})`)).toEqual([]);
  });

  it('the CJS files load their lazy chunks with require (inside a promise), never import()', () => {
    const cjs = (readdirSync(join(root, 'dist'), { recursive: true }) as string[]).filter((f) => f.endsWith('.cjs'));
    const code = cjs.map((f) => readFileSync(join(root, 'dist', f), 'utf8')).join('\n');
    expect(code).not.toMatch(/\bimport\(\s*["']\./);
    expect(code).toMatch(/Promise\.resolve\(\)\.then\(\(\)=>require\(["']\.\/rotate-[\w-]+\.cjs["']\)\)/);
  });

  it('dist/index.cjs (CJS) loads no lazy code at require, and loads it on first use', () => {
    const script = `
      const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(join(root, 'dist'))}));
      const sdk = require(${JSON.stringify(join(root, 'dist/index.cjs'))});
      const atImport = loaded();
      const j1 = sdk.createClient({ apiKey: 'k', accountId: 'a', fetch: async () => new Response('{"data":{}}') });
      j1.tokens.getRateLimit('id').catch(() => {}).then(() => {
        process.stdout.write(JSON.stringify({ atImport, afterCall: loaded() }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as {
      atImport: string[];
      afterCall: string[];
    };
    const lazy = lazyFiles();
    const rel = (files: string[]) => files.map((f) => relative(root, f));
    expect(rel(out.atImport)).toContain('dist/index.cjs');
    expect(rel(out.atImport).filter((f) => lazy.has(f))).toEqual([]);
    // The first call loads its module (so the check above is not vacuous).
    expect(
      rel(out.afterCall)
        .filter((f) => lazy.has(f))
        .map((f) => lazy.get(f)),
    ).toContain('src/resources/rate-limits.ts');
  });
});
