import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  AuditRulesError,
  auditKeys,
  auditRulesJsonSchema,
  BASELINE_AUDIT_RULES,
  InvalidArgumentError,
  parseAuditRules,
  type AuditRules,
  type KeyRecord,
} from '../../src/index.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

function key(overrides: Partial<KeyRecord> & { id: string }): KeyRecord {
  const createdAt = overrides.createdAt ?? new Date(NOW - 10 * DAY);
  return {
    kind: 'account',
    name: overrides.id,
    owner: null,
    integrationInstance: null,
    createdAt,
    expiresAt: new Date(NOW + 60 * DAY),
    revoked: false,
    ageDays: Math.floor((NOW - createdAt.getTime()) / DAY),
    fullAccess: false,
    policySummary: null,
    rateLimit: null,
    ...overrides,
  };
}

const audit = (records: KeyRecord[], rules?: AuditRules) => auditKeys(records, rules, { now: NOW });
const summary = (records: KeyRecord[], rules?: AuditRules) => audit(records, rules).map((f) => `${f.severity} ${f.rule} ${f.keyId}`);

describe('auditKeys rules', () => {
  it('maxAgeDays: older than the limit; the message says what to do', () => {
    const records = [key({ id: 'old', createdAt: new Date(NOW - 91 * DAY) }), key({ id: 'young', createdAt: new Date(NOW - 90 * DAY) })];
    const findings = audit(records, { maxAgeDays: 90 });
    expect(findings).toEqual([
      {
        rule: 'maxAgeDays',
        severity: 'error',
        keyId: 'old',
        keyName: 'old',
        message:
          'Account key "old" (old) is 91 days old (limit 90). Fix: rotate it into a new key (j1-api-keys rotate old), or revoke it if unused (j1-api-keys revoke old)',
      },
    ]);
  });

  it('requireExpiry and maxLifetimeDays (a never-expiring key has no limit to its lifetime)', () => {
    const records = [
      key({ id: 'never', expiresAt: null }),
      key({ id: 'long', createdAt: new Date(NOW - DAY), expiresAt: new Date(NOW + 400 * DAY) }),
      key({ id: 'short', createdAt: new Date(NOW - DAY), expiresAt: new Date(NOW + 30 * DAY) }),
    ];
    expect(summary(records, { requireExpiry: true, maxLifetimeDays: { days: 365, severity: 'warning' } })).toEqual([
      'error requireExpiry never',
      'warning maxLifetimeDays never',
      'warning maxLifetimeDays long',
    ]);
    expect(summary(records, { requireExpiry: false })).toEqual([]);
  });

  it('expiringWithinDays is a warning by default and names expired-but-live keys', () => {
    const records = [
      key({ id: 'soon', expiresAt: new Date(NOW + 3 * DAY) }),
      key({ id: 'later', expiresAt: new Date(NOW + 30 * DAY) }),
      key({ id: 'expired', expiresAt: new Date(NOW - DAY) }),
    ];
    const findings = audit(records, { expiringWithinDays: 14 });
    expect(findings.map((f) => `${f.severity} ${f.keyId}`)).toEqual(['warning soon', 'warning expired']);
    expect(findings[0]?.message).toMatch(/expires in 3 days \(2026-12-04\)\. Fix: /);
    expect(findings[1]?.message).toMatch(/expired on 2026-11-30 but is not revoked\. Fix: revoke it/);
    expect(summary(records, { expiringWithinDays: { days: 14, severity: 'error' } })).toEqual([
      'error expiringWithinDays soon',
      'error expiringWithinDays expired',
    ]);
  });

  it('forbidFullAccess and namePattern (integration keys have no name and are skipped)', () => {
    const records = [
      key({ id: 'admin', name: 'admin', fullAccess: true }),
      key({ id: 'ci', name: 'ci-reader' }),
      key({ id: 'int', kind: 'integration', name: null, integrationInstance: { id: 'i1', name: 'GitHub' } }),
    ];
    expect(summary(records, { forbidFullAccess: { severity: 'warning' }, namePattern: '^ci-' })).toEqual([
      'warning forbidFullAccess admin',
      'error namePattern admin',
    ]);
    expect(summary(records, { namePattern: { pattern: '^CI-', flags: 'i' } })).toEqual(['error namePattern admin']);
  });

  it('unusedForDays: by last active slice; unknown or unread usage is said, not silently passed', () => {
    const known = (lastActiveSlice: Date | null, windowDays = 90) =>
      ({
        status: 'known',
        windowDays,
        sliceSeconds: 86_400,
        invocations: lastActiveSlice === null ? 0 : 5,
        rejected: 0,
        lastActiveSlice,
      }) as const;
    const old = new Date(NOW - 200 * DAY);
    const records = [
      key({ id: 'idle', createdAt: old, ageDays: 200, usage: known(new Date(NOW - 70 * DAY)) }),
      key({ id: 'busy', createdAt: old, ageDays: 200, usage: known(new Date(NOW - 2 * DAY)) }),
      key({ id: 'silent', createdAt: old, ageDays: 200, usage: known(null) }),
      key({ id: 'short-window', createdAt: old, ageDays: 200, usage: known(null, 30) }),
      key({ id: 'new', createdAt: new Date(NOW - 5 * DAY), usage: known(null) }),
      key({ id: 'refused', usage: { status: 'unknown', reason: 'FORBIDDEN: no' } }),
      key({ id: 'unread' }),
    ];
    const findings = audit(records, { unusedForDays: 60 });
    expect(findings.map((f) => f.keyId)).toEqual(['idle', 'silent', 'refused', 'unread']);
    expect(findings[2]?.message).toMatch(/usage unknown \(FORBIDDEN: no\)/);
    expect(findings[3]?.message).toMatch(/Fix: take the inventory with usage: true \(CLI: --usage\)/);
  });

  it('skips revoked keys and ignored ids and name globs', () => {
    const records = [
      key({ id: 'a', name: 'legacy-one', fullAccess: true }),
      key({ id: 'b', name: 'legacy.two', fullAccess: true }),
      key({ id: 'c', name: 'keep', fullAccess: true }),
      key({ id: 'd', name: 'gone', fullAccess: true, revoked: true }),
      key({ id: 'e', name: 'legacyX', fullAccess: true }),
    ];
    expect(summary(records, { forbidFullAccess: true, ignore: ['legacy-*', 'c', 'legacy?two'] })).toEqual(['error forbidFullAccess e']);
  });

  it('applies the documented baseline (warnings only) without rules', () => {
    const records = [key({ id: 'x', fullAccess: true, expiresAt: null, createdAt: new Date(NOW - 100 * DAY) }), key({ id: 'ok' })];
    expect(summary(records)).toEqual(['warning maxAgeDays x', 'warning requireExpiry x', 'warning forbidFullAccess x']);
    expect(BASELINE_AUDIT_RULES).toEqual({
      forbidFullAccess: { severity: 'warning' },
      requireExpiry: { severity: 'warning' },
      maxAgeDays: { days: 90, severity: 'warning' },
    });
  });

  it('every message says what to do', () => {
    const records = [
      key({ id: 'acct', fullAccess: true, expiresAt: null, createdAt: new Date(NOW - 400 * DAY) }),
      key({ id: 'usr', kind: 'user', owner: { email: 'a@example.com', username: 'a', userId: 'u' }, expiresAt: new Date(NOW + DAY) }),
      key({ id: 'int', kind: 'integration', name: null, integrationInstance: { id: 'i', name: 'I' }, expiresAt: null }),
    ];
    const all: AuditRules = {
      maxAgeDays: 1,
      requireExpiry: true,
      maxLifetimeDays: 1,
      expiringWithinDays: 5,
      forbidFullAccess: true,
      namePattern: '^z',
      unusedForDays: 1,
    };
    const findings = audit(records, all);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(Object.keys(all)));
    for (const f of findings) expect(f.message).toMatch(/Fix: \S/);
    expect(findings.find((f) => f.keyId === 'usr')?.message).toContain('a@example.com');
  });

  it('is pure: the records are not changed and the same input gives the same output', () => {
    const records = [key({ id: 'x', fullAccess: true })];
    const before = structuredClone(records);
    expect(audit(records, { forbidFullAccess: true })).toEqual(audit(records, { forbidFullAccess: true }));
    expect(records).toEqual(before);
  });
});

describe('audit rules validation', () => {
  const issues = (input: unknown) => {
    try {
      parseAuditRules(input);
    } catch (error) {
      expect(error).toBeInstanceOf(AuditRulesError);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      return (error as AuditRulesError).issues;
    }
    throw new Error('expected AuditRulesError');
  };

  it('names the path of every problem, with a fix', () => {
    expect(
      issues({ maxAgeDays: { days: -1, severity: 'fatal' }, requireExpiry: 'yes', ignore: ['ok', 3, ''], maxAgeDay: 3, namePattern: '(' }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'maxAgeDays.days', message: 'must be 0 or more' },
        { path: 'maxAgeDays.severity', message: 'must be "error" or "warning"' },
        { path: 'requireExpiry', message: 'must be true, false or { "severity": "error" | "warning" }' },
        { path: 'ignore[1]', message: 'must be a key id or a name glob (a string)' },
        { path: 'ignore[2]', message: 'must not be empty' },
        { path: 'maxAgeDay', message: 'is not a rule of audit rules. Fix: did you mean "maxAgeDays"?' },
        { path: 'namePattern.pattern', message: 'is not a valid regular expression. Fix: check brackets and escapes' },
      ]),
    );
    expect(issues('{ "maxAgeDays": 90, }')[0]).toMatchObject({ path: '', message: expect.stringMatching(/^is not valid JSON .*Fix:/) });
    expect(issues([])[0]?.message).toMatch(/must be a JSON object/);
    expect(() => auditKeys([], { maxAgeDays: 1.5 })).toThrow(/maxAgeDays\.days: must be a whole number of days/);
  });

  it('accepts JSON text with a $schema key, shorthand and long forms', () => {
    expect(parseAuditRules('{"$schema":"./audit-rules.schema.json","maxAgeDays":90,"requireExpiry":{"severity":"warning"}}')).toEqual({
      $schema: './audit-rules.schema.json',
      maxAgeDays: 90,
      requireExpiry: { severity: 'warning' },
    });
  });

  it('the shipped JSON Schema accepts and rejects the same documents as parseAuditRules', () => {
    const validate = new Ajv2020({ strict: false }).compile(auditRulesJsonSchema());
    const documents: unknown[] = [
      {},
      { maxAgeDays: 90, requireExpiry: true, forbidFullAccess: false, ignore: ['a*'] },
      { maxAgeDays: { days: 90, severity: 'warning' }, expiringWithinDays: { days: 14 }, namePattern: { pattern: '^ci-', flags: 'i' } },
      { unusedForDays: 60, maxLifetimeDays: 365, $schema: 'x' },
      { maxAgeDays: -1 },
      { maxAgeDays: 1.5 },
      { maxAgeDays: '90' },
      { maxAgeDays: { days: 90, extra: 1 } },
      { requireExpiry: { severity: 'fatal' } },
      { requireExpiry: 'yes' },
      { namePattern: { flags: 'i' } },
      { namePattern: { pattern: 'x', flags: 'g' } },
      { ignore: [''] },
      { ignore: 'a' },
      { unknown: 1 },
      [],
      'text',
    ];
    for (const document of documents) {
      let parsed = true;
      try {
        parseAuditRules(document);
      } catch {
        parsed = false;
      }
      expect(validate(document), JSON.stringify(document)).toBe(parsed);
    }
    expect(Object.isFrozen(auditRulesJsonSchema())).toBe(true);
    expect(auditRulesJsonSchema()).toBe(auditRulesJsonSchema());
  });
});
