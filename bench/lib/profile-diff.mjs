// Per-call self time by function in two V8 .cpuprofiles, and their difference:
//   node bench/lib/profile-diff.mjs A.cpuprofile CALLS_A B.cpuprofile CALLS_B [--top 30]
// Shows where B spends more CPU per call than A (µs per call), e.g. A = raw fetch, B = SDK.
import { readFileSync } from 'node:fs';

const [fa, ca, fb, cb] = process.argv.slice(2);
const top = Number(process.argv[process.argv.indexOf('--top') + 1] || 30);

function load(file, calls) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    if (f.functionName === '(idle)') return;
    const url = f.url
      .replace(/^file:\/\//, '')
      .replace(/.*node_modules\//, '')
      .replace(/.*\/dist\//, 'dist/');
    const l = `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
    const dt = p.timeDeltas[i] ?? 0;
    out.set(l, (out.get(l) ?? 0) + dt / Number(calls));
    busy += dt / Number(calls);
  });
  return { out, busy };
}
const a = load(fa, ca);
const b = load(fb, cb);
console.log(`busy CPU per call: A ${a.busy.toFixed(1)} µs, B ${b.busy.toFixed(1)} µs, B − A ${(b.busy - a.busy).toFixed(1)} µs`);
const labels = new Set([...a.out.keys(), ...b.out.keys()]);
const rows = [...labels].map((l) => [l, (b.out.get(l) ?? 0) - (a.out.get(l) ?? 0), a.out.get(l) ?? 0, b.out.get(l) ?? 0]);
rows.sort((x, y) => y[1] - x[1]);
console.log(`\nB − A, top ${top} (µs per call: delta  A  B):`);
for (const [l, d, x, y] of rows.slice(0, top))
  console.log(`${d.toFixed(1).padStart(7)} ${x.toFixed(1).padStart(7)} ${y.toFixed(1).padStart(7)}  ${l}`);
console.log(`\nA − B, top 10:`);
for (const [l, d, x, y] of rows.slice(-10).reverse())
  console.log(`${d.toFixed(1).padStart(7)} ${x.toFixed(1).padStart(7)} ${y.toFixed(1).padStart(7)}  ${l}`);
