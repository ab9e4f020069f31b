// Size budgets (`npm run size`, part of `npm test`): minified + brotli-compressed, as a consumer's
// bundler would ship them. size-limit bundles the built dist/ file with esbuild for Node
// (platform 'node': node:* built-ins are never counted) and leaves out the packages listed in
// `ignore`, which the consumer installs anyway: the runtime dependencies (graphql-request and
// its peer graphql, zod) and, for ./testing, the optional peer msw. What is measured is this
// package's own code only. Budgets leave ~10% headroom over the sizes recorded in README.md.
// esbuild inlines `await import()` chunks here, so the main-entry budgets also count what is
// loaded on first use (issue 13's whoami / checkCompatibility: +3.1 kB, budgets raised to measured
// + ~5%); the static import cost of { createClient, policy } went from 16.00 to 16.57 kB.
const deps = ['graphql-request', 'graphql', 'zod'];
const forNode = (config) => ({ ...config, platform: 'node' });

export default [
  {
    name: 'j1-api-keys (ESM, every export)',
    path: 'dist/index.js',
    import: '*',
    ignore: deps,
    // issues 13, 17 and 18 added checkCompatibility/whoami, withTemporaryKey, auditKeys, its rules schemas and the lazily imported inventory
    // chunk (esbuild bundles `import()` targets, so it is counted although it loads on first use).
    limit: '31.3 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (ESM, { createClient, policy })',
    path: 'dist/index.js',
    import: '{ createClient, policy }',
    ignore: deps,
    limit: '27.5 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (ESM, { policy, parsePolicy } alone: tree-shaking works)',
    path: 'dist/index.js',
    import: '{ policy, parsePolicy }',
    ignore: deps,
    limit: '5 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (CJS, whole file)',
    path: 'dist/index.cjs',
    ignore: deps,
    limit: '32.5 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys/testing (ESM, every export)',
    path: 'dist/testing/index.js',
    import: '*',
    ignore: [...deps, 'msw'],
    limit: '14.5 kB',
    modifyEsbuildConfig: forNode,
  },
];
