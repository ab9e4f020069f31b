// Writes audit-rules.schema.json (the `j1-api-keys/audit-rules.schema.json` export) from the
// `auditRulesJsonSchema()` of the freshly built dist/index.js, so the shipped file can never
// drift from the exported function. Run by `npm run build`, after tsup; written at the package
// root (gitignored) for the same reasons as policy.schema.json (see write-policy-schema.mjs).
import { writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const { auditRulesJsonSchema } = await import(new URL('dist/index.js', root).href);
if (typeof auditRulesJsonSchema !== 'function') throw new Error('dist/index.js does not export auditRulesJsonSchema: run tsup first');
await writeFile(new URL('audit-rules.schema.json', root), `${JSON.stringify(auditRulesJsonSchema(), null, 2)}\n`);
console.log('wrote audit-rules.schema.json');
