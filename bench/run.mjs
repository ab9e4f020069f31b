// `npm run bench`: builds the package into a private folder, runs every benchmark (each in its
// own process), prints a table and writes the figures into BENCHMARKS.md (between the
// `bench:results` markers; the notes around them are kept).
//
//   node bench/run.mjs [--no-build] [--only overhead,install,import,bulk,inventory,policy,size] [--no-write] [--variant LABEL=DIST_DIR]
// Takes about 3–4 minutes on 2 cores. Not part of `npm test` (see test/bench/ for the guards).
import { execFileSync, execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { stagePackage } from './lib/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, '.tmp/bench');
const stage = join(work, 'stage');
const args = process.argv.slice(2);
const only = args.includes('--only')
  ? args[args.indexOf('--only') + 1].split(',')
  : ['overhead', 'install', 'import', 'bulk', 'inventory', 'policy', 'size'];
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** Runs a benchmark script in its own node process; resolves with the JSON of its last line. */
function runScript(script, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench', script), ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      const lines = out.trim().split('\n');
      resolve(JSON.parse(lines[lines.length - 1]));
    });
  });
}

const started = Date.now();
const gitRev = (() => {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'codegen.yml', 'scripts', 'package.json', 'tsup.config.ts'], {
        cwd: root,
        encoding: 'utf8',
      }).trim() !== '';
    return `${rev}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
})();
const machine = {
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
  os: `${process.platform} ${release()}`,
  node: process.version,
  npm: execSync('npm --version', { encoding: 'utf8' }).trim(),
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: gitRev,
  loadBefore: loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
};

if (args.includes('--no-build') && existsSync(join(stage, 'dist/index.js'))) log(`reusing ${stage}`);
else {
  log('building the package (tsup) into .tmp/bench/stage …');
  stagePackage(root, stage, { log });
}
const dist = join(stage, 'dist');
const results = {};
if (only.includes('overhead')) {
  log('per-call overhead: 3 × 2000 sequential RevokeToken calls, interleaved …');
  // `--variant LABEL=DIR` (repeatable) adds another build of the SDK to the interleaved comparison.
  const variants = args.flatMap((a, i) => (a === '--variant' ? ['--variant', args[i + 1]] : []));
  results.overhead = await runScript('overhead.mjs', ['--dist', dist, ...variants]);
}
if (only.includes('install') || only.includes('import')) {
  log('install size: npm pack + npm install --offline into a fresh consumer …');
  try {
    results.install = await runScript('install-size.mjs', ['--stage', stage, '--out', join(work, 'install')]);
  } catch (error) {
    log(`install size failed (${error.message}); import cost falls back to the staged dist`);
  }
}
if (only.includes('import')) {
  log('import cost: fresh processes, ESM and CJS, interleaved …');
  const fallback = join(work, 'import');
  mkdirSync(fallback, { recursive: true });
  results.import = await runScript(
    'import-cost.mjs',
    results.install
      ? ['--dir', results.install.consumer]
      : ['--dir', fallback, '--sdk-esm', join(dist, 'index.js'), '--sdk-cjs', join(dist, 'index.cjs')],
  );
}
if (only.includes('bulk')) {
  log('bulk pacing: revokeMany of 600 keys against the fake J1 at 100 per 10 s (about a minute) …');
  results.bulk = await runScript('bulk-pacing.mjs', ['--dist', dist]);
}
if (only.includes('inventory')) {
  log('inventory pacing: inventory({ usage: true }) of 2000 keys over 50 instances at 100 per 2 s (about 40 s) …');
  results.inventory = await runScript('inventory-pacing.mjs', ['--dist', dist]);
}
if (only.includes('policy')) {
  log('policy throughput …');
  results.policy = await runScript('policy-throughput.mjs', ['--dist', dist]);
}
if (only.includes('size')) {
  log('main entry size and its floor (esbuild + brotli, from the sources) …');
  results.size = await runScript('size-floor.mjs', []);
}
machine.loadAfter = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
machine.seconds = Math.round((Date.now() - started) / 1000);
writeFileSync(join(work, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);

// ---- the table ----
const rows = [];
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const us = (v) => `${v.toFixed(0)} µs`;
const ms = (v) => `${v.toFixed(0)} ms`;
const kib = (v) => (v >= 1024 ? `${(v / 1024).toFixed(1)} MiB` : `${v.toFixed(0)} KiB`);
if (results.overhead) {
  const { clients: c, ratios: r } = results.overhead;
  rows.push(['1', 'per-call median, raw fetch + JSON.parse', us(c.raw.medianUs), '', '']);
  rows.push(['1', 'per-call median, bare graphql-request', us(c['graphql-request'].medianUs), '', '']);
  rows.push(['1', 'per-call median, SDK tokens.revoke', us(c.sdk.medianUs), '', '']);
  rows.push([
    '1',
    'SDK ÷ bare graphql-request',
    `${r.sdkOverGraphqlRequest.pooled.toFixed(3)} (per round ${r.sdkOverGraphqlRequest.perRound.toFixed(3)})`,
    '≤ 1.00',
    verdict(r.sdkOverGraphqlRequest.pooled <= 1.0),
  ]);
  rows.push(['1', 'SDK ÷ raw fetch', `${r.sdkOverRaw.pooled.toFixed(3)} (per round ${r.sdkOverRaw.perRound.toFixed(3)})`, '(record)', '']);
  rows.push([
    '1',
    'bare graphql-request ÷ raw fetch',
    `${r.graphqlRequestOverRaw.pooled.toFixed(3)} (per round ${r.graphqlRequestOverRaw.perRound.toFixed(3)})`,
    '(record)',
    '',
  ]);
  for (const [name, v] of Object.entries(results.overhead.variants ?? {})) {
    rows.push([
      '1',
      `variant ${name}: median; ÷ graphql-request; ÷ raw`,
      `${us(c[name].medianUs)}; ${v.overGraphqlRequest.pooled.toFixed(3)} (per round ${v.overGraphqlRequest.perRound.toFixed(3)}); ${v.overRaw.pooled.toFixed(3)} (per round ${v.overRaw.perRound.toFixed(3)})`,
      '(compare)',
      '',
    ]);
  }
  rows.push([
    '1',
    'client CPU per call: raw / graphql-request / SDK',
    `${us(c.raw.cpuUsPerCall)} / ${us(c['graphql-request'].cpuUsPerCall)} / ${us(c.sdk.cpuUsPerCall)}`,
    '(record)',
    '',
  ]);
}
if (results.import) {
  const m = results.import.medians;
  const q = (v) => `${v.median.toFixed(3)} (IQR ${v.p25.toFixed(3)}–${v.p75.toFixed(3)})`;
  for (const kind of ['ESM', 'CJS']) {
    const key = kind.toLowerCase();
    const inproc = results.import.inProcess[key];
    rows.push([
      '2',
      `import, ${kind}, in-process: 1 + t(SDK after graphql-request) ÷ t(graphql-request), wall`,
      `${q(inproc.sdk)}; floor ${q(inproc.floor)}`,
      '≤ 1.10',
      verdict(inproc.sdk.median <= 1.1),
    ]);
    rows.push([
      '2',
      `import, ${kind}, in-process, the same in CPU time`,
      `${q(inproc.sdkCpu)}; floor ${q(inproc.floorCpu)}`,
      '(record)',
      '',
    ]);
    rows.push([
      '2',
      `import, ${kind}, whole process: node / graphql-request / SDK (wall)`,
      `${ms(m[`node (${kind})`].wallMs)} / ${ms(m[`graphql-request (${kind})`].wallMs)} / ${ms(m[`j1-api-keys (${kind})`].wallMs)}`,
      '',
      '',
    ]);
    rows.push([
      '2',
      `import, ${kind}, whole process: (SDK − node) ÷ (graphql-request − node)`,
      `${results.import.ratios[key].wall.toFixed(2)} (CPU time: ${results.import.ratios[key].cpu.toFixed(2)})`,
      '(record)',
      '',
    ]);
  }
}
if (results.install) {
  const i = results.install;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB (${(bytes / 2 ** 20).toFixed(2)} MiB)`;
  rows.push([
    '3',
    'packed tarball (npm pack)',
    `${kib(i.packedBytes / 1024)} (${i.files} files, ${kib(i.unpackedBytes / 1024)} unpacked)`,
    '(record)',
    '',
  ]);
  rows.push([
    '3',
    `installed, production deps (du -sb, apparent; npm install --${i.installMode})`,
    `${mb(i.installedBytes)}; floor (${i.floor.packages.join(' + ')} alone) ${mb(i.floor.installedBytes)}: ×${(i.installedBytes / i.floor.installedBytes).toFixed(2)}`,
    '≤ 3.6 MB',
    verdict(i.installedBytes <= 3.6e6),
  ]);
  rows.push([
    '3',
    'installed, by package (du -sb)',
    i.packages.map((p) => `${p.name} ${(p.bytes / 1e6).toFixed(2)} MB`).join(', '),
    '(record)',
    '',
  ]);
  rows.push(['3', 'installed, disk blocks (du -sk)', `${kib(i.installedKiB)}; floor ${kib(i.floor.installedKiB)}`, '(record)', '']);
}
if (results.bulk) {
  const b = results.bulk;
  rows.push([
    '4',
    `revokeMany ${b.keys} keys at ${b.capacity}/${b.windowSeconds} s: achieved ÷ allowed`,
    `${b.achievedPerSecond.toFixed(2)}/s ÷ ${b.allowedPerSecond}/s = ${b.ratio.toFixed(3)} (${b.seconds.toFixed(1)} s; after the initial burst ${b.ratioAfterBurst.toFixed(3)})`,
    '≥ 0.95',
    verdict(b.ratio >= 0.95),
  ]);
  rows.push([
    '4',
    '429 answers / HTTP requests / failed',
    `${b.status429} / ${b.httpRequests} / ${b.failed}`,
    `0 / ${b.keys} / 0`,
    verdict(b.status429 === 0 && b.httpRequests === b.keys && b.failed === 0),
  ]);
}
if (results.inventory) {
  const v = results.inventory;
  rows.push([
    '4',
    `inventory of ${v.keys} keys over ${v.instances} instances with usage at ${v.capacity}/${v.windowSeconds} s: achieved ÷ allowed after the burst`,
    `${((v.httpRequests - v.capacity) / v.seconds).toFixed(2)}/s ÷ ${v.allowedPerSecond}/s = ${v.ratioAfterBurst.toFixed(3)} (${v.seconds.toFixed(1)} s; with the burst ${v.ratio.toFixed(3)})`,
    '≥ 0.95',
    verdict(v.ratioAfterBurst >= 0.95),
  ]);
  rows.push([
    '4',
    'inventory: 429 answers / HTTP requests / records / problems',
    `${v.status429} / ${v.httpRequests} / ${v.records} / ${v.problems}`,
    `0 / ${v.keys + v.instances + 3} / ${v.keys} / 0`,
    verdict(v.status429 === 0 && v.httpRequests === v.keys + v.instances + 3 && v.records === v.keys && v.problems === 0),
  ]);
}
if (results.policy) {
  for (const [name, v] of Object.entries(results.policy.cases))
    rows.push(['5', `policy: ${name}`, `${v.opsPerSecond.toLocaleString('en-US')}/s (${v.usPerOp} µs each)`, '(record)', '']);
}
if (results.size) {
  const [real, noText, noTextNoDocs] = results.size.figures;
  const kB = (f) => `${(f.brotliBytes / 1000).toFixed(2)} kB`;
  rows.push(['6', 'main entry, min + brotli (every export, lazy chunks included)', kB(real), '(record; regressions: .size-limit.mjs)', '']);
  rows.push(['6', 'floor: every string / template text emptied', kB(noText), '(record)', '']);
  rows.push(['6', 'floor: no text and no generated documents', kB(noTextNoDocs), '(record)', '']);
}

const header = ['#', 'measure', 'figure', 'goal', 'verdict'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(
  `\nj1-api-keys benchmarks — ${machine.date}, ${machine.cpu}, Node ${machine.node}, load ${machine.loadBefore} → ${machine.loadAfter}, ${machine.seconds} s\n`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

if (!args.includes('--no-write')) {
  const file = join(root, 'BENCHMARKS.md');
  const START = '<!-- bench:results:start (written by `npm run bench`; edit outside the markers) -->';
  const END = '<!-- bench:results:end -->';
  const md = [
    START,
    '',
    `Measured ${machine.date} on ${machine.cpu} (${machine.memory}, ${machine.os}), Node ${machine.node}, npm ${machine.npm}; commit ${machine.commit}.`,
    `Load average ${machine.loadBefore} before, ${machine.loadAfter} after; the run took ${machine.seconds} s.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
    'Raw figures: `.tmp/bench/results.json`.',
    '',
    END,
  ].join('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const from = current.indexOf('<!-- bench:results:start');
  const to = current.indexOf(END);
  const next =
    from === -1 || to === -1 ? `${current.trimEnd()}\n\n${md}\n` : `${current.slice(0, from)}${md}${current.slice(to + END.length)}`;
  writeFileSync(file, next);
  log(`wrote ${file}`);
}
