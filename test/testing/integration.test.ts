import { describe, expect, it } from 'vitest';
import { FAR_FUTURE_EXPIRES_AT } from '../../src/testing/index.js';
import { clock, codes, gql, install, SECRET_RE, UUID_RE, useMsw } from './helpers.js';

const server = useMsw();
const CREATE = 'mutation($id: String!) { createIntegrationInstanceToken(id: $id) { tokenId token createdAt expiresAt } }';
const REVOKE = 'mutation($t: String!) { revokeIntegrationInstanceToken(tokenId: $t) { success } }';
const LIST = `query($id: String!, $cursor: String, $limit: Int) {
  integrationInstanceTokens(id: $id, cursor: $cursor, limit: $limit) { tokens { tokenId token } pageInfo { endCursor hasNextPage } }
}`;
const instances = [{ id: 'inst-1', name: 'GitHub' }, { id: 'inst-2' }, { id: 'bare', configured: false }];

describe('integration API keys', () => {
  it('creates a key for a configured instance and returns its secret once', async () => {
    const c = clock();
    const mock = install(server, { now: c.now, integrationInstances: instances });
    const res = await gql(CREATE, { id: 'inst-1' });
    const t = res.body.data.createIntegrationInstanceToken;
    expect(t.tokenId).toMatch(UUID_RE);
    expect(t.token).toMatch(SECRET_RE);
    expect(t).toMatchObject({ createdAt: c.now(), expiresAt: FAR_FUTURE_EXPIRES_AT });
    expect(mock.state.integrationTokens).toEqual([
      { tokenId: t.tokenId, instanceId: 'inst-1', revoked: false, createdAt: c.now(), expiresAt: FAR_FUTURE_EXPIRES_AT },
    ]);
    expect(JSON.stringify(mock.state)).not.toContain(t.token);
    const list = await gql(LIST, { id: 'inst-1' });
    expect(list.body.data.integrationInstanceTokens.tokens).toEqual([{ tokenId: t.tokenId, token: '' }]);
  });

  it('answers an unknown instance with NOT_FOUND and an unconfigured one with BAD_USER_INPUT', async () => {
    const mock = install(server, { integrationInstances: instances });
    const unknown = await gql(CREATE, { id: 'nope' });
    expect(unknown.body.data).toBeNull();
    expect(codes(unknown.body)).toEqual(['NOT_FOUND']);
    expect(unknown.body.errors?.[0]?.path).toEqual(['createIntegrationInstanceToken']);
    const bare = await gql(CREATE, { id: 'bare' });
    expect(codes(bare.body)).toEqual(['BAD_USER_INPUT']);
    expect(bare.body.errors?.[0]?.message).toContain('must have at least one configuration');
    expect(mock.state.integrationTokens).toEqual([]);
    expect(codes((await gql(LIST, { id: 'nope' })).body)).toEqual(['NOT_FOUND']);
  });

  it('revokes: success true, idempotent, gone from the list; unknown id is NOT_FOUND', async () => {
    const mock = install(server, { integrationInstances: instances });
    const a = (await gql(CREATE, { id: 'inst-1' })).body.data.createIntegrationInstanceToken.tokenId as string;
    const b = (await gql(CREATE, { id: 'inst-1' })).body.data.createIntegrationInstanceToken.tokenId as string;
    expect((await gql(REVOKE, { t: a })).body).toEqual({ data: { revokeIntegrationInstanceToken: { success: true } } });
    expect((await gql(REVOKE, { t: a })).body).toEqual({ data: { revokeIntegrationInstanceToken: { success: true } } });
    const list = await gql(LIST, { id: 'inst-1' });
    expect(list.body.data.integrationInstanceTokens.tokens.map((t: { tokenId: string }) => t.tokenId)).toEqual([b]);
    expect(mock.state.integrationTokens.map((t) => t.revoked)).toEqual([true, false]);
    const unknown = await gql(REVOKE, { t: 'missing' });
    expect(unknown.body.data).toBeNull();
    expect(codes(unknown.body)).toEqual(['NOT_FOUND']);
  });

  it('pages 25 keys by 10, newest first, per instance', async () => {
    const c = clock();
    install(server, { now: c.now, integrationInstances: instances });
    const created: string[] = [];
    for (let i = 0; i < 25; i++) {
      created.push((await gql(CREATE, { id: 'inst-1' })).body.data.createIntegrationInstanceToken.tokenId);
      c.advance(10);
    }
    await gql(CREATE, { id: 'inst-2' });
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (await gql(LIST, { id: 'inst-1', limit: 10, ...(cursor ? { cursor } : {}) })).body.data.integrationInstanceTokens;
      sizes.push(page.tokens.length);
      seen.push(...page.tokens.map((t: { tokenId: string; token: string }) => (expect(t.token).toBe(''), t.tokenId)));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual([...created].reverse());
  });

  it('rejects a cursor of another instance', async () => {
    install(server, { integrationInstances: instances });
    await gql(CREATE, { id: 'inst-1' });
    await gql(CREATE, { id: 'inst-1' });
    const page = (await gql(LIST, { id: 'inst-1', limit: 1 })).body.data.integrationInstanceTokens;
    const res = await gql(LIST, { id: 'inst-2', cursor: page.pageInfo.endCursor });
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
  });
});
