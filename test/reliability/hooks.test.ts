import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, type RequestEvent, type ResponseEvent } from '../../src/index.js';
import { ACCOUNT, API_KEY, tokenFields, useMsw } from '../helpers/msw.js';

const { answer } = useMsw();

describe('hooks', () => {
  it('report operation, attempt, status and duration, with authorization redacted', async () => {
    answer((_r, n) => (n === 1 ? HttpResponse.text('busy', { status: 503 }) : HttpResponse.json({ data: { token: tokenFields() } })));
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const retries: unknown[] = [];
    const j1 = createClient({
      apiKey: API_KEY,
      accountId: ACCOUNT,
      env: {},
      retry: { baseDelayMs: 1 },
      hooks: { onRequest: (e) => requests.push(e), onResponse: (e) => responses.push(e), onRetry: (e) => retries.push(e) },
    });
    await j1.tokens.get('tok-1');
    expect(requests.map((r) => [r.operationName, r.operationType, r.attempt])).toEqual([
      ['GetToken', 'query', 1],
      ['GetToken', 'query', 2],
    ]);
    expect(requests[0]!.headers.authorization).toBe('Bearer [redacted]');
    expect(requests[0]!.headers['jupiterone-account']).toBe(ACCOUNT);
    expect(responses.map((r) => [r.attempt, r.status, r.error?.code])).toEqual([
      [1, 503, 'SERVER_ERROR'],
      [2, 200, undefined],
    ]);
    expect(responses.every((r) => r.durationMs >= 0 && r.durationMs < 5_000)).toBe(true);
    expect(retries).toHaveLength(1);
    expect(JSON.stringify([requests, responses, retries])).not.toContain(API_KEY);
  });

  it('a hook that throws never breaks the call', async () => {
    answer(() => HttpResponse.json({ data: { token: tokenFields() } }));
    const boom = () => {
      throw new Error('logger down');
    };
    const j1 = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, hooks: { onRequest: boom, onResponse: boom, onRetry: boom } });
    expect((await j1.tokens.get('tok-1')).id).toBe('tok-1');
  });

  it('an async hook or progress callback that rejects never breaks the call nor leaves an unhandled rejection', async () => {
    answer((_r, n) =>
      n === 1 ? HttpResponse.text('busy', { status: 503 }) : HttpResponse.json({ data: { revokeToken: tokenFields({ revoked: true }) } }),
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reject = () => Promise.reject(new Error('telemetry backend down'));
      const j1 = createClient({
        apiKey: API_KEY,
        accountId: ACCOUNT,
        env: {},
        retry: { baseDelayMs: 1 },
        hooks: { onRequest: reject, onResponse: reject, onRetry: reject },
      });
      const results = await j1.tokens.revokeMany(['tok-1', 'tok-2'], { onProgress: reject });
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      await new Promise((r) => setTimeout(r, 20)); // let rejections surface
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('redacts extra headers whose names suggest a credential, keeps the others', async () => {
    answer(() => HttpResponse.json({ data: { token: tokenFields() } }));
    const requests: RequestEvent[] = [];
    const headers = { 'x-api-key': 'k-extra-secret', cookie: 'sid=abc', 'x-trace-id': 'trace-1' };
    const j1 = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, headers, hooks: { onRequest: (e) => requests.push(e) } });
    await j1.tokens.get('tok-1');
    expect(requests[0]!.headers).toMatchObject({ 'x-api-key': '[redacted]', cookie: '[redacted]', 'x-trace-id': 'trace-1' });
    expect(JSON.stringify(requests)).not.toMatch(/k-extra-secret|sid=abc/);
  });
});
