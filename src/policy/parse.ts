/** Validating and normalizing policy documents. */

import { PolicyError, policyError, type PolicyIssue } from './errors.js';
import { isPolicyBuilder } from './brand.js';
import { toPolicyIssues } from './issues.js';
import { parseJsonText } from './json-text.js';
import { normalizePolicy } from './normalize.js';
import { policySchema, strictPolicySchema } from './schema.js';
import type { ParsePolicyOptions, PolicyDocument } from './types.js';

/** Result of {@link safeParsePolicy}: the document, or the error that `parsePolicy` would throw. */
export type SafeParsePolicyResult =
  { readonly success: true; readonly document: PolicyDocument } | { readonly success: false; readonly error: PolicyError };

const failure = (issues: readonly PolicyIssue[]): SafeParsePolicyResult => ({ success: false, error: policyError(issues) });

/** Why reading an exotic object failed (a revoked `Proxy`, a throwing getter or trap), for the issue text. */
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : 'it threw a non-Error value');

/**
 * The issue for an input (or options object) that throws when read: a revoked `Proxy`, a `Proxy`
 * whose traps throw, a throwing getter. Such a value is refused as invalid, never as a raw `TypeError`.
 */
export function unreadableIssue(what: string, path: string, error: unknown): PolicyIssue {
  return {
    path,
    message: `could not read the ${what}: ${reasonOf(error)}. Fix: pass a plain object (or JSON text, or a policy() builder), not a revoked Proxy or an object whose getters throw`,
  };
}

/** Like {@link parsePolicy}, but returns the outcome instead of throwing for an invalid policy. */
export function safeParsePolicy(input: unknown, options: ParsePolicyOptions = {}): SafeParsePolicyResult {
  let strict: boolean;
  try {
    strict = options.strict === true;
  } catch (error) {
    return failure([unreadableIssue('parse options', '', error)]);
  }
  try {
    return parseReadable(input, strict);
  } catch (error) {
    // Every read of `input` is in here: the builder brand check, `build()`, the schema, normalizing.
    if (error instanceof PolicyError) return failure(error.issues);
    return failure([unreadableIssue('policy object', '', error)]);
  }
}

function parseReadable(input: unknown, strict: boolean): SafeParsePolicyResult {
  let value = input;
  if (typeof value === 'string') {
    const json = parseJsonText(value);
    if (!json.ok) return failure([json.issue]);
    value = json.value;
  } else if (isPolicyBuilder(value)) {
    value = value.build();
  }
  const result = (strict ? strictPolicySchema() : policySchema()).safeParse(value);
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
