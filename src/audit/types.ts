/**
 * Types of the key audit (issue 17): rules, findings. Type-only besides the rule names.
 */

/** How bad a finding is. `--fail-on` gates on it. */
export type Severity = 'error' | 'warning';

/** A rule that takes a number of days: the number (severity `error`), or `{ days, severity }`. */
export type DaysRule = number | { readonly days: number; readonly severity?: Severity | undefined };

/** A rule that is on or off: `true` (severity `error`), `false` (off), or `{ severity }` (on). */
export type SwitchRule = boolean | { readonly severity?: Severity | undefined };

/** `namePattern`: a regular expression source (severity `error`), or `{ pattern, flags, severity }`. */
export type PatternRule =
  string | { readonly pattern: string; readonly flags?: string | undefined; readonly severity?: Severity | undefined };

/**
 * Audit rules, as a rules file holds them (JSON, validated by `audit-rules.schema.json`). Every
 * rule is optional and has its own severity (default `error`, `expiringWithinDays`: `warning`).
 * Revoked keys and keys matched by `ignore` are never judged.
 */
export interface AuditRules {
  /** The JSON Schema, for editors; ignored. */
  readonly $schema?: string | undefined;
  /** No key older than this many days (from creation). */
  readonly maxAgeDays?: DaysRule | undefined;
  /** Every key must expire. */
  readonly requireExpiry?: SwitchRule | undefined;
  /** No key may live longer than this many days from creation to expiry (a never-expiring key always breaks it). */
  readonly maxLifetimeDays?: DaysRule | undefined;
  /** Keys that expire within this many days (or have expired but are not revoked). Default severity `warning`. */
  readonly expiringWithinDays?: DaysRule | undefined;
  /** No key may have full access (`ALLOW` `*` on `*` without a query filter). */
  readonly forbidFullAccess?: SwitchRule | undefined;
  /** Key names must match this regular expression (integration keys have no name and are skipped). */
  readonly namePattern?: PatternRule | undefined;
  /** Keys without an invocation for this many days (needs the inventory's `usage: true`). */
  readonly unusedForDays?: DaysRule | undefined;
  /** Key ids, or name globs (`*` any characters, `?` one), that are never judged. */
  readonly ignore?: readonly string[] | undefined;
}

/** The rules a finding can come from. */
export type AuditRuleName =
  'maxAgeDays' | 'requireExpiry' | 'maxLifetimeDays' | 'expiringWithinDays' | 'forbidFullAccess' | 'namePattern' | 'unusedForDays';

/** One rule broken by one key. */
export interface Finding {
  /** The rule. */
  readonly rule: AuditRuleName;
  /** Its severity. */
  readonly severity: Severity;
  /** The key's id. */
  readonly keyId: string;
  /** The key's name (`null` for integration keys). */
  readonly keyName: string | null;
  /** What is wrong and what to do ("Fix: …"). Never holds a secret. */
  readonly message: string;
}

/** Options of `auditKeys`. */
export interface AuditOptions {
  /** The time to judge expiry and usage against (Date or epoch ms). Default: now. */
  readonly now?: Date | number | undefined;
}
