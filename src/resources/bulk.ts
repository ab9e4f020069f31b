import { JupiterOneError } from '../client/errors.js';
import { requireInt } from './validate.js';
import { fire } from '../client/hooks.js';

/** The outcome for one id of a bulk call; results keep the order of the ids. */
export type BulkResult<T> =
  | { readonly id: string; readonly ok: true; readonly token: T }
  | { readonly id: string; readonly ok: false; readonly error: JupiterOneError };

/** Progress of a bulk call, reported after each id finishes. */
export interface BulkProgress {
  /** Ids finished so far. */
  readonly done: number;
  /** Ids in the call. */
  readonly total: number;
  /** Ids that failed so far. */
  readonly failed: number;
  /** The id that just finished. */
  readonly id: string;
}

/** Options of a bulk call. */
export interface BulkOptions {
  /** Requests in flight at once (1–32). Default 4. Pacing keeps them within J1's rate limit. */
  readonly concurrency?: number | undefined;
  /** Called after each id finishes (not awaited). What it throws, or an async one rejects, is ignored. */
  readonly onProgress?: ((progress: BulkProgress) => unknown) | undefined;
}

/**
 * Runs `task` for every id with bounded concurrency and returns one result per id, in order.
 * Never throws away partial results: a failure is recorded, the rest go on.
 */
export async function runBulk<T>(
  ids: readonly string[],
  task: (id: string) => Promise<T>,
  options: BulkOptions = {},
): Promise<BulkResult<T>[]> {
  const concurrency = requireInt(options.concurrency ?? 4, 'concurrency', 1, 32);
  const results = new Array<BulkResult<T>>(ids.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const index = next++;
      const id = ids[index] as string;
      try {
        results[index] = { id, ok: true, token: await task(id) };
      } catch (error) {
        failed++;
        const typed = error instanceof JupiterOneError ? error : new JupiterOneError(String(error), { code: 'INVALID_ARGUMENT' });
        results[index] = { id, ok: false, error: typed };
      }
      done++;
      // Progress callbacks are observers: a throw or an async rejection is ignored.
      fire(options.onProgress, { done, total: ids.length, failed, id });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return results;
}
