// Builds the package-lock.json of a throwaway consumer project from this repository's own
// lockfile, so the consumer installs with `npm ci --offline`: every package it needs (our
// tarball's dependencies, msw, typescript, @types/node) is pinned exactly as in the repo and is
// therefore already in the npm cache that the repo's own `npm ci` filled. No resolution, no
// registry metadata, no network.

/** One `packages` entry of a lockfile (v3). */
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  optional?: boolean;
  [key: string]: unknown;
}

/** A lockfile (v3). */
export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** Where `name` resolves from the package at `from` (a lockfile path, '' for the root), as Node would. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/**
 * The lockfile of a project named `consumer` that depends on `tarball` (our packed package,
 * described by its package.json `manifest`) and on `extra` packages at the versions this repo
 * has installed.
 */
export function consumerLockfile(
  repoLock: Lockfile,
  tarball: { file: string; integrity: string; manifest: LockEntry & { name: string; version: string } },
  extra: readonly string[],
): { lock: Lockfile; dependencies: Record<string, string> } {
  const repo = repoLock.packages;
  const { name, version, dependencies = {}, peerDependencies, peerDependenciesMeta, bin, engines, license } = tarball.manifest;
  const packages: Record<string, LockEntry> = {};
  const ours = {
    version,
    resolved: `file:${tarball.file}`,
    integrity: tarball.integrity,
    license,
    dependencies,
    peerDependencies,
    peerDependenciesMeta,
    bin,
    engines,
  };
  packages[`node_modules/${name}`] = JSON.parse(JSON.stringify(ours)) as LockEntry; // drops the undefined keys

  const consumerDeps: Record<string, string> = { [name]: `file:${tarball.file}` };
  const queue: string[] = [];
  const want = (from: string, dep: string, optional: boolean): void => {
    const path = resolveIn(repo, from, dep);
    if (path === undefined) {
      if (optional) return;
      throw new Error(`the repo's lockfile has no ${dep} (needed by ${from || 'the consumer'})`);
    }
    if (packages[path] === undefined) {
      const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = repo[path]!;
      packages[path] = entry;
      queue.push(path);
    }
  };
  for (const dep of Object.keys(dependencies)) want('', dep, false);
  for (const dep of extra) {
    const path = resolveIn(repo, '', dep);
    const installed = path === undefined ? undefined : repo[path]?.version;
    if (installed === undefined) throw new Error(`the repo has no ${dep} installed`);
    consumerDeps[dep] = installed;
    want('', dep, false);
  }
  while (queue.length > 0) {
    const path = queue.shift()!;
    const entry = packages[path]!;
    for (const dep of Object.keys(entry.dependencies ?? {})) want(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) want(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) want(path, dep, entry.peerDependenciesMeta?.[dep]?.optional === true);
  }
  // A peer that nothing installed is simply absent; npm ci accepts that for optional peers only.
  const lock: Lockfile = {
    name: 'consumer',
    version: '0.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'consumer', version: '0.0.0', dependencies: consumerDeps }, ...sortKeys(packages) },
  };
  return { lock, dependencies: consumerDeps };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
