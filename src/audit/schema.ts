/**
 * Validation of audit rules (zod/mini), built on first use: importing the package builds nothing.
 * Issues carry paths in the policy format (`maxAgeDays.severity`, `ignore[2]`).
 */
import * as z from 'zod/mini';
import { InvalidArgumentError } from '../client/errors.js';
import type { JupiterOneErrorOptions } from '../error-base.js';
import type { PolicyIssue } from '../policy/errors.js';
import { formatPath } from '../policy/issues.js';
import { didYouMean } from '../suggest.js';
import type { AuditRules } from './types.js';

/** The keys a rules document may hold. */
export const RULE_KEYS = [
  '$schema',
  'maxAgeDays',
  'requireExpiry',
  'maxLifetimeDays',
  'expiringWithinDays',
  'forbidFullAccess',
  'namePattern',
  'unusedForDays',
  'ignore',
] as const;

/** Audit rules are invalid; `issues` lists every problem with its path and a fix. Thrown by `parseAuditRules`. */
export class AuditRulesError extends InvalidArgumentError {
  /** Every problem found, each with its path (`maxAgeDays.days`) and a fix hint. */
  readonly issues: readonly PolicyIssue[];
  /** Creates the error; the message lists the issues (see `parseAuditRules`). */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly issues: readonly PolicyIssue[] }) {
    super(message, { ...options, field: 'rules' });
    this.issues = Object.freeze(options.issues.map((i) => Object.freeze({ path: i.path, message: i.message })));
  }
}

/** An {@link AuditRulesError} whose message lists every issue with its path. */
export function auditRulesError(issues: readonly PolicyIssue[]): AuditRulesError {
  const list = issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n');
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new AuditRulesError(`Invalid audit rules (${count}):\n${list}`, { issues });
}

const MAX_DAYS = 36_500;

function build() {
  const severity = z.optional(z.enum(['error', 'warning'], { error: 'must be "error" or "warning"' }));
  const days = (rule: string) =>
    z.pipe(
      z.transform((v: unknown) => (typeof v === 'number' ? { days: v } : v)),
      z.strictObject(
        {
          days: z
            .number({ error: `must be a number of days, e.g. { "${rule}": 90 }` })
            .check(
              z.int({ error: 'must be a whole number of days' }),
              z.minimum(0, { error: 'must be 0 or more' }),
              z.maximum(MAX_DAYS, { error: `must be at most ${MAX_DAYS}` }),
            ),
          severity,
        },
        { error: `must be a number of days or { "days": N, "severity": "error" | "warning" }` },
      ),
    );
  const onOff = z.pipe(
    z.transform((v: unknown) => (v === true ? {} : v === false ? { off: true } : v)),
    z.strictObject({ severity, off: z.optional(z.literal(true)) }, { error: 'must be true, false or { "severity": "error" | "warning" }' }),
  );
  const pattern = z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' ? { pattern: v } : v)),
    z
      .strictObject(
        {
          pattern: z.string({ error: 'must be a regular expression as a string, e.g. "^(ci|svc)-"' }),
          flags: z.optional(z.string().check(z.regex(/^[imsu]*$/, { error: 'may only hold the flags i, m, s and u' }))),
          severity,
        },
        { error: 'must be a regular expression string or { "pattern": "…", "flags": "i", "severity": "error" | "warning" }' },
      )
      .check(
        z.refine(
          (r: { pattern: string; flags?: string | undefined }) => {
            try {
              new RegExp(r.pattern, r.flags ?? '');
              return true;
            } catch {
              return false;
            }
          },
          { error: 'is not a valid regular expression. Fix: check brackets and escapes', path: ['pattern'] },
        ),
      ),
  );
  return z.strictObject(
    {
      $schema: z.optional(z.string({ error: 'must be a string (the schema URL or path)' })),
      maxAgeDays: z.optional(days('maxAgeDays')),
      requireExpiry: z.optional(onOff),
      maxLifetimeDays: z.optional(days('maxLifetimeDays')),
      expiringWithinDays: z.optional(days('expiringWithinDays')),
      forbidFullAccess: z.optional(onOff),
      namePattern: z.optional(pattern),
      unusedForDays: z.optional(days('unusedForDays')),
      ignore: z.optional(
        z.array(z.string({ error: 'must be a key id or a name glob (a string)' }).check(z.minLength(1, { error: 'must not be empty' })), {
          error: 'must be a list of key ids or name globs, e.g. ["legacy-*"]',
        }),
      ),
    },
    { error: 'audit rules must be a JSON object, e.g. { "maxAgeDays": 90, "requireExpiry": true }' },
  );
}

let schema: ReturnType<typeof build> | undefined;

/** The normalized form every rule takes after validation. */
export type NormalizedRules = z.infer<ReturnType<typeof build>>;

function issuesOf(issues: readonly z.core.$ZodIssue[]): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length === 0 ? 'audit rules' : formatPath(issue.path);
      for (const key of issue.keys) {
        const near = issue.path.length === 0 ? didYouMean(key, RULE_KEYS) : undefined;
        out.push({
          path: formatPath([...issue.path, key]),
          message: `is not a rule of ${where}${near === undefined ? `. Fix: use one of ${RULE_KEYS.filter((k) => k !== '$schema').join(', ')}` : `. Fix: did you mean "${near}"?`}`,
        });
      }
    } else out.push({ path: formatPath(issue.path), message: issue.message });
  }
  return out;
}

/**
 * Validates audit rules (an object, or its JSON text) and returns them normalized. Throws
 * {@link AuditRulesError} listing every problem with its path (`maxAgeDays.days`) and a fix.
 */
export function normalizeAuditRules(input: AuditRules | string): NormalizedRules {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw auditRulesError([{ path: '', message: `is not valid JSON (${(error as Error).message}). Fix: check commas and quotes` }]);
    }
  }
  schema ??= build();
  const result = schema.safeParse(value);
  if (!result.success) throw auditRulesError(issuesOf(result.error.issues));
  return result.data;
}

/** Validates audit rules (an object or JSON text); throws {@link AuditRulesError} listing every problem. */
export function parseAuditRules(input: unknown): AuditRules {
  normalizeAuditRules(input as AuditRules | string);
  return (typeof input === 'string' ? JSON.parse(input.replace(/^\uFEFF/, '')) : input) as AuditRules;
}
