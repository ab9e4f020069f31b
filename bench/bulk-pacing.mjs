// Bulk pacing: `tokens.revokeMany` of N keys against the fake J1 on loopback with a tight token
// bucket (default 100 invocations per 10 s). Reports achieved invocations/s ÷ allowed
// (capacity ÷ window), the number of HTTP requests and of 429 answers. Prints one JSON line.
//   node bench/bulk-pacing.mjs [--dist DIR] [--keys 600] [--capacity 100] [--window 10] [--concurrency 4]
import { fileURLToPath, pathToFileURL } from 'node:url';
import { round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const DIST = opt('dist', fileURLToPath(new URL('../dist/', import.meta.url)));
const KEYS = Number(opt('keys', 600));
const CAPACITY = Number(opt('capacity', 100));
const WINDOW = Number(opt('window', 10));
const CONCURRENCY = opt('concurrency');

const { createClient } = await import(pathToFileURL(`${DIST}/index.js`).href);
const { startMockServer } = await import(pathToFileURL(`${DIST}/testing/index.js`).href);

const apiKey = 'j1-bench-api-key-0123456789abcdef';
const accountId = 'acct-bench';
const ids = Array.from({ length: KEYS }, (_, i) => `bench-key-${String(i).padStart(4, '0')}`);
const server = await startMockServer({
  apiKey,
  accountId,
  rateLimit: { capacity: CAPACITY, windowSeconds: WINDOW },
  tokens: ids.map((id) => ({ id, name: `bench ${id}`, policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}' })),
});
const statuses = new Map();
let retries = 0;
const waits = [];
const client = createClient({
  apiKey,
  accountId,
  endpoint: server.url,
  env: {},
  timeoutMs: 600_000,
  hooks: {
    onResponse: (e) => statuses.set(e.status, (statuses.get(e.status) ?? 0) + 1),
    onRetry: (e) => {
      retries++;
      waits.push(e.delayMs);
    },
  },
});
try {
  const started = performance.now();
  const results = await client.tokens.revokeMany(ids, CONCURRENCY === undefined ? {} : { concurrency: Number(CONCURRENCY) });
  const seconds = (performance.now() - started) / 1000;
  const allowed = CAPACITY / WINDOW;
  const achieved = KEYS / seconds;
  const failed = results.filter((r) => !r.ok);
  const revoked = server.mock.state.tokens.filter((t) => t.revoked).length;
  process.stdout.write(
    `${JSON.stringify({
      keys: KEYS,
      capacity: CAPACITY,
      windowSeconds: WINDOW,
      concurrency: CONCURRENCY === undefined ? 'default' : Number(CONCURRENCY),
      seconds: round(seconds, 2),
      allowedPerSecond: allowed,
      achievedPerSecond: round(achieved, 2),
      ratio: round(achieved / allowed, 3),
      // The bucket starts full: the first `capacity` calls need no waiting. Past them the
      // bucket refills at `allowed`/s, so this is the pacing efficiency proper.
      ratioAfterBurst: round((KEYS - CAPACITY) / seconds / allowed, 3),
      httpRequests: server.mock.requests.length,
      status429: statuses.get(429) ?? 0,
      statuses: Object.fromEntries(statuses),
      retries,
      failed: failed.length,
      firstError: failed[0]?.error?.message,
      revokedInServer: revoked,
    })}\n`,
  );
} finally {
  await server.close();
}
