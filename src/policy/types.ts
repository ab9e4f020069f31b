/**
 * Types of a JupiterOne account API-key policy document.
 *
 * Everything is `readonly`: documents returned by this module are deeply frozen.
 */

/** Whether a permission grants (`ALLOW`) or removes (`DENY`) access. Always upper case. */
export type PolicyEffect = 'ALLOW' | 'DENY';

/** One value an entity property is compared with. Numbers are finite. */
export type QueryFilterValue = string | number | boolean;

/**
 * One query filter: entity property name → the values it may have.
 *
 * Every key must match (AND); a key matches when the property equals any of its values (OR).
 * In a validated document the values are always a non-empty array.
 *
 * @example `{ "_type": ["github_repo", "aws_s3_bucket"], "_integrationType": ["github"] }`
 */
export type QueryFilter = Readonly<Record<string, readonly QueryFilterValue[]>>;

/** The `condition` block of a permission. */
export interface PolicyCondition {
  /** Filter objects; the permission applies when ANY of them matches (OR). Never empty. */
  readonly queryFilters: readonly QueryFilter[];
}

/** One statement of a policy. Keys always come in the order effect, actions, resources, condition. */
export interface PolicyPermission {
  /** `ALLOW` or `DENY`. */
  readonly effect: PolicyEffect;
  /** Actions, e.g. `*` or `query:ReadGraphData`. Never empty. */
  readonly actions: readonly string[];
  /** Resources, e.g. `*`. Never empty. */
  readonly resources: readonly string[];
  /** Restricts the permission to entities matching its query filters. */
  readonly condition?: PolicyCondition;
}

/** A complete, validated policy document as J1 expects it (`{ "permissions": [...] }`). */
export interface PolicyDocument {
  /** The permissions, in order. Never empty. */
  readonly permissions: readonly PolicyPermission[];
}

/**
 * A filter as given to `PolicyBuilder.queryFilter`: each value is one primitive
 * or an array of them; single values are normalized to one-element arrays.
 */
export type QueryFilterInput = Record<string, QueryFilterValue | readonly QueryFilterValue[]>;

/** Options of `parsePolicy` and of every function that validates a policy. */
export interface ParsePolicyOptions {
  /**
   * Also reject actions not listed in `KNOWN_ACTIONS`. Default `false`: J1's
   * sources disagree on which actions exist, so by default any non-empty string is allowed.
   */
  readonly strict?: boolean | undefined;
}
