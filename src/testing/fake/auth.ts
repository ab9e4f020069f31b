/**
 * Authentication of a request: `Authorization: Bearer <key>` plus the account header.
 * @packageDocumentation
 */
import type { Store, TokenRecord } from './store.js';

/** Who a request is from, or `undefined` when it must get a 401. */
export interface Caller {
  /** The bearer API key (the rate-limit bucket key). */
  readonly apiKey: string;
  /** The account id from `JupiterOne-Account` (else the legacy `LifeOmic-Account`). */
  readonly accountId: string;
  /** The key created in (or seeded into) the fake whose secret this is, if any. */
  readonly token: TokenRecord | undefined;
}

/** What authentication checks against. */
export interface AuthPolicy {
  /** The accepted API key; any non-empty key when `undefined`. */
  readonly apiKey: string | undefined;
  /** The accepted account; any non-empty account when `undefined`. */
  readonly accountId: string | undefined;
}

/** The bearer key of an `authorization` header (scheme case-insensitive), or `undefined`. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S.*)$/i.exec(header?.trim() ?? '');
  return match?.[1]?.trim() || undefined;
}

/**
 * Authenticates. Accepted keys: `policy.apiKey` (or any key when unset), and the secret
 * of any key created in/seeded into the fake. Always rejected: the secret of a revoked or
 * expired key, and integration API keys (they can only synchronize data).
 */
export function authenticate(headers: Readonly<Record<string, string>>, policy: AuthPolicy, store: Store, now: number): Caller | undefined {
  const apiKey = bearerKey(headers['authorization']);
  const accountId = headers['jupiterone-account']?.trim() || headers['lifeomic-account']?.trim();
  if (!apiKey || !accountId) return undefined;
  if (policy.accountId !== undefined && accountId !== policy.accountId) return undefined;
  if (store.integrationTokens.some((t) => t.secret === apiKey)) return undefined;
  const token = store.tokenBySecret(apiKey);
  if (token) return token.revoked || token.expiresAt <= now ? undefined : { apiKey, accountId, token };
  if (policy.apiKey !== undefined && apiKey !== policy.apiKey) return undefined;
  return { apiKey, accountId, token: undefined };
}
