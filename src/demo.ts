import { createClient, describePolicy, policy } from './index.js';
import { startMockServer } from './testing/server.js';

/** Where the demo writes its transcript. */
export interface DemoOptions {
  /** Receives each line of the transcript. */
  readonly out: (line: string) => void;
}

const DEMO_KEY = 'j1-demo-api-key';
const DEMO_ACCOUNT = 'j1-demo-account';

/**
 * The whole product in one run, with no account and no network: starts the local J1 on
 * loopback, then through the public client creates a key whose policy is built with the
 * builder (a `queryFilters` condition), lists keys, revokes the new one, and lists again.
 */
export async function runDemo({ out }: DemoOptions): Promise<void> {
  const server = await startMockServer({
    apiKey: DEMO_KEY,
    accountId: DEMO_ACCOUNT,
    tokens: [{ name: 'existing-ops-key', category: 'ops', policy: policy().allow().toString() }],
  });
  try {
    out(`j1-api-keys demo: local J1 at ${server.url} (loopback, no account, no network)`);
    const j1 = createClient({ apiKey: DEMO_KEY, accountId: DEMO_ACCOUNT, endpoint: server.url, env: {} });

    const githubOnly = policy().allow().queryFilter({ _type: 'github_repo' });
    out(`1. policy   ${describePolicy(githubOnly)}`);
    out(`            ${githubOnly.toString()}`);

    const created = await j1.tokens.create({ name: 'demo-ci-key', category: 'ci', policy: githubOnly });
    out(`2. create   ${created.id}  "${created.name}"  secret: [redacted] (${created.secret.length} chars, shown once)`);

    const listed = await j1.tokens.listAll();
    out(`3. list     ${listed.length} keys: ${listed.map((t) => `${t.name}${t.revoked ? ' (revoked)' : ''}`).join(', ')}`);

    const revoked = await j1.tokens.revoke(created.id);
    out(`4. revoke   ${revoked.id}  revoked: ${String(revoked.revoked)}`);

    const active = (await j1.tokens.listAll()).filter((t) => !t.revoked);
    out(`5. list     ${active.length} active: ${active.map((t) => t.name).join(', ')}`);
    out(`done: ${server.mock.requests.length} requests to the local J1, every one typed and checked.`);
  } finally {
    await server.close();
  }
}
