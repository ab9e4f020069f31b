/**
 * Default values of the fake J1's options.
 * @packageDocumentation
 */
import type { FakeUser, RateLimitConfig } from './types.js';

/** J1's documented endpoint (region `us`); the msw handlers' default. */
export const DEFAULT_ENDPOINT = 'https://graphql.us.jupiterone.io/';

/** J1's per-key limit: 1000 invocations per 60 s, burst 1000. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = Object.freeze({ capacity: 1000, windowSeconds: 60 });

/**
 * `expiresAt` of keys created without one: 9999-12-31T23:59:59.000Z in epoch ms.
 * J1 does not document its default; the fake uses a date that never passes.
 */
export const FAR_FUTURE_EXPIRES_AT = 253_402_300_799_000;

/** The user `createCurrentUserToken` acts as when the `currentUser` option is omitted. */
export const DEFAULT_CURRENT_USER: FakeUser = Object.freeze({
  id: 'fake-user-0001',
  email: 'fake.user@example.com',
  username: 'fake.user',
});

/** Account id of seeded keys' subject when the `accountId` option is omitted. */
export const DEFAULT_ACCOUNT_ID = 'fake-account';

/** Page size of `tokens` and `integrationInstanceTokens` when `limit` is omitted. */
export const DEFAULT_PAGE_SIZE = 50;

/** Largest page; larger `limit`s are clamped to it. */
export const MAX_PAGE_SIZE = 1000;
