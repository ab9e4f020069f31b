// How a customer tests their own script against J1, with j1-api-keys/testing and msw.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, policy } from 'j1-api-keys';
import { createJupiterOneMock } from 'j1-api-keys/testing';
import { rotateCiKey, type SecretStore } from './rotate-ci-key.js';

const mock = createJupiterOneMock({
  tokens: [
    { id: 'old-ci-key', name: 'ci-deploy', category: 'ci', policy: policy().allow().queryFilter({ _type: 'github_repo' }).toString() },
  ],
});
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const j1 = () => createClient({ apiKey: 'test-key', accountId: 'test-account', env: {} });

describe('rotateCiKey', () => {
  it('stores the new secret, then revokes the old key', async () => {
    const store: SecretStore = { put: vi.fn(async () => undefined) };
    const newId = await rotateCiKey(store, 'ci-deploy', j1());
    expect(store.put).toHaveBeenCalledWith('J1_CI_KEY', expect.stringMatching(/.{16,}/));
    const live = mock.state.tokens.filter((t) => !t.revoked);
    expect(live.map((t) => t.id)).toEqual([newId]);
    expect(live[0]).toMatchObject({
      name: 'ci-deploy',
      category: 'ci',
      policy: mock.state.tokens.find((t) => t.id === 'old-ci-key')!.policy,
    });
  });

  it('keeps the old key working when the secret store fails', async () => {
    const store: SecretStore = { put: () => Promise.reject(new Error('vault sealed')) };
    await expect(rotateCiKey(store, 'ci-deploy', j1())).rejects.toThrow('vault sealed');
    expect(mock.state.tokens.filter((t) => !t.revoked).map((t) => t.id)).toEqual(['old-ci-key']);
  });

  it('refuses to guess when no key has that name', async () => {
    await expect(rotateCiKey({ put: async () => undefined }, 'nope', j1())).rejects.toThrow(/found 0/);
    expect(mock.requests.map((r) => r.operationName)).toEqual(['ListTokens']);
  });
});
