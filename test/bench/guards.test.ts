/**
 * Performance regression guards that do not depend on timing (the timed figures are
 * `npm run bench`, see BENCHMARKS.md): what the SDK sends and loads, counted, not clocked.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { GraphQLClient } from 'graphql-request';
import { describe, expect, it } from 'vitest';
import { createGraphQLClient, type FetchLike } from '../../src/client/transport.js';
import { getSdk } from '../../src/generated/graphql.js';
import { createClient } from '../../src/index.js';
import { startMockServer } from '../../src/testing/index.js';

const API_KEY = 'j1-guard-api-key-0123456789abcdef';
const ACCOUNT = 'acct-guard';
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A fetch that records what it is given and answers `{"data":{}}`. */
function recordingFetch() {
  const sent: { url: string; method: string | undefined; headers: [string, string][]; body: string }[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    sent.push({
      url,
      method: init?.method,
      headers: [...new Headers(init?.headers).entries()],
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return new Response('{"data":{}}', { headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch };
}

describe('bulk revoke against a tight rate limit', () => {
  it('makes exactly one HTTP request per key: no 429, no retry', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `guard-key-${i}`);
    // 5 invocations per second: 12 keys need the bucket to refill twice.
    const server = await startMockServer({
      apiKey: API_KEY,
      accountId: ACCOUNT,
      rateLimit: { capacity: 5, windowSeconds: 1 },
      tokens: ids.map((id) => ({ id, name: id })),
    });
    try {
      const statuses: (number | undefined)[] = [];
      let retries = 0;
      const j1 = createClient({
        apiKey: API_KEY,
        accountId: ACCOUNT,
        endpoint: server.url,
        env: {},
        hooks: { onResponse: (e) => statuses.push(e.status), onRetry: () => retries++ },
      });
      const results = await j1.tokens.revokeMany(ids);
      expect(results.map((r) => r.ok)).toEqual(ids.map(() => true));
      expect(server.mock.requests).toHaveLength(ids.length);
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      expect(retries).toBe(0);
      expect(server.mock.state.tokens.filter((t) => t.revoked)).toHaveLength(ids.length);
    } finally {
      await server.close();
    }
  });
});

describe('the transport', () => {
  it("gets every request's attempt: the deadline signal reaches fetch, redirects stay manual, our serializer stays home", async () => {
    const seen: RequestInit[] = [];
    const fetch: FetchLike = async (_input, init) => {
      seen.push(init ?? {});
      const body = JSON.stringify({
        data: { revokeToken: { id: 't', name: 'n', category: null, policy: null, revoked: true, createdAt: 1, expiresAt: 0 } },
      });
      return new Response(body, {
        headers: { 'content-type': 'application/json', 'ratelimit-limit': '10', 'ratelimit-remaining': '9', 'ratelimit-reset': '1' },
      });
    };
    const j1 = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, fetch });
    await j1.tokens.revoke('t');
    await j1.tokens.revokeMany(['t', 't', 't'], { concurrency: 3 });
    await j1.operations.RevokeToken({ id: 't' });
    expect(seen).toHaveLength(5);
    for (const init of seen) {
      expect(init.signal).toBeInstanceOf(AbortSignal);
      expect(init.redirect).toBe('manual');
      expect(init).not.toHaveProperty('jsonSerializer');
    }
  });
});

describe('documents are prepared once', () => {
  it('sends, for every generated operation, byte for byte what a bare graphql-request client sends', async () => {
    const bare = recordingFetch();
    const ours = recordingFetch();
    const headers = { 'content-type': 'application/json', 'x-guard': '1' };
    const bareSdk = getSdk(new GraphQLClient('http://127.0.0.1:9/', { headers, fetch: bare.fetch }));
    const ourSdk = getSdk(createGraphQLClient('http://127.0.0.1:9/', { headers, fetch: ours.fetch }));
    const names = Object.keys(bareSdk) as (keyof typeof bareSdk)[];
    expect(names.length).toBeGreaterThanOrEqual(13);
    for (const name of names) {
      const variables = { id: 'tok-1', tokenId: 'tok-1', limit: 2 } as never;
      await (bareSdk[name] as (v: never) => Promise<unknown>)(variables);
      await (ourSdk[name] as (v: never) => Promise<unknown>)(variables);
      // Twice: the second request comes from the prepared document.
      await (ourSdk[name] as (v: never) => Promise<unknown>)(variables);
    }
    expect(ours.sent).toHaveLength(2 * bare.sent.length);
    bare.sent.forEach((request, i) => {
      expect(JSON.parse(request.body)).toHaveProperty('operationName', names[i]);
      expect(ours.sent[2 * i]).toEqual(request);
      expect(ours.sent[2 * i + 1]).toEqual(request);
    });
  });

  it('never prints or parses a document again after its first request', async () => {
    const { fetch } = recordingFetch();
    const client = createGraphQLClient('http://127.0.0.1:9/', { headers: {}, fetch });
    let reads = 0;
    const document = new Proxy(parse('query GetToken($id: ID!) { token(id: $id) { id } }'), {
      get(target, key, receiver) {
        // What graphql's print (and graphql-request's operation-name lookup) reads.
        if (key === 'kind' || key === 'definitions') reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    await client.request({ document, variables: { id: '1' } });
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0); // printed once
    await client.request({ document, variables: { id: '2' } });
    await client.request(document, { id: '3' });
    expect(reads).toBe(afterFirst);
  });
});

describe("the main entry's import graph", () => {
  interface Import {
    path: string;
    kind: string;
    external?: boolean;
  }
  interface Metafile {
    outputs: Record<string, { entryPoint?: string; imports: Import[]; inputs: Record<string, unknown> }>;
  }
  interface EsbuildLike {
    build(options: Record<string, unknown>): Promise<{ metafile: Metafile; outputFiles: { path: string; text: string }[] }>;
  }
  // esbuild as tsup (which builds dist/) resolves it.
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup/package.json'))('esbuild') as EsbuildLike;

  // Code split as a consumer's bundler splits it: what the entry loads statically is what every
  // import costs; features loaded on first use (`await import(…)`, e.g. checkCompatibility's
  // graphql validation) live in chunks of their own and are not counted.
  it('holds no test kit, CLI, msw or graphql-js execution/validation (static imports; on-first-use chunks apart)', async () => {
    const result = await esbuild.build({
      entryPoints: [`${root}src/index.ts`],
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outdir: 'guard-out',
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => outputs[o]?.entryPoint === 'src/index.ts');
    expect(entry).toBeDefined();
    const staticOutputs = new Set<string>();
    const externals = new Set<string>();
    const visit = (out: string): void => {
      if (staticOutputs.has(out)) return;
      staticOutputs.add(out);
      for (const i of outputs[out]?.imports ?? []) {
        if (i.kind !== 'import-statement') continue;
        if (i.external === true) externals.add(i.path);
        else visit(i.path);
      }
    };
    visit(entry ?? '');
    const inputs = [...staticOutputs].flatMap((o) => Object.keys(outputs[o]?.inputs ?? {}));
    expect(inputs).toContain('src/index.ts');
    expect(inputs.filter((f) => !f.startsWith('src/'))).toEqual([]);
    expect(inputs.filter((f) => /^src\/(testing|cli)\//.test(f))).toEqual([]);
    // The check can fail: the on-first-use compatibility check is in the build, outside the static graph.
    const allInputs = Object.values(outputs).flatMap((o) => Object.keys(o.inputs));
    expect(allInputs).toContain('src/compat/check.ts');
    expect(inputs).not.toContain('src/compat/check.ts');
    expect([...externals].filter((p) => /^msw(\/|$)|^graphql\/(execution|validation)|^graphql\/utilities\/buildASTSchema/.test(p))).toEqual(
      [],
    );
    // Whatever it takes from graphql's root, never the schema builder or the executor.
    const text = result.outputFiles
      .filter((f) => [...staticOutputs].some((o) => f.path.endsWith(o)))
      .map((f) => f.text)
      .join('\n');
    const fromGraphql = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']graphql["']/g)].flatMap((m) =>
      (m[1] ?? '').split(',').map((s) => s.trim().split(/\s+as\s+/)[0]),
    );
    expect(
      fromGraphql.filter((n) => /^(buildSchema|buildASTSchema|execute|executeSync|validate|graphql|graphqlSync)$/.test(n ?? '')),
    ).toEqual([]);
    expect(text).not.toMatch(/\bbuildSchema\s*\(/);
  });
});
