/**
 * Test-only: a tiny JSON Schema (2020-12) validator for the keywords `policyJsonSchema`
 * uses. It throws on any other keyword, so it can never silently ignore a rule.
 */

/** The keywords this checker understands. */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly not?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly propertyNames?: Schema;
  readonly minProperties?: number;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly minLength?: number;
}

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'examples']);
const SUPPORTED = new Set([
  ...ANNOTATIONS,
  'type',
  'enum',
  'const',
  'not',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'items',
  'minItems',
  'minLength',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Whether `value` (a JSON value) is valid against `schema`. */
export function matchesJsonSchema(schema: Schema, value: unknown): boolean {
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword)) throw new Error(`json-schema-check: unsupported keyword ${keyword}`);
  }
  const { type, not, anyOf, items, minItems, minLength, minProperties, propertyNames, additionalProperties, required } = schema;
  if (type !== undefined) {
    const types: readonly string[] = typeof type === 'string' ? [type] : type;
    if (!types.some((name) => hasType(value, name))) return false;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (not !== undefined && matchesJsonSchema(not, value)) return false;
  if (anyOf !== undefined && !anyOf.some((option) => matchesJsonSchema(option, value))) return false;
  if (typeof value === 'string' && minLength !== undefined && [...value].length < minLength) return false;
  if (Array.isArray(value)) {
    if (minItems !== undefined && value.length < minItems) return false;
    if (items !== undefined && !value.every((item) => matchesJsonSchema(items, item))) return false;
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    const properties = schema.properties ?? {};
    if (minProperties !== undefined && keys.length < minProperties) return false;
    if (required !== undefined && !required.every((key) => Object.hasOwn(object, key))) return false;
    for (const key of keys) {
      if (propertyNames !== undefined && !matchesJsonSchema(propertyNames, key)) return false;
      const propertySchema = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (propertySchema !== undefined) {
        if (!matchesJsonSchema(propertySchema, object[key])) return false;
      } else if (additionalProperties === false) {
        return false;
      } else if (typeof additionalProperties === 'object' && !matchesJsonSchema(additionalProperties, object[key])) {
        return false;
      }
    }
  }
  return true;
}

/** A deep copy of `schema` without annotation keywords (title, description, examples). */
export function stripAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripAnnotations);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key) || key === '$schema')
      .map(([key, value]) => [key, key === 'properties' || key === 'enum' ? stripInside(key, value) : stripAnnotations(value)]),
  );
}

// Inside `properties`, keys are property names (never annotations); inside `enum`, values are data.
function stripInside(key: string, value: unknown): unknown {
  if (key === 'enum') return value;
  return Object.fromEntries(Object.entries(value as object).map(([name, child]) => [name, stripAnnotations(child)]));
}
