import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient, JupiterOneError, type FetchLike } from '../../src/index.js';
import { ACCOUNT, API_KEY } from '../helpers/msw.js';

const STATUSES = [200, 200, 200, 201, 301, 302, 307, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504];
const CONTENT_TYPES = [
  'application/json',
  'application/graphql-response+json',
  'text/plain',
  'text/html',
  '',
  'application/json; charset=utf-8',
];

const tokenish = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    name: fc.oneof(fc.string(), fc.constant(null)),
    secret: fc.oneof(fc.string(), fc.constant(undefined)),
    policy: fc.oneof(fc.string(), fc.json(), fc.constant(null)),
    revoked: fc.oneof(fc.boolean(), fc.string()),
    createdAt: fc.oneof(fc.integer(), fc.double(), fc.string()),
    expiresAt: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify({ data: v })),
  fc
    .record({ token: tokenish, createToken: tokenish, revokeToken: tokenish }, { requiredKeys: [] })
    .map((d) => JSON.stringify({ data: d })),
  fc
    .record({
      items: fc.array(tokenish, { maxLength: 3 }),
      pageInfo: fc.record({ endCursor: fc.oneof(fc.string(), fc.constant(null)), hasNextPage: fc.boolean() }),
    })
    .map((tokens) => JSON.stringify({ data: { tokens } })),
  fc
    .array(
      fc.record({
        message: fc.oneof(fc.string(), fc.integer()),
        extensions: fc.record({ code: fc.oneof(fc.constantFrom('NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN', 'X'), fc.integer()) }),
      }),
    )
    .map((errors) => JSON.stringify({ errors })),
);
const headers = fc.record(
  {
    'RateLimit-Limit': fc.oneof(fc.string(), fc.constant('1000, 1000;window=60')),
    'RateLimit-Remaining': fc.oneof(fc.string(), fc.nat().map(String)),
    'RateLimit-Reset': fc.oneof(fc.string(), fc.nat(3).map(String)),
    'Retry-After': fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('0', '0.001', 'Wed, 21 Oct 2015 07:28:00 GMT')),
    location: fc.webUrl(),
  },
  { requiredKeys: [] },
);
const response = fc.record({ status: fc.constantFrom(...STATUSES), contentType: fc.constantFrom(...CONTENT_TYPES), body, headers });

/** A fetch that answers with the generated response (ASCII-safe header values only). */
interface Canned {
  status: number;
  contentType: string;
  body: string;
  headers: Partial<Record<string, string>>;
}
function cannedFetch(r: Canned): FetchLike {
  return async () => {
    const h = new Headers();
    if (r.contentType !== '') h.set('content-type', r.contentType);
    for (const [k, v] of Object.entries(r.headers)) {
      if (v !== undefined && /^[\x20-\x7e]*$/.test(v)) h.set(k, v);
    }
    return new Response(r.status === 204 ? null : r.body, { status: r.status, headers: h });
  };
}

describe('fuzz: random responses never surface a non-SDK exception', () => {
  it('get, create, revoke and list only resolve or throw JupiterOneError', async () => {
    await fc.assert(
      fc.asyncProperty(response, fc.constantFrom('get', 'create', 'revoke', 'list'), async (r, op) => {
        const j1 = createClient({
          apiKey: API_KEY,
          accountId: ACCOUNT,
          env: {},
          fetch: cannedFetch(r),
          retry: false,
          onAmbiguousCreate: 'keep',
          timeoutMs: 2_000,
        });
        const call =
          op === 'get'
            ? j1.tokens.get('t')
            : op === 'revoke'
              ? j1.tokens.revoke('t')
              : op === 'list'
                ? j1.tokens.listAll()
                : j1.tokens.create({ name: 'n', policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}' });
        const outcome = await call.then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(JupiterOneError);
          expect(inspect(outcome.error)).not.toContain(API_KEY);
        } else if (op === 'get' || op === 'revoke' || op === 'create') {
          // A success is a fully-typed token, never a half-filled one.
          const t = outcome.value as { id: unknown; name: unknown; revoked: unknown; createdAt: unknown };
          expect(typeof t.id).toBe('string');
          expect(typeof t.name).toBe('string');
          expect(typeof t.revoked).toBe('boolean');
          expect(t.createdAt).toBeInstanceOf(Date);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('random policies given to create never crash: PolicyError or a sent request', async () => {
    let sent = 0;
    const fetchOk: FetchLike = async () => {
      sent++;
      return new Response(
        JSON.stringify({
          data: {
            createToken: {
              id: 'i',
              name: 'n',
              secret: 'sssssss',
              category: null,
              policy: null,
              revoked: false,
              createdAt: 1,
              expiresAt: 2,
            },
          },
        }),
        {
          headers: { 'content-type': 'application/json' },
        },
      );
    };
    const j1 = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, fetch: fetchOk });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.json(), fc.string()), async (p) => {
        const before = sent;
        const outcome = await j1.tokens.create({ name: 'n', policy: p as never }).then(
          () => 'sent',
          (e: unknown) => e,
        );
        if (outcome === 'sent') expect(sent).toBe(before + 1);
        else {
          expect(outcome).toBeInstanceOf(JupiterOneError);
          expect(sent).toBe(before);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
