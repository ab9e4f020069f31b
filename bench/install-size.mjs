// Install size: `npm pack` of the staged package, then `npm install --offline <tgz>` (production
// dependencies only, from the local npm cache) into a fresh consumer folder, and `du` of it:
// `du -sb` (apparent size in bytes, as install-size services count it; reported in MB and MiB)
// and `du -sk` (disk blocks). The floor, in the same run: a second consumer installing only the
// package's runtime dependencies at the same versions (graphql + graphql-request).
// Prints one JSON line.   node bench/install-size.mjs --stage DIR --out DIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (n) => args[args.indexOf(`--${n}`) + 1];
const stage = resolve(opt('stage'));
const out = resolve(opt('out'));

const npm = (argv, cwd) =>
  execFileSync('npm', argv, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
  });
/** Apparent size in bytes (`du -sb`). */
const duBytes = (path) => Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
const du = (path, apparent) =>
  Number(execFileSync('du', ['-sk', ...(apparent ? ['--apparent-size'] : []), path], { encoding: 'utf8' }).split('\t')[0]);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out], stage));
const tgz = join(out, packed.filename);

/** Installs `specs` into a fresh folder `name` under `out`; returns the folder and how npm ran. */
function installInto(name, specs) {
  const dir = join(out, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `bench-${name}`, version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const install = ['install', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-package-lock', ...specs];
  try {
    npm([...install, '--offline'], dir);
    return { dir, mode: 'offline' };
  } catch {
    // Not everything in the local cache: let npm fetch what is missing from the registry.
    npm([...install, '--prefer-offline'], dir);
    return { dir, mode: 'prefer-offline' };
  }
}
const { dir: consumer, mode } = installInto('consumer', [tgz]);
const modules = join(consumer, 'node_modules');
const dependencies = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')).dependencies ?? {};
const floor = installInto(
  'floor',
  Object.entries(dependencies).map(([name, version]) => `${name}@${version}`),
);
const packages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) walk(join(dir, name));
    else {
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      packages.push({ name: path.slice(modules.length + 1), kib: du(path, false), bytes: duBytes(path) });
      if (existsSync(join(path, 'node_modules'))) walk(join(path, 'node_modules'));
    }
  }
};
walk(modules);
packages.sort((a, b) => b.bytes - a.bytes);
process.stdout.write(
  `${JSON.stringify({
    tarball: packed.filename,
    packedBytes: packed.size,
    unpackedBytes: packed.unpackedSize,
    files: packed.entryCount,
    installMode: mode,
    consumer,
    installedKiB: du(modules, false),
    installedApparentKiB: du(modules, true),
    installedBytes: duBytes(modules),
    floor: {
      packages: Object.keys(dependencies),
      installMode: floor.mode,
      installedBytes: duBytes(join(floor.dir, 'node_modules')),
      installedKiB: du(join(floor.dir, 'node_modules'), false),
    },
    packages,
  })}\n`,
);
