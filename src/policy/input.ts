/**
 * What `tokens.create({ policy })` and the policy functions accept. Its own module, above both
 * the builder and the parser, so that neither imports the other's types (no import cycle).
 * @module
 */
import type { PolicyBuilder } from './builder.js';
import { parsePolicy } from './parse.js';
import type { ParsePolicyOptions, PolicyDocument } from './types.js';

/**
 * Anything that can be turned into a policy document: a builder, a document object,
 * or its JSON text. This is what `tokens.create({ policy })` accepts.
 */
export type PolicyInput = PolicyBuilder | PolicyDocument | string;

/**
 * Turns anything `tokens.create({ policy })` accepts into a validated, frozen document.
 * Same as {@link parsePolicy}, with the input typed.
 *
 * @throws PolicyError when the policy is invalid.
 */
export function toPolicyDocument(input: PolicyInput, options?: ParsePolicyOptions): PolicyDocument {
  return parsePolicy(input, options);
}
