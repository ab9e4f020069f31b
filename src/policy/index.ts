/**
 * Policy documents of JupiterOne account API keys: types, a builder, a validating parser
 * (one set of rules, written with `zod/mini`), serialization, plain-English descriptions
 * and a JSON Schema.
 *
 * Every function that takes a policy validates it and throws `PolicyError` (exported from
 * the package root) listing every problem with its path and a fix hint.
 *
 * @module
 */

export type {
  ParsePolicyOptions,
  PolicyCondition,
  PolicyDocument,
  PolicyEffect,
  PolicyPermission,
  QueryFilter,
  QueryFilterInput,
  QueryFilterValue,
} from './types.js';
export { KNOWN_ACTIONS, isKnownAction, type KnownAction } from './actions.js';
export { PolicyBuilder, policy, isPolicyBuilder, type StringOrList } from './builder.js';
export { parsePolicy, safeParsePolicy, type SafeParsePolicyResult } from './parse.js';
export { toPolicyDocument, type PolicyInput } from './input.js';
export { stringifyPolicy, type StringifyPolicyOptions } from './stringify.js';
export { describePolicy } from './describe.js';
export { policyJsonSchema } from './json-schema.js';
