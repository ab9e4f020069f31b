// The architecture as the folder names state it (README "Layout" and "Architecture"):
// schema → operations → generated → client → resources ← policy, createClient above client and
// resources, testing and cli on top. Checked on every import of src/ (type imports included),
// read with the TypeScript compiler's own pre-processor.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every source file (relative to src/) with the source files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(SRC, resolve(dirname(file), name.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** Every import cycle, each as the list of its files (strongly connected components of size > 1, or a self-import). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    const m = { index, low: index, onStack: true };
    index++;
    meta.set(v, m);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      const mw = meta.get(w);
      if (mw === undefined) {
        visit(w);
        m.low = Math.min(m.low, meta.get(w)!.low);
      } else if (mw.onStack) m.low = Math.min(m.low, mw.index);
    }
    if (m.low === m.index) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        meta.get(w)!.onStack = false;
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!meta.has(v)) visit(v);
  return found;
}

describe('imports of src/', () => {
  const graph = importGraph();

  it('the cycle finder finds a cycle (so the next test can fail)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('have no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('follow the layers: client/ never imports resources/, policy/ or createClient; policy/ only the shared base (error-base.ts, suggest.ts)', () => {
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const bad =
          (file.startsWith('client/') &&
            (target.startsWith('resources/') || target.startsWith('policy/') || target === 'create-client.ts')) ||
          (file.startsWith('policy/') && !target.startsWith('policy/') && target !== 'error-base.ts' && target !== 'suggest.ts') ||
          (file.startsWith('resources/') && target === 'create-client.ts') ||
          // testing/ and cli/ are on top: only they and the demo entry (demo.ts) use them.
          (!/^(testing\/|cli\/|demo)/.test(file) && (target.startsWith('testing/') || target.startsWith('cli/')));
        if (bad) offending.push(`${file} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('src/client holds no module-level mutable state (no top-level let/var; a module-level Map or Set only typed Readonly*)', () => {
    const offending: string[] = [];
    for (const file of files(join(SRC, 'client'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      for (const statement of source.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const flags = statement.declarationList.flags;
        const name = relative(SRC, file);
        if ((flags & ts.NodeFlags.Const) === 0) offending.push(`${name}: ${statement.getText().slice(0, 60)}`);
        for (const d of statement.declarationList.declarations) {
          const init = d.initializer;
          const readonly = d.type !== undefined && /^Readonly(Map|Set)</.test(d.type.getText());
          if (init !== undefined && ts.isNewExpression(init) && /^(Weak)?(Map|Set)$/.test(init.expression.getText()) && !readonly) {
            offending.push(`${name}: ${d.getText().slice(0, 60)}`);
          }
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
