// Inventory pacing (issue 17): `client.inventory({ usage: true })` of N integration keys over M
// instances against the fake J1 on loopback with a tight token bucket (default 100 invocations per
// 2 s = 50/s). Every key costs one usage request, so the run is bound by the bucket. Reports the
// achieved request rate ÷ the allowed one (capacity ÷ window), with and without the initial burst
// (the bucket starts full), the HTTP requests and the 429 answers. Prints one JSON line.
//   node bench/inventory-pacing.mjs [--dist DIR] [--keys 2000] [--instances 50] [--capacity 100] [--window 2]
import { fileURLToPath, pathToFileURL } from 'node:url';
import { round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const DIST = opt('dist', fileURLToPath(new URL('../dist/', import.meta.url)));
const KEYS = Number(opt('keys', 2000));
const INSTANCES = Number(opt('instances', 50));
const CAPACITY = Number(opt('capacity', 100));
const WINDOW = Number(opt('window', 2));

const { createClient } = await import(pathToFileURL(`${DIST}/index.js`).href);
const { startMockServer } = await import(pathToFileURL(`${DIST}/testing/index.js`).href);

const apiKey = 'j1-bench-api-key-0123456789abcdef';
const accountId = 'acct-bench';
const instances = Array.from({ length: INSTANCES }, (_, i) => ({ id: `bench-instance-${i}`, name: `Instance ${i}` }));
const integrationTokens = Array.from({ length: KEYS }, (_, i) => ({
  tokenId: `bench-int-${String(i).padStart(5, '0')}`,
  instanceId: instances[i % INSTANCES].id,
}));
const server = await startMockServer({
  apiKey,
  accountId,
  rateLimit: { capacity: CAPACITY, windowSeconds: WINDOW },
  integrationInstances: instances,
  integrationTokens,
  usage: integrationTokens
    .slice(0, 100)
    .map((t) => ({ tokenId: t.tokenId, slices: [{ startTime: Date.now() - 86_400_000, invocations: 3 }] })),
});
const statuses = new Map();
let retries = 0;
const client = createClient({
  apiKey,
  accountId,
  endpoint: server.url,
  env: {},
  timeoutMs: 600_000,
  hooks: {
    onResponse: (e) => statuses.set(e.status, (statuses.get(e.status) ?? 0) + 1),
    onRetry: () => retries++,
  },
});
try {
  const started = performance.now();
  const records = await client.inventory({ usage: true });
  const seconds = (performance.now() - started) / 1000;
  const requests = server.mock.requests.length;
  const allowed = CAPACITY / WINDOW;
  process.stdout.write(
    `${JSON.stringify({
      keys: KEYS,
      instances: INSTANCES,
      capacity: CAPACITY,
      windowSeconds: WINDOW,
      seconds: round(seconds, 2),
      allowedPerSecond: allowed,
      achievedPerSecond: round(requests / seconds, 2),
      ratio: round(requests / seconds / allowed, 3),
      // Past the first `capacity` requests (the full bucket) the rate is the refill rate: the pacing proper.
      ratioAfterBurst: round((requests - CAPACITY) / seconds / allowed, 3),
      httpRequests: requests,
      status429: statuses.get(429) ?? 0,
      statuses: Object.fromEntries(statuses),
      retries,
      records: records.length,
      integrationRecords: records.filter((r) => r.kind === 'integration').length,
      knownUsage: records.filter((r) => r.usage?.status === 'known').length,
      problems: records.problems.length,
    })}\n`,
  );
} finally {
  await server.close();
}
