// No import cycles in the CLI (issue 19: src/cli/args.ts ↔ src/cli/context.ts was one). Reads the
// relative imports (type-only ones included: a cycle of types is still a tangle) of every file
// under src/cli and walks the graph.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const CLI_DIR = join(ROOT, 'src/cli');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] ?? '');
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts'))).filter((p) => p.startsWith(CLI_DIR));
}

/** Every cycle found by a depth-first walk, as a list of paths relative to src/cli. */
function cycles(): string[][] {
  const graph = new Map(files(CLI_DIR).map((f) => [f, importsOf(f)]));
  const found: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'active');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'active') found.push([...stack.slice(stack.indexOf(next)), next].map((p) => relative(CLI_DIR, p)));
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (state.get(node) === undefined) visit(node);
  return found;
}

describe('src/cli import graph', () => {
  it('reads the imports it checks (args.ts imports context.ts)', () => {
    expect(importsOf(join(CLI_DIR, 'args.ts'))).toContain(join(CLI_DIR, 'context.ts'));
  });

  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });
});
