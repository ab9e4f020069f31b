// Where the main entry's bytes go, and how small it could get. Bundles src/index.ts the way
// size-limit does (esbuild, minified, platform node, graphql-request / graphql / zod left out),
// then measures brotli (quality 11) of:
//   1. the real bundle;
//   2. the bundle with every string and template-literal text emptied (no error message, no hint,
//      no field name left: a lower bound for "same code, terser messages");
//   3. as 2, and with the generated GraphQL documents replaced by `null` as well.
// Prints a table, then one JSON line.   node bench/size-floor.mjs
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const brotli = (text) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** esbuild plugin: the generated file with each `…Document = {…}` AST replaced by `null`. */
const withoutDocuments = {
  name: 'without-documents',
  setup(build) {
    build.onLoad({ filter: /generated[\\/]graphql\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replace(/(export const \w+Document = )\{.*\} as unknown as DocumentNode;/g, '$1null as never;'),
      loader: 'ts',
    }));
  },
};

async function bundle(plugins) {
  const result = await esbuild.build({
    entryPoints: [`${root}src/index.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    external: ['graphql-request', 'graphql', 'zod', 'zod/*'],
    plugins,
  });
  return { text: result.outputFiles[0].text, inputs: Object.values(result.metafile.outputs)[0].inputs };
}

/** The same JavaScript with the text of every string and template literal removed. */
function blankStrings(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node)) edits.push([node.getStart(file), node.end, '""']);
    else if (ts.isNoSubstitutionTemplateLiteral(node)) edits.push([node.getStart(file), node.end, '``']);
    else if (ts.isTemplateHead(node)) edits.push([node.getStart(file), node.end, '`${']);
    else if (ts.isTemplateMiddle(node)) edits.push([node.getStart(file), node.end, '}${']);
    else if (ts.isTemplateTail(node)) edits.push([node.getStart(file), node.end, '}`']);
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

const real = await bundle([]);
const noDocs = await bundle([withoutDocuments]);
const rows = [
  ['main entry, every export (as size-limit measures it)', real.text],
  ['… with every string / template text emptied', blankStrings(real.text)],
  ['… and without the generated GraphQL documents', blankStrings(noDocs.text)],
];
const figures = rows.map(([what, text]) => ({ what, minifiedBytes: text.length, brotliBytes: brotli(text) }));

const areas = {};
for (const [path, { bytesInOutput }] of Object.entries(real.inputs)) {
  const area = path.replace(/^src\//, '').split('/')[0];
  areas[area] = (areas[area] ?? 0) + bytesInOutput;
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
process.stderr.write('\nmain entry size, min + brotli (size-limit counts kB = 1000 bytes)\n');
for (const f of figures)
  process.stderr.write(`  ${f.what.padEnd(56)} ${kB(f.brotliBytes).padStart(9)}   (${kB(f.minifiedBytes)} minified)\n`);
process.stderr.write('\nminified bytes of the real bundle, by folder\n');
for (const [area, bytes] of Object.entries(areas).sort((a, b) => b[1] - a[1]))
  process.stderr.write(`  ${area.padEnd(12)} ${kB(bytes).padStart(9)}\n`);
process.stdout.write(`${JSON.stringify({ figures, minifiedByArea: areas })}\n`);
