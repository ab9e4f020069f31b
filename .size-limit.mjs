// Size budgets (`npm run size`, part of `npm test`): minified + brotli-compressed, as a consumer's
// bundler would ship them. size-limit bundles the built dist/ file with esbuild for Node
// (platform 'node': node:* built-ins are never counted) and leaves out the packages listed in
// `ignore`, which the consumer installs anyway: the runtime dependencies (graphql-request and
// its peer graphql, zod) and, for ./testing, the optional peer msw. What is measured is this
// package's own code only. Budgets leave ~10% headroom over the sizes recorded in README.md.
const deps = ['graphql-request', 'graphql'];
const forNode = (config) => ({ ...config, platform: 'node' });

export default [
  {
    name: 'j1-api-keys (ESM, every export)',
    path: 'dist/index.js',
    import: '*',
    ignore: deps,
    limit: '17.5 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys (ESM, { createClient, policy })',
    path: 'dist/index.js',
    import: '{ createClient, policy }',
    ignore: deps,
    limit: '17 kB',
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
    limit: '18 kB',
    modifyEsbuildConfig: forNode,
  },
  {
    name: 'j1-api-keys/testing (ESM, every export)',
    path: 'dist/testing/index.js',
    import: '*',
    ignore: [...deps, 'msw'],
    limit: '13 kB',
    modifyEsbuildConfig: forNode,
  },
];
