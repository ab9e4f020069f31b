/**
 * `createFakeJ1`: the transport-neutral fake JupiterOne GraphQL API.
 * @packageDocumentation
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseBody, type ParsedBody } from './body.js';
import { DEFAULT_CURRENT_USER, DEFAULT_RATE_LIMIT } from './defaults.js';
import { FaultQueue, graphql429, malformed, statusFaultResponse, type QueuedFault } from './faults.js';
import { injected429, processRequest, type PipelineDeps } from './pipeline.js';
import { TokenBuckets } from './rate-limiter.js';
import { recordsOf } from './record.js';
import { buildFakeSchema } from './schema.js';
import { stateView } from './state-view.js';
import { Store } from './store.js';
import type { FakeHttpRequest, FakeJ1, FakeJ1Options, FakeRequestRecord, FakeResult } from './types.js';

function checkOptions(options: FakeJ1Options): void {
  const limit = options.rateLimit;
  if (limit) {
    for (const [name, v] of [
      ['capacity', limit.capacity],
      ['windowSeconds', limit.windowSeconds],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`createFakeJ1: rateLimit.${name} must be a positive integer`);
    }
  }
  if (options.schemaSDL !== undefined && typeof options.schemaSDL !== 'string')
    throw new TypeError('createFakeJ1: schemaSDL must be a string');
  const form = options.rateLimitHeaderForm;
  if (form !== undefined && form !== 'bare' && form !== 'structured' && form !== 'structured-spaced') {
    throw new RangeError("createFakeJ1: rateLimitHeaderForm must be 'bare', 'structured' or 'structured-spaced'");
  }
  if (options.iamApi !== undefined && options.iamApi !== 'enabled' && options.iamApi !== 'refused') {
    throw new RangeError("createFakeJ1: iamApi must be 'enabled' or 'refused'");
  }
  const latency = options.latencyMs ?? 0;
  if (!Number.isFinite(latency) || latency < 0) throw new RangeError('createFakeJ1: latencyMs must be >= 0');
}

async function respond(deps: PipelineDeps, fault: QueuedFault | undefined, req: FakeHttpRequest, parsed: ParsedBody): Promise<FakeResult> {
  switch (fault?.kind) {
    case 'reset':
    case 'timeout':
      return { kind: fault.kind };
    case 500:
    case 502:
    case 504:
    case 503:
    case 'html401':
      return statusFaultResponse(fault.kind);
    case 429:
      return injected429(deps, req, parsed, fault.options);
    case 'graphql429':
      return graphql429(injected429(deps, req, parsed, fault.options));
    default:
      break;
  }
  const response = await processRequest(deps, req, parsed);
  if (fault?.kind === 'malformed') return malformed(response);
  if (fault?.kind === 'reset-after') return { kind: 'reset-after' };
  return response;
}

/**
 * Creates a fake J1 holding its own in-memory state, schema (built once from
 * `schemaSDL`), rate-limit buckets, fault queue and request log. Options and defaults:
 * see {@link FakeJ1Options}.
 *
 * HTTP, in order, for each request: a queued fault is consumed first (before
 * authentication); then the method (`405` unless POST); authentication (`401`,
 * `text/plain` body `Unauthorized`, no `RateLimit-*` headers: the request belongs to no
 * client); content type (`415` when missing or not JSON, `400` when sent twice); body
 * (`400` JSON `BAD_REQUEST` when not JSON or not a GraphQL request / non-empty batch);
 * rate limit (`429`, `text/plain` body `Too Many Requests`, no `Retry-After` since J1 does
 * not document one, nothing executed, nothing taken); then each operation in order,
 * answered `200` (an object, or an array for a batch). Every authenticated response
 * carries `RateLimit-Limit` / `-Remaining` / `-Reset` / `-Requested` (unless `rateLimit: false`).
 *
 * GraphQL: parse errors `GRAPHQL_PARSE_FAILED`, validation errors
 * `GRAPHQL_VALIDATION_FAILED`, variables that do not coerce `BAD_USER_INPUT` (these have
 * no `data`: nothing ran). A resolver error answers `data: null` plus `errors[]` with
 * `path` and `extensions.code` (`NOT_FOUND`, `BAD_USER_INPUT`), J1's shape; partial data
 * is never returned.
 *
 * Behaviour where J1's documentation is silent:
 * - Secrets (`j1_` + 40 base64url chars) are returned by the create mutations only;
 *   every read resolves `secret`/`token` to `''`. A key's secret authenticates (with its
 *   own per-key limit) until it is revoked or expires; integration keys never do.
 * - ACCOUNT/RESOURCE keys get the request's account id as `subject` unless given; USER_API
 *   keys the current user's id. `accountId` resolves to the request's account.
 * - `createToken` needs exactly one of `token`/`input`, a non-blank name, a policy that
 *   passes `parsePolicy` (else `BAD_USER_INPUT` listing every issue) and a future `expiresAt`.
 * - `revokeToken` and `revokeIntegrationInstanceToken` are idempotent.
 * - Lists: `tokens` newest first (revoked keys included), `integrationInstanceTokens`
 *   newest first (revoked keys removed), `iamGetGroupList` in seed order. Default page 50,
 *   `limit` < 1 is `BAD_USER_INPUT`, above 1000 clamped. Cursors are opaque and remain
 *   valid when items are added; a cursor of another list is `BAD_USER_INPUT`.
 * - `updateIamGroup` replaces both lists; a list not sent becomes empty.
 * - Changing a key's rate-limit override keeps its bucket's contents (clamped to the new capacity).
 *
 * @throws RangeError on invalid options; TypeError on duplicate seeded ids.
 */
export function createFakeJ1(options: FakeJ1Options = {}): FakeJ1 {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const currentUser = options.currentUser ?? DEFAULT_CURRENT_USER;
  const store = new Store({
    tokens: options.tokens ?? [],
    groups: options.groups ?? [],
    integrationInstances: options.integrationInstances ?? [],
    accountId: options.accountId,
    currentUser,
    now: now(),
    users: options.users,
    integrationTokens: options.integrationTokens,
    usage: options.usage,
    refuseUsageFor: options.refuseUsageFor,
  });
  const buckets = new TokenBuckets(now);
  const deps: PipelineDeps = {
    schema: buildFakeSchema(options.schemaSDL),
    store,
    buckets,
    auth: { apiKey: options.apiKey, accountId: options.accountId },
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    now,
    currentUser,
    rateLimitHeaderForm: options.rateLimitHeaderForm ?? 'bare',
    iamRefused: options.iamApi === 'refused',
  };
  const faults = new FaultQueue();
  const requests: FakeRequestRecord[] = [];
  const latencyMs = options.latencyMs ?? 0;
  return {
    state: stateView(store),
    requests,
    failNext: (count, kind, faultOptions) => faults.push(count, kind, faultOptions),
    reset() {
      store.reset();
      requests.length = 0;
      faults.clear();
      buckets.clear();
    },
    async handle(req, handleOptions = {}) {
      const parsed = parseBody(req.body);
      const records = recordsOf(req, parsed);
      requests.push(...records);
      const result = await respond(deps, faults.shift(records.map((r) => r.operationName)), req, parsed);
      if (result.kind !== 'timeout' && latencyMs > 0) {
        const signal = handleOptions.signal;
        // node:timers rejects with its own AbortError: hand the caller the signal's reason instead.
        await sleep(latencyMs, undefined, signal ? { signal } : {}).catch((error: unknown) => {
          throw signal?.aborted === true ? signal.reason : error;
        });
      }
      return result;
    },
  };
}
