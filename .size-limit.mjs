// Size budgets (`npm run size`, part of `npm test`): minified + brotli-compressed, as a consumer's
// bundler would ship them. size-limit bundles the built dist/ file with esbuild for Node
// (platform 'node': node:* built-ins are never counted) and leaves out the packages listed in
// `ignore`, which the consumer installs anyway: the runtime dependencies (graphql-request and
// its peer graphql) and, for ./testing, the optional peer msw. What is measured is this package's
// code plus the parts of zod/mini bundled into dist/ (issue 16: zod is no longer a dependency),
// the lazily loaded chunks included (esbuild inlines `import()` when it bundles one file).
// These are regression budgets, not goals: each is the size measured when it was set + 5 %
// (issue 16). Import cost and install size, what users feel, are `npm run bench`'s goals.
// A feature that grows an entry raises its budget to the new measurement + 5 % and says so.
const deps = ['graphql-request', 'graphql'];
// `ignored-bare-import`: the chunks' `import "./chunk-….js"` lines (esbuild's evaluation order
// between code-split chunks) are rightly dropped under `"sideEffects": false`; no need to warn.
const forNode = (config) => ({
  ...config,
  platform: 'node',
  logOverride: { ...config.logOverride, 'ignored-bare-import': 'silent' },
});

export default [
  {
    name: 'j1-api-keys (ESM, every export)',
    path: 'dist/index.js',
    import: '*',
    ignore: deps,
    limit: '38.9 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (ESM, { createClient, policy })',
    path: 'dist/index.js',
    import: '{ createClient, policy }',
    ignore: deps,
    limit: '35.1 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (ESM, { policy, parsePolicy } alone: tree-shaking works)',
    path: 'dist/index.js',
    import: '{ policy, parsePolicy }',
    ignore: deps,
    limit: '14.6 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (CJS, whole file)',
    path: 'dist/index.cjs',
    ignore: deps,
    limit: '39.5 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys/testing (ESM, every export)',
    path: 'dist/testing/index.js',
    import: '*',
    ignore: [...deps, 'msw'],
    limit: '25.1 kB',
    modifyEsbuildConfig: forNode,
  },
];
