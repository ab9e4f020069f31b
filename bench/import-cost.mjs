// Import cost of the main entry, ESM and CJS, by two methods, all from the same folder (normally
// the consumer folder that install-size.mjs made, so the packages are the ones a user installs):
//
// - whole-process: wall (and own CPU) time of a fresh `node` importing the SDK, vs one importing
//   graphql-request alone, vs one importing nothing; ratio (SDK − node) ÷ (graphql-request − node).
// - in-process (issue 16): in each fresh child, t(import graphql-request), then t(import X) right
//   after it (graphql-request and graphql-js already loaded); ratio 1 + t(X) ÷ t(graphql-request),
//   per child, median over children. X is the SDK, or the floor: a module that only re-exports
//   graphql-request (what a package with no code of its own would cost: ≈ 1.02).
//
// Every command runs round-robin (interleaved, the order rotating every round) after warm-ups.
// Prints one JSON line.   node bench/import-cost.mjs --dir DIR [--sdk-esm X --sdk-cjs Y] [--runs 21]
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

// Each whole-process fixture reports its CPU time at exit, so the figure is this process's own work.
const report = "process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('cpu:'+(c.user+c.system)+'\\n')});";
// In-process fixtures print `inproc:<t(graphql-request)>,<t(X)>` in ms.
// Also the process's CPU time over the same two steps (`cpuproc:`), which waiting for a CPU
// that other processes hold does not inflate.
const timed = (load, x) =>
  `const {performance:p}=${load('node:perf_hooks')};const u=()=>{const c=process.cpuUsage();return (c.user+c.system)/1000};` +
  `const a=p.now(),ca=u();${load('graphql-request')};const b=p.now(),cb=u();${load(JSON.parse(x))};const c=p.now(),cc=u();` +
  `process.stderr.write('inproc:'+(b-a)+','+(c-b)+'\\ncpuproc:'+(cb-ca)+','+(cc-cb)+'\\n');`;
const timedEsm = (x) => timed((m) => `await import(${JSON.stringify(m)})`, JSON.stringify(x));
const timedCjs = (x) => timed((m) => `require(${JSON.stringify(m)})`, JSON.stringify(x));
writeFileSync(join(dir, 'bench-import-floor.mjs'), "export * from 'graphql-request';\n");
writeFileSync(join(dir, 'bench-import-floor.cjs'), "module.exports = require('graphql-request');\n");
const fixtures = {
  'node (ESM)': ['empty.mjs', report],
  'graphql-request (ESM)': ['gqlr.mjs', `${report}\nawait import('graphql-request');`],
  'j1-api-keys (ESM)': ['sdk.mjs', `${report}\nawait import(${JSON.stringify(sdkEsm)});`],
  'node (CJS)': ['empty.cjs', report],
  'graphql-request (CJS)': ['gqlr.cjs', `${report}\nrequire('graphql-request');`],
  'j1-api-keys (CJS)': ['sdk.cjs', `${report}\nrequire(${JSON.stringify(sdkCjs)});`],
  'in-process j1-api-keys (ESM)': ['inproc-sdk.mjs', timedEsm(sdkEsm)],
  'in-process floor (ESM)': ['inproc-floor.mjs', timedEsm('./bench-import-floor.mjs')],
  'in-process j1-api-keys (CJS)': ['inproc-sdk.cjs', timedCjs(sdkCjs)],
  'in-process floor (CJS)': ['inproc-floor.cjs', timedCjs('./bench-import-floor.cjs')],
};
// A static import would be hoisted above the exit hook; `await import()` keeps the order (ESM).
for (const [file, source] of Object.values(fixtures)) writeFileSync(join(dir, `bench-import-${file}`), `${source}\n`);

const names = Object.keys(fixtures);
const wall = Object.fromEntries(names.map((n) => [n, []]));
const cpu = Object.fromEntries(names.map((n) => [n, []]));
const inproc = Object.fromEntries(names.map((n) => [n, []]));
const inprocCpu = Object.fromEntries(names.map((n) => [n, []]));
const runOnce = (name) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(dir, `bench-import-${fixtures[name][0]}`)], { cwd: dir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  const timedWall = /inproc:([\d.]+),([\d.]+)/.exec(r.stderr);
  const timedCpu = /cpuproc:([\d.]+),([\d.]+)/.exec(r.stderr);
  return {
    ms,
    cpuMs: Number(/cpu:(\d+)/.exec(r.stderr)?.[1]) / 1000,
    ratio: timedWall ? 1 + Number(timedWall[2]) / Number(timedWall[1]) : NaN,
    cpuRatio: timedCpu ? 1 + Number(timedCpu[2]) / Number(timedCpu[1]) : NaN,
  };
};
for (let i = 0; i < WARMUP; i++) for (const n of names) runOnce(n);
for (let i = 0; i < RUNS; i++) {
  const order = names.map((_, k) => names[(k + i) % names.length]);
  for (const n of order) {
    const { ms, cpuMs, ratio, cpuRatio } = runOnce(n);
    wall[n].push(ms);
    cpu[n].push(cpuMs);
    inproc[n].push(ratio);
    inprocCpu[n].push(cpuRatio);
  }
}
const wholeProcess = names.filter((n) => !n.startsWith('in-process'));
const medians = Object.fromEntries(wholeProcess.map((n) => [n, { wallMs: round(median(wall[n]), 1), cpuMs: round(median(cpu[n]), 1) }]));
const ratio = (kind, metric) => {
  const base = medians[`node (${kind})`][metric];
  return round((medians[`j1-api-keys (${kind})`][metric] - base) / (medians[`graphql-request (${kind})`][metric] - base), 2);
};
/** Median and interquartile range of the per-child in-process ratios. */
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  return { median: round(median(values), 3), p25: round(at(0.25), 3), p75: round(at(0.75), 3) };
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
    inProcess: Object.fromEntries(
      ['ESM', 'CJS'].map((kind) => [
        kind.toLowerCase(),
        {
          sdk: spread(inproc[`in-process j1-api-keys (${kind})`]),
          floor: spread(inproc[`in-process floor (${kind})`]),
          sdkCpu: spread(inprocCpu[`in-process j1-api-keys (${kind})`]),
          floorCpu: spread(inprocCpu[`in-process floor (${kind})`]),
        },
      ]),
    ),
  })}\n`,
);
