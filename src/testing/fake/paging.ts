/**
 * Cursor paging shared by the fake's list queries.
 *
 * Every list has a total order given by a numeric sort key (ascending, compared
 * element by element). A cursor is opaque base64url JSON holding the list's name and the
 * sort key of the last item returned; the next page starts strictly after that key, so
 * paging stays correct when items are added or removed between pages.
 * @packageDocumentation
 */
import { badUserInput } from './errors.js';
import { MAX_PAGE_SIZE } from './defaults.js';

/** J1's `PageInfo`. */
export interface PageInfo {
  /** Cursor of the last item returned, or `null` when the page is empty. */
  readonly endCursor: string | null;
  /** Whether more items follow. */
  readonly hasNextPage: boolean;
}

/** One page of items. */
export interface Page<T> {
  /** The page's items. */
  readonly items: T[];
  /** Where the page ends. */
  readonly pageInfo: PageInfo;
}

/** What to page and how. */
export interface PageRequest<T> {
  /** Name of the list; a cursor of another list is rejected. */
  readonly list: string;
  /** Sort key of an item (ascending order). */
  readonly keyOf: (item: T) => readonly number[];
  /** `limit` argument as sent. */
  readonly limit: number | null | undefined;
  /** Page size when `limit` is omitted. */
  readonly defaultLimit: number;
  /** `cursor` argument as sent. */
  readonly cursor: string | null | undefined;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function encodeCursor(list: string, key: readonly number[]): string {
  return Buffer.from(JSON.stringify({ l: list, k: key }), 'utf8').toString('base64url');
}

function decodeCursor(list: string, cursor: string): readonly number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const obj = parsed as { l?: unknown; k?: unknown } | undefined;
  const key = obj?.k;
  if (obj?.l !== list || !Array.isArray(key) || !key.every((n) => Number.isFinite(n))) {
    throw badUserInput(`Invalid cursor: ${JSON.stringify(cursor)}`);
  }
  return key as number[];
}

/** Resolves a `limit` argument: positive integer, clamped to {@link MAX_PAGE_SIZE}. */
export function pageSize(limit: number | null | undefined, defaultLimit: number): number {
  if (limit === null || limit === undefined) return defaultLimit;
  if (!Number.isInteger(limit) || limit < 1) throw badUserInput(`limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Returns one page of `all` (in any order; it is sorted by `keyOf` here). */
export function paginate<T>(all: readonly T[], req: PageRequest<T>): Page<T> {
  const size = pageSize(req.limit, req.defaultLimit);
  const after = req.cursor ? decodeCursor(req.list, req.cursor) : undefined;
  const sorted = [...all].sort((a, b) => compareKeys(req.keyOf(a), req.keyOf(b)));
  const rest = after ? sorted.filter((item) => compareKeys(req.keyOf(item), after) > 0) : sorted;
  const items = rest.slice(0, size);
  const last = items.at(-1);
  return {
    items,
    pageInfo: {
      endCursor: last === undefined ? null : encodeCursor(req.list, req.keyOf(last)),
      hasNextPage: rest.length > items.length,
    },
  };
}
