import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient, CreatedToken, policy } from '../../src/index.js';
import { ACCOUNT, API_KEY, tokenFields, useMsw } from '../helpers/msw.js';

const { answerData } = useMsw();
const SECRET = 'j1_very_secret_value_0123456789';

function renderings(value: unknown): string[] {
  return [
    inspect(value),
    inspect(value, { depth: 10, showHidden: true, getters: true }),
    JSON.stringify(value),
    String(value),
    `${value as string}`,
    inspect({ nested: [value] }, { depth: 10 }),
    JSON.stringify({ nested: [value] }),
  ];
}

describe('secret redaction', () => {
  it('never shows a created secret, but token.secret returns it', async () => {
    answerData({ createToken: { ...tokenFields(), secret: SECRET } });
    const created = await createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {} }).tokens.create({
      name: 'n',
      policy: policy().allow(),
    });
    expect(created).toBeInstanceOf(CreatedToken);
    expect(created.secret).toBe(SECRET);
    for (const text of renderings(created)) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain('[redacted]');
    }
    expect(Object.keys(created)).not.toContain('secret');
    expect(JSON.parse(JSON.stringify(created))).toMatchObject({ id: 'tok-1', name: 'Token Name', secret: '[redacted]' });
    expect(Object.isFrozen(created)).toBe(true);
  });

  it('never shows the API key through the client object', () => {
    const client = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {} });
    for (const text of [inspect(client, { depth: 20, showHidden: true }), JSON.stringify(client)]) {
      expect(text).not.toContain(API_KEY);
    }
  });
});
