// Regenerates src/generated/ from schema.graphql and operations/*.graphql.
// `node scripts/codegen.mjs --check` writes nothing and exits 1 when a generated file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { Kind, parse } from 'graphql';
import { readdir } from 'node:fs/promises';

const check = process.argv.includes('--check');
const root = new URL('../', import.meta.url);

const sdl = await readFile(new URL('schema.graphql', root), 'utf8');
const { config } = await loadCodegenConfig({ configFilePath: new URL('codegen.yml', root).pathname });
const outputs = await generate({ ...config, cwd: new URL('.', root).pathname, silent: true }, false);
// An operation without variables gets an optional `variables` that graphql-request's typings
// refuse under exactOptionalPropertyTypes: such an operation sends `{}` (what graphql-request
// would send for none).
const noVariables = (content) =>
  content.replace(
    /(\w+)\(variables\?: (\w+), ([^{]*\{[^{]*?)\{ document: (\w+), variables, /g,
    (_, name, type, rest, doc) => `${name}(variables?: ${type}, ${rest}{ document: ${doc}, variables: variables ?? {}, `,
  );
// `documentMode: string` (issue 16, BENCHMARKS.md §2): each document is its query text, a
// template literal, instead of a DocumentNode object literal (≈ 35 kB of nested objects that every
// import evaluated); graphql-request sends a string as it is, and the transport analyses each
// document once. The plugin wraps the text in `new TypedDocumentString(…)`, a class of the
// client preset it neither imports nor declares (a fragment's with its name): the text alone is
// the document.
const plainStrings = (content) => content.replace(/new TypedDocumentString\((`[^`]*`)(?:, \{[^}]*\})?\)/g, '$1');
const files = outputs.map((o) => ({ path: o.filename, content: plainStrings(noVariables(o.content)) }));
files.push({
  path: 'src/generated/schema.ts',
  content:
    '// Generated from schema.graphql by scripts/codegen.mjs. Do not edit: run `npm run codegen`.\n' +
    '/** The SDL of schema.graphql: the schema the fake J1 executes. */\n' +
    `export const schemaSDL: string = ${JSON.stringify(sdl)};\n`,
});

// The operation map: name → [variables, result], for the public `client.operations` type
// (written out so the published types need nothing from graphql-request).
const operations = [];
for (const file of (await readdir(new URL('operations/', root))).filter((f) => f.endsWith('.graphql')).sort()) {
  for (const def of parse(await readFile(new URL(`operations/${file}`, root), 'utf8')).definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION || def.name === undefined) continue;
    const suffix = def.operation === 'mutation' ? 'Mutation' : 'Query';
    operations.push({ name: def.name.value, type: `${def.name.value}${suffix}`, kind: def.operation });
  }
}
operations.sort((a, b) => a.name.localeCompare(b.name));
files.push({
  path: 'src/generated/operations.ts',
  content:
    '// Generated from operations/*.graphql by scripts/codegen.mjs. Do not edit: run `npm run codegen`.\n' +
    `import type * as G from './graphql.js';\n\n` +
    '/** Every operation in operations/: its variables and its result. */\n' +
    'export interface OperationMap {\n' +
    operations
      .map((o) => `  /** The \`${o.name}\` ${o.kind}. */\n  ${o.name}: [variables: G.${o.type}Variables, result: G.${o.type}];\n`)
      .join('') +
    '}\n',
});

let stale = 0;
for (const file of files) {
  const url = new URL(file.path, root);
  const current = await readFile(url, 'utf8').catch(() => null);
  if (current === file.content) continue;
  if (check) {
    console.error(`stale: ${file.path} (run \`npm run codegen\`)`);
    stale++;
  } else {
    await writeFile(url, file.content);
    console.log(`wrote ${file.path}`);
  }
}
if (check && stale > 0) process.exit(1);
if (check) console.log(`codegen: ${files.length} generated files are fresh`);
