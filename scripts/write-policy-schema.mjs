// Writes policy.schema.json (the `j1-api-keys/policy.schema.json` export) from the
// `policyJsonSchema` object of the freshly built dist/index.js, so the shipped file can never
// drift from the exported object. Run by `npm run build`, after tsup.
//
// It is written at the package root (gitignored), not in dist/: the path then resolves the same
// with and without `exports` (TypeScript's node10 resolution, old bundlers) and editors can point
// at node_modules/j1-api-keys/policy.schema.json directly.
import { writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const { policyJsonSchema } = await import(new URL('dist/index.js', root).href);
if (typeof policyJsonSchema !== 'object' || policyJsonSchema === null) {
  throw new Error('dist/index.js does not export policyJsonSchema: run tsup first');
}
const target = new URL('policy.schema.json', root);
await writeFile(target, `${JSON.stringify(policyJsonSchema, null, 2)}\n`);
console.log('wrote policy.schema.json');
