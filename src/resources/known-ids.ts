/**
 * Ids this client has already seen (created, read or listed), with when it first saw them.
 * An ambiguous create's cleanup only revokes keys it had never seen before the call began, so
 * it cannot revoke a same-name key the caller already knows about (e.g. the key being rotated).
 * Bounded: the oldest entries are forgotten past {@link KnownIds.limit}.
 */
export class KnownIds {
  /** Most ids remembered. */
  static readonly limit = 10_000;
  readonly #firstSeen = new Map<string, number>();

  /** Records that `id` exists now. */
  note(id: string): void {
    if (this.#firstSeen.has(id)) return;
    if (this.#firstSeen.size >= KnownIds.limit) {
      const oldest = this.#firstSeen.keys().next();
      if (oldest.done !== true) this.#firstSeen.delete(oldest.value);
    }
    this.#firstSeen.set(id, Date.now());
  }

  /** True when `id` was seen at or before `time` (epoch ms). */
  seenBefore(id: string, time: number): boolean {
    const seen = this.#firstSeen.get(id);
    return seen !== undefined && seen <= time;
  }
}
