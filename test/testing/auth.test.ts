import { describe, expect, it } from 'vitest';
import { createJupiterOneMock } from '../../src/testing/index.js';
import { ACCOUNT_ID, API_KEY, CREATE_TOKEN, ALLOW_ALL, clock, createToken, gql, headers, install, post, useMsw } from './helpers.js';

const server = useMsw();
const create = JSON.stringify({ query: CREATE_TOKEN, variables: { token: { name: 'x', policy: ALLOW_ALL } } });

async function expect401(hdrs: Record<string, string>): Promise<void> {
  const res = await post(create, hdrs);
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await res.text()).toBe('Unauthorized');
  expect(res.headers.get('ratelimit-limit')).toBeNull();
}

describe('authentication', () => {
  it.each([
    ['missing authorization', { authorization: undefined }],
    ['missing account header', { 'jupiterone-account': undefined }],
    ['wrong key', { authorization: 'Bearer wrong-key' }],
    ['wrong account', { 'jupiterone-account': 'other-account' }],
    ['non-Bearer scheme', { authorization: `Basic ${API_KEY}` }],
    ['empty bearer', { authorization: 'Bearer ' }],
    ['key without scheme', { authorization: API_KEY }],
  ])('%s → 401 plain text, nothing executed', async (_name, overrides) => {
    const mock = install(server);
    await expect401(headers(overrides));
    expect(mock.state.tokens).toEqual([]);
  });

  it('accepts the legacy LifeOmic-Account header and a lower-case scheme', async () => {
    const mock = install(server);
    const res = await gql('{ tokens { items { id } } }', undefined, {
      headers: headers({ 'jupiterone-account': undefined, 'LifeOmic-Account': ACCOUNT_ID, authorization: `bearer ${API_KEY}` }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { tokens: { items: [] } } });
    expect(mock.requests).toHaveLength(1);
  });

  it('rejects a wrong LifeOmic-Account too', async () => {
    install(server);
    await expect401(headers({ 'jupiterone-account': undefined, 'lifeomic-account': 'nope' }));
  });

  it('without apiKey/accountId options accepts any non-empty key and account, still 401 when one is missing', async () => {
    server.use(...createJupiterOneMock().handlers);
    const res = await gql('{ tokens { items { id } } }', undefined, {
      headers: headers({ authorization: 'Bearer anything', 'jupiterone-account': 'whatever' }),
    });
    expect(res.status).toBe(200);
    await expect401(headers({ authorization: 'Bearer anything', 'jupiterone-account': undefined }));
    await expect401(headers({ authorization: undefined }));
  });

  it('accepts the secret of a created key until it is revoked', async () => {
    install(server);
    const key = await createToken('mine');
    const asKey = headers({ authorization: `Bearer ${key.secret}` });
    expect((await gql('{ token(id: "' + key.id + '") { id } }', undefined, { headers: asKey })).status).toBe(200);
    await gql('mutation($id: String!) { revokeToken(id: $id) { id } }', { id: key.id });
    await expect401(asKey);
  });

  it('rejects the secret of an expired key even when any key is accepted', async () => {
    const c = clock();
    const mock = createJupiterOneMock({ now: c.now });
    server.use(...mock.handlers);
    const created = await gql('mutation($i: CreateIamTokenInput) { createToken(input: $i) { id secret expiresAt } }', {
      i: { type: 'ACCOUNT', name: 'short', policy: ALLOW_ALL, expiresAt: c.now() + 1000 },
    });
    const secret = created.body.data.createToken.secret as string;
    const asKey = headers({ authorization: `Bearer ${secret}` });
    expect((await gql('{ tokens { items { id } } }', undefined, { headers: asKey })).status).toBe(200);
    c.advance(1000);
    await expect401(asKey);
    expect(mock.state.tokens).toHaveLength(1);
  });

  it('accepts a seeded key by its secret', async () => {
    install(server, { tokens: [{ id: 't1', name: 'seeded', secret: 'j1_seeded-secret' }] });
    const res = await gql('{ token(id: "t1") { name } }', undefined, { headers: headers({ authorization: 'Bearer j1_seeded-secret' }) });
    expect(res.body.data).toEqual({ token: { name: 'seeded' } });
  });

  it('rejects integration API keys (they can only synchronize data)', async () => {
    install(server, { integrationInstances: [{ id: 'inst-1' }] });
    const res = await gql('mutation { createIntegrationInstanceToken(id: "inst-1") { token } }');
    const secret = res.body.data.createIntegrationInstanceToken.token as string;
    await expect401(headers({ authorization: `Bearer ${secret}` }));
  });
});
