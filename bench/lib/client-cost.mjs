// Diagnostic: the client-side CPU cost of one RevokeToken call, with the network taken out:
// `fetch` is a stub answering the canned response in-process. One client per process (so no
// client's process-wide costs leak into another's); prints µs per call.
//
//   node bench/lib/client-cost.mjs raw|graphql-request|sdk [--dist DIR] [--calls 20000]
import { pathToFileURL } from 'node:url';

const [name] = process.argv.slice(2);
const args = process.argv.slice(3);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const DIST = opt('dist', new URL('../../dist/', import.meta.url).pathname);
const CALLS = Number(opt('calls', 20000));
const { CANNED_BODY, CANNED_HEADERS } = await import('../canned-response.mjs');
const URL_ = 'http://127.0.0.1:9/';
const ID = 'b7b5a8c1-5c2c-4a7e-9a44-0d1d4c1f9e11';
const stub = async (_input, init) => {
  if (init?.body !== undefined) String(init.body);
  return new Response(CANNED_BODY, { status: 200, headers: CANNED_HEADERS });
};
const REVOKE =
  'mutation RevokeToken($id: String!) { revokeToken(id: $id) { id name category policy revoked createdAt expiresAt __typename } }';
let call;
if (name === 'raw') {
  const { parse, print } = await import('graphql');
  const query = print(parse(REVOKE));
  call = async () => {
    const res = await stub(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { id: ID }, operationName: 'RevokeToken' }),
    });
    return JSON.parse(await res.text());
  };
} else if (name === 'graphql-request') {
  const { parse } = await import('graphql');
  const { GraphQLClient } = await import('graphql-request');
  const doc = parse(REVOKE);
  const client = new GraphQLClient(URL_, { fetch: stub, headers: { 'content-type': 'application/json' } });
  call = () => client.request(doc, { id: ID });
} else {
  const { createClient } = await import(pathToFileURL(`${DIST}/index.js`).href);
  const j1 = createClient({ apiKey: 'k'.repeat(32), accountId: 'a', endpoint: URL_, env: {}, fetch: stub });
  call = () => j1.tokens.revoke(ID);
}
for (let i = 0; i < 3000; i++) await call();
const results = [];
for (let rep = 0; rep < 5; rep++) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < CALLS / 5; i++) await call();
  const t = process.cpuUsage(t0);
  results.push((t.user + t.system) / (CALLS / 5));
}
results.sort((a, b) => a - b);
console.log(JSON.stringify({ client: name, cpuUsPerCall: Math.round(results[2] * 10) / 10, all: results.map((r) => Math.round(r)) }));
