/**
 * CLI words for SDK messages: the SDK's errors name GraphQL operations (`CreateToken failed: …`)
 * and SDK options (`{ strict: true }`, `pass { id }`, `timeoutMs`). On the command line those
 * mean nothing, so {@link cliWords} rewrites them into what a CLI user types (`--strict`,
 * `--id`) and what the CLI was doing (`creating the key failed: …`). `--verbose` keeps the SDK's
 * own text (operation names included) for bug reports.
 * @module
 */

/** What each operation does, in CLI words. Operations not listed read as "the J1 request". */
const OPERATION_PHRASES: Readonly<Record<string, string>> = {
  CreateToken: 'creating the key',
  CreateExpiringToken: 'creating the key',
  CreateCurrentUserToken: 'creating the user key',
  RevokeToken: 'revoking the key',
  GetToken: 'reading the key',
  ListTokens: 'listing the keys',
  GetTokenRateLimit: "reading the key's rate limit",
  SetTokenRateLimit: "setting the key's rate limit",
  ClearTokenRateLimit: "clearing the key's rate limit",
  GetIamGroup: 'reading the group',
  ListIamGroups: 'listing the groups',
  UpdateIamGroup: 'updating the group',
  CreateIntegrationInstanceToken: 'creating the integration key',
  ListIntegrationInstanceTokens: 'listing the integration keys',
  RevokeIntegrationInstanceToken: 'revoking the integration key',
};

/** SDK syntax → CLI flags, applied in order. */
const SDK_TO_CLI: readonly (readonly [RegExp, string])[] = [
  [/\{ ?strict: true ?\}/g, '--strict'],
  [/\bpass \{ ?id ?\}/g, 'pass --id ID'],
  [/\bpass \{ ?expiresAt ?\}/g, 'pass --expires-at WHEN'],
  [/\{ ?id ?\} or \{ ?name ?\}/g, '--id ID or --name NAME'],
  [/pass \{ ?apiKey ?\} to createClient or set (\S+)/g, 'set $1 or pass --api-key-file PATH'],
  [/pass \{ ?accountId ?\} to createClient or set/g, 'pass --account ID or set'],
  [/pass the key as apiKey \/ (\S+)/g, 'set $1 or pass --api-key-file PATH'],
  [/\bset endpoint to\b/g, 'set --endpoint (or JUPITERONE_BASE_URL) to'],
  [/, or pass a longer timeoutMs/g, ''],
  [/\bthe call's (\d+) ms timeout\b/g, 'the $1 ms timeout'],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `message` in CLI words: operation names become what the CLI was doing, SDK options become
 * flags. `operationName` (the error's) is rewritten even when it is not in the table.
 */
export function cliWords(message: string, operationName?: string): string {
  let out = message;
  const names = new Set(Object.keys(OPERATION_PHRASES));
  if (operationName !== undefined && operationName !== '') names.add(operationName);
  for (const name of names) {
    if (!out.includes(name)) continue;
    const phrase = OPERATION_PHRASES[name] ?? 'the J1 request';
    const at = new RegExp(`\\b${escape(name)}\\b`, 'g');
    out = out.replace(new RegExp(`\\b${escape(name)}'s outcome\\b`, 'g'), `the outcome of ${phrase}`).replace(at, phrase);
  }
  for (const [pattern, replacement] of SDK_TO_CLI) out = out.replace(pattern, replacement);
  return out;
}
