/**
 * What one client knows about keys, so that an ambiguous create's cleanup revokes only what that
 * call may have made:
 * - ids it has seen (created, read or listed), with when it first saw them: a key seen before
 *   the call began is not the call's (e.g. the same-name key being rotated);
 * - ids a successful create handed to its caller: never a cleanup's, whenever they appeared;
 * - one lock per scope (a key name, an integration instance) held around "create, and clean up
 *   if needed": while a create's cleanup looks for keys in its scope, no other create of this
 *   client runs there, so none can make a key it would take for its own.
 * Bounded: the oldest ids are forgotten past {@link KnownIds.limit}. Owned by the client instance.
 */
export class KnownIds {
  /** Most ids remembered. */
  static readonly limit = 10_000;
  readonly #firstSeen = new Map<string, number>();
  readonly #held = new Set<string>();
  /** Per scope, the end of the last create queued there. */
  readonly #locks = new Map<string, Promise<void>>();

  /** Records that `id` exists now. */
  note(id: string): void {
    if (this.#firstSeen.has(id)) return;
    if (this.#firstSeen.size >= KnownIds.limit) {
      const oldest = this.#firstSeen.keys().next();
      if (oldest.done !== true) {
        this.#firstSeen.delete(oldest.value);
        this.#held.delete(oldest.value);
      }
    }
    this.#firstSeen.set(id, Date.now());
  }

  /** Records that a create returned `id` to its caller. */
  hold(id: string): void {
    this.note(id);
    this.#held.add(id);
  }

  /** True when a cleanup for a create that began at `since` must leave `id` alone. */
  spares(id: string, since: number): boolean {
    const seen = this.#firstSeen.get(id);
    return this.#held.has(id) || (seen !== undefined && seen <= since);
  }

  /** Runs `fn` (a create and its cleanup) once every earlier one in `scope` has ended, and alone there. */
  async locked<T>(scope: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(scope) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#locks.set(scope, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#locks.get(scope) === tail) this.#locks.delete(scope);
    }
  }
}
