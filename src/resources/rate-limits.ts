import { requireCallOptions, type CallOptions } from '../client/call-options.js';
import { ServerError } from '../client/errors.js';
import type { ResourceContext } from './context.js';
import { numbers, object } from './shape.js';
import { required } from './token.js';
import { optionsObject, requireInt, requireString } from './validate.js';

/** A per-key rate limit: `capacity` invocations per `windowSeconds`. */
export interface TokenRateLimit {
  /** Invocations allowed per window (the bucket size). */
  readonly capacity: number;
  /** Window length in seconds. */
  readonly windowSeconds: number;
}

/** Reads a key's own rate limit; `null` when it uses the account default. */
export async function getRateLimit({ sdk }: ResourceContext, id: string, options?: CallOptions): Promise<TokenRateLimit | null> {
  const tokenId = requireString(id, 'id');
  const data = await sdk(requireCallOptions(options)).GetTokenRateLimit({ tokenId });
  const account = object<typeof data.accountRateLimits>(data.accountRateLimits, 'GetTokenRateLimit', 'accountRateLimits');
  const limits = object<NonNullable<typeof account.tokenRateLimits>>(
    required(account.tokenRateLimits, 'GetTokenRateLimit', 'tokenRateLimits'),
    'GetTokenRateLimit',
    'tokenRateLimits',
  );
  const policy = limits.apiInvocationRateLimit?.rateLimitPolicy ?? null;
  if (policy !== null)
    numbers(object(policy, 'GetTokenRateLimit', 'rateLimitPolicy'), 'GetTokenRateLimit', ['invocationCapacity', 'invocationWindowSeconds']);
  return policy === null ? null : Object.freeze({ capacity: policy.invocationCapacity, windowSeconds: policy.invocationWindowSeconds });
}

/** Sets a key's own rate limit. */
export async function setRateLimit(
  { sdk }: ResourceContext,
  id: string,
  limit: TokenRateLimit,
  options?: CallOptions,
): Promise<TokenRateLimit> {
  const tokenId = requireString(id, 'id');
  const { capacity: c, windowSeconds: w } = optionsObject(limit, 'limit');
  const capacity = requireInt(c, 'capacity', 1, 1_000_000);
  const windowSeconds = requireInt(w, 'windowSeconds', 1, 86_400);
  const data = await sdk(requireCallOptions(options)).SetTokenRateLimit({
    tokenId,
    rateLimitPolicy: { invocationCapacity: capacity, invocationWindowSeconds: windowSeconds },
  });
  confirm(data.tokenRateLimits?.apiInvocationRateLimit?.setRateLimitPolicy, 'SetTokenRateLimit', tokenId);
  return Object.freeze({ capacity, windowSeconds });
}

/** Removes a key's own rate limit (it falls back to the account default). */
export async function clearRateLimit({ sdk }: ResourceContext, id: string, options?: CallOptions): Promise<void> {
  const tokenId = requireString(id, 'id');
  const data = await sdk(requireCallOptions(options)).ClearTokenRateLimit({ tokenId });
  confirm(data.tokenRateLimits?.apiInvocationRateLimit?.clearRateLimitPolicy, 'ClearTokenRateLimit', tokenId);
}

function confirm(result: boolean | null | undefined, operationName: string, tokenId: string): void {
  if (result !== true) {
    throw new ServerError(`${operationName} failed: J1 did not confirm the change for ${tokenId}`, { operationName });
  }
}
