// Per-call overhead: sequential RevokeToken calls through the SDK vs the same request made with
// raw fetch + JSON.parse and with a bare graphql-request GraphQLClient, all against ONE canned
// loopback server in another process (bench/canned-server.mjs).
//
// Each client runs in its own worker process (so one client's process-wide costs, e.g. the
// async hooks that AsyncLocalStorage installs, or its garbage, never land on another's
// figures), and the workers take turns: interleaved batches, the order rotating every round,
// so drift and background load hit all three alike. Only one worker runs at a time.
// Prints one JSON line with the results.
//
//   node bench/overhead.mjs [--dist DIR] [--calls 2000] [--batch 50] [--warmup 300] [--only sdk,raw]
//   node --cpu-prof bench/overhead.mjs --worker sdk --url URL --standalone 8000   (profile one client)
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, quantile, round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const DIST = opt('dist', fileURLToPath(new URL('../dist/', import.meta.url)));
const CALLS = Number(opt('calls', 2000));
const BATCH = Number(opt('batch', 50));
const WARMUP = Number(opt('warmup', 300));
const CLIENTS = ['raw', 'graphql-request', 'sdk'];

const API_KEY = 'j1-bench-api-key-0123456789abcdef';
const ACCOUNT = 'acct-bench';
const ID = 'b7b5a8c1-5c2c-4a7e-9a44-0d1d4c1f9e11';
const REVOKE = `mutation RevokeToken($id: String!) {
  revokeToken(id: $id) { id name category policy revoked createdAt expiresAt __typename }
}`;

/** Builds the named client: an async function making one RevokeToken call. */
async function makeClient(name, url) {
  const { createClient, VERSION } = await import(pathToFileURL(`${DIST}/index.js`).href);
  // The headers the SDK sends (graphql-request adds `accept`), so every request is the same size.
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${API_KEY}`,
    'jupiterone-account': ACCOUNT,
    'user-agent': `j1-api-keys/${VERSION} node/${process.versions.node}`,
  };
  if (name === 'raw') {
    const { parse, print } = await import('graphql');
    const query = print(parse(REVOKE));
    const rawHeaders = { ...headers, accept: 'application/graphql-response+json, application/json' };
    return async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: rawHeaders,
        body: JSON.stringify({ query, variables: { id: ID }, operationName: 'RevokeToken' }),
      });
      const body = JSON.parse(await res.text());
      if (!res.ok || body.data?.revokeToken?.id !== ID) throw new Error('raw: unexpected answer');
    };
  }
  if (name === 'graphql-request') {
    const { parse } = await import('graphql');
    const { GraphQLClient } = await import('graphql-request');
    // A DocumentNode, as codegen's `documentMode: documentNode` gives one.
    const document = parse(REVOKE);
    const client = new GraphQLClient(url, { headers });
    return async () => {
      const data = await client.request(document, { id: ID });
      if (data.revokeToken?.id !== ID) throw new Error('graphql-request: unexpected answer');
    };
  }
  if (name === 'sdk' || name.startsWith('sdk:')) {
    const j1 = createClient({ apiKey: API_KEY, accountId: ACCOUNT, endpoint: url, env: {} });
    return async () => {
      const token = await j1.tokens.revoke(ID);
      if (token.id !== ID || token.revoked !== true) throw new Error('sdk: unexpected answer');
    };
  }
  throw new Error(`unknown client ${name}`);
}

async function runBatch(fn, n) {
  const samples = new Array(n);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples[i] = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  return { samples, cpuUs: cpu.user + cpu.system };
}

async function worker(name) {
  const url = opt('url');
  const fn = await makeClient(name, url);
  const standalone = opt('standalone');
  if (standalone !== undefined) {
    // For `node --cpu-prof`: one client alone, no IPC.
    await runBatch(fn, WARMUP);
    const { samples, cpuUs } = await runBatch(fn, Number(standalone));
    console.log(
      JSON.stringify({ client: name, medianUs: round(median(samples) * 1000, 1), cpuUsPerCall: round(cpuUs / samples.length, 1) }),
    );
    return;
  }
  process.on('message', async (msg) => {
    if (msg.cmd === 'batch') process.send(await runBatch(fn, msg.n));
    else if (msg.cmd === 'exit') process.exit(0);
  });
  process.send({ ready: true });
}

// With --pin (and taskset, from util-linux) the server gets CPU 1 and the client workers CPU 0.
// Off by default: on 2 cores it pins node's helper threads (GC) to the measured client's core too,
// and it did not make the figures steadier here.
const PIN = args.includes('--pin') && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned = (cpu, argv) => (PIN ? ['taskset', ['-c', String(cpu), process.execPath, ...argv]] : [process.execPath, argv]);

async function startServer() {
  const child = spawn(...pinned(1, [fileURLToPath(new URL('./canned-server.mjs', import.meta.url)), '--exit-with-stdin']), {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  return { url: JSON.parse(line).url, stop: () => child.stdin.end() };
}

// `--variant LABEL=DIR` (repeatable) adds an SDK built elsewhere as one more interleaved client,
// `sdk:LABEL`: to compare a candidate change with the current code under the same conditions.
const VARIANTS = Object.fromEntries(
  args.flatMap((a, i) => (a === '--variant' ? [args[i + 1].split('=')] : [])).map(([label, dir]) => [`sdk:${label}`, dir]),
);

function startWorker(name, url) {
  const dist = VARIANTS[name] ?? DIST;
  const child = spawn(...pinned(0, [fileURLToPath(import.meta.url), '--worker', name, '--url', url, '--dist', dist]), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending;
  child.on('message', (msg) => pending?.resolve(msg));
  child.on('exit', (code) => pending?.reject(new Error(`${name} worker exited (${code})`)));
  const request = (msg) =>
    new Promise((resolve, reject) => {
      pending = { resolve, reject };
      child.send(msg);
    });
  const ready = new Promise((resolve, reject) => (pending = { resolve, reject }));
  return { ready, batch: (n) => request({ cmd: 'batch', n }), stop: () => child.connected && child.send({ cmd: 'exit' }) };
}

async function main() {
  const names = [...opt('only', CLIENTS.join(',')).split(','), ...Object.keys(VARIANTS)];
  const server = await startServer();
  const workers = Object.fromEntries(names.map((n) => [n, startWorker(n, server.url)]));
  try {
    for (const n of names) await workers[n].ready;
    for (const n of names) await workers[n].batch(WARMUP);
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    const batchMedians = Object.fromEntries(names.map((n) => [n, []]));
    const cpuUs = Object.fromEntries(names.map((n) => [n, 0]));
    const rounds = Math.ceil(CALLS / BATCH);
    const startedAt = performance.now();
    for (let r = 0; r < rounds; r++) {
      const order = names.map((_, i) => names[(i + r) % names.length]);
      for (const n of order) {
        const result = await workers[n].batch(BATCH);
        samples[n].push(...result.samples);
        batchMedians[n].push(median(result.samples));
        cpuUs[n] += result.cpuUs;
      }
    }
    const wallMs = performance.now() - startedAt;
    const clients = {};
    for (const n of names) {
      const us = samples[n].map((ms) => ms * 1000);
      clients[n] = {
        calls: us.length,
        medianUs: round(median(us), 1),
        p90Us: round(quantile(us, 0.9), 1),
        cpuUsPerCall: round(cpuUs[n] / us.length, 1),
      };
    }
    const ratio = (a, b) => {
      if (clients[a] === undefined || clients[b] === undefined) return undefined;
      // Also the median over rounds of each round's ratio: robust to load that comes and goes.
      const perRound = batchMedians[a].map((m, i) => m / batchMedians[b][i]);
      return { pooled: round(clients[a].medianUs / clients[b].medianUs, 3), perRound: round(median(perRound), 3) };
    };
    const variants = Object.fromEntries(
      Object.keys(VARIANTS).map((n) => [n, { overGraphqlRequest: ratio(n, 'graphql-request'), overRaw: ratio(n, 'raw') }]),
    );
    const result = {
      calls: CALLS,
      batch: BATCH,
      pinned: PIN,
      warmup: WARMUP,
      wallSeconds: round(wallMs / 1000, 1),
      clients,
      ratios: {
        sdkOverGraphqlRequest: ratio('sdk', 'graphql-request'),
        sdkOverRaw: ratio('sdk', 'raw'),
        graphqlRequestOverRaw: ratio('graphql-request', 'raw'),
      },
      variants,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    for (const n of names) workers[n].stop();
    server.stop();
  }
}

const workerName = opt('worker');
(workerName === undefined ? main() : worker(workerName)).catch((error) => {
  console.error(error);
  process.exit(1);
});
