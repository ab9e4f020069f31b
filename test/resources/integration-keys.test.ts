import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { IntegrationKey, NotFoundError, ValidationError } from '../../src/index.js';
import { useFakeJ1 } from '../helpers/fake.js';

const { mock, client } = useFakeJ1({
  integrationInstances: [
    { id: 'inst-gh', name: 'GitHub' },
    { id: 'inst-empty', configured: false },
  ],
});

describe('integration keys', () => {
  it('creates a key for one instance, with the secret in token, redacted everywhere', async () => {
    const key = await client().integrationKeys.create('inst-gh');
    expect(key).toBeInstanceOf(IntegrationKey);
    expect(key.token.length).toBeGreaterThan(10);
    expect(key.createdAt).toBeInstanceOf(Date);
    for (const text of [inspect(key), JSON.stringify(key), String(key), `${key}`]) {
      expect(text).not.toContain(key.token);
      expect(text).toContain('[redacted]');
    }
    expect(JSON.parse(JSON.stringify(key))).toMatchObject({ tokenId: key.tokenId, token: '[redacted]' });
    expect(mock.requests[0]).toMatchObject({ operationName: 'CreateIntegrationInstanceToken', variables: { id: 'inst-gh' } });
  });

  it('lists an instance key set across pages without secrets, and revokes', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await client().integrationKeys.create('inst-gh'));
    const listed = [];
    for await (const k of client().integrationKeys.list('inst-gh', { pageSize: 2 })) listed.push(k);
    expect(listed.map((k) => k.tokenId).sort()).toEqual(made.map((k) => k.tokenId).sort());
    expect(listed.every((k) => !('token' in k))).toBe(true);
    const listCalls = mock.requests.filter((r) => r.operationName === 'ListIntegrationInstanceTokens');
    expect(listCalls).toHaveLength(3);

    const result = await client().integrationKeys.revoke(made[0]!.tokenId);
    expect(result).toEqual({ tokenId: made[0]!.tokenId, revoked: true });
    const remaining = [];
    for await (const k of client().integrationKeys.list('inst-gh')) remaining.push(k.tokenId);
    expect(remaining).not.toContain(made[0]!.tokenId);
    expect(remaining).toHaveLength(4);
  });

  it('maps unknown instances, unconfigured instances and unknown keys to typed errors', async () => {
    await expect(client().integrationKeys.create('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(client().integrationKeys.create('inst-empty')).rejects.toBeInstanceOf(ValidationError);
    await expect(client().integrationKeys.revoke('missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
