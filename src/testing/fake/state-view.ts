/**
 * The read-only `state` view of a store: fresh deep copies, never a secret.
 * @packageDocumentation
 */
import type { Store } from './store.js';
import type { FakeJ1State } from './types.js';

/** Read-only deep-copy views of a store. */
export function stateView(store: Store): FakeJ1State {
  return {
    get tokens() {
      return store.tokens.map(({ id, name, category, policy, type, subject, revoked, createdAt, expiresAt }) => ({
        id,
        name,
        category,
        policy,
        type,
        subject,
        revoked,
        createdAt,
        expiresAt,
      }));
    },
    get groups() {
      return store.groups.map(({ id, name, description, permissions, queryPolicy }) =>
        structuredClone({ id, name, description, permissions, queryPolicy }),
      );
    },
    get integrationTokens() {
      return store.integrationTokens.map(({ tokenId, instanceId, revoked, createdAt, expiresAt }) => ({
        tokenId,
        instanceId,
        revoked,
        createdAt,
        expiresAt,
      }));
    },
    get rateLimits() {
      return [...store.rateLimits].map(([tokenId, l]) => ({
        tokenId,
        invocationCapacity: l.capacity,
        invocationWindowSeconds: l.windowSeconds,
      }));
    },
  };
}
