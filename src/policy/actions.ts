/** Action names that J1's documentation has used in account API-key policies. */

/**
 * Every action J1 has documented for account API-key policies: `*` (everything; the one
 * documented today) and the older `query:ReadGraphData`, `persister:Synchronize` and
 * `dashboard:View`. `parsePolicy(input, { strict: true })` rejects any other action.
 */
export const KNOWN_ACTIONS = Object.freeze(['*', 'query:ReadGraphData', 'persister:Synchronize', 'dashboard:View'] as const);

/** One of {@link KNOWN_ACTIONS}. */
export type KnownAction = (typeof KNOWN_ACTIONS)[number];

/** Whether `action` is one of {@link KNOWN_ACTIONS} (exact, case-sensitive match). */
export function isKnownAction(action: unknown): action is KnownAction {
  return (KNOWN_ACTIONS as readonly unknown[]).includes(action);
}
