/** Serializing policy documents. */

import { toPolicyDocument, type PolicyInput } from './input.js';
import type { ParsePolicyOptions } from './types.js';

/** Options of {@link stringifyPolicy}. */
export interface StringifyPolicyOptions extends ParsePolicyOptions {
  /** Indent with 2 spaces and break lines. Default `false`: compact, as J1 stores it. */
  readonly pretty?: boolean | undefined;
}

/**
 * Validates a policy and returns its JSON text with keys in a stable order
 * (permissions; effect, actions, resources, condition; filter keys as given).
 * Compact by default; `{ pretty: true }` indents with 2 spaces.
 *
 * @throws PolicyError when the policy is invalid.
 */
export function stringifyPolicy(input: PolicyInput, options: StringifyPolicyOptions = {}): string {
  const document = toPolicyDocument(input, options);
  return options.pretty === true ? JSON.stringify(document, null, 2) : JSON.stringify(document);
}
