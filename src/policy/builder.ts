/** Fluent, immutable construction of policy documents. */

import { policyError } from './errors.js';
import { POLICY_BUILDER, isPolicyBuilder as hasBuilderBrand } from './brand.js';
import { safeParsePolicy, unreadableIssue } from './parse.js';
import type { ParsePolicyOptions, PolicyDocument, PolicyEffect, PolicyPermission, QueryFilterInput } from './types.js';

/** Actions or resources: one string or a non-empty array of strings. */
export type StringOrList = string | readonly string[];

const toList = (value: unknown): unknown[] => {
  try {
    return Array.isArray(value) ? [...(value as unknown[])] : [value];
  } catch {
    // A revoked Proxy or a throwing iterator: hand it to the validator, which reports it as a PolicyError.
    return [value];
  }
};

/**
 * Builds a policy step by step. **Immutable**: every method returns a new builder and leaves
 * the one it was called on unchanged, so a partial builder can be shared and extended safely.
 * Every step validates with the same rules as `parsePolicy` and throws `PolicyError` (with the
 * path the bad value would have in the document) at once, so a builder can never hold an
 * invalid policy. Create one with {@link policy}.
 *
 * @example
 * ```ts
 * policy().allow().queryFilter({ _type: 'github_repo' }).build();
 * // { permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'],
 * //                   condition: { queryFilters: [{ _type: ['github_repo'] }] } }] }
 * ```
 */
export class PolicyBuilder {
  /** @internal Lets `parsePolicy` recognize builders without importing this class. */
  readonly [POLICY_BUILDER] = true as const;
  readonly #permissions: readonly PolicyPermission[];
  readonly #options: ParsePolicyOptions;

  private constructor(permissions: readonly PolicyPermission[], options: ParsePolicyOptions) {
    this.#permissions = permissions;
    this.#options = options;
    Object.freeze(this);
  }

  /** An empty builder; same as {@link policy}. `options.strict` checks actions against `KNOWN_ACTIONS`. */
  static create(options: ParsePolicyOptions = {}): PolicyBuilder {
    let strict: boolean;
    try {
      strict = options.strict === true;
    } catch (error) {
      throw policyError([unreadableIssue('builder options', 'options', error)]);
    }
    return new PolicyBuilder(Object.freeze([]), { strict });
  }

  /**
   * Starts a new `ALLOW` permission. Each argument is a string or a non-empty array of
   * non-empty strings; both default to `'*'` (everything).
   * @throws PolicyError on an invalid argument.
   */
  allow(actions: StringOrList = '*', resources: StringOrList = '*'): PolicyBuilder {
    return this.#add('ALLOW', actions, resources);
  }

  /**
   * Starts a new `DENY` permission. Each argument is a string or a non-empty array of non-empty strings.
   * @throws PolicyError on an invalid argument.
   */
  deny(actions: StringOrList, resources: StringOrList): PolicyBuilder {
    return this.#add('DENY', actions, resources);
  }

  /**
   * Adds one filter object to the current (last) permission's `condition.queryFilters`.
   * Keys of one filter must all match (AND); call again to add an alternative (OR).
   * Single values become one-element arrays: `{ _type: 'github_repo' }` → `{ "_type": ["github_repo"] }`.
   * @throws PolicyError before any `allow`/`deny`, or when the filter is empty or holds
   *   an empty key, `null`, a nested object, an empty array or a non-finite number.
   */
  queryFilter(filter: QueryFilterInput): PolicyBuilder {
    const last = this.#permissions[this.#permissions.length - 1];
    if (last === undefined) {
      throw policyError([
        { path: 'permissions', message: 'queryFilter() needs a permission first: call .allow() or .deny() before .queryFilter()' },
      ]);
    }
    const queryFilters = [...(last.condition?.queryFilters ?? []), filter];
    return this.#next([...this.#permissions.slice(0, -1), { ...last, condition: { queryFilters } }]);
  }

  /**
   * The validated, deeply frozen document.
   * @throws PolicyError when no permission was added.
   */
  build(): PolicyDocument {
    if (this.#permissions.length === 0) {
      throw policyError([{ path: 'permissions', message: 'the policy has no permission: call .allow() or .deny() before .build()' }]);
    }
    return Object.freeze({ permissions: this.#permissions });
  }

  /**
   * The document (so `JSON.stringify(builder)` gives the policy JSON). Same as {@link PolicyBuilder.build}.
   * @throws PolicyError when no permission was added.
   */
  toJSON(): PolicyDocument {
    return this.build();
  }

  /**
   * The compact JSON text J1 expects, e.g. `{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}`.
   * @throws PolicyError when no permission was added (an empty builder has no valid text).
   */
  toString(): string {
    return JSON.stringify(this.build());
  }

  #add(effect: PolicyEffect, actions: unknown, resources: unknown): PolicyBuilder {
    return this.#next([...this.#permissions, { effect, actions: toList(actions), resources: toList(resources) }]);
  }

  /** Validates the whole candidate document and returns a builder holding its normalized permissions. */
  #next(permissions: readonly unknown[]): PolicyBuilder {
    const result = safeParsePolicy({ permissions }, this.#options);
    if (!result.success) throw result.error;
    return new PolicyBuilder(result.document.permissions, this.#options);
  }
}

/**
 * Starts building a policy. See {@link PolicyBuilder}.
 *
 * @example
 * ```ts
 * policy().allow().toString(); // '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}'
 * ```
 */
export function policy(options?: ParsePolicyOptions): PolicyBuilder {
  return PolicyBuilder.create(options);
}

/** Whether `value` is a {@link PolicyBuilder} (also one from another copy of this package). */
export function isPolicyBuilder(value: unknown): value is PolicyBuilder {
  return hasBuilderBrand(value);
}
