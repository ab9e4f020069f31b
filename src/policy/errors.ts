/**
 * The policy module's own error: a policy document is invalid. Lives here, not with the HTTP
 * client's errors, so that policy code depends on nothing but the shared base ({@link JupiterOneError}).
 * @module
 */
import { JupiterOneError, type JupiterOneErrorOptions } from '../error-base.js';

/** One problem found in a policy document. */
export interface PolicyIssue {
  /** Where the problem is, e.g. `permissions[0].condition.queryFilters[1]._type`. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** A policy document is invalid; carries every problem with its path. Build one with {@link policyError}. */
export class PolicyError extends JupiterOneError {
  /** The machine-readable code: `POLICY_INVALID`. */
  declare readonly code: 'POLICY_INVALID';
  /** Every problem found, each with its path and a fix hint. */
  readonly issues: readonly PolicyIssue[];
  /** Creates the error; {@link policyError} writes the message that lists the issues. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly issues: readonly PolicyIssue[] }) {
    super(message, { ...options, code: 'POLICY_INVALID' });
    this.issues = Object.freeze(options.issues.map((i) => Object.freeze({ path: i.path, message: i.message })));
  }
}

/** A {@link PolicyError} whose message lists every issue with its path. */
export function policyError(issues: readonly PolicyIssue[]): PolicyError {
  const list = issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n');
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new PolicyError(`Invalid policy (${count}):\n${list}`, { issues });
}
