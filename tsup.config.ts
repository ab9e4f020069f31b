import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * Issue 16 (footprint). What every build shares:
 * - `noExternal: ['zod']`: zod/mini is bundled and tree-shaken into dist (only the checks the
 *   policy schemas use; zod is a devDependency, its MIT notice ships as THIRD-PARTY-NOTICES.md).
 *   The published .d.ts files do not mention zod.
 * - whitespace + syntax minification, identifiers kept, for the files the main entry loads at
 *   import: class names stay what they are in the source, which errors rely on
 *   (`this.name = new.target.name`), with none of the `__name(…)` calls `keepNames` would add
 *   (measured in BENCHMARKS.md §2). Every other file is minified fully, with `keepNames`
 *   (`minifyWhatImportDoesNotLoad` below).
 * - the main entry's code in one chunk (`entryInOneChunk` below).
 * - `splitting`: modules loaded on first use (`await import('../x/impl.js')` inside async
 *   methods) become chunks of their own, in ESM and (tsup's CJS splitting: esbuild's ESM split
 *   output converted to `require`) in CJS alike; in CJS they are `require`d on first use. See BENCHMARKS.md
 *   "Adding a feature without growing import cost".
 */
type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The modules loaded on first use (`import('./x.js')` somewhere in src/) and the entry points
 * other than the main one.
 */
function importersOfTheEntry(): Set<string> {
  const src = resolve('src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const lazy = new Set<string>();
  for (const file of files(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      lazy.add(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    }
  }
  // The other entry points too: they use most of the library, and otherwise the part they share
  // with the main entry (the policy and zod) would be a chunk of its own. Their lazy modules (the
  // CLI's demo and mock server) are among those above.
  for (const entry of ['src/testing/index.ts', 'src/cli/main.ts', 'src/demo-main.ts']) lazy.add(resolve(entry));
  return lazy;
}

/**
 * One chunk for what the main entry evaluates at import (BENCHMARKS.md §2). esbuild puts each
 * module in the chunk of the set of entry points (dynamic-import targets included) that reach it,
 * so every lazily loaded module that shares a different part of the entry's code made one more
 * chunk file the entry imports (15 files at import, ≈ 0.4 ms of module loading each). With every
 * lazy module and entry point importing the main entry (a bare import, added here at build time;
 * in src/ it would be an import cycle), all the main entry's code has one set of entry points and
 * lands in one chunk. A lazy module is only ever loaded after the code that imports it, so this
 * import evaluates nothing new; the testing kit's entry now loads the whole library's chunk.
 */
const entryInOneChunk: EsbuildPlugin = {
  name: 'entry-in-one-chunk',
  setup(build) {
    const lazy = importersOfTheEntry();
    const entry = resolve('src/index.ts');
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!lazy.has(args.path)) return undefined;
      return { contents: `import ${JSON.stringify(entry)};\n${readFileSync(args.path, 'utf8')}`, loader: 'ts' };
    });
  },
};

const shared = {
  target: 'node20',
  platform: 'node',
  clean: false,
  splitting: true,
  treeshake: true,
  noExternal: ['zod'],
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: false,
  esbuildPlugins: [entryInOneChunk],
} satisfies Options;

/**
 * The executables get `#!/usr/bin/env -S node --` (and the executable bit); the library's files do
 * not. `node --`: Node 20 would otherwise take the CLI's own `--env-file PATH` as its option
 * (nodejs/node#54232). npm's Windows shims (cmd-shim) understand `env -S`.
 */
const EXECUTABLES = /[\\/](cli|demo)\.js$/;
const shebang: NonNullable<Options['plugins']>[number] = {
  name: 'shebang',
  // After everything else (rollup's tree-shaking runs after renderChunk plugins), on the written files.
  buildEnd({ writtenFiles }) {
    for (const { name } of writtenFiles) {
      if (!EXECUTABLES.test(name)) continue;
      const code = readFileSync(name, 'utf8');
      if (!code.startsWith('#!')) writeFileSync(name, `#!/usr/bin/env -S node --\n${code}`);
      chmodSync(name, 0o755);
    }
  },
};

/**
 * CJS: a lazily loaded chunk is `require`d inside a promise instead of `import()`ed. Same timing
 * (on the first call), same exports (the chunk is CommonJS), and it also works where CommonJS
 * has no `import()`: Jest without `--experimental-vm-modules`, older bundler setups.
 */
const requireLazyChunks: NonNullable<Options['plugins']>[number] = {
  name: 'require-lazy-chunks',
  buildEnd({ writtenFiles }) {
    for (const { name } of writtenFiles) {
      if (!name.endsWith('.cjs')) continue;
      const code = readFileSync(name, 'utf8');
      const next = code.replace(/\bimport\((['"])(\.{1,2}\/[^'"]+\.cjs)\1\)/g, (_, quote: string, path: string) => {
        return `Promise.resolve().then(()=>require(${quote}${path}${quote}))`;
      });
      if (next !== code) writeFileSync(name, next);
    }
  },
};

/**
 * Install size (issue 16, BENCHMARKS.md §3): every file the main entry does not load at import
 * (the CLI, the demo, the testing kit's CJS file, the chunks loaded on first use) is minified
 * fully, identifiers too, with `keepNames` (class and function names stay what they are: errors
 * name themselves after their class). The files the main entry loads at import keep their
 * identifiers: full minification measured no faster to import and slightly slower (its
 * `keepNames` calls), and stack traces through them stay readable.
 */
const minifyWhatImportDoesNotLoad: NonNullable<Options['plugins']>[number] = {
  name: 'minify-what-import-does-not-load',
  buildEnd({ writtenFiles }) {
    const esbuild = createRequire(createRequire(resolve('package.json')).resolve('tsup/package.json'))('esbuild') as {
      transformSync(code: string, options: Record<string, unknown>): { code: string };
    };
    const code = new Map<string, string>();
    for (const { name } of writtenFiles) if (/\.c?js$/.test(name)) code.set(resolve(name), readFileSync(name, 'utf8'));
    const atImport = new Set<string>();
    const visit = (file: string): void => {
      if (atImport.has(file) || !code.has(file)) return;
      atImport.add(file);
      // Static imports and requires only: `from "./x"`, `import "./x"`, `require("./x")` outside a promise.
      for (const m of code.get(file)!.matchAll(/(?:\bfrom\s*|\bimport\s*|(?<!=>)\brequire\()["'](\.[^"']+)["']/g)) {
        visit(resolve(dirname(file), m[1]!));
      }
    };
    for (const entry of ['dist/index.js', 'dist/index.cjs']) visit(resolve(entry));
    for (const [file, source] of code) {
      if (atImport.has(file)) continue;
      const format = file.endsWith('.cjs') ? 'cjs' : 'esm';
      const { code: minified } = esbuild.transformSync(source, {
        minify: true,
        keepNames: true,
        format,
        target: 'node20',
        platform: 'node',
      });
      writeFileSync(file, minified);
    }
  },
};

export default defineConfig([
  {
    // ESM: the library, the testing kit and the executables in ONE build, so the CLI (`j1-api-keys`)
    // and the `npm start` demo import the library's chunks instead of carrying a second copy.
    ...shared,
    entry: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
      cli: 'src/cli/main.ts',
      demo: 'src/demo-main.ts',
    },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } },
    plugins: [minifyWhatImportDoesNotLoad, shebang],
  },
  {
    // CJS: the library and the testing kit, with .d.cts.
    ...shared,
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['cjs'],
    dts: true,
    // The CJS build gets an import.meta.url (msw.ts loads msw with createRequire(import.meta.url)).
    shims: true,
    plugins: [requireLazyChunks, minifyWhatImportDoesNotLoad],
  },
]);
