import { ServerError } from '../client/errors.js';

/**
 * Minimal checks of J1's responses, so that a response of the wrong shape becomes a typed
 * `ServerError` instead of a raw `TypeError` or a half-filled object.
 */
function malformed(operationName: string, what: string): ServerError {
  return new ServerError(`${operationName} failed: malformed response from J1 (${what})`, { operationName });
}

/** Asserts `value` is a non-null object. */
export function object<T extends object>(value: unknown, operationName: string, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(operationName, `${field} is not an object`);
  return value as T;
}

/** Asserts `value` is an array. */
export function array<T>(value: unknown, operationName: string, field: string): readonly T[] {
  if (!Array.isArray(value)) throw malformed(operationName, `${field} is not a list`);
  return value as readonly T[];
}

/** Asserts the named fields of `value` are strings (`nullable` ones may be null or absent). */
export function strings(value: object, operationName: string, required: readonly string[], nullable: readonly string[] = []): void {
  const record = value as Record<string, unknown>;
  for (const f of required) if (typeof record[f] !== 'string') throw malformed(operationName, `${f} is not a string`);
  for (const f of nullable) {
    const v = record[f];
    if (v !== null && v !== undefined && typeof v !== 'string') throw malformed(operationName, `${f} is not a string`);
  }
}

/** Asserts the named fields of `value` are finite numbers (`nullable` ones may be null or absent). */
export function numbers(value: object, operationName: string, required: readonly string[], nullable: readonly string[] = []): void {
  const record = value as Record<string, unknown>;
  const ok = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  for (const f of required) if (!ok(record[f])) throw malformed(operationName, `${f} is not a number`);
  for (const f of nullable) {
    const v = record[f];
    if (v !== null && v !== undefined && !ok(v)) throw malformed(operationName, `${f} is not a number`);
  }
}
