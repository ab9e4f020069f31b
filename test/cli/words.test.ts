// cliWords: SDK messages in CLI words (issue 19). The child-process proof is in conventions.test.ts;
// these are the rewrites themselves, one per SDK phrase the client's messages contain.
import { describe, expect, it } from 'vitest';
import { cliWords } from '../../src/cli/words.js';

describe('cliWords', () => {
  it.each([
    ['CreateToken failed: J1 returned HTTP 503', undefined, 'creating the key failed: J1 returned HTTP 503'],
    [
      "CreateToken's outcome is unknown (CreateToken timed out after 30000 ms)",
      'CreateToken',
      'the outcome of creating the key is unknown (creating the key timed out after 30000 ms)',
    ],
    ['GetIamGroup: no group has the id g-1', undefined, 'reading the group: no group has the id g-1'],
    ['IamGetAccount failed: network error (ENOTFOUND)', 'IamGetAccount', 'the J1 request failed: network error (ENOTFOUND)'],
    [
      'unknown action "x" (strict mode). Known actions: "*"; validate without { strict: true } to allow any action',
      undefined,
      'unknown action "x" (strict mode). Known actions: "*"; validate without --strict to allow any action',
    ],
    ['Fix: pass { id } instead', undefined, 'Fix: pass --id ID instead'],
    [
      'key k expired at 2030; pass { expiresAt } for the new key',
      undefined,
      'key k expired at 2030; pass --expires-at WHEN for the new key',
    ],
    [
      'Fix: pass { apiKey } to createClient or set JUPITERONE_API_KEY',
      undefined,
      'Fix: set JUPITERONE_API_KEY or pass --api-key-file PATH',
    ],
    [
      'Fix: pass { accountId } to createClient or set JUPITERONE_ACCOUNT_ID',
      undefined,
      'Fix: pass --account ID or set JUPITERONE_ACCOUNT_ID',
    ],
    [
      "RevokeToken was not sent: J1's rate-limit budget is spent for another 9 s, longer than the 50 ms left of the call's 30000 ms timeout. Fix: try again later, or pass a longer timeoutMs",
      'RevokeToken',
      "revoking the key was not sent: J1's rate-limit budget is spent for another 9 s, longer than the 50 ms left of the 30000 ms timeout. Fix: try again later",
    ],
    ['Fix: set endpoint to the final URL', undefined, 'Fix: set --endpoint (or JUPITERONE_BASE_URL) to the final URL'],
  ])('%s', (message, operationName, expected) => {
    expect(cliWords(message, operationName)).toBe(expected);
  });

  it('leaves words that merely contain an operation name alone', () => {
    expect(cliWords('MyGetTokenHelper and GetTokens')).toBe('MyGetTokenHelper and GetTokens');
  });
});
