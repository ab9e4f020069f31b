import { InvalidArgumentError } from '../client/errors.js';

/** Checks a required, non-empty string argument; throws {@link InvalidArgumentError} naming it. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    const got = typeof value === 'string' ? 'an empty string' : value === undefined ? 'nothing' : typeof value;
    throw new InvalidArgumentError(`${field} must be a non-empty string, got ${got}`, { field });
  }
  return value;
}

/** Checks an optional string argument. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidArgumentError(`${field} must be a string, got ${typeof value}`, { field });
  return value;
}

/** Checks an optional options object: `undefined` is `{}`; `null`, arrays and primitives are refused. */
export function optionsObject<T extends object>(value: T | undefined, field: string): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new InvalidArgumentError(`${field} must be an object (or left out), got ${got}`, { field });
  }
  return value;
}

/** Checks an integer argument within [min, max]. */
export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${field} must be an integer from ${min} to ${max}, got ${String(value)}`, { field });
  }
  return value;
}

/** Checks a point in time that must lie in the future: a `Date` or epoch milliseconds. Returns epoch ms. */
export function requireFutureTime(value: unknown, field: string, now: number = Date.now()): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    const got = value instanceof Date ? 'an invalid Date' : value === undefined ? 'nothing' : typeof value;
    throw new InvalidArgumentError(`${field} must be a Date or epoch milliseconds, got ${got}`, { field });
  }
  if (Math.abs(ms) > 8.64e15) {
    throw new InvalidArgumentError(
      `${field} is beyond JavaScript's date range (at most 8.64e15 ms from 1970, the year 275760), got ${String(ms)}. Fix: pass a real date, e.g. new Date(Date.now() + 30 * 86_400_000)`,
      { field },
    );
  }
  if (ms <= now) {
    throw new InvalidArgumentError(
      `${field} must be in the future, got ${new Date(ms).toISOString()}. Fix: e.g. new Date(Date.now() + 30 * 86_400_000)`,
      { field },
    );
  }
  return Math.floor(ms);
}
