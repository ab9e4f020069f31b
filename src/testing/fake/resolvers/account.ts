/**
 * Resolvers of who-am-I reads: `iamGetAccount`, `iamGetCurrentUser`.
 * @packageDocumentation
 */
import type { ResolverContext } from './context.js';

/** `Query.iamGetAccount`: the request's account. The fake names it `Account <id>`. */
export function iamGetAccount(_args: unknown, ctx: ResolverContext): unknown {
  return {
    id: ctx.accountId,
    accountId: ctx.accountId,
    accountName: `Account ${ctx.accountId}`,
    accountSubdomain: ctx.accountId,
    status: 'ACTIVE',
  };
}

/** `Query.iamGetCurrentUser`: the fake's current user. */
export function iamGetCurrentUser(_args: unknown, ctx: ResolverContext): unknown {
  const u = ctx.currentUser;
  return { id: u.id, email: u.email, userId: u.id, username: u.username, nickName: null, lastLogin: null };
}
