/**
 * `client.whoami()`: the account and user behind the configured key, from J1's `iamGetAccount`
 * and `iamGetCurrentUser` (facts file, "Exact type names and nullability": both non-null roots,
 * their field types unverified, so every field is read as nullable). Loaded on first use.
 * @packageDocumentation
 */
import { requireCallOptions, startCall, type CallOptions } from '../client/call-options.js';
import { GraphQLResponseError, NotFoundError, PermissionError, ServerError, ValidationError } from '../client/errors.js';
import type { ResourceContext } from './context.js';
import { object, strings } from './shape.js';

/** Who and where the configured key is. */
export interface WhoAmI {
  /** The account J1 answered for (`iamGetAccount.accountId`, else its `id`). */
  readonly accountId: string;
  /** The account's display name, when J1 gives one. */
  readonly accountName: string | null;
  /** The user the key acts as; `null` for a key without a user (an account-level key) or when J1 names none. */
  readonly user: { readonly email: string | null; readonly username: string | null } | null;
}

/** `client.whoami()`. */
export async function whoami(ctx: Pick<ResourceContext, 'sdk' | 'timeoutMs'>, options?: CallOptions): Promise<WhoAmI> {
  // Both reads share one deadline (the call's timeoutMs, else the client's).
  const scope = startCall(requireCallOptions(options), ctx.timeoutMs);
  const data = await ctx.sdk(scope).GetAccount({});
  const account = object<Record<string, unknown>>(
    object<{ iamGetAccount?: unknown }>(data, 'GetAccount', 'data').iamGetAccount,
    'GetAccount',
    'iamGetAccount',
  );
  strings(account, 'GetAccount', [], ['id', 'accountId', 'accountName']);
  const accountId = (account['accountId'] as string | null | undefined) || (account['id'] as string | null | undefined);
  if (!accountId) throw new ServerError('GetAccount failed: malformed response from J1 (no accountId)', { operationName: 'GetAccount' });
  let user: WhoAmI['user'] = null;
  try {
    const me = await ctx.sdk(scope).GetCurrentUser({});
    const node = object<Record<string, unknown>>(
      object<{ iamGetCurrentUser?: unknown }>(me, 'GetCurrentUser', 'data').iamGetCurrentUser,
      'GetCurrentUser',
      'iamGetCurrentUser',
    );
    strings(node, 'GetCurrentUser', [], ['id', 'email', 'username']);
    const email = (node['email'] as string | null | undefined) ?? null;
    const username = (node['username'] as string | null | undefined) ?? null;
    if (email !== null || username !== null) user = Object.freeze({ email, username });
  } catch (error) {
    // A key without a user: J1 answers the user read with a GraphQL error. Anything else
    // (network, 401, timeout, a malformed answer) is the caller's to see.
    const noUser =
      error instanceof NotFoundError ||
      error instanceof PermissionError ||
      error instanceof GraphQLResponseError ||
      (error instanceof ValidationError && error.code === 'BAD_USER_INPUT');
    if (!noUser) throw error;
  }
  return Object.freeze({ accountId, accountName: (account['accountName'] as string | null | undefined) ?? null, user });
}
