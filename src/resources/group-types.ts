/** The group permission that lets a group's users create their own API keys ("API Key Management"). */
export const API_KEY_PERMISSION = 'apiKeyUser';

/** A J1 user group. */
export interface Group {
  /** The group's id. */
  readonly id: string;
  /** The group's name. */
  readonly name: string;
  /** The group's description, if any. */
  readonly description: string | null;
  /** J1's status, e.g. `ACTIVE`. */
  readonly status: string | null;
  /** The group's permissions (ABAC statement), e.g. `['readGraph', 'apiKeyUser']`. */
  readonly permissions: readonly string[];
  /** The group's query policy: filter objects, exactly as J1 returned them. */
  readonly queryPolicy: readonly unknown[];
}

/** Names a group: `{ id }` or `{ name }` (a bare string is tried as an id, then as a name). */
export type GroupRef = string | { readonly id: string } | { readonly name: string };

/** What an enable / disable call did. */
export interface GroupChange {
  /** The group after the call. */
  readonly group: Group;
  /** False when the group was already in the wanted state (nothing was written). */
  readonly changed: boolean;
}

/** Options of `GroupsResource.list`. */
export interface ListGroupsOptions {
  /** Only groups whose name contains this text. */
  readonly nameFilter?: string | undefined;
  /** Groups per request (1–1000). Default 100. */
  readonly pageSize?: number | undefined;
}
