/**
 * Resolvers of per-key rate limits: `Query.accountRateLimits` and `Mutation.tokenRateLimits`.
 * @packageDocumentation
 */
import { badUserInput, notFound } from '../errors.js';
import type { ResolverContext } from './context.js';
import { usageMetrics } from './usage.js';

interface PolicyInput {
  readonly invocationWindowSeconds: number;
  readonly invocationCapacity: number;
}

function requireToken(ctx: ResolverContext, tokenId: string): void {
  if (!ctx.store.token(tokenId)) throw notFound(`Token ${tokenId} not found`);
}

/**
 * `Query.accountRateLimits`: `tokenRateLimits(tokenId)` gives the override (`null` policy = default)
 * and the key's usage `metrics`. Reads also accept an integration key's id (J1 does not say
 * whether they have per-key limits; the fake assumes they do, as every key is its own client).
 */
export function accountRateLimits(): unknown {
  return {
    tokenRateLimits(args: { tokenId: string }, ctx: ResolverContext) {
      if (!ctx.store.integrationTokens.some((t) => t.tokenId === args.tokenId)) requireToken(ctx, args.tokenId);
      const limit = ctx.store.rateLimits.get(args.tokenId);
      const rateLimitPolicy = limit ? { invocationWindowSeconds: limit.windowSeconds, invocationCapacity: limit.capacity } : null;
      return { apiInvocationRateLimit: { rateLimitPolicy, metrics: usageMetrics(args.tokenId) } };
    },
  };
}

/** `Mutation.tokenRateLimits(tokenId)`: set (positive integers only) or clear a key's override. */
export function tokenRateLimits(args: { tokenId: string }, ctx: ResolverContext): unknown {
  requireToken(ctx, args.tokenId);
  const { tokenId } = args;
  return {
    apiInvocationRateLimit: {
      setRateLimitPolicy(a: { rateLimitPolicy: PolicyInput }, c: ResolverContext): boolean {
        const { invocationWindowSeconds: windowSeconds, invocationCapacity: capacity } = a.rateLimitPolicy;
        for (const [name, v] of [
          ['invocationWindowSeconds', windowSeconds],
          ['invocationCapacity', capacity],
        ] as const) {
          if (!Number.isInteger(v) || v < 1) throw badUserInput(`${name} must be a positive integer, got ${v}`);
        }
        c.store.rateLimits.set(tokenId, { capacity, windowSeconds });
        return true;
      },
      clearRateLimitPolicy(_a: unknown, c: ResolverContext): boolean {
        c.store.rateLimits.delete(tokenId);
        return true;
      },
    },
  };
}
