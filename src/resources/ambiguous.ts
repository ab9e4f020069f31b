import { AbortError, AmbiguousCreateError, JupiterOneError, NetworkError, ServerError, TimeoutError } from '../client/errors.js';
import { wasNotSent } from '../client/not-sent.js';
import type { KnownIds } from './known-ids.js';

/** Keys created up to this long before the call began still count as its candidates (clock skew). */
export const CLOCK_SKEW_MS = 30_000;

/** True when a create failed in a way that leaves its outcome unknown (the server may have acted). */
export function isAmbiguous(error: unknown): error is JupiterOneError {
  if (wasNotSent(error)) return false;
  if (error instanceof TimeoutError || error instanceof AbortError || error instanceof ServerError) return true;
  if (error instanceof NetworkError) {
    // A refused redirect was answered by the server, which did not act on it.
    return !(error.status !== undefined && error.status >= 300 && error.status < 400);
  }
  return false;
}

/** How to find and undo what an ambiguous create may have made. */
export interface AmbiguousCreateCleanup {
  readonly operationName: string;
  readonly mode: 'revoke' | 'keep';
  /** Lists ids of live keys that the call may have created. */
  readonly findCandidates: () => Promise<readonly string[]>;
  /** Revokes one key. */
  readonly revoke: (id: string) => Promise<unknown>;
}

/**
 * Runs a create as one of `known`'s creates in flight in `scope`; if its outcome is unknown,
 * settles it with {@link settleAmbiguousCreate} alone in that scope (see {@link KnownIds.exclusive}:
 * no other create's key can be taken for its own). `cleanup` gets the time the call began.
 */
export async function guardCreate<T>(
  known: KnownIds,
  scope: string,
  create: () => Promise<T>,
  cleanup: (startedAt: number) => AmbiguousCreateCleanup,
): Promise<T> {
  const startedAt = Date.now();
  try {
    return await known.track(scope, create);
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    return known.exclusive(scope, () => settleAmbiguousCreate(error, cleanup(startedAt)));
  }
}

/**
 * Turns an ambiguous create failure into an {@link AmbiguousCreateError}: finds the keys the call
 * may have created and (mode `revoke`) revokes them, so that nothing untracked stays live.
 */
export async function settleAmbiguousCreate(error: JupiterOneError, cleanup: AmbiguousCreateCleanup): Promise<never> {
  const { operationName } = cleanup;
  const what = `${operationName}'s outcome is unknown (${error.message})`;
  let candidates: readonly string[];
  try {
    candidates = await cleanup.findCandidates();
  } catch (cleanupError) {
    const ce = cleanupError instanceof JupiterOneError ? cleanupError : undefined;
    throw new AmbiguousCreateError(
      `${what}; looking for keys it may have created also failed (${ce?.message ?? 'unknown error'}), so a key may be live. Check the key list before retrying`,
      { revoked: [], candidates: [], cleanupError: ce },
      { operationName, cause: error },
    );
  }
  if (cleanup.mode === 'keep' || candidates.length === 0) {
    const tail =
      candidates.length === 0
        ? 'no key was created; it is safe to try again'
        : `it may have created ${candidates.join(', ')} (kept, onAmbiguousCreate: 'keep')`;
    throw new AmbiguousCreateError(`${what}; ${tail}`, { revoked: [], candidates }, { operationName, cause: error });
  }
  const revoked: string[] = [];
  let failure: JupiterOneError | undefined;
  for (const id of candidates) {
    try {
      await cleanup.revoke(id);
      revoked.push(id);
    } catch (revokeError) {
      failure ??= revokeError instanceof JupiterOneError ? revokeError : undefined;
    }
  }
  const left = candidates.filter((id) => !revoked.includes(id));
  const message =
    left.length === 0
      ? `${what}; revoked what it created (${revoked.join(', ')}); it is safe to try again`
      : `${what}; revoked ${revoked.length === 0 ? 'nothing' : revoked.join(', ')} but could not revoke ${left.join(', ')} (${failure?.message ?? 'unknown error'}): revoke them before retrying`;
  throw new AmbiguousCreateError(message, { revoked, candidates, cleanupError: failure }, { operationName, cause: error });
}
