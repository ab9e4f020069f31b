/**
 * The fake's answer to a request that no fault pre-empts: method, authentication,
 * content type, body, rate limit, then execution.
 * @packageDocumentation
 */
import type { GraphQLSchema } from 'graphql';
import { authenticate, type AuthPolicy, type Caller } from './auth.js';
import type { ParsedBody } from './body.js';
import { runOperation, type OperationResult } from './operation.js';
import { rateLimitHeaders, type RateLimitHeaderForm, type TokenBuckets } from './rate-limiter.js';
import { jsonResponse, textResponse, unauthorized } from './responses.js';
import type { Store } from './store.js';
import type { FakeHttpRequest, FakeHttpResponse, FakeUser, FaultOptions, RateLimitConfig } from './types.js';

/** Everything the pipeline works with. */
export interface PipelineDeps {
  readonly schema: GraphQLSchema;
  readonly store: Store;
  readonly buckets: TokenBuckets;
  readonly auth: AuthPolicy;
  readonly rateLimit: RateLimitConfig | false;
  readonly now: () => number;
  readonly currentUser: FakeUser;
  /** How `RateLimit-Limit` is written. */
  readonly rateLimitHeaderForm: RateLimitHeaderForm;
  /** Whether group (IAM) operations are refused. */
  readonly iamRefused: boolean;
}

/** The caller's limit: its key's override if it has one, else the default (`false`: unlimited). */
function limitFor(deps: PipelineDeps, caller: Caller): RateLimitConfig | false {
  if (deps.rateLimit === false) return false;
  return (caller.token && deps.store.rateLimits.get(caller.token.id)) ?? deps.rateLimit;
}

/** Why the `content-type` is refused: missing or not JSON → 415; sent twice (joined by `,`) → 400. */
function contentTypeProblem(contentType: string | undefined): FakeHttpResponse | undefined {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  if (contentType?.includes(',')) return textResponse(400, 'Bad Request: duplicated content-type header');
  if (media !== 'application/json') return textResponse(415, 'Unsupported Media Type: send content-type: application/json');
  return undefined;
}

/** Handles a request: 405 → 401 → 415/400 → 429 → 200 with the GraphQL result(s). */
export async function processRequest(deps: PipelineDeps, req: FakeHttpRequest, parsed: ParsedBody): Promise<FakeHttpResponse> {
  if (req.method.toUpperCase() !== 'POST') return textResponse(405, 'Method Not Allowed', { allow: 'POST' });
  const caller = authenticate(req.headers, deps.auth, deps.store, deps.now());
  if (!caller) return unauthorized();
  const limit = limitFor(deps, caller);
  // Refused requests carry the bucket's state but cost nothing (`RateLimit-Requested: 0`).
  const untouched = (): Record<string, string> =>
    limit ? rateLimitHeaders(limit, deps.buckets.peek(caller.apiKey, limit), 0, deps.rateLimitHeaderForm) : {};
  const refused = contentTypeProblem(req.headers['content-type']);
  if (refused) return { ...refused, headers: { ...untouched(), ...refused.headers } };
  if (!parsed.ok) return jsonResponse(400, { errors: [{ message: parsed.message, extensions: { code: 'BAD_REQUEST' } }] }, untouched());
  const cost = parsed.ops.length;
  let headers: Record<string, string> = {};
  if (limit) {
    const reading = deps.buckets.take(caller.apiKey, limit, cost);
    headers = rateLimitHeaders(limit, reading, cost, deps.rateLimitHeaderForm);
    if (!reading.allowed) return textResponse(429, 'Too Many Requests', headers);
  }
  const results: OperationResult[] = [];
  for (const op of parsed.ops) {
    const ctx = {
      store: deps.store,
      now: deps.now(),
      accountId: caller.accountId,
      currentUser: deps.currentUser,
      iamRefused: deps.iamRefused,
    };
    results.push(await runOperation(deps.schema, op, ctx));
  }
  return jsonResponse(200, parsed.batch ? results : results[0], headers);
}

/**
 * The injected `429`: nothing executed, bucket untouched, `RateLimit-Remaining: 0` — without
 * `RateLimit-*` headers when rate limiting is off (`rateLimit: false`, no per-key override).
 */
export function injected429(deps: PipelineDeps, req: FakeHttpRequest, parsed: ParsedBody, options: FaultOptions): FakeHttpResponse {
  const caller = authenticate(req.headers, deps.auth, deps.store, deps.now());
  const limit = caller ? limitFor(deps, caller) : deps.rateLimit;
  const retry = options.retryAfterSeconds ?? 1;
  const resetSeconds = options.resetSeconds ?? (retry === false ? 1 : retry);
  const requested = parsed.ok ? parsed.ops.length : 0;
  const headers = limit ? rateLimitHeaders(limit, { allowed: false, remaining: 0, resetSeconds }, requested, deps.rateLimitHeaderForm) : {};
  return textResponse(429, 'Too Many Requests', retry === false ? headers : { ...headers, 'retry-after': String(retry) });
}
