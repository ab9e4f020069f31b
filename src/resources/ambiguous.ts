import type { CallScope } from '../client/call-options.js';
import { AmbiguousCreateError, JupiterOneError, type AmbiguousCreateDetails } from '../client/errors.js';
import { classify } from '../client/outcome.js';
import type { KnownIds } from './known-ids.js';

/** Keys created up to this long before the call began still count as its candidates (clock skew). */
export const CLOCK_SKEW_MS = 30_000;
/** The longest wait between the cleanup's two listings (J1 may store the key after answering). */
const MAX_GRACE_MS = 1_000;

/**
 * True when a create failed in a way that leaves its outcome unknown: J1 may have acted
 * (`outcome.ts` decides; e.g. an unrecognised GraphQL error is ambiguous: J1 may have inserted
 * the key, then failed).
 */
function isAmbiguous(error: unknown): boolean {
  return classify(error).serverMayHaveActed;
}

/** A key a failed create's response carried anyway (`data.createToken` beside `errors[]`). */
export interface CarriedKey {
  /** The key's id. */
  readonly id: string;
  /** The key as the caller would have got it (its secret redacted everywhere but its getter). */
  readonly key: object;
}

/** How to find and undo what an ambiguous create may have made. */
export interface AmbiguousCreateCleanup {
  readonly operationName: string;
  readonly mode: 'revoke' | 'keep';
  /** What the candidates are, for messages: e.g. `keys named "ci"`. */
  readonly what: string;
  /** Lists ids of live keys that the call may have created; every request ends by `scope`'s deadline. */
  readonly findCandidates: (scope: CallScope) => Promise<readonly string[]>;
  /** Revokes one key. */
  readonly revoke: (id: string, scope: CallScope) => Promise<unknown>;
}

/**
 * "Create, and clean up if needed", under `known`'s lock for `scope` (no other create of this
 * client runs there meanwhile, so no other create's key can be taken for this one's): runs
 * `create`; if its outcome is unknown, settles it with {@link settleAmbiguousCreate}. `create`
 * gets a setter for a key a failed response carried; `cleanup` gets the time the create began.
 */
export async function guardCreate<T>(
  known: KnownIds,
  scope: string,
  call: CallScope,
  create: (carried: (key: CarriedKey) => void) => Promise<T>,
  cleanup: (startedAt: number) => AmbiguousCreateCleanup,
): Promise<T> {
  return known.locked(scope, async () => {
    const startedAt = Date.now();
    let carried: CarriedKey | undefined;
    try {
      return await create((key) => (carried = key));
    } catch (error) {
      if (!isAmbiguous(error) && carried === undefined) throw error;
      const cause = error instanceof JupiterOneError ? error : new JupiterOneError(String(error), { code: 'GRAPHQL_ERROR' });
      return settleAmbiguousCreate(cause, cleanup(startedAt), cleanupScope(call), carried);
    }
  });
}

/**
 * The cleanup's own deadline: the call's timeout again, from now (the create may have spent all
 * of its own), and the caller's signal unless that is what ended the create (a cleanup that never
 * runs would leave the key live).
 */
function cleanupScope(call: CallScope): CallScope {
  const timeoutMs = call.timeoutMs ?? 30_000;
  const signal = call.signal?.aborted === true ? undefined : call.signal;
  return { signal, timeoutMs, deadlineAt: Date.now() + timeoutMs };
}

const sleepUntil = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Turns an ambiguous create failure into an {@link AmbiguousCreateError}. A key the response
 * carried is revoked (mode `revoke`) or handed over on `error.created` (mode `keep`). Otherwise the
 * cleanup lists the candidates, revokes them (mode `revoke`), waits a grace period bounded by its
 * deadline (J1 may store the key after answering), and lists once more. The message says what was
 * seen, and when; it never claims more (e.g. that retrying is safe).
 */
async function settleAmbiguousCreate(
  error: JupiterOneError,
  cleanup: AmbiguousCreateCleanup,
  scope: CallScope,
  carried?: CarriedKey,
): Promise<never> {
  const { operationName } = cleanup;
  const what = `${operationName}'s outcome is unknown (${error.message})`;
  const fail = (message: string, details: AmbiguousCreateDetails): never => {
    throw new AmbiguousCreateError(message, { ...details, operationName, cause: error });
  };
  if (carried !== undefined) {
    const told = `${what}; J1's response carried the key it created (${carried.id})`;
    if (cleanup.mode === 'keep') {
      return fail(`${told}: kept (onAmbiguousCreate: 'keep'); its secret is on error.created`, {
        revoked: [],
        candidates: [carried.id],
        created: carried.key,
      });
    }
    try {
      await cleanup.revoke(carried.id, scope);
    } catch (revokeError) {
      const ce = revokeError instanceof JupiterOneError ? revokeError : undefined;
      return fail(`${told}, which could not be revoked (${ce?.message ?? 'unknown error'}): its secret is on error.created; revoke it`, {
        revoked: [],
        candidates: [carried.id],
        cleanupError: ce,
        created: carried.key,
      });
    }
    return fail(`${told}, which was revoked`, { revoked: [carried.id], candidates: [carried.id] });
  }

  const candidates: string[] = [];
  const revoked: string[] = [];
  let failure: JupiterOneError | undefined;
  let checkedAt = 0;
  const round = async (): Promise<void> => {
    const found = await cleanup.findCandidates(scope);
    checkedAt = Date.now();
    for (const id of found) {
      if (candidates.includes(id)) continue;
      candidates.push(id);
      if (cleanup.mode === 'keep') continue;
      try {
        await cleanup.revoke(id, scope);
        revoked.push(id);
      } catch (revokeError) {
        failure ??= revokeError instanceof JupiterOneError ? revokeError : undefined;
      }
    }
  };
  let listings = 0;
  try {
    await round();
    listings++;
    // J1 may insert the key after it answered: look again, within the cleanup's deadline.
    const graceMs = Math.min(MAX_GRACE_MS, Math.floor(((scope.deadlineAt ?? Date.now()) - Date.now()) / 4));
    if (graceMs > 0) {
      await sleepUntil(graceMs, scope.signal);
      await round();
      listings++;
    }
  } catch (cleanupError) {
    const ce = cleanupError instanceof JupiterOneError ? cleanupError : undefined;
    const sofar = revoked.length === 0 ? '' : ` (revoked so far: ${revoked.join(', ')})`;
    return fail(
      `${what}; looking for ${cleanup.what} it may have created also failed (${ce?.message ?? 'unknown error'})${sofar}, so a key may be live. Check the key list before retrying`,
      { revoked, candidates, cleanupError: ce },
    );
  }
  const by = `by ${new Date(checkedAt).toISOString()} (${listings === 1 ? 'one listing' : `${listings} listings`})`;
  if (candidates.length === 0) {
    return fail(
      `${what}; no ${cleanup.what} made since the call began was found ${by}. J1 could still add one later: check the key list before retrying`,
      {
        revoked,
        candidates,
      },
    );
  }
  if (cleanup.mode === 'keep') {
    return fail(`${what}; it may have created ${candidates.join(', ')} (kept, onAmbiguousCreate: 'keep'; listed ${by})`, {
      revoked,
      candidates,
    });
  }
  const left = candidates.filter((id) => !revoked.includes(id));
  const message =
    left.length === 0
      ? `${what}; revoked what it created (${revoked.join(', ')}); no other matching key was found ${by}`
      : `${what}; revoked ${revoked.length === 0 ? 'nothing' : revoked.join(', ')} but could not revoke ${left.join(', ')} (${failure?.message ?? 'unknown error'}): revoke them before retrying`;
  return fail(message, { revoked, candidates, cleanupError: failure });
}
