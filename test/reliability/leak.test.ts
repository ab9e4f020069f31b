import { format, inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, policy, type ClientHooks } from '../../src/index.js';
import { useFakeJ1 } from '../helpers/fake.js';
import { ACCOUNT, API_KEY, US } from '../helpers/msw.js';

const { mock, server, client } = useFakeJ1({ integrationInstances: [{ id: 'inst-1' }] });

/** Every way a user might turn a value into text. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    format('%s %o %O %j', value, value, value, value),
    JSON.stringify(value) ?? '',
    JSON.stringify({ wrapped: [value] }),
  ];
  try {
    out.push(String(value), `${value as string}`);
  } catch {
    // Objects without a string form are covered by inspect above.
  }
  if (value instanceof Error) out.push(value.message, String(value.stack), inspect(value.cause, { depth: Infinity }));
  return out;
}

describe('secret-leak suite', () => {
  it('never shows the API key or any created secret, in results, errors or hook payloads', async () => {
    const events: unknown[] = [];
    const hooks: ClientHooks = { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) };
    const j1 = client({ hooks, retry: { baseDelayMs: 1, maxDelayMs: 2 }, timeoutMs: 300 });
    const outputs: unknown[] = [];
    const secrets: string[] = [];
    const capture = async (p: Promise<unknown>) => outputs.push(await p.catch((e: unknown) => e));

    // Results that hold secrets.
    const a = await j1.tokens.create({ name: 'leak-a', category: 'ci', policy: policy().allow().queryFilter({ _type: 'github_repo' }) });
    const b = await j1.tokens.createForCurrentUser({ name: 'leak-b', expiresAt: Date.now() + 60_000 });
    const c = await j1.integrationKeys.create('inst-1');
    secrets.push(a.secret, b.secret, c.token);
    outputs.push(a, b, c, { all: [a, b, c] });

    // Every other kind of result.
    await capture(j1.tokens.get(a.id));
    await capture(j1.tokens.listAll());
    await capture(j1.tokens.setRateLimit(a.id, { capacity: 10, windowSeconds: 10 }));
    await capture(j1.tokens.revokeMany([b.id, 'missing']));
    await capture(j1.tokens.rotate(a.id, { onCreated: (fresh) => void secrets.push(fresh.secret) }));

    // Every error class.
    await capture(
      Promise.resolve().then(() => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, endpoint: 'http://example.com/' })),
    );
    await capture(j1.tokens.get('')); // InvalidArgumentError
    await capture(j1.tokens.create({ name: 'x', policy: '{"permission":[]}' })); // PolicyError
    await capture(createClient({ apiKey: `${API_KEY}-wrong`, accountId: ACCOUNT, env: {} }).tokens.get('x')); // AuthenticationError (401)
    await capture(j1.tokens.get('missing')); // NotFoundError
    await capture(j1.operations.CreateToken({ token: { name: 'raw', policy: '{}' } })); // ValidationError
    mock.failNext(1, 429, { retryAfterSeconds: 0 });
    await capture(client({ hooks, retry: false }).tokens.get(a.id)); // RateLimitError
    mock.failNext(1, 500);
    await capture(j1.tokens.get(a.id)); // ServerError
    mock.failNext(1, 'reset');
    await capture(client({ hooks, retry: false }).tokens.get(a.id)); // NetworkError
    mock.failNext(1, 'timeout');
    await capture(j1.tokens.get(a.id)); // TimeoutError
    await capture(j1.tokens.get(a.id, { signal: AbortSignal.abort() })); // AbortError
    server.use(http.post(US, () => HttpResponse.json({ errors: [{ message: 'odd', extensions: { code: 'ODD' } }] }), { once: true }));
    await capture(j1.tokens.get(a.id)); // GraphQLResponseError
    mock.failNext(1, 'reset-after');
    await capture(j1.tokens.create({ name: 'leak-d', policy: policy().allow() })); // AmbiguousCreateError
    const rotating = await j1.tokens.create({ name: 'leak-e', policy: policy().allow() });
    secrets.push(rotating.secret);
    await capture(j1.tokens.rotate(rotating.id, { onCreated: (fresh) => (secrets.push(fresh.secret), mock.failNext(1, 500)) })); // RotationError

    const names = outputs.filter((o): o is Error => o instanceof Error).map((e) => e.name);
    expect(new Set(names)).toEqual(
      new Set([
        'ConfigurationError',
        'InvalidArgumentError',
        'PolicyError',
        'AuthenticationError',
        'NotFoundError',
        'ValidationError',
        'RateLimitError',
        'ServerError',
        'NetworkError',
        'TimeoutError',
        'AbortError',
        'GraphQLResponseError',
        'AmbiguousCreateError',
        'RotationError',
      ]),
    );
    expect(events.length).toBeGreaterThan(20);
    expect(secrets.every((s) => s.length >= 16)).toBe(true);

    const haystack = [...outputs, ...events, mock.requests, mock.state.tokens].flatMap(renderings).join('\n');
    expect(haystack).not.toContain(API_KEY);
    for (const secret of secrets) expect(haystack).not.toContain(secret);
    expect(haystack).toContain('[redacted]');
  });
});
