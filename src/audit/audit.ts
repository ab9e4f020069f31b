/**
 * `auditKeys(records, rules)`: judges an inventory by rules, purely (no I/O). The rule table is
 * built on the first call, not at import.
 */
import { InvalidArgumentError } from '../client/errors.js';
import type { KeyRecord } from '../resources/inventory-types.js';
import { normalizeAuditRules, type NormalizedRules } from './schema.js';
import type { AuditOptions, AuditRuleName, AuditRules, Finding, Severity } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The rules applied when none are given: warnings only, so a first run informs and a gate
 * (`--fail-on error`, the default) passes. Full access, never expires, older than 90 days.
 */
export const BASELINE_AUDIT_RULES: AuditRules = Object.freeze({
  forbidFullAccess: Object.freeze({ severity: 'warning' }),
  requireExpiry: Object.freeze({ severity: 'warning' }),
  maxAgeDays: Object.freeze({ days: 90, severity: 'warning' }),
});

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** How a finding names its key. */
function label(r: KeyRecord): string {
  if (r.kind === 'integration') return `Integration key ${r.id} of instance ${r.integrationInstance?.name ?? '?'}`;
  const owner = r.owner?.email ?? r.owner?.username;
  return `${r.kind === 'user' ? 'User' : 'Account'} key "${r.name ?? ''}" (${r.id})${owner === undefined || owner === null ? '' : ` of ${owner}`}`;
}

/** What to do about a key that must be replaced (J1 cannot change a key's expiry, name or policy). */
function replace(r: KeyRecord, how: string): string {
  if (r.kind === 'integration') {
    return `Fix: create a new integration key for instance ${r.integrationInstance?.id ?? '?'}${how}, switch the integration to it, then revoke this one (j1-api-keys integration-keys revoke ${r.id})`;
  }
  if (r.kind === 'user') {
    return `Fix: ask ${r.owner?.email ?? r.owner?.username ?? 'its owner'} to create a replacement${how} and revoke this key (j1-api-keys revoke ${r.id})`;
  }
  return `Fix: rotate it into a new key${how} (j1-api-keys rotate ${r.id}${how === '' ? '' : ' --expires-at 90d'}), or revoke it if unused (j1-api-keys revoke ${r.id})`;
}

type Check = (r: KeyRecord, now: number) => string | undefined;

interface Rule {
  readonly name: AuditRuleName;
  readonly severity: Severity;
  readonly check: Check;
}

function globRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's');
}

function buildRules(n: NormalizedRules): Rule[] {
  const rules: Rule[] = [];
  const add = (name: AuditRuleName, severity: Severity | undefined, check: Check, fallback: Severity = 'error') =>
    rules.push({ name, severity: severity ?? fallback, check });
  if (n.maxAgeDays !== undefined) {
    const limit = n.maxAgeDays.days;
    add('maxAgeDays', n.maxAgeDays.severity, (r) =>
      r.ageDays > limit ? `${label(r)} is ${r.ageDays} days old (limit ${limit}). ${replace(r, '')}` : undefined,
    );
  }
  if (n.requireExpiry !== undefined && n.requireExpiry.off !== true) {
    add('requireExpiry', n.requireExpiry.severity, (r) =>
      r.expiresAt === null ? `${label(r)} never expires. ${replace(r, ' that expires')}` : undefined,
    );
  }
  if (n.maxLifetimeDays !== undefined) {
    const limit = n.maxLifetimeDays.days;
    add('maxLifetimeDays', n.maxLifetimeDays.severity, (r) => {
      if (r.expiresAt === null)
        return `${label(r)} never expires (lifetime limit ${limit} days). ${replace(r, ` that expires within ${limit} days`)}`;
      const life = Math.ceil((r.expiresAt.getTime() - r.createdAt.getTime()) / DAY_MS);
      return life > limit
        ? `${label(r)} lives ${life} days from creation to expiry (limit ${limit}). ${replace(r, ` that expires within ${limit} days`)}`
        : undefined;
    });
  }
  if (n.expiringWithinDays !== undefined) {
    const limit = n.expiringWithinDays.days;
    add(
      'expiringWithinDays',
      n.expiringWithinDays.severity,
      (r, now) => {
        if (r.expiresAt === null) return undefined;
        const at = r.expiresAt.getTime();
        if (at <= now)
          return `${label(r)} expired on ${day(at)} but is not revoked. Fix: revoke it (j1-api-keys revoke ${r.id}) and make sure nothing still uses it`;
        const left = Math.ceil((at - now) / DAY_MS);
        return left <= limit
          ? `${label(r)} expires in ${left} day${left === 1 ? '' : 's'} (${day(at)}). ${replace(r, '')} before then`
          : undefined;
      },
      'warning',
    );
  }
  if (n.forbidFullAccess !== undefined && n.forbidFullAccess.off !== true) {
    add('forbidFullAccess', n.forbidFullAccess.severity, (r) =>
      r.fullAccess
        ? `${label(r)} has full access (ALLOW * on * without a query filter). Fix: replace it with a key whose policy allows only the actions it needs, or restrict it with a query filter, then revoke this one`
        : undefined,
    );
  }
  if (n.namePattern !== undefined) {
    const { pattern, flags } = n.namePattern;
    const re = new RegExp(pattern, flags ?? '');
    add('namePattern', n.namePattern.severity, (r) =>
      r.name === null || re.test(r.name)
        ? undefined
        : `${label(r)} is not named by the convention /${pattern}/${flags ?? ''}. Fix: J1 cannot rename keys: create a replacement with a conforming name, then revoke this one`,
    );
  }
  if (n.unusedForDays !== undefined) {
    const limit = n.unusedForDays.days;
    add('unusedForDays', n.unusedForDays.severity, (r, now) => {
      const u = r.usage;
      if (u === undefined)
        return `${label(r)}: usage was not read, so "unused for ${limit} days" cannot be checked. Fix: take the inventory with usage: true (CLI: --usage)`;
      if (u.status === 'unknown')
        return `${label(r)}: usage unknown (${u.reason}), so "unused for ${limit} days" cannot be checked. Fix: check the key's use another way, or ignore it in the rules`;
      if (u.lastActiveSlice === null) {
        if (r.ageDays < limit) return undefined;
        if (u.windowDays < limit) return undefined; // unused for the whole window, but the window is shorter than the rule
        return `${label(r)} has no invocation in the last ${u.windowDays} days. Fix: revoke it if nothing needs it (j1-api-keys revoke ${r.id})`;
      }
      const idle = Math.floor((now - (u.lastActiveSlice.getTime() + u.sliceSeconds * 1000)) / DAY_MS);
      return idle >= limit
        ? `${label(r)} was last used in the slice starting ${day(u.lastActiveSlice.getTime())} (${idle} days ago, limit ${limit}). Fix: revoke it if nothing needs it (j1-api-keys revoke ${r.id})`
        : undefined;
    });
  }
  return rules;
}

/**
 * Judges keys by rules and returns every rule each key breaks, in record order then rule order.
 * Pure: no request, no clock unless `options.now` is omitted. Revoked keys and keys matched by
 * `rules.ignore` (ids, or name globs) are skipped. Without `rules`, {@link BASELINE_AUDIT_RULES}
 * apply (warnings: full access, never expires, older than 90 days). Invalid rules throw
 * `AuditRulesError` with every problem's path.
 */
export function auditKeys(records: readonly KeyRecord[], rules?: AuditRules | string, options: AuditOptions = {}): Finding[] {
  if (!Array.isArray(records))
    throw new InvalidArgumentError('records must be an array of KeyRecord (from client.inventory())', { field: 'records' });
  const normalized = normalizeAuditRules(rules ?? BASELINE_AUDIT_RULES);
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (!Number.isFinite(now)) throw new InvalidArgumentError('now must be a Date or epoch milliseconds', { field: 'now' });
  const table = buildRules(normalized);
  const ignoredIds = new Set(normalized.ignore ?? []);
  const globs = (normalized.ignore ?? []).map(globRegExp);
  const findings: Finding[] = [];
  for (const record of records as readonly KeyRecord[]) {
    if (record.revoked || ignoredIds.has(record.id)) continue;
    if (record.name !== null && globs.some((g) => g.test(record.name as string))) continue;
    for (const rule of table) {
      const message = rule.check(record, now);
      if (message !== undefined) {
        findings.push(Object.freeze({ rule: rule.name, severity: rule.severity, keyId: record.id, keyName: record.name, message }));
      }
    }
  }
  return findings;
}
