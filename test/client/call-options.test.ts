import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, InvalidArgumentError, type CallOptions } from '../../src/index.js';
import { ACCOUNT, API_KEY, tokenFields, useMsw } from '../helpers/msw.js';

const { answer, captured } = useMsw();
const client = () => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, retry: false });

async function invalid(promise: Promise<unknown>, field: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).field).toBe(field);
  expect((error as Error).message).toContain(field);
  expect(captured).toHaveLength(0);
}

describe('per-call options', () => {
  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 0.5, 2 ** 31, 'abc', '100'])(
    'refuses timeoutMs %s and sends nothing',
    async (t) => {
      answer(() => HttpResponse.json({ data: { token: tokenFields() } }));
      await invalid(client().tokens.get('x', { timeoutMs: t as number }), 'timeoutMs');
      await invalid(client().operations.GetToken({ id: 'x' }, { timeoutMs: t as number }), 'timeoutMs');
    },
  );

  it.each([{}, 'signal', new AbortController()])('refuses a signal that is not an AbortSignal (%#)', async (signal) => {
    answer(() => HttpResponse.json({ data: { token: tokenFields() } }));
    await invalid(client().tokens.get('x', { signal: signal as AbortSignal }), 'signal');
  });

  it.each([null, 'fast', 42])('refuses options that are not an object (%s)', async (options) => {
    answer(() => HttpResponse.json({ data: { token: tokenFields() } }));
    await invalid(client().tokens.get('x', options as CallOptions), 'options');
    await invalid(client().integrationKeys.revoke('x', options as CallOptions), 'options');
  });

  it('accepts valid options, including the largest timer Node allows', async () => {
    answer(() => HttpResponse.json({ data: { token: tokenFields() } }));
    const token = await client().tokens.get('x', { timeoutMs: 2_147_483_647, signal: new AbortController().signal });
    expect(token.id).toBe('tok-1');
    await client()
      .tokens.get('x', { timeoutMs: 1, signal: undefined })
      .catch(() => undefined);
    await client().tokens.get('x', undefined);
    expect(captured.length).toBeGreaterThanOrEqual(2);
  });
});
