/**
 * Resolvers of account-level API keys: `createToken`, `revokeToken`,
 * `createCurrentUserToken`, `token`, `tokens`.
 * @packageDocumentation
 */
import { DEFAULT_PAGE_SIZE, FAR_FUTURE_EXPIRES_AT } from '../defaults.js';
import { badUserInput, notFound } from '../errors.js';
import { newId, newSecret } from '../ids.js';
import { paginate } from '../paging.js';
import { checkPolicy } from '../policy-check.js';
import type { TokenRecord } from '../store.js';
import type { IamTokenType } from '../types.js';
import type { ResolverContext } from './context.js';

/** An `IamToken` as resolved: `secret`/`token` are `''` on every read (J1 returns them from create only). */
function view(t: TokenRecord, ctx: ResolverContext, secret = '') {
  const user = t.type === 'USER_API' ? (ctx.store.users.find((u) => u.id === t.subject) ?? undefined) : undefined;
  return {
    id: t.id,
    secret,
    token: secret,
    category: t.category,
    subject: t.subject,
    type: t.type,
    name: t.name,
    accountId: ctx.accountId,
    username: user?.username ?? null,
    email: user?.email ?? null,
    userId: t.type === 'USER_API' ? t.subject : null,
    policy: t.policy,
    revoked: t.revoked,
    expiresAt: t.expiresAt,
    createdAt: t.createdAt,
    csrf: null,
  };
}

function requireToken(ctx: ResolverContext, id: string): TokenRecord {
  const t = ctx.store.token(id);
  if (!t) throw notFound(`Token ${id} not found`);
  return t;
}

interface NewToken {
  readonly name: string | null | undefined;
  readonly type: IamTokenType;
  readonly subject: string;
  readonly category: string | null;
  readonly policy: string | null;
  readonly expiresAt: number | null | undefined;
}

function insert(ctx: ResolverContext, t: NewToken): unknown {
  if (!t.name || t.name.trim() === '') throw badUserInput('name is required');
  if (t.expiresAt !== null && t.expiresAt !== undefined && t.expiresAt <= ctx.now) {
    throw badUserInput('expiresAt must be in the future');
  }
  const record: TokenRecord = {
    seq: ctx.store.nextSeq(),
    id: newId(),
    name: t.name,
    category: t.category,
    policy: t.policy,
    type: t.type,
    subject: t.subject,
    revoked: false,
    createdAt: ctx.now,
    expiresAt: t.expiresAt ?? FAR_FUTURE_EXPIRES_AT,
    secret: newSecret(),
  };
  ctx.store.tokens.push(record);
  return view(record, ctx, record.secret ?? '');
}

/** Arguments of `createToken`: exactly one of the two input styles. */
export interface CreateTokenArgs {
  readonly input?: {
    readonly type: IamTokenType;
    readonly subject?: string | null;
    readonly name?: string | null;
    readonly expiresAt?: number | null;
    readonly policy: string;
  } | null;
  readonly token?: { readonly name?: string | null; readonly category?: string | null; readonly policy?: string | null } | null;
}

/**
 * `Mutation.createToken`: exactly one of `token` (documented style, type ACCOUNT) or
 * `input`; the policy is required and must pass `parsePolicy`. Returns the secret once.
 */
export function createToken(args: CreateTokenArgs, ctx: ResolverContext): unknown {
  const { input, token } = args;
  if ((input ? 1 : 0) + (token ? 1 : 0) !== 1) throw badUserInput('Provide exactly one of `token` or `input`');
  const policy = input ? input.policy : token?.policy;
  if (policy === undefined || policy === null || policy.trim() === '') throw badUserInput('policy is required');
  checkPolicy(policy);
  const type = input?.type ?? 'ACCOUNT';
  return insert(ctx, {
    name: input ? input.name : token?.name,
    type,
    subject: input?.subject ?? (type === 'USER_API' ? ctx.currentUser.id : ctx.accountId),
    category: token?.category ?? null,
    policy,
    expiresAt: input?.expiresAt,
  });
}

/** `Mutation.createCurrentUserToken`: a USER_API key whose subject is the current user. */
export function createCurrentUserToken(args: { input: { name: string; expiresAt: number } }, ctx: ResolverContext): unknown {
  return insert(ctx, {
    name: args.input.name,
    type: 'USER_API',
    subject: ctx.currentUser.id,
    category: null,
    policy: null,
    expiresAt: args.input.expiresAt,
  });
}

/** `Mutation.revokeToken(id)`: sets `revoked`; idempotent; unknown id is `NOT_FOUND`. */
export function revokeToken(args: { id: string }, ctx: ResolverContext): unknown {
  const t = requireToken(ctx, args.id);
  t.revoked = true;
  return view(t, ctx);
}

/** `Query.token(id)`: active or revoked; unknown id is `NOT_FOUND`. */
export function token(args: { id: string }, ctx: ResolverContext): unknown {
  return view(requireToken(ctx, args.id), ctx);
}

/** Arguments of `tokens`. */
export interface TokensArgs {
  readonly search?: { readonly type: IamTokenType; readonly subject?: string | null; readonly subjectBeginsWith?: string | null } | null;
  readonly limit?: number | null;
  readonly cursor?: string | null;
}

/**
 * `Query.tokens`: keys of `search.type` (default ACCOUNT), optionally by exact `subject`
 * and/or `subjectBeginsWith`; revoked keys included (`revoked: true`); newest first
 * (`createdAt` descending, then creation order descending); `items` and `tokens` hold the same page.
 */
export function tokens(args: TokensArgs, ctx: ResolverContext): unknown {
  const type = args.search?.type ?? 'ACCOUNT';
  const subject = args.search?.subject;
  const prefix = args.search?.subjectBeginsWith;
  const matching = ctx.store.tokens.filter(
    (t) =>
      t.type === type &&
      (subject === undefined || subject === null || t.subject === subject) &&
      (prefix === undefined || prefix === null || t.subject.startsWith(prefix)),
  );
  const page = paginate(matching, {
    list: 'tokens',
    keyOf: (t) => [-t.createdAt, -t.seq],
    limit: args.limit,
    defaultLimit: DEFAULT_PAGE_SIZE,
    cursor: args.cursor,
  });
  const items = page.items.map((t) => view(t, ctx));
  return { items, tokens: items, pageInfo: page.pageInfo };
}
