/**
 * JSON Schema helpers for the policy tests: validation through Ajv (draft 2020-12), and a
 * function that drops annotations so two schemas can be compared by their rules alone.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const compiled = new WeakMap<object, (value: unknown) => boolean>();

/** True when `value` is valid against `schema` (compiled once per schema object). */
export function matchesJsonSchema(schema: object, value: unknown): boolean {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    const check = ajv.compile(schema);
    validate = (value: unknown): boolean => check(value) === true;
    compiled.set(schema, validate);
  }
  return validate(value);
}

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'examples']);

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
