/**
 * Human messages for policy problems. Each says what is wrong and how to fix it; none
 * repeats the path (the issue carries it).
 */

import { KNOWN_ACTIONS } from './actions.js';
import { didYouMean } from '../suggest.js';

const EXAMPLE_PERMISSION = '{"effect":"ALLOW","actions":["*"],"resources":["*"]}';
const EXAMPLE_FILTER = '{"_type":["github_repo"]}';

/** Short description of a value for "got …" (strings are quoted and shortened). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const json = JSON.stringify(value);
      return `the string ${json.length > 42 ? `${json.slice(0, 40)}…"` : json}`;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

const quoteList = (items: readonly string[]): string => items.map((i) => JSON.stringify(i)).join(', ');

/** Message for a required key that is absent. */
const missing = (fix: string): string => `missing: add ${fix}`;

/** Messages by rule; each takes the offending input (`undefined` when a key is missing). */
export const messages = {
  root(input: unknown): string {
    const hint = typeof input === 'string' ? ' (the JSON holds a string: the policy looks JSON-encoded twice; decode it once more)' : '';
    return `must be a JSON object like {"permissions":[${EXAMPLE_PERMISSION}]}, got ${describeValue(input)}${hint}`;
  },
  permissions(input: unknown): string {
    if (input === undefined) return missing(`"permissions": [${EXAMPLE_PERMISSION}]`);
    if (typeof input === 'object' && input !== null) return 'must be an array: wrap the permission object in [ ]';
    return `must be an array of permission objects like ${EXAMPLE_PERMISSION}, got ${describeValue(input)}`;
  },
  permissionsEmpty: `must not be empty: add at least one permission, e.g. ${EXAMPLE_PERMISSION}`,
  permission: (input: unknown): string => `must be a permission object like ${EXAMPLE_PERMISSION}, got ${describeValue(input)}`,
  effect(input: unknown): string {
    if (input === undefined) return missing('"effect": "ALLOW" or "DENY"');
    if (typeof input === 'string' && (input.toUpperCase() === 'ALLOW' || input.toUpperCase() === 'DENY')) {
      return `${JSON.stringify(input)} is not valid: use "${input.toUpperCase()}" (upper case)`;
    }
    return `must be "ALLOW" or "DENY", got ${describeValue(input)}`;
  },
  list(key: 'actions' | 'resources', input: unknown): string {
    const example = key === 'actions' ? '["*"] or ["query:ReadGraphData"]' : '["*"]';
    if (input === undefined) return missing(`"${key}": ${example}`);
    if (typeof input === 'string') return `must be an array: use [${JSON.stringify(input)}] instead of ${JSON.stringify(input)}`;
    return `must be an array of strings such as ${example}, got ${describeValue(input)}`;
  },
  listEmpty: (key: 'actions' | 'resources'): string =>
    `must not be empty: list at least one ${key === 'actions' ? 'action' : 'resource'}, e.g. "*" for all`,
  item: (key: 'actions' | 'resources', input: unknown): string =>
    `must be a string such as ${key === 'actions' ? '"*" or "query:ReadGraphData"' : '"*"'}, got ${describeValue(input)}`,
  itemEmpty: (key: 'actions' | 'resources'): string => `must not be an empty string: use "*" for all ${key} or name one`,
  unknownAction(input: unknown): string {
    const guess = typeof input === 'string' ? didYouMean(input, KNOWN_ACTIONS) : undefined;
    const hint = guess === undefined ? '' : ` Did you mean ${JSON.stringify(guess)}?`;
    return `unknown action ${JSON.stringify(input)} (strict mode).${hint} Known actions: ${quoteList(KNOWN_ACTIONS)}; validate without { strict: true } to allow any action`;
  },
  condition(input: unknown): string {
    if (Array.isArray(input)) return `must be an object, not an array: use {"queryFilters": [...]}`;
    return `must be an object like {"queryFilters":[${EXAMPLE_FILTER}]}, got ${describeValue(input)}`;
  },
  queryFilters(input: unknown): string {
    if (input === undefined) return missing(`"queryFilters": [${EXAMPLE_FILTER}], or remove "condition"`);
    if (typeof input === 'object' && input !== null) return 'must be an array: wrap the filter object in [ ]';
    return `must be an array of filter objects like ${EXAMPLE_FILTER}, got ${describeValue(input)}`;
  },
  queryFiltersEmpty: `must not be empty: add a filter object such as ${EXAMPLE_FILTER}, or remove "condition"`,
  filter: (input: unknown): string =>
    `must be an object mapping entity properties to values, e.g. ${EXAMPLE_FILTER}, got ${describeValue(input)}`,
  filterEmpty: 'must not be empty: add at least one property, e.g. "_type": ["github_repo"], or remove this filter',
  propertyNameEmpty: 'the property name must not be empty: name an entity property such as "_type" or "_class"',
  propertyNameReserved: '"__proto__" cannot be used as a property name: remove it',
  value(input: unknown): string {
    return `must be a string, number or boolean, or a non-empty array of them, e.g. ["github_repo"]; got ${describeValue(input)}${primitiveHint(input)}`;
  },
  valueEmpty: 'must not be an empty array: list at least one value, or remove the property',
  primitive: (input: unknown): string => `must be a string, number or boolean, got ${describeValue(input)}${primitiveHint(input)}`,
  unknownKey(key: string, allowed: readonly string[]): string {
    const guess = didYouMean(key, allowed);
    if (guess !== undefined) return `unknown key ${JSON.stringify(key)}: did you mean ${JSON.stringify(guess)}?`;
    return `unknown key ${JSON.stringify(key)}: remove it (allowed keys: ${quoteList(allowed)})`;
  },
} as const;

function primitiveHint(input: unknown): string {
  if (input === null) return ' (null is not allowed: remove the property or use a string)';
  if (typeof input === 'number') return ' (numbers must be finite)';
  if (Array.isArray(input)) return ' (nested arrays are not allowed)';
  if (typeof input === 'object') return ' (nested objects are not allowed)';
  return '';
}
