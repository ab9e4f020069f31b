import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS, with .d.ts and .d.cts.
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    clean: false,
    splitting: true,
    treeshake: true,
    // The CJS build gets an import.meta.url (msw.ts loads msw with createRequire(import.meta.url)).
    shims: true,
  },
  {
    // Executables: the CLI (`j1-api-keys`) and the `npm start` demo. ESM only.
    entry: { cli: 'src/cli/main.ts', demo: 'src/demo-main.ts' },
    format: ['esm'],
    dts: false,
    target: 'node20',
    platform: 'node',
    clean: false,
    splitting: true,
    treeshake: true,
    // `node --`: Node 20 would otherwise take the CLI's own `--env-file PATH` as its option
    // (nodejs/node#54232). npm's Windows shims (cmd-shim) understand `env -S`.
    banner: { js: '#!/usr/bin/env -S node --' },
  },
]);
