// TSDoc coverage of the public API: every export of the package's entry points
// (src/index.ts → `j1-api-keys`, src/testing/index.ts → `j1-api-keys/testing`) has a doc comment,
// and so has every non-private member declared by an exported class or interface (the pages
// `npm run docs` builds, and what editors show on hover).
//
// Exempt: declarations in src/generated/ (written by graphql-codegen from schema.graphql and
// operations/*.graphql, whose comments it carries over where the schema has them), and members
// tagged `@internal` (stripped from the API reference).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = { 'j1-api-keys': 'src/index.ts', 'j1-api-keys/testing': 'src/testing/index.ts' } as const;

const config = ts.getParsedCommandLineOfConfigFile(
  `${root}tsconfig.json`,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
if (config === undefined) throw new Error('cannot read tsconfig.json');
const program = ts.createProgram({ rootNames: Object.values(ENTRIES).map((f) => root + f), options: config.options });
const checker = program.getTypeChecker();

const isGenerated = (node: ts.Node): boolean => node.getSourceFile().fileName.startsWith(`${root}src/generated/`);
const hasDoc = (node: ts.Node): boolean => ts.getJSDocCommentsAndTags(node).length > 0;
const isInternal = (node: ts.Node): boolean => ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
const where = (node: ts.Node): string => {
  const file = node.getSourceFile();
  return `${file.fileName.slice(root.length)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
};

function isHidden(member: ts.ClassElement | ts.TypeElement): boolean {
  if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) return true;
  const flags = ts.canHaveModifiers(member) ? ts.getCombinedModifierFlags(member) : ts.ModifierFlags.None;
  return (flags & ts.ModifierFlags.Private) !== 0 || ts.isIndexSignatureDeclaration(member) || ts.isClassStaticBlockDeclaration(member);
}

/** Undocumented exports and members of one entry point, as `name (file:line)`. */
function undocumented(entry: string): string[] {
  const source = program.getSourceFile(root + entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`cannot load ${entry}`);
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter((d) => !isGenerated(d));
    if (declarations.length === 0) continue;
    const name = exported.getName();
    // A variable's comment sits on its statement; ts.getJSDocCommentsAndTags looks there too.
    if (!declarations.some(hasDoc)) missing.push(`${name} (${where(declarations[0]!)})`);
    for (const declaration of declarations) {
      if (!ts.isClassDeclaration(declaration) && !ts.isInterfaceDeclaration(declaration)) continue;
      for (const member of declaration.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
        if (isHidden(member) || isInternal(member) || hasDoc(member)) continue;
        const memberName = ts.isConstructorDeclaration(member) ? 'constructor' : (member.name?.getText() ?? '(member)');
        missing.push(`${name}.${memberName} (${where(member)})`);
      }
    }
  }
  return missing;
}

describe('TSDoc', () => {
  it.each(Object.entries(ENTRIES))('every export of %s and its public members are documented', (_name, entry) => {
    expect(undocumented(entry)).toEqual([]);
  });
});
