// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): top self-time functions, and the
// inclusive time of named functions (time with that function anywhere on the stack).
//
//   node bench/lib/profile-summary.mjs FILE.cpuprofile [--top 25] [--focus print,analyzeDocument,...]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args[0];
const top = Number(args[args.indexOf('--top') + 1] || 25);
const focus = args.includes('--focus') ? args[args.indexOf('--focus') + 1].split(',') : [];

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample weights: time deltas (µs) attributed to each sampled node.
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
});

const label = (n) => {
  const f = n.callFrame;
  const where = f.url
    ? `${f.url
        .replace(/^file:\/\//, '')
        .replace(/.*node_modules\//, '')
        .replace(/.*\/work\/main\//, '')}:${f.lineNumber + 1}`
    : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const selfByLabel = new Map();
for (const [id, t] of self) {
  const l = label(byId.get(id));
  selfByLabel.set(l, (selfByLabel.get(l) ?? 0) + t);
}
const idle = [...selfByLabel].filter(([l]) => l.startsWith('(idle)')).reduce((a, [, t]) => a + t, 0);
const busy = total - idle;
console.log(`total ${(total / 1000).toFixed(0)} ms, busy (non-idle) ${(busy / 1000).toFixed(0)} ms`);
console.log(`\ntop ${top} self time (% of busy):`);
for (const [l, t] of [...selfByLabel]
  .filter(([l]) => !l.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`${((100 * t) / busy).toFixed(1).padStart(5)}%  ${l}`);
}

if (focus.length > 0) {
  console.log('\ninclusive time (% of busy) of:');
  for (const name of focus) {
    let t = 0;
    for (const [id, dt] of self) {
      // Count the sample once if `name` is anywhere on its stack.
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur);
        if (n.callFrame.functionName === name) {
          t += dt;
          break;
        }
      }
    }
    console.log(`${((100 * t) / busy).toFixed(1).padStart(5)}%  ${name}`);
  }
}
