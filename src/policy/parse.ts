/** Validating and normalizing policy documents. */

import { PolicyError, type PolicyIssue } from '../client/errors.js';
import { isPolicyBuilder } from './brand.js';
import { toPolicyIssues } from './issues.js';
import { parseJsonText } from './json-text.js';
import { normalizePolicy } from './normalize.js';
import { policySchema, strictPolicySchema } from './schema.js';
import type { ParsePolicyOptions, PolicyDocument, PolicyInput } from './types.js';

/** Result of {@link safeParsePolicy}: the document, or the error that `parsePolicy` would throw. */
export type SafeParsePolicyResult =
  { readonly success: true; readonly document: PolicyDocument } | { readonly success: false; readonly error: PolicyError };

const failure = (issues: readonly PolicyIssue[]): SafeParsePolicyResult => ({ success: false, error: new PolicyError(issues) });

/** Like {@link parsePolicy}, but returns the outcome instead of throwing for an invalid policy. */
export function safeParsePolicy(input: unknown, options: ParsePolicyOptions = {}): SafeParsePolicyResult {
  let value = input;
  if (typeof value === 'string') {
    const json = parseJsonText(value);
    if (!json.ok) return failure([json.issue]);
    value = json.value;
  } else if (isPolicyBuilder(value)) {
    try {
      value = value.build();
    } catch (error) {
      if (error instanceof PolicyError) return failure(error.issues);
      throw error;
    }
  }
  const schema = options.strict === true ? strictPolicySchema() : policySchema();
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(value);
  } catch (error) {
    // Only exotic objects (throwing getters, revoked proxies) get here.
    const reason = error instanceof Error ? error.message : 'it threw a non-Error value';
    return failure([{ path: '', message: `could not read the policy object: ${reason}` }]);
  }
  if (!result.success) return failure(toPolicyIssues(result.error.issues));
  return { success: true, document: normalizePolicy(result.data) };
}

/**
 * Validates a policy and returns it normalized and deeply frozen.
 *
 * - `input`: a document object, its JSON text (parsed first; a syntax error is one issue at
 *   path `''` naming line, column and offset), or a `PolicyBuilder`.
 * - Normalized: fresh objects, permission keys in the order effect, actions, resources,
 *   condition; query-filter values always arrays (`{"_type":"x"}` → `{"_type":["x"]}`).
 * - `options.strict`: also reject actions not in `KNOWN_ACTIONS`.
 *
 * @throws PolicyError listing EVERY problem, each `{ path, message }` where `path` looks like
 *   `permissions[0].condition.queryFilters[1]._type` (`''` for the whole document, the key
 *   name for an unknown root key) and `message` says how to fix it.
 */
export function parsePolicy(input: unknown, options?: ParsePolicyOptions): PolicyDocument {
  const result = safeParsePolicy(input, options);
  if (!result.success) throw result.error;
  return result.document;
}

/**
 * Turns anything `tokens.create({ policy })` accepts into a validated, frozen document.
 * Same as {@link parsePolicy}, with the input typed.
 *
 * @throws PolicyError when the policy is invalid.
 */
export function toPolicyDocument(input: PolicyInput, options?: ParsePolicyOptions): PolicyDocument {
  return parsePolicy(input, options);
}
