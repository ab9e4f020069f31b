import { requireCallOptions, type CallOptions } from '../client/call-options.js';
import type { ResourceContext } from './context.js';
import type { GroupsImpl } from './groups-impl.js';
import type { Group, GroupChange, GroupRef, ListGroupsOptions } from './group-types.js';

export { API_KEY_PERMISSION, type Group, type GroupChange, type GroupRef, type ListGroupsOptions } from './group-types.js';
import { optionalString, optionsObject, requireInt } from './validate.js';

/**
 * User groups: read them and switch user-level API key access (`apiKeyUser`) on or off.
 *
 * The implementation (`groups-impl.ts`) is loaded on the first call (issue 16: a script that
 * never touches groups does not pay for them at import); arguments are still checked first.
 */
export class GroupsResource {
  readonly #ctx: ResourceContext;
  #impl: Promise<GroupsImpl> | undefined;

  /** @internal Built by `createClient`. */
  constructor(ctx: ResourceContext) {
    this.#ctx = ctx;
  }

  /** The implementation, loaded once; a failed load is not remembered (the next call tries again). */
  #load(): Promise<GroupsImpl> {
    return (this.#impl ??= import('./groups-impl.js').then(
      ({ GroupsImpl }) => new GroupsImpl(this.#ctx),
      (error: unknown) => {
        this.#impl = undefined;
        throw error;
      },
    ));
  }

  /**
   * Reads one group. `{ name }` must match exactly one group's name: none or several is an error
   * (`NotFoundError` / `InvalidArgumentError`). A bare string is tried as an id, then as a name.
   */
  async get(ref: GroupRef, options?: CallOptions): Promise<Group> {
    return (await this.#load()).get(ref, options);
  }

  /** Lists groups, optionally those whose name contains `nameFilter`. */
  list(listOptions?: ListGroupsOptions, options?: CallOptions): AsyncIterable<Group> {
    // Bad arguments throw here, synchronously, as before the implementation is loaded.
    const { nameFilter, pageSize = 100 } = optionsObject(listOptions, 'listOptions');
    requireCallOptions(options);
    requireInt(pageSize, 'pageSize', 1, 1000);
    optionalString(nameFilter, 'nameFilter');
    const load = (): Promise<GroupsImpl> => this.#load();
    return (async function* groups(): AsyncGenerator<Group, void, undefined> {
      yield* (await load()).list(listOptions, options);
    })();
  }

  /** True when the group's users may create API keys (`apiKeyUser`). */
  async hasApiKeyAccess(ref: GroupRef, options?: CallOptions): Promise<boolean> {
    return (await this.#load()).hasApiKeyAccess(ref, options);
  }

  /**
   * Grants the group user-level API key access: reads the group, adds `apiKeyUser`, and writes
   * back the FULL permission list and the FULL query policy unchanged (J1 replaces what it is
   * given). Writes nothing when the group already has it.
   */
  async enableApiKeyAccess(ref: GroupRef, options?: CallOptions): Promise<GroupChange> {
    return (await this.#load()).enableApiKeyAccess(ref, options);
  }

  /** Removes `apiKeyUser` from the group, keeping every other permission and the query policy. */
  async disableApiKeyAccess(ref: GroupRef, options?: CallOptions): Promise<GroupChange> {
    return (await this.#load()).disableApiKeyAccess(ref, options);
  }
}
