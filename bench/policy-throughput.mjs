// Policy throughput (for the record): build a policy with the builder (validated at every
// step), validate it as `tokens.create` does, and stringify it; also parsing J1's policy text
// (what every token read does). Operations per second, median of 5 one-second rounds.
// Prints one JSON line.   node bench/policy-throughput.mjs [--dist DIR]
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const DIST = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : fileURLToPath(new URL('../dist/', import.meta.url));
const { policy, stringifyPolicy, parsePolicy } = await import(pathToFileURL(`${DIST}/index.js`).href);

const TEXT =
  '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":["github_repo"]}]}}]}';
const cases = {
  'build + validate + stringify': () =>
    stringifyPolicy(policy().allow().queryFilter({ _type: 'github_repo' }).deny(['graphql:mutation'], '*')),
  'parse J1 policy text': () => parsePolicy(TEXT),
};
let sink = 0;
const out = {};
for (const [name, fn] of Object.entries(cases)) {
  for (let i = 0; i < 2000; i++) sink += fn().length ?? 1;
  const rates = [];
  for (let round_ = 0; round_ < 5; round_++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      for (let i = 0; i < 100; i++) sink += fn().length ?? 1;
      n += 100;
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  out[name] = { opsPerSecond: Math.round(median(rates)), usPerOp: round(1e6 / median(rates), 1) };
}
process.stdout.write(`${JSON.stringify({ cases: out, sink: sink > 0 })}\n`);
