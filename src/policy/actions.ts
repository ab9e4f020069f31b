/** Action names that J1's documentation has used in account API-key policies. */

/**
 * Every action J1 has documented for account API-key policies: `*` (everything; the one
 * documented today) and the twelve older actions documented before 2023-05, still found in
 * existing keys (facts file, "More facts from J1's own clients and docs").
 * `parsePolicy(input, { strict: true })` rejects any other action; without `strict` any
 * non-empty action is accepted, so keys read back from J1 never fail on an action.
 */
export const KNOWN_ACTIONS = Object.freeze([
  '*',
  'query:ReadGraphData',
  'query:GetAccountEntity',
  'persister:Synchronize',
  'persister:GetEntityRawData',
  'dashboard:View',
  'compliance:GetStandard',
  'compliance:GetSummary',
  'settings:GetSettings',
  'parameters:GetParameter',
  'parameters:GetParameterList',
  'parameters:SetParameter',
  'parameters:DeleteParameter',
] as const);

/** One of {@link KNOWN_ACTIONS}. */
export type KnownAction = (typeof KNOWN_ACTIONS)[number];

/** Whether `action` is one of {@link KNOWN_ACTIONS} (exact, case-sensitive match). */
export function isKnownAction(action: unknown): action is KnownAction {
  return (KNOWN_ACTIONS as readonly unknown[]).includes(action);
}
