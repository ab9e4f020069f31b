/**
 * JSON Schema (draft 2020-12) of an audit rules file, shipped as
 * `j1-api-keys/audit-rules.schema.json` (written by `npm run build` from this function). Built
 * on the first call; `test/audit/json-schema.test.ts` checks it accepts and rejects the same
 * documents as `parseAuditRules`.
 */

let built: Readonly<Record<string, unknown>> | undefined;

const severity = { description: 'Severity of a finding of this rule.', enum: ['error', 'warning'] };

function days(description: string, example: number, defaultSeverity = 'error'): Record<string, unknown> {
  const count = { type: 'integer', minimum: 0, maximum: 36_500 };
  return {
    description: `${description} A number of days (severity ${defaultSeverity}), or { days, severity }.`,
    oneOf: [
      { ...count, examples: [example] },
      { type: 'object', properties: { days: count, severity }, required: ['days'], additionalProperties: false },
    ],
  };
}

function onOff(description: string): Record<string, unknown> {
  return {
    description: `${description} true (severity error), false (off), or { severity }.`,
    oneOf: [{ type: 'boolean' }, { type: 'object', properties: { severity }, additionalProperties: false }],
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The JSON Schema (draft 2020-12) of an audit rules file, for editors and CI linters (map
 * `*.audit-rules.json` to `node_modules/j1-api-keys/audit-rules.schema.json`, or put its path in
 * the file's `"$schema"`). Deeply frozen; built on the first call.
 */
export function auditRulesJsonSchema(): Readonly<Record<string, unknown>> {
  built ??= deepFreeze({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'j1-api-keys audit rules',
    description: 'Rules that `j1-api-keys audit --rules FILE` and auditKeys() judge JupiterOne API keys by.',
    type: 'object',
    properties: {
      $schema: { description: 'This schema, for editors.', type: 'string' },
      maxAgeDays: days('No key older than this many days.', 90),
      requireExpiry: onOff('Every key must expire.'),
      maxLifetimeDays: days('No key may live longer than this many days from creation to expiry.', 365),
      expiringWithinDays: days('Report keys that expire within this many days.', 14, 'warning'),
      forbidFullAccess: onOff('No key may have full access (ALLOW * on * without a query filter).'),
      namePattern: {
        description: 'Key names must match this regular expression (severity error), or { pattern, flags, severity }.',
        oneOf: [
          { type: 'string', examples: ['^(ci|svc|user)-'] },
          {
            type: 'object',
            properties: { pattern: { type: 'string' }, flags: { type: 'string', pattern: '^[imsu]*$' }, severity },
            required: ['pattern'],
            additionalProperties: false,
          },
        ],
      },
      unusedForDays: days('Keys without an invocation for this many days (needs --usage).', 60),
      ignore: {
        description: 'Key ids, or name globs (* any characters, ? one), that are never judged.',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
    },
    additionalProperties: false,
  });
  return built;
}
