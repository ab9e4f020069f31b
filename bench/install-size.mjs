// Install size: `npm pack` of the staged package, then `npm install --offline <tgz>` (production
// dependencies only, from the local npm cache) into a fresh consumer folder, and `du` of it.
// Prints one JSON line.   node bench/install-size.mjs --stage DIR --out DIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const du = (path, apparent) =>
  Number(execFileSync('du', ['-sk', ...(apparent ? ['--apparent-size'] : []), path], { encoding: 'utf8' }).split('\t')[0]);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out], stage));
const tgz = join(out, packed.filename);

const consumer = join(out, 'consumer');
mkdirSync(consumer);
writeFileSync(
  join(consumer, 'package.json'),
  `${JSON.stringify({ name: 'bench-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
);
let mode = 'offline';
const install = ['install', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-package-lock', tgz];
try {
  npm([...install, '--offline'], consumer);
} catch {
  // Not everything in the local cache: let npm fetch what is missing from the registry.
  mode = 'prefer-offline';
  npm([...install, '--prefer-offline'], consumer);
}
const modules = join(consumer, 'node_modules');
const packages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) walk(join(dir, name));
    else {
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      packages.push({ name: path.slice(modules.length + 1), kib: du(path, false) });
      if (existsSync(join(path, 'node_modules'))) walk(join(path, 'node_modules'));
    }
  }
};
walk(modules);
packages.sort((a, b) => b.kib - a.kib);
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
    packages,
  })}\n`,
);
