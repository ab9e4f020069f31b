// The implementation of `client.groups`, loaded on first use (issue 16): `groups.ts` holds the
// public class, whose methods `await import()` this module.
import { requireCallOptions, type CallOptions } from '../client/call-options.js';
import { InvalidArgumentError, NotFoundError, ServerError } from '../client/errors.js';
import type { GroupFieldsFragment } from '../generated/graphql.js';
import type { ResourceContext } from './context.js';
import { collect, listingScope, paginate } from './paginate.js';
import { array, object, strings } from './shape.js';
import { required } from './token.js';
import { optionalString, optionsObject, requireInt, requireString } from './validate.js';
import { API_KEY_PERMISSION, type Group, type GroupChange, type GroupRef, type ListGroupsOptions } from './group-types.js';

/**
 * A group's `{ statement }` list: none when the holder or its statement is null; anything else
 * that is not a list is a malformed response (read as empty, it would be written back and wipe
 * the group's real permissions or query policy).
 */
function statement(holder: unknown, operationName: string, field: string): readonly unknown[] {
  if (holder === null || holder === undefined) return [];
  const list = object<{ statement?: unknown }>(holder, operationName, field).statement;
  return list === null ? [] : array<unknown>(list, operationName, `${field}.statement`);
}

function toGroup(value: GroupFieldsFragment, operationName: string): Group {
  const node = object<GroupFieldsFragment>(value, operationName, 'group');
  strings(node, operationName, ['id', 'groupName'], ['groupDescription', 'status']);
  const permissions = statement(node.groupAbacPermission, operationName, 'groupAbacPermission');
  if (!permissions.every((p) => typeof p === 'string'))
    throw new ServerError(`${operationName} failed: malformed response from J1 (a permission is not a string)`, { operationName });
  const queryPolicy = statement(node.groupQueryPolicy, operationName, 'groupQueryPolicy');
  return Object.freeze({
    id: node.id,
    name: node.groupName,
    description: node.groupDescription ?? null,
    status: node.status ?? null,
    permissions: Object.freeze([...permissions]),
    // `[JSON]` may hold nulls, which carry no filter and cannot be sent back as `[JSON!]`.
    queryPolicy: Object.freeze(queryPolicy.filter((s) => s !== null && s !== undefined)),
  });
}

/** User groups: read them and switch user-level API key access (`apiKeyUser`) on or off. */
/** What `GroupsResource` does, method for method. */
export class GroupsImpl {
  readonly #ctx: ResourceContext;

  constructor(ctx: ResourceContext) {
    this.#ctx = ctx;
  }

  /**
   * Reads one group. `{ name }` must match exactly one group's name: none or several is an error
   * (`NotFoundError` / `InvalidArgumentError`). A bare string is tried as an id, then as a name.
   */
  async get(ref: GroupRef, options?: CallOptions): Promise<Group> {
    if (typeof ref === 'string') {
      const key = requireString(ref, 'group');
      try {
        return await this.#byId(key, options);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        return this.#byName(key, options);
      }
    }
    if (typeof ref !== 'object' || ref === null) {
      throw new InvalidArgumentError('group must be { id } or { name }', { field: 'group' });
    }
    if ('id' in ref) return this.#byId(requireString(ref.id, 'group.id'), options);
    if ('name' in ref) return this.#byName(requireString(ref.name, 'group.name'), options);
    throw new InvalidArgumentError('group must be { id } or { name }', { field: 'group' });
  }

  /** Lists groups, optionally those whose name contains `nameFilter`. */
  list(listOptions?: ListGroupsOptions, options?: CallOptions): AsyncIterable<Group> {
    const { nameFilter, pageSize = 100 } = optionsObject(listOptions, 'listOptions');
    const scope = listingScope(options, this.#ctx.timeoutMs);
    const limit = requireInt(pageSize, 'pageSize', 1, 1000);
    const filter = optionalString(nameFilter, 'nameFilter');
    const sdk = this.#ctx.sdk;
    return paginate('ListIamGroups', async (cursor) => {
      const variables = {
        limit,
        ...(filter === undefined ? {} : { groupNameFilter: filter }),
        ...(cursor === undefined ? {} : { cursor }),
      };
      const data = await sdk(scope()).ListIamGroups(variables);
      const page = required(data.iamGetGroupList, 'ListIamGroups', 'iamGetGroupList');
      return {
        items: array<GroupFieldsFragment>(page.items, 'ListIamGroups', 'items').map((g) => toGroup(g, 'ListIamGroups')),
        pageInfo: page.pageInfo,
      };
    });
  }

  /** True when the group's users may create API keys (`apiKeyUser`). */
  async hasApiKeyAccess(ref: GroupRef, options?: CallOptions): Promise<boolean> {
    return (await this.get(ref, options)).permissions.includes(API_KEY_PERMISSION);
  }

  /**
   * Grants the group user-level API key access: reads the group, adds `apiKeyUser`, and writes
   * back the FULL permission list and the FULL query policy unchanged (J1 replaces what it is
   * given). Writes nothing when the group already has it.
   */
  enableApiKeyAccess(ref: GroupRef, options?: CallOptions): Promise<GroupChange> {
    return this.#setPermission(ref, true, options);
  }

  /** Removes `apiKeyUser` from the group, keeping every other permission and the query policy. */
  disableApiKeyAccess(ref: GroupRef, options?: CallOptions): Promise<GroupChange> {
    return this.#setPermission(ref, false, options);
  }

  async #setPermission(ref: GroupRef, wanted: boolean, options?: CallOptions): Promise<GroupChange> {
    const group = await this.get(ref, options);
    const has = group.permissions.includes(API_KEY_PERMISSION);
    if (has === wanted) return Object.freeze({ group, changed: false });
    const permissions = wanted ? [...group.permissions, API_KEY_PERMISSION] : group.permissions.filter((p) => p !== API_KEY_PERMISSION);
    const variables = {
      id: group.id,
      name: group.name,
      ...(group.description === null ? {} : { description: group.description }),
      abacPermissions: permissions,
      queryPolicy: [...group.queryPolicy],
    };
    await this.#ctx.sdk(requireCallOptions(options)).UpdateIamGroup(variables);
    return Object.freeze({ group: Object.freeze({ ...group, permissions: Object.freeze(permissions) }), changed: true });
  }

  async #byId(id: string, options?: CallOptions): Promise<Group> {
    const data = await this.#ctx.sdk(requireCallOptions(options)).GetIamGroup({ group: id });
    const group = toGroup(required(data.iamGetGroup, 'GetIamGroup', 'iamGetGroup'), 'GetIamGroup');
    // `iamGetGroup(group:)` may also resolve a name; a group found that way is not "the group with
    // this id" (names need not be unique: the name path checks that), so it does not count here.
    if (group.id !== id) throw new NotFoundError(`GetIamGroup: no group has the id ${id}`, { operationName: 'GetIamGroup' });
    return group;
  }

  async #byName(name: string, options?: CallOptions): Promise<Group> {
    const matches = (await collect(this.list({ nameFilter: name }, options))).filter((g) => g.name === name);
    const [only, ...others] = matches;
    if (only === undefined) {
      throw new NotFoundError(`No group is named ${JSON.stringify(name)}. Fix: check the name (exact, case-sensitive) or pass { id }`, {
        operationName: 'ListIamGroups',
      });
    }
    if (others.length > 0) {
      throw new InvalidArgumentError(
        `${matches.length} groups are named ${JSON.stringify(name)} (ids ${matches.map((g) => g.id).join(', ')}). Fix: pass { id } instead`,
        { field: 'group.name' },
      );
    }
    return only;
  }
}
