/**
 * `createClient`: wires one client together, above both layers it joins: the request core
 * (`client/`) and the resources (`resources/`). README "Architecture" walks one request through it.
 * @module
 */
import type { CompatibilityReport } from './compat/types.js';
import type { CallOptions, CallScope } from './client/call-options.js';
import { checkClientOptions, resolveConfig } from './client/config.js';
import type { ClientOptions } from './client/options.js';
import { ConfigurationError } from './client/errors.js';
import { toOperations, type Operations } from './client/operations.js';
import { Pacer } from './client/pacer.js';
import { redactHeaders, SecretBook } from './client/redact.js';
import { createRequester } from './client/requester.js';
import { resolveRetry } from './client/retry.js';
import { Attempts, createGraphQLClient, createTransport, type FetchLike } from './client/transport.js';

export type { ClientOptions } from './client/options.js';
import { GroupsResource } from './resources/groups.js';
import type { WhoAmI } from './resources/account.js';
import { IntegrationInstancesResource } from './resources/integration-instances.js';
import { IntegrationKeysResource } from './resources/integration-keys.js';
import type { Inventory, InventoryOptions } from './resources/inventory-types.js';
import { KnownIds } from './resources/known-ids.js';
import { TokensResource } from './resources/tokens.js';
import { VERSION } from './version.js';

/** A J1 API-key client. Create one with {@link createClient}. */
export interface JupiterOneClient {
  /** Account-level and user-level API keys, their rate limits, rotation and bulk revoke. */
  readonly tokens: TokensResource;
  /** Integration API keys (sync-only, one integration instance). */
  readonly integrationKeys: IntegrationKeysResource;
  /** Integration instances (what integration keys are scoped to): list, find by id or name. */
  readonly integrationInstances: IntegrationInstancesResource;
  /** User groups and their API key access. */
  readonly groups: GroupsResource;
  /**
   * Every API key of the account: account keys, user keys (with their owners) and the
   * integration keys of every integration instance, paged and paced like every bulk call.
   * Resolves to a `KeyRecord[]` that carries a `problems` list: a page or key that could not be
   * read is reported there (the records are then incomplete as it says), never silently dropped.
   * With `usage: true` it also reads each key's usage slices and own rate limit (one request per
   * key). Rejects only on bad options (`InvalidArgumentError`, nothing sent), a rejected API key
   * or account (`AuthenticationError`) or an abort (`AbortError`).
   * The implementation loads on the first call.
   */
  inventory(options?: InventoryOptions): Promise<Inventory>;
  /** The generated typed function of every operation in `operations/`, through the same wrapper. */
  readonly operations: Operations;
  /** The GraphQL endpoint in use. */
  readonly endpoint: string;
  /** The J1 account id in use. */
  readonly accountId: string;
  /**
   * The account and user behind the configured key (`iamGetAccount`, `iamGetCurrentUser`);
   * `user` is `null` for a key without a user. Loaded on first use.
   */
  whoami(options?: CallOptions): Promise<WhoAmI>;
  /**
   * Introspects the endpoint, validates every operation this SDK sends against the live schema,
   * and lists every difference between the live schema and the one this SDK was built for
   * (`schema.graphql`) on the parts it declares. Loaded on first use.
   * @throws the client's typed errors when the endpoint cannot be introspected (network, 401, …)
   */
  checkCompatibility(options?: CallOptions): Promise<CompatibilityReport>;
  /**
   * J1's rate-limit budget as the client last saw it in `RateLimit-*` response headers
   * (`limit`/`remaining` `undefined` until a response carried them; `resetAt` epoch ms).
   */
  readonly rateLimit: { readonly limit: number | undefined; readonly remaining: number | undefined; readonly resetAt: number };
}

/** Header names the client owns; user `headers` cannot override them. */
const OWN_HEADERS = new Set(['authorization', 'content-type', 'jupiterone-account', 'lifeomic-account', 'user-agent']);

/**
 * Creates a client. Configuration comes from `options`, else the environment
 * (`JUPITERONE_API_KEY`, `JUPITERONE_ACCOUNT_ID`, `JUPITERONE_REGION`, `JUPITERONE_BASE_URL`).
 * Throws `ConfigurationError` when the key or account is missing, the endpoint is unsafe, or any
 * option is of the wrong type, out of range or unknown (with a did-you-mean).
 */
export function createClient(options: ClientOptions = {}): JupiterOneClient {
  checkClientOptions(options);
  const config = resolveConfig(options, VERSION);
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new ConfigurationError('No fetch available. Fix: use Node >= 20 or pass { fetch }');
  }
  // The global fetch is looked up per request, so a mock installed after createClient still applies.
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // `fetch` and `onAmbiguousCreate` were checked by checkClientOptions.
  const onAmbiguousCreate = options.onAmbiguousCreate ?? 'revoke';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) {
    if (!OWN_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers['content-type'] = 'application/json';
  headers['authorization'] = `Bearer ${config.apiKey}`;
  headers['jupiterone-account'] = config.accountId;
  headers['user-agent'] = config.userAgent;

  const pacer = new Pacer();
  const attempts = new Attempts();
  const graphql = createGraphQLClient(config.endpoint, { headers, fetch: createTransport(baseFetch, attempts) });
  const requester = createRequester({
    graphql,
    attempts,
    timeoutMs: config.timeoutMs,
    retry: resolveRetry(options.retry),
    hooks: options.hooks ?? {},
    pacer,
    redactedHeaders: Object.freeze(redactHeaders(headers)),
    secrets: new SecretBook(config.apiKey),
    host: new URL(config.endpoint).host,
  });
  const operations = toOperations(requester);
  const context = {
    sdk: (scope: CallScope | undefined) => requester.sdk(scope),
    onAmbiguousCreate,
    known: new KnownIds(),
    timeoutMs: config.timeoutMs,
  };
  const integrationKeys = new IntegrationKeysResource(context);
  const integrationInstances = new IntegrationInstancesResource(context);
  const client: JupiterOneClient = {
    tokens: new TokensResource(context),
    integrationKeys,
    integrationInstances,
    groups: new GroupsResource(context),
    async inventory(inventoryOptions) {
      // Loaded on first use (issue 16): scripts that never take an inventory do not pay for it.
      const { runInventory } = await import('./resources/inventory.js');
      return runInventory({ ctx: context, integrationInstances, integrationKeys }, inventoryOptions);
    },
    operations,
    endpoint: config.endpoint,
    accountId: config.accountId,
    async whoami(callOptions) {
      const { whoami } = await import('./resources/account.js');
      return whoami(context, callOptions);
    },
    async checkCompatibility(callOptions) {
      const { checkCompatibility, INTROSPECTION_OPERATION } = await import('./compat/check.js');
      return checkCompatibility((query) => requester.raw(callOptions, query, INTROSPECTION_OPERATION));
    },
    get rateLimit() {
      const { limit, remaining, resetAt } = pacer.snapshot;
      return { limit, remaining, resetAt };
    },
  };
  return Object.freeze(client);
}
