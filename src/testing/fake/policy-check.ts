/**
 * Validates the policy string of `createToken` with the SDK's own `parsePolicy`.
 * @packageDocumentation
 */
import { PolicyError } from '../../policy/errors.js';
import { parsePolicy } from '../../policy/index.js';
import { badUserInput } from './errors.js';

/**
 * Throws J1's `BAD_USER_INPUT` when `policy` (the JSON string sent to `createToken`)
 * is not a valid policy document; the message lists every issue as `path: message`.
 */
export function checkPolicy(policy: string): void {
  // J1 parses the string with JSON.parse, which refuses a byte-order mark (parsePolicy forgives it).
  if (policy.startsWith('\uFEFF')) throw badUserInput('Invalid policy: the JSON text starts with a byte-order mark (U+FEFF)');
  try {
    parsePolicy(policy);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const issues = error.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    throw badUserInput(`Invalid policy: ${issues}`);
  }
}
