/**
 * `client.inventory`: every API key of the account (account keys, user keys, integration keys of
 * every instance) as {@link KeyRecord}s, with the pages and keys that could not be read listed in
 * `problems` instead of dropped. Loaded on the first call (`await import()` in `createClient`).
 *
 * Facts used (jupiterone-api-facts.md): `tokens(search: { type })` lists ACCOUNT and USER_API
 * keys, with `username` / `email` / `userId` ("Account-level tokens"); `integrationInstances` +
 * `integrationInstanceTokens(id)` list integration keys ("Exact type names"); the per-key
 * `accountRateLimits.tokenRateLimits(tokenId).apiInvocationRateLimit` holds the key's own limit
 * and `metrics.timeRange` usage slices, time format undocumented, best effort ("Exact type names");
 * an expiry from year 9000 on means "never" ("More facts").
 */
import { requireCallOptions, startCall, type CallOptions, type CallScope } from '../client/call-options.js';
import { AbortError, InvalidArgumentError, JupiterOneError } from '../client/errors.js';
import { fire } from '../client/hooks.js';
import { describePolicy } from '../policy/index.js';
import { runBulk } from './bulk.js';
import type { ResourceContext } from './context.js';
import type { IntegrationInstanceInfo, IntegrationInstancesResource } from './integration-instances.js';
import type { IntegrationKeysResource } from './integration-keys.js';
import {
  KEY_KINDS,
  type Inventory,
  type InventoryOptions,
  type InventoryProblem,
  type KeyKind,
  type KeyRecord,
  type KeyUsage,
} from './inventory-types.js';
import { paginate } from './paginate.js';
import type { TokenRateLimit } from './rate-limits.js';
import { array, object, strings } from './shape.js';
import { required, toToken, type Token, type TokenFields } from './token.js';
import { optionsObject, requireInt } from './validate.js';

/** What the inventory reads through. */
export interface InventoryDeps {
  readonly ctx: ResourceContext;
  readonly integrationInstances: IntegrationInstancesResource;
  readonly integrationKeys: IntegrationKeysResource;
}

const DAY_MS = 86_400_000;

/** Errors that mean J1 answered "no" for this key's metrics (usage unknown), not that the request failed. */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_ERROR']);

function typed(error: unknown): JupiterOneError {
  return error instanceof JupiterOneError ? error : new JupiterOneError(String(error), { code: 'SERVER_ERROR' });
}

const isFilterFree = (condition: unknown): boolean =>
  condition === undefined ||
  condition === null ||
  (typeof condition === 'object' &&
    Object.values(condition).every((v) => v === null || v === undefined || (Array.isArray(v) ? v.length === 0 : false)));

/**
 * True when an `ALLOW` permission has `*` among its actions and its resources and no query
 * filter. Read from the raw JSON, so keys whose policy this SDK cannot fully parse (older forms)
 * are judged too.
 */
export function isFullAccess(rawPolicy: string | null): boolean {
  if (rawPolicy === null || rawPolicy === '') return false;
  let document: unknown;
  try {
    document = JSON.parse(rawPolicy.replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  const permissions = (document as { permissions?: unknown } | null)?.permissions;
  if (!Array.isArray(permissions)) return false;
  return permissions.some((p: unknown) => {
    if (typeof p !== 'object' || p === null) return false;
    const { effect, actions, resources, condition } = p as Record<string, unknown>;
    const has = (list: unknown) => (Array.isArray(list) ? list.includes('*') : list === '*');
    return effect === 'ALLOW' && has(actions) && has(resources) && isFilterFree(condition);
  });
}

function summary(token: Token): string | null {
  if (token.policy !== null) return describePolicy(token.policy);
  return token.rawPolicy === null || token.rawPolicy === '' ? null : '(policy not readable by this version)';
}

const ageDays = (createdAt: Date, now: number): number => Math.max(0, Math.floor((now - createdAt.getTime()) / DAY_MS));

interface InventoryTokenFields extends TokenFields {
  readonly type: string;
  readonly username: string | null;
  readonly email: string | null;
  readonly userId: string | null;
}

function tokenRecord(fields: InventoryTokenFields, kind: KeyKind, now: number): KeyRecord {
  const token = toToken(fields, 'ListTokenInventory');
  strings(fields, 'ListTokenInventory', [], ['username', 'email', 'userId']);
  const email = fields.email ?? null;
  const username = fields.username ?? null;
  const userId = fields.userId ?? null;
  return Object.freeze({
    kind,
    id: token.id,
    name: token.name,
    owner: email === null && username === null && userId === null ? null : Object.freeze({ email, username, userId }),
    integrationInstance: null,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt, // null for never (toExpiry)
    revoked: token.revoked,
    ageDays: ageDays(token.createdAt, now),
    fullAccess: isFullAccess(token.rawPolicy),
    policySummary: summary(token),
    rateLimit: null,
  });
}

const STAGE = { account: 'account-keys', user: 'user-keys' } as const;

/** Parses a slice instant: ISO 8601 or epoch milliseconds as a string (the format is undocumented). */
function instant(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

type UsageData = Awaited<ReturnType<ReturnType<ResourceContext['sdk']>['GetTokenUsage']>>;

/** Reads J1's answer to GetTokenUsage: the key's own limit and its usage. */
function readUsage(data: UsageData, windowDays: number, slices: number): { rateLimit: TokenRateLimit | null; usage: KeyUsage } {
  const op = 'GetTokenUsage';
  const account = object<UsageData['accountRateLimits']>(data.accountRateLimits, op, 'accountRateLimits');
  const limits = object<UsageData['accountRateLimits']['tokenRateLimits']>(account.tokenRateLimits, op, 'tokenRateLimits');
  const api = object<UsageData['accountRateLimits']['tokenRateLimits']['apiInvocationRateLimit']>(
    limits.apiInvocationRateLimit,
    op,
    'apiInvocationRateLimit',
  );
  const policy = api.rateLimitPolicy ?? null;
  const rateLimit =
    policy !== null && Number.isInteger(policy.invocationCapacity) && Number.isInteger(policy.invocationWindowSeconds)
      ? Object.freeze({ capacity: policy.invocationCapacity, windowSeconds: policy.invocationWindowSeconds })
      : null;
  const list = api.metrics?.timeRange;
  if (!Array.isArray(list) || list.length === 0) {
    return { rateLimit, usage: Object.freeze({ status: 'unknown', reason: 'J1 returned no usage slices for this key' }) };
  }
  let invocations = 0;
  let rejected = 0;
  let last: number | null = null;
  for (const slice of list as readonly unknown[]) {
    const s = (typeof slice === 'object' && slice !== null ? slice : {}) as Record<string, unknown>;
    const total = s['totalInvocations'];
    const refused = s['rejectedInvocations'];
    if (typeof total !== 'number' || !Number.isFinite(total) || typeof refused !== 'number' || !Number.isFinite(refused)) {
      return { rateLimit, usage: Object.freeze({ status: 'unknown', reason: 'J1 returned usage slices without readable counts' }) };
    }
    invocations += total;
    rejected += refused;
    if (total > 0) {
      const start = instant(s['startTime']);
      if (!Number.isFinite(start)) {
        return { rateLimit, usage: Object.freeze({ status: 'unknown', reason: 'J1 returned usage slices without readable times' }) };
      }
      last = last === null ? start : Math.max(last, start);
    }
  }
  return {
    rateLimit,
    usage: Object.freeze({
      status: 'known',
      windowDays,
      sliceSeconds: Math.round((windowDays * 86_400) / slices),
      invocations,
      rejected,
      lastActiveSlice: last === null ? null : new Date(last),
    }),
  };
}

function problem(
  stage: InventoryProblem['stage'],
  error: JupiterOneError,
  message: string,
  ids: { instanceId?: string; keyId?: string } = {},
): InventoryProblem {
  return Object.freeze({
    stage,
    instanceId: ids.instanceId ?? null,
    keyId: ids.keyId ?? null,
    code: error.code,
    message: `${message}: ${error.message}`,
    error,
  });
}

function checkOptions(options: InventoryOptions | undefined) {
  const o = optionsObject(options, 'options');
  const include: readonly unknown[] = o.include ?? KEY_KINDS;
  if (!Array.isArray(include) || include.length === 0 || include.some((k) => !KEY_KINDS.includes(k as KeyKind))) {
    throw new InvalidArgumentError(
      `include must be a non-empty array of ${KEY_KINDS.map((k) => `'${k}'`).join(', ')}. Fix: e.g. include: ['account', 'user']`,
      { field: 'include' },
    );
  }
  for (const name of ['includeRevoked', 'usage', 'rateLimits'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'boolean') {
      throw new InvalidArgumentError(`${name} must be true or false`, { field: name });
    }
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new InvalidArgumentError('onProgress must be a function', { field: 'onProgress' });
  }
  const usage = o.usage ?? false;
  return {
    include: new Set(include as readonly KeyKind[]),
    includeRevoked: o.includeRevoked ?? false,
    usage,
    rateLimits: o.rateLimits ?? usage,
    windowDays: requireInt(o.usageWindowDays ?? 30, 'usageWindowDays', 1, 365),
    concurrency: requireInt(o.concurrency ?? 4, 'concurrency', 1, 32),
    pageSize: o.pageSize === undefined ? undefined : requireInt(o.pageSize, 'pageSize', 1, 1000),
    onProgress: o.onProgress,
    call: requireCallOptions({ signal: o.signal, timeoutMs: o.timeoutMs }),
  };
}

/** Takes the inventory. See `JupiterOneClient.inventory`. */
export async function runInventory(deps: InventoryDeps, options?: InventoryOptions): Promise<Inventory> {
  const opts = checkOptions(options);
  const { ctx } = deps;
  const now = Date.now();
  // `timeoutMs`, when given, bounds the whole inventory (every page, every usage read). Without
  // it each request gets the client's timeout: an inventory of thousands of keys, paced by J1's
  // rate limit, takes minutes. `signal` always stops all of it.
  const scope: CallScope = opts.call?.timeoutMs === undefined ? { signal: opts.call?.signal } : startCall(opts.call, ctx.timeoutMs);
  const deadlineAt = scope.deadlineAt;
  /** Options for a listing of another resource: the time left of the inventory's deadline. */
  const call = (): CallOptions => ({
    signal: scope.signal,
    timeoutMs: deadlineAt === undefined ? undefined : Math.max(1, deadlineAt - Date.now()),
  });
  const records: KeyRecord[] = [];
  const problems: InventoryProblem[] = [];
  const progress = { phase: 'list' as 'list' | 'usage', done: 0, total: 0 };
  const report = () =>
    fire(opts.onProgress, {
      phase: progress.phase,
      done: progress.done,
      total: progress.total,
      keys: records.length,
      problems: problems.length,
    });
  const stopIfAborted = (): void => {
    if (scope.signal?.aborted === true) throw new AbortError('The inventory was aborted', { cause: scope.signal.reason });
  };

  const tokenKinds = (['account', 'user'] as const).filter((k) => opts.include.has(k));
  progress.total = tokenKinds.length + (opts.include.has('integration') ? 1 : 0);
  for (const kind of tokenKinds) {
    const type = kind === 'account' ? 'ACCOUNT' : 'USER_API';
    let found = 0;
    try {
      const pages = paginate('ListTokenInventory', async (cursor) => {
        const variables = {
          search: { type },
          ...(opts.pageSize === undefined ? {} : { limit: opts.pageSize }),
          ...(cursor === undefined ? {} : { cursor }),
        } as const;
        const data = await ctx.sdk(scope).ListTokenInventory(variables);
        const page = required(data.tokens, 'ListTokenInventory', 'tokens');
        return { items: array<InventoryTokenFields>(page.items, 'ListTokenInventory', 'items'), pageInfo: page.pageInfo };
      });
      for await (const fields of pages) {
        const record = tokenRecord(fields, kind, now);
        ctx.known.note(record.id);
        found++;
        if (opts.includeRevoked || !record.revoked) records.push(record);
      }
    } catch (error) {
      stopIfAborted();
      problems.push(problem(STAGE[kind], typed(error), `Listing ${kind} keys stopped after ${found}; the rest are missing`));
    }
    progress.done++;
    report();
  }

  if (opts.include.has('integration')) {
    const instances: IntegrationInstanceInfo[] = [];
    try {
      const listOptions = { pageSize: opts.pageSize ?? 100 };
      for await (const instance of deps.integrationInstances.list(listOptions, call())) {
        instances.push(instance);
        progress.total++;
      }
    } catch (error) {
      stopIfAborted();
      problems.push(
        problem(
          'integration-instances',
          typed(error),
          `Listing integration instances stopped after ${instances.length}; the keys of the rest are missing`,
        ),
      );
    }
    progress.done++;
    report();
    const perInstance = await runBulk(
      instances.map((i) => i.id),
      async (instanceId) => {
        const instance = instances.find((i) => i.id === instanceId) as IntegrationInstanceInfo;
        const keys: KeyRecord[] = [];
        try {
          const listOptions = opts.pageSize === undefined ? {} : { pageSize: opts.pageSize };
          for await (const key of deps.integrationKeys.list(instanceId, listOptions, call())) {
            keys.push(
              Object.freeze({
                kind: 'integration',
                id: key.tokenId,
                name: null,
                owner: null,
                integrationInstance: Object.freeze({ id: instance.id, name: instance.name }),
                createdAt: key.createdAt,
                expiresAt: key.expiresAt,
                revoked: false,
                ageDays: ageDays(key.createdAt, now),
                fullAccess: false,
                policySummary: `sync only: integration instance ${instance.name}`,
                rateLimit: null,
              } satisfies KeyRecord),
            );
          }
        } catch (error) {
          stopIfAborted();
          return { keys, error: typed(error) };
        } finally {
          progress.done++;
          report();
        }
        return { keys, error: undefined };
      },
      { concurrency: opts.concurrency },
    );
    stopIfAborted();
    perInstance.forEach((result, index) => {
      // The task never throws (it returns its error), so every result is ok.
      if (!result.ok) return;
      records.push(...result.token.keys);
      const instance = instances[index] as IntegrationInstanceInfo;
      if (result.token.error !== undefined) {
        problems.push(
          problem(
            'integration-keys',
            result.token.error,
            `Listing the keys of integration instance ${instance.name} (${instance.id}) stopped after ${result.token.keys.length}; the rest are missing`,
            { instanceId: instance.id },
          ),
        );
      }
    });
  }

  if (opts.usage || opts.rateLimits) {
    progress.phase = 'usage';
    progress.done = 0;
    progress.total = records.length;
    report();
    const slices = opts.windowDays;
    const startTime = new Date(now - opts.windowDays * DAY_MS).toISOString();
    const endTime = new Date(now).toISOString();
    const results = await runBulk(
      records.map((r) => r.id),
      async (tokenId) => {
        try {
          const data = await ctx.sdk(scope).GetTokenUsage({ tokenId, startTime, endTime, slices });
          return readUsage(data, opts.windowDays, slices);
        } finally {
          progress.done++;
          report();
        }
      },
      { concurrency: opts.concurrency },
    );
    stopIfAborted();
    results.forEach((result, index) => {
      const record = records[index] as KeyRecord;
      let usage: KeyUsage;
      let rateLimit: TokenRateLimit | null = null;
      if (result.ok) {
        usage = result.token.usage;
        rateLimit = result.token.rateLimit;
      } else {
        usage = Object.freeze({ status: 'unknown', reason: `${result.error.code}: ${result.error.message}` });
        // A refusal is an answer (usage unknown); a failed request is a problem as well.
        if (!REFUSALS.has(result.error.code)) {
          problems.push(problem('usage', result.error, `Reading the usage of key ${record.id} failed`, { keyId: record.id }));
        }
      }
      records[index] = Object.freeze({ ...record, rateLimit, ...(opts.usage ? { usage } : {}) });
    });
  }
  report();
  // A rejected API key or account is no missing page: nothing can be read, so say so.
  const unauthenticated = problems.find((p) => p.stage !== 'usage' && p.code === 'UNAUTHENTICATED');
  if (unauthenticated !== undefined) throw unauthenticated.error;
  return Object.assign(records, { problems: Object.freeze(problems) });
}
