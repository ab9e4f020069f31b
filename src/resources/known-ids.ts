/**
 * What this client knows about keys, so that an ambiguous create's cleanup revokes only what that
 * call may have made:
 * - ids it has seen (created, read or listed), with when it first saw them: a key seen before
 *   the call began is not the call's (e.g. the same-name key being rotated);
 * - ids a successful create handed to its caller: never the cleanup's, whenever they appeared;
 * - creates in flight per scope (a key name, an integration instance): a cleanup runs alone in its
 *   scope — after the creates in flight there have settled (their keys are then held), and with
 *   new creates there waiting until it ends (so none can make a key it would take for its own).
 * Bounded: the oldest ids are forgotten past {@link KnownIds.limit}.
 */
export class KnownIds {
  /** Most ids remembered. */
  static readonly limit = 10_000;
  readonly #firstSeen = new Map<string, number>();
  readonly #held = new Set<string>();
  readonly #creating = new Map<string, Set<Promise<unknown>>>();
  readonly #cleaning = new Map<string, Promise<unknown>>();

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

  /** Runs `create` as a create in flight in `scope` (once no cleanup runs there). */
  async track<T>(scope: string, create: () => Promise<T>): Promise<T> {
    // The last check and the registration below share one synchronous stretch: a cleanup
    // starting after it sees this create.
    while (this.#cleaning.has(scope)) await this.#cleaning.get(scope);
    const running = create();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    const set = this.#creating.get(scope) ?? new Set<Promise<unknown>>();
    this.#creating.set(scope, set.add(settled));
    try {
      return await running;
    } finally {
      set.delete(settled);
      if (set.size === 0 && this.#creating.get(scope) === set) this.#creating.delete(scope);
    }
  }

  /**
   * Runs `cleanup` alone in `scope`: once the creates in flight there have settled, and with new
   * creates there (and other cleanups) waiting until it ends.
   */
  async exclusive<T>(scope: string, cleanup: () => Promise<T>): Promise<T> {
    while (this.#cleaning.has(scope)) await this.#cleaning.get(scope);
    const inFlight = [...(this.#creating.get(scope) ?? new Set<Promise<unknown>>())];
    const running = Promise.all(inFlight).then(cleanup);
    const done = running.then(
      () => undefined,
      () => undefined,
    );
    this.#cleaning.set(scope, done);
    try {
      return await running;
    } finally {
      if (this.#cleaning.get(scope) === done) this.#cleaning.delete(scope);
    }
  }
}
