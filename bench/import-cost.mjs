// Import cost: the time for a fresh `node` process to import the package's main entry, vs one
// importing graphql-request alone, vs one importing nothing; ESM and CJS. All from the same
// folder (normally the consumer folder that install-size.mjs made, so the packages are the
// ones a user installs). Commands run round-robin (interleaved) with warm-up runs first;
// reports medians of wall time and of the process's own CPU time (user + system).
// Prints one JSON line.   node bench/import-cost.mjs --dir DIR [--sdk j1-api-keys] [--runs 21]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const dir = resolve(opt('dir'));
// The package by name (from a consumer folder), or by path (--sdk-esm/--sdk-cjs: a built dist).
const sdkEsm = opt('sdk-esm', 'j1-api-keys');
const sdkCjs = opt('sdk-cjs', 'j1-api-keys');
const RUNS = Number(opt('runs', 21));
const WARMUP = Number(opt('warmup', 2));

// Each fixture reports its CPU time at exit, so the figure is this process's own work.
const report = "process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('cpu:'+(c.user+c.system)+'\\n')});";
const fixtures = {
  'node (ESM)': ['empty.mjs', report],
  'graphql-request (ESM)': ['gqlr.mjs', `${report}\nawait import('graphql-request');`],
  'j1-api-keys (ESM)': ['sdk.mjs', `${report}\nawait import(${JSON.stringify(sdkEsm)});`],
  'node (CJS)': ['empty.cjs', report],
  'graphql-request (CJS)': ['gqlr.cjs', `${report}\nrequire('graphql-request');`],
  'j1-api-keys (CJS)': ['sdk.cjs', `${report}\nrequire(${JSON.stringify(sdkCjs)});`],
};
// A static import would be hoisted above the exit hook; `await import()` keeps the order (ESM).
for (const [file, source] of Object.values(fixtures)) writeFileSync(join(dir, `bench-import-${file}`), `${source}\n`);

const names = Object.keys(fixtures);
const wall = Object.fromEntries(names.map((n) => [n, []]));
const cpu = Object.fromEntries(names.map((n) => [n, []]));
const runOnce = (name) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(dir, `bench-import-${fixtures[name][0]}`)], { cwd: dir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  return { ms, cpuMs: Number(/cpu:(\d+)/.exec(r.stderr)?.[1]) / 1000 };
};
for (let i = 0; i < WARMUP; i++) for (const n of names) runOnce(n);
for (let i = 0; i < RUNS; i++) {
  const order = names.map((_, k) => names[(k + i) % names.length]);
  for (const n of order) {
    const { ms, cpuMs } = runOnce(n);
    wall[n].push(ms);
    cpu[n].push(cpuMs);
  }
}
const medians = Object.fromEntries(names.map((n) => [n, { wallMs: round(median(wall[n]), 1), cpuMs: round(median(cpu[n]), 1) }]));
const ratio = (kind, metric) => {
  const base = medians[`node (${kind})`][metric];
  return round((medians[`j1-api-keys (${kind})`][metric] - base) / (medians[`graphql-request (${kind})`][metric] - base), 2);
};
process.stdout.write(
  `${JSON.stringify({
    dir,
    runs: RUNS,
    medians,
    ratios: {
      esm: { wall: ratio('ESM', 'wallMs'), cpu: ratio('ESM', 'cpuMs') },
      cjs: { wall: ratio('CJS', 'wallMs'), cpu: ratio('CJS', 'cpuMs') },
    },
  })}\n`,
);
