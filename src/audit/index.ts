/**
 * The key audit (issue 17): `auditKeys`, rules validation and the rules JSON Schema.
 * @module
 */
export { auditKeys, BASELINE_AUDIT_RULES } from './audit.js';
export { AuditRulesError, parseAuditRules } from './schema.js';
export { auditRulesJsonSchema } from './json-schema.js';
export type { AuditOptions, AuditRuleName, AuditRules, DaysRule, Finding, PatternRule, Severity, SwitchRule } from './types.js';
