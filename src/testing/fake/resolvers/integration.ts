/**
 * Resolvers of integration API keys: `createIntegrationInstanceToken`,
 * `revokeIntegrationInstanceToken`, `integrationInstanceTokens`.
 * @packageDocumentation
 */
import { DEFAULT_PAGE_SIZE, FAR_FUTURE_EXPIRES_AT } from '../defaults.js';
import { badUserInput, notFound } from '../errors.js';
import { newId, newSecret } from '../ids.js';
import { paginate } from '../paging.js';
import type { InstanceRecord, IntegrationTokenRecord } from '../store.js';
import type { ResolverContext } from './context.js';

function instance(ctx: ResolverContext, id: string): InstanceRecord {
  const found = ctx.store.instances.find((i) => i.id === id);
  if (!found) throw notFound(`Integration instance ${id} not found`);
  return found;
}

function view(t: IntegrationTokenRecord, secret: string) {
  return { tokenId: t.tokenId, token: secret, createdAt: t.createdAt, expiresAt: t.expiresAt };
}

/** `Mutation.createIntegrationInstanceToken(id)`: the instance must exist and have a configuration. */
export function createIntegrationInstanceToken(args: { id: string }, ctx: ResolverContext): unknown {
  const inst = instance(ctx, args.id);
  if (!inst.configured) {
    throw badUserInput(`Integration instance ${args.id} must have at least one configuration`);
  }
  const record: IntegrationTokenRecord = {
    seq: ctx.store.nextSeq(),
    tokenId: newId(),
    instanceId: inst.id,
    secret: newSecret(),
    revoked: false,
    createdAt: ctx.now,
    expiresAt: FAR_FUTURE_EXPIRES_AT,
  };
  ctx.store.integrationTokens.push(record);
  return view(record, record.secret);
}

/** `Mutation.revokeIntegrationInstanceToken(tokenId)`: idempotent; unknown id is `NOT_FOUND`. */
export function revokeIntegrationInstanceToken(args: { tokenId: string }, ctx: ResolverContext): unknown {
  const record = ctx.store.integrationTokens.find((t) => t.tokenId === args.tokenId);
  if (!record) throw notFound(`Integration API key ${args.tokenId} not found`);
  record.revoked = true;
  return { success: true };
}

/** `Query.integrationInstanceTokens(id, cursor, limit)`: active keys, newest first, `token` is `''`. */
export function integrationInstanceTokens(
  args: { id: string; cursor?: string | null; limit?: number | null },
  ctx: ResolverContext,
): unknown {
  instance(ctx, args.id);
  const active = ctx.store.integrationTokens.filter((t) => t.instanceId === args.id && !t.revoked);
  const page = paginate(active, {
    list: `integrationInstanceTokens:${args.id}`,
    keyOf: (t) => [-t.createdAt, -t.seq],
    limit: args.limit,
    defaultLimit: DEFAULT_PAGE_SIZE,
    cursor: args.cursor,
  });
  return { tokens: page.items.map((t) => view(t, '')), pageInfo: page.pageInfo };
}

/** Arguments of `integrationInstances`. */
export interface IntegrationInstancesArgs {
  readonly definitionId?: string | null;
  readonly cursor?: string | null;
  readonly limit?: number | null;
  readonly filter?: { readonly name?: string | null } | null;
}

/**
 * `Query.integrationInstances`: seed order, cursor-paged; `definitionId` and `filter.name` match
 * exactly. An instance seeded without a name is listed under its id (J1's `name` is non-null).
 */
export function integrationInstances(args: IntegrationInstancesArgs, ctx: ResolverContext): unknown {
  const name = args.filter?.name ?? undefined;
  const matching = ctx.store.instances.filter(
    (i) => (name === undefined || (i.name ?? i.id) === name) && (args.definitionId == null || i.definitionId === args.definitionId),
  );
  const page = paginate(matching, {
    list: 'integrationInstances',
    keyOf: (i) => [ctx.store.instances.indexOf(i)],
    limit: args.limit,
    defaultLimit: DEFAULT_PAGE_SIZE,
    cursor: args.cursor,
  });
  return {
    instances: page.items.map((i) => ({
      id: i.id,
      name: i.name ?? i.id,
      accountId: ctx.accountId,
      integrationDefinitionId: i.definitionId,
      description: null,
    })),
    pageInfo: page.pageInfo,
  };
}
