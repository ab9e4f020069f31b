import { requireCallOptions, startCall, type CallOptions, type CallScope } from '../client/call-options.js';
import { ServerError } from '../client/errors.js';
import { object } from './shape.js';

/** Most pages one listing follows: a server that always announces another page must not loop forever. */
export const MAX_PAGES = 10_000;

/** One page as J1 returns it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

/**
 * Follows `pageInfo.endCursor` until `hasNextPage` is false, yielding items one by one.
 * A server that repeats a cursor gets a {@link ServerError} instead of an endless loop, and one
 * that announces a next page without a cursor gets one instead of a silently truncated list.
 */
export async function* paginate<T>(
  operationName: string,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let pages = 1; ; pages++) {
    if (pages > MAX_PAGES) {
      throw new ServerError(
        `${operationName} failed: J1 announced more than ${MAX_PAGES} pages, so the listing stopped (a server that always announces another page would loop forever). Fix: pass a larger pageSize`,
        { operationName },
      );
    }
    const page = await fetchPage(cursor);
    yield* page.items;
    const info = object<Page<T>['pageInfo']>(page.pageInfo, operationName, 'pageInfo');
    const next = info.endCursor;
    if (info.hasNextPage !== true) return;
    if (typeof next !== 'string' || next === '') {
      // Stopping here would silently truncate the list (and hide keys from a cleanup).
      throw new ServerError(`${operationName} failed: J1 said more pages follow but sent no cursor`, { operationName });
    }
    if (seen.has(next)) {
      throw new ServerError(`${operationName} failed: J1 returned the same page cursor twice`, { operationName });
    }
    seen.add(next);
    cursor = next;
  }
}

/**
 * The scope of a listing as one call: `options` are checked now; `timeoutMs` (else the client's)
 * and `signal` then bound the whole iteration, every page, from its first request.
 */
export function listingScope(options: CallOptions | undefined, clientTimeoutMs: number): () => CallScope {
  const checked = requireCallOptions(options);
  let scope: CallScope | undefined;
  return () => (scope ??= startCall(checked, clientTimeoutMs));
}

/** Collects an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
