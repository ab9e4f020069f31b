/**
 * Resolvers of user groups: `iamGetGroup`, `iamGetGroupList`, `updateIamGroup`.
 * @packageDocumentation
 */
import { badUserInput, iamRefused, notFound } from '../errors.js';
import { paginate } from '../paging.js';
import type { GroupRecord } from '../store.js';
import type { ResolverContext } from './context.js';

/** J1's `IamGroup`: `id` and `groupId` are the same id; the nested policy objects name the group too. */
function node(g: GroupRecord, accountId: string) {
  return {
    id: g.id,
    accountId,
    groupId: g.id,
    groupName: g.name,
    groupDescription: g.description,
    status: 'ACTIVE',
    groupQueryPolicy: { accountId, groupId: g.id, statement: structuredClone(g.queryPolicy) },
    groupAbacPermission: { subject: g.id, statement: [...g.permissions] },
  };
}

/** `Query.iamGetGroup(group)`: by id first, then by exact name; else `NOT_FOUND`. */
export function iamGetGroup(args: { group: string }, ctx: ResolverContext): unknown {
  if (ctx.iamRefused === true) throw iamRefused();
  const groups = ctx.store.groups;
  const found = groups.find((g) => g.id === args.group) ?? groups.find((g) => g.name === args.group);
  if (!found) throw notFound(`Group ${args.group} not found`);
  return node(found, ctx.accountId);
}

/** `Query.iamGetGroupList(limit, cursor, groupNameFilter)`: seed order, case-insensitive name substring filter. */
export function iamGetGroupList(
  args: { limit: number; cursor?: string | null; groupNameFilter?: string | null },
  ctx: ResolverContext,
): unknown {
  if (ctx.iamRefused === true) throw iamRefused();
  const filter = args.groupNameFilter?.toLowerCase() ?? '';
  const matching = ctx.store.groups.filter((g) => g.name.toLowerCase().includes(filter));
  const page = paginate(matching, {
    list: 'iamGetGroupList',
    keyOf: (g) => [g.seq],
    limit: args.limit,
    defaultLimit: args.limit,
    cursor: args.cursor,
  });
  return { items: page.items.map((g) => node(g, ctx.accountId)), pageInfo: page.pageInfo };
}

function policyObjects(list: readonly unknown[]): Record<string, unknown>[] {
  return list.map((p, i) => {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) {
      throw badUserInput(`queryPolicy[${i}] must be a JSON object`);
    }
    return structuredClone(p as Record<string, unknown>);
  });
}

/** Arguments of `updateIamGroup`. */
export interface UpdateIamGroupArgs {
  readonly id: string;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly abacPermissions?: readonly string[] | null;
  readonly queryPolicy?: readonly unknown[] | null;
}

/**
 * `Mutation.updateIamGroup`: like J1, REPLACES the permission list and the query policy
 * with what it is given, and a list that is not sent (or `null`) becomes EMPTY.
 * `name`/`description` keep their value when omitted or `null`; a blank name is `BAD_USER_INPUT`.
 */
export function updateIamGroup(args: UpdateIamGroupArgs, ctx: ResolverContext): unknown {
  if (ctx.iamRefused === true) throw iamRefused();
  const group = ctx.store.groups.find((g) => g.id === args.id);
  if (!group) throw notFound(`Group ${args.id} not found`);
  if (args.name !== undefined && args.name !== null && args.name.trim() === '') {
    throw badUserInput('name must not be empty');
  }
  const queryPolicy = policyObjects(args.queryPolicy ?? []);
  if (args.name !== undefined && args.name !== null) group.name = args.name;
  if (args.description !== undefined && args.description !== null) group.description = args.description;
  group.permissions = [...(args.abacPermissions ?? [])];
  group.queryPolicy = queryPolicy;
  return { id: group.id, name: group.name, description: group.description };
}
