// Keys read back from J1 may carry its older policy forms (facts file, "More facts from J1's own
// clients and docs"): the twelve older actions, prefixed resources, `condition.stringEquals`.
// Reading never fails on them (raw node:http server: J1's answer, not our fake's).
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, KNOWN_ACTIONS } from '../../src/index.js';
import { startRawServer } from '../helpers/raw-server.js';

const OLDER_ACTIONS = KNOWN_ACTIONS.filter((a) => a !== '*');
const PREFIXED = [
  'account:1',
  'api:2',
  'compliance-standard:3',
  'dashboard:4',
  'entity:5',
  'integration:6',
  'powerup:7',
  'settings-category:8',
  'parameter:9',
];
const OLDER_ACTIONS_POLICY = JSON.stringify({ permissions: [{ effect: 'ALLOW', actions: OLDER_ACTIONS, resources: PREFIXED }] });
const STRING_EQUALS_POLICY = JSON.stringify({
  permissions: [
    { effect: 'ALLOW', actions: ['query:ReadGraphData'], resources: ['*'], condition: { stringEquals: { _type: 'github_repo' } } },
  ],
});

const opened: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const token = (id: string, policy: string) => ({
  id,
  name: id,
  category: null,
  policy,
  revoked: false,
  createdAt: 1_700_000_000_000,
  expiresAt: 1_900_000_000_000,
  __typename: 'IamToken',
});

describe('older policy forms read back from J1', () => {
  it('list and get never fail; older actions on prefixed resources parse; stringEquals keeps rawPolicy', async () => {
    const items = [token('older', OLDER_ACTIONS_POLICY), token('string-equals', STRING_EQUALS_POLICY)];
    const server = await startRawServer((name, body) => {
      if (name === 'ListTokens') return { body: { data: { tokens: { items, pageInfo: { endCursor: null, hasNextPage: false } } } } };
      const id = (body.variables as { id?: string } | undefined)?.id;
      return { body: { data: { token: items.find((t) => t.id === id) } } };
    });
    opened.push(server);
    const client = createClient({ apiKey: 'older-policy-key-12345', accountId: 'a', endpoint: server.url, env: {}, retry: false });
    const listed = [];
    for await (const t of client.tokens.list()) listed.push(t);
    expect(listed.map((t) => t.id)).toEqual(['older', 'string-equals']);
    const older = await client.tokens.get('older');
    expect(older.policy?.permissions[0]?.actions).toEqual(OLDER_ACTIONS);
    expect(older.policy?.permissions[0]?.resources).toEqual(PREFIXED);
    const eq = await client.tokens.get('string-equals');
    // Not a form this SDK writes: no parsed document, but the read succeeds and keeps J1's text.
    expect(eq.policy).toBeNull();
    expect(eq.rawPolicy).toBe(STRING_EQUALS_POLICY);
  });
});
