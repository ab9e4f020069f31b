/** Recognizing policy builders without importing the builder (avoids an import cycle). */

/** Marks `PolicyBuilder` instances; `Symbol.for` so that two copies of the package agree. */
export const POLICY_BUILDER: unique symbol = Symbol.for('j1-api-keys.PolicyBuilder');

/** What the parser needs from a builder. */
export interface BuilderLike {
  readonly [POLICY_BUILDER]: true;
  build(): unknown;
}

/** Whether `value` is a `PolicyBuilder` (from this or another copy of the package). */
export function isPolicyBuilder(value: unknown): value is BuilderLike {
  return typeof value === 'object' && value !== null && (value as Partial<BuilderLike>)[POLICY_BUILDER] === true;
}
