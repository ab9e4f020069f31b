// Node 20 installs (issue 19): `npm ci` on Node 20 prints EBADENGINE warnings for 17 lockfile
// entries that declare `engines.node >= 22`. This pins down why they are harmless (README,
// "Node 20 and EBADENGINE warnings"): every one is a dev dependency reached only through the
// @graphql-codegen/* packages (remote-schema loaders and their fetch helpers, listr2's progress
// renderer), nothing the package ships or its runtime dependencies need. A new offender
// anywhere else fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Whether a `>=X.Y.Z` engines range admits Node 20 (the only form these ranges take; others are reported). */
function admitsNode20(range: string): boolean {
  return range.split('||').some((part) => {
    const min = /^\s*>=\s*v?(\d+)/.exec(part);
    if (min !== null && part.trim().split(/\s+/).length === 1) return Number(min[1]) <= 20;
    return !/^\s*\^?(2[1-9]|[3-9]\d)\b/.test(part) && !/>=\s*(2[1-9]|[3-9]\d)/.test(part);
  });
}

/** Node's resolution over the lockfile: `name` as seen from the package installed at `from`. */
function resolveIn(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Every lockfile path reachable from the top-level package `name`. */
function reachable(name: string): Set<string> {
  const seen = new Set<string>();
  const start = resolveIn('', name);
  const stack = start === undefined ? [] : [start];
  while (stack.length > 0) {
    const at = stack.pop() as string;
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = lock.packages[at] ?? {};
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const next = resolveIn(at, dep);
      if (next !== undefined) stack.push(next);
    }
  }
  return seen;
}

const offenders = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines))
  .filter(([, entry]) => {
    const range = (entry.engines as { node?: string } | undefined)?.node;
    return range !== undefined && !admitsNode20(range);
  })
  .map(([path]) => path);

describe('Node 20 and the lockfile', () => {
  it('finds the entries npm warns about (EBADENGINE on Node 20)', () => {
    expect(offenders.length).toBeGreaterThan(0);
    expect(offenders).toContain('node_modules/listr2');
  });

  it('no runtime dependency, or anything they pull in, wants a newer Node', () => {
    const runtime = new Set(Object.keys(pkg.dependencies).flatMap((d) => [...reachable(d)]));
    expect(offenders.filter((p) => runtime.has(p))).toEqual([]);
    expect(offenders.filter((p) => lock.packages[p]?.dev !== true)).toEqual([]);
  });

  it('every one is reached only through the @graphql-codegen/* dev dependencies (codegen, from local files)', () => {
    const roots = new Map(Object.keys(pkg.devDependencies).map((d) => [d, reachable(d)]));
    const rootsOf = (path: string): string[] => [...roots].filter(([, set]) => set.has(path)).map(([name]) => name);
    const elsewhere = offenders.map((p) => [p, rootsOf(p).filter((r) => !r.startsWith('@graphql-codegen/'))] as const);
    expect(elsewhere.filter(([, others]) => others.length > 0)).toEqual([]);
    expect(offenders.every((p) => rootsOf(p).includes('@graphql-codegen/cli'))).toBe(true);
  });
});
