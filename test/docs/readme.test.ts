// Every ```ts block of README.md must type-check against the real API, and every ```sh block is
// accounted for (a `<!-- readme-test: … -->` line right above it says how):
// - `run`: executed with bash, offline, against the fake J1 on 127.0.0.1, in a temporary project
//   where `npx j1-api-keys` is the BUILT CLI (dist/cli.js, as an installed tarball provides it);
// - `pack`: the tarball it names is the file `npm pack` writes for this version;
// - `skip (why)`: cannot run offline (the registry, placeholders, a server until Ctrl-C).
//
// Each block is written to .tmp/readme/block-<n>.ts (gitignored) as its own ES module and
// compiled with the repository's tsconfig.json, whose `paths` map 'j1-api-keys' and
// 'j1-api-keys/testing' to src/: the README is checked against the source, before any build.
// A block may declare what it leaves out (`declare function storeSomewhereSafe(…)`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';

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

/** A ```sh block with the `<!-- readme-test: … -->` mark above it (`undefined`: none). */
interface ShellBlock {
  readonly line: number;
  readonly heading: string;
  readonly mark: string | undefined;
  readonly code: string;
}

function shellBlocks(markdown: string): ShellBlock[] {
  const found: ShellBlock[] = [];
  const lines = markdown.split('\n');
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const title = /^#{1,6}\s+(.*)$/.exec(lines[i] ?? '');
    if (title?.[1] !== undefined) heading = title[1].trim();
    if (!/^```(sh|bash|shell)\s*$/.test(lines[i] ?? '')) {
      // Another fenced block (yaml, ts …): skip it whole, so a `# comment` in it is no heading.
      if ((lines[i] ?? '').startsWith('```')) for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++);
      continue;
    }
    const mark = /^<!-- readme-test: (.*) -->$/.exec(lines[i - 1] ?? '')?.[1];
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) body.push(lines[i] ?? '');
    found.push({ line: start + 1, heading, mark, code: body.join('\n') });
  }
  return found;
}

const README = readFileSync(`${root}README.md`, 'utf8');
const shells = shellBlocks(README);
const execute = promisify(execFile);
const { name: pkgName, version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; version: string };

describe('README.md shell blocks', () => {
  it('every sh block says how it is checked: run, pack, or skip (with the reason)', () => {
    expect(shells.length).toBeGreaterThanOrEqual(5);
    for (const block of shells) expect(block.mark, `README.md line ${block.line}`).toMatch(/^(run|pack|skip \(.+\))$/);
    expect(shells.filter((b) => b.mark === 'run').length).toBeGreaterThanOrEqual(1);
  });

  it('pack: the tarball the install route names is the one npm pack writes for this version', async () => {
    const blocks = shells.filter((b) => b.mark === 'pack');
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    const expected = `${pkgName}-${version}.tgz`;
    const named = [...README.matchAll(/\bj1-api-keys-\d+\.\d+\.\d+[^\s/]*\.tgz\b/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(new Set(named)).toEqual(new Set([expected]));
    for (const block of blocks) expect(block.code).toContain(`npm install /path/to/clone/${expected}`);
    const { stdout } = await execute(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      {
        cwd: root,
        env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
        timeout: 60_000,
      },
    );
    expect((JSON.parse(stdout) as { filename: string }[])[0]?.filename).toBe(expected);
  }, 90_000);

  describe('run: offline against the fake J1, with npx j1-api-keys as the built CLI', () => {
    const API_KEY = 'readme-shell-api-key-7c1f0e2d';
    let server: MockServer | undefined;
    let project = '';
    beforeAll(async () => {
      if (!existsSync(`${root}dist/cli.js`)) throw new Error('dist/cli.js is missing: run `npm run build` first (`npm test` does)');
      server = await startMockServer({ apiKey: API_KEY, accountId: 'readme-account' });
      project = mkdtempSync(join(tmpdir(), 'j1-readme-shell-'));
      // An installed copy, as `npm install ./j1-api-keys-<v>.tgz` leaves it: node_modules/j1-api-keys and its bin link.
      mkdirSync(join(project, 'node_modules/.bin'), { recursive: true });
      symlinkSync(root, join(project, 'node_modules/j1-api-keys'), 'dir');
      symlinkSync('../j1-api-keys/dist/cli.js', join(project, 'node_modules/.bin/j1-api-keys'));
      writeFileSync(join(project, 'package.json'), '{ "name": "readme-shell", "private": true, "dependencies": { "j1-api-keys": "*" } }\n');
    });
    afterAll(async () => {
      await server?.close();
      if (project !== '') rmSync(project, { recursive: true, force: true });
    });

    it.each(shells.filter((b) => b.mark === 'run').map((b) => [`line ${b.line} ("${b.heading}")`, b] as const))(
      '%s exits 0, prints no secret and leaves no key behind',
      async (_name, block) => {
        const before = server?.mock.state.tokens.length ?? 0;
        const script = join(project, `block-${block.line}.sh`);
        writeFileSync(script, `${block.code}\n`);
        const env = {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: project,
          npm_config_cache: join(project, '.npm'),
          npm_config_offline: 'true',
          npm_config_update_notifier: 'false',
          JUPITERONE_API_KEY: API_KEY,
          JUPITERONE_ACCOUNT_ID: 'readme-account',
          JUPITERONE_BASE_URL: server?.url ?? '',
        };
        const result = await execute('bash', [script], { cwd: project, env, timeout: 60_000 }).catch(
          (error: { code?: number; stdout?: string; stderr?: string }) => {
            throw new Error(`README.md line ${block.line} failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
          },
        );
        const output = result.stdout + result.stderr;
        expect(output).not.toContain(API_KEY);
        expect(output).not.toMatch(/j1_[A-Za-z0-9_-]{40}/); // no created secret either
        const created = server?.mock.state.tokens.slice(before) ?? [];
        expect(created.length).toBeGreaterThanOrEqual(1);
        expect(created.filter((t) => !t.revoked)).toEqual([]);
        expect(existsSync(join(project, 'j1-run.key'))).toBe(false);
      },
      90_000,
    );
  });
});

describe('examples/README.md', () => {
  it('links every example directory and says how to run them', () => {
    const text = readFileSync(`${root}examples/README.md`, 'utf8');
    const dirs = readdirSync(`${root}examples`, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(dirs.length).toBeGreaterThanOrEqual(1);
    for (const dir of dirs) expect(text, dir.name).toContain(`(${dir.name}/)`);
    expect(text).toContain('npx vitest run examples/');
  });
});
