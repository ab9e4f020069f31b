// Stages the package exactly as `npm pack` would see it, in a private folder: a fresh tsup
// build (the project's own tsup.config.ts, only the output folder moved) plus package.json and
// the other files the `files` field lists. Private so that a concurrent `npm run build` (which
// empties dist/) can neither break nor be broken by a benchmark run.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Builds into `stage/dist` and copies the package's files; returns the stage folder. */
export function stagePackage(root, stage, { log = () => {} } = {}) {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const started = Date.now();
  const tsupManifest = createRequire(join(root, 'package.json')).resolve('tsup/package.json');
  const tsup = JSON.parse(readFileSync(tsupManifest, 'utf8'));
  const bin = join(dirname(tsupManifest), typeof tsup.bin === 'string' ? tsup.bin : tsup.bin.tsup);
  execFileSync(process.execPath, [bin, '--out-dir', join(stage, 'dist')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  log(`built ${join(stage, 'dist')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  cpSync(join(root, 'package.json'), join(stage, 'package.json'));
  for (const entry of pkg.files ?? []) {
    if (entry === 'dist') continue;
    const from = join(root, entry);
    if (existsSync(from)) cpSync(from, join(stage, entry), { recursive: true });
  }
  for (const always of ['LICENSE', 'LICENSE.md', 'README.md']) {
    if (existsSync(join(root, always)) && !existsSync(join(stage, always))) cpSync(join(root, always), join(stage, always));
  }
  return stage;
}
