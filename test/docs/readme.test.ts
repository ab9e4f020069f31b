// Every ```ts block of README.md must type-check against the real API.
//
// Each block is written to .tmp/readme/block-<n>.ts (gitignored) as its own ES module and
// compiled with the repository's tsconfig.json, whose `paths` map 'j1-api-keys' and
// 'j1-api-keys/testing' to src/: the README is checked against the source, before any build.
// A block may declare what it leaves out (`declare function storeSomewhereSafe(…)`).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = `${root}.tmp/readme/`;

interface Block {
  /** 1-based position among the README's ts blocks. */
  readonly index: number;
  /** README line of the opening fence. */
  readonly line: number;
  /** The nearest heading above the block. */
  readonly heading: string;
  readonly code: string;
  readonly file: string;
}

/** The ```ts / ```typescript blocks of a markdown text. */
function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const title = /^#{1,6}\s+(.*)$/.exec(text);
    if (title?.[1] !== undefined) heading = title[1].trim();
    const fence = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)\s*$/.exec(text);
    if (fence === null) continue;
    const close = fence[2] ?? '```';
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(close); i++) body.push(lines[i] ?? '');
    const index = blocks.length + 1;
    blocks.push({ index, line: start + 1, heading, code: body.join('\n'), file: `${outDir}block-${index}.ts` });
  }
  return blocks;
}

const blocks = tsBlocks(readFileSync(`${root}README.md`, 'utf8'));
const diagnostics = new Map<string, string[]>();

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const block of blocks) {
    // `export {}` keeps every block a module of its own (top-level await, no shared globals).
    writeFileSync(block.file, `// README.md line ${block.line} (${block.heading})\n${block.code}\nexport {};\n`);
  }
  const configPath = `${root}tsconfig.json`;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: blocks.map((b) => b.file), options: { ...config.options, noEmit: true } });
  const all = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  for (const d of all) {
    const file = d.file?.fileName ?? '(program)';
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const message = `${where ? `block line ${where.line}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    diagnostics.set(file, [...(diagnostics.get(file) ?? []), message]);
  }
}, 60_000);

describe('README.md', () => {
  it('has ts blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('type-checks without errors outside the blocks', () => {
    const elsewhere = [...diagnostics].filter(([file]) => !blocks.some((b) => b.file === file));
    expect(elsewhere).toEqual([]);
  });

  it.each(blocks.map((b) => [`block ${b.index} (line ${b.line}, "${b.heading}")`, b] as const))('%s type-checks', (_name, block) => {
    expect(diagnostics.get(block.file) ?? [], `README.md line ${block.line}:\n${block.code}`).toEqual([]);
  });
});
