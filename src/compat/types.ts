/**
 * Result types of `client.checkCompatibility()` (types only: the check itself is loaded on first use).
 * @packageDocumentation
 */

/** One difference between the live J1 schema and what this SDK was built for. */
export interface CompatibilityProblem {
  /** The operation (from `operations/`) that the live schema refuses, when the problem is one. */
  readonly operation?: string;
  /** What differs, e.g. `IamGroup.id: ID! here, ID in the live schema`. */
  readonly message: string;
}

/** What `client.checkCompatibility()` found. */
export interface CompatibilityReport {
  /** True when every operation validates against the live schema and nothing we declare differs. */
  readonly compatible: boolean;
  /** Every difference: operations the live schema refuses, then schema differences. Empty when compatible. */
  readonly problems: readonly CompatibilityProblem[];
}
