/** Turning schema output into the canonical, deeply frozen document. */

import type { PolicyDocument, PolicyPermission, QueryFilter, QueryFilterValue } from './types.js';
import type { ParsedPolicy } from './schema.js';

type ParsedFilter = Readonly<Record<string, QueryFilterValue | readonly QueryFilterValue[]>>;

const freeze = Object.freeze;

/** `-0` becomes `0` (JSON cannot tell them apart); other values are kept. */
const canonical = (value: QueryFilterValue): QueryFilterValue => (value === 0 ? 0 : value);

function normalizeFilter(filter: ParsedFilter): QueryFilter {
  // Object.fromEntries defines own properties, so no key can reach a prototype.
  return freeze(
    Object.fromEntries(
      Object.entries(filter).map(([key, value]) => [key, freeze((Array.isArray(value) ? value : [value]).map(canonical))]),
    ),
  );
}

function normalizePermission(parsed: ParsedPolicy['permissions'][number]): PolicyPermission {
  const base = {
    effect: parsed.effect,
    actions: freeze([...parsed.actions]),
    resources: freeze([...parsed.resources]),
  };
  if (parsed.condition === undefined) return freeze(base);
  const queryFilters = freeze(parsed.condition.queryFilters.map(normalizeFilter));
  return freeze({ ...base, condition: freeze({ queryFilters }) });
}

/**
 * Builds the canonical document from validated schema output: fresh objects, keys in the
 * order effect/actions/resources/condition, filter values always arrays, everything frozen.
 */
export function normalizePolicy(parsed: ParsedPolicy): PolicyDocument {
  return freeze({ permissions: freeze(parsed.permissions.map(normalizePermission)) });
}
