/**
 * `createClient`: wires one client together, above both layers it joins: the request core
 * (`client/`) and the resources (`resources/`). README "Architecture" walks one request through it.
 * @module
 */
import type { CallScope } from './client/call-options.js';
import { resolveConfig, type ConnectionOptions } from './client/config.js';
import { ConfigurationError } from './client/errors.js';
import type { ClientHooks } from './client/hooks.js';
import { toOperations, type Operations } from './client/operations.js';
import { Pacer } from './client/pacer.js';
import { redactHeaders, SecretBook } from './client/redact.js';
import { createRequester } from './client/requester.js';
import { resolveRetry, type RetryOptions } from './client/retry.js';
import { Attempts, createGraphQLClient, createTransport, type FetchLike } from './client/transport.js';
import { GroupsResource } from './resources/groups.js';
import { KnownIds } from './resources/known-ids.js';
import { IntegrationKeysResource } from './resources/integration-keys.js';
import { TokensResource } from './resources/tokens.js';
import { VERSION } from './version.js';

/** Options of {@link createClient}. Every field is optional; see the README's configuration table. */
export interface ClientOptions extends ConnectionOptions {
  /** `fetch` implementation. Default: the global `fetch`. */
  fetch?: FetchLike | undefined;
  /** Retry policy for transient failures; `false` disables retries. */
  retry?: RetryOptions | false | undefined;
  /** Logging / telemetry hooks (secret-free payloads). */
  hooks?: ClientHooks | undefined;
  /** After an ambiguous create: revoke what it may have made (default) or keep it. */
  onAmbiguousCreate?: 'revoke' | 'keep' | undefined;
}

/** A J1 API-key client. Create one with {@link createClient}. */
export interface JupiterOneClient {
  /** Account-level and user-level API keys, their rate limits, rotation and bulk revoke. */
  readonly tokens: TokensResource;
  /** Integration API keys (sync-only, one integration instance). */
  readonly integrationKeys: IntegrationKeysResource;
  /** User groups and their API key access. */
  readonly groups: GroupsResource;
  /** The generated typed function of every operation in `operations/`, through the same wrapper. */
  readonly operations: Operations;
  /** The GraphQL endpoint in use. */
  readonly endpoint: string;
  /** The J1 account id in use. */
  readonly accountId: string;
}

/** Header names the client owns; user `headers` cannot override them. */
const OWN_HEADERS = new Set(['authorization', 'content-type', 'jupiterone-account', 'lifeomic-account', 'user-agent']);

/**
 * Creates a client. Configuration comes from `options`, else the environment
 * (`JUPITERONE_API_KEY`, `JUPITERONE_ACCOUNT_ID`, `JUPITERONE_REGION`, `JUPITERONE_BASE_URL`).
 * Throws `ConfigurationError` when the key or account is missing or the endpoint is unsafe.
 */
export function createClient(options: ClientOptions = {}): JupiterOneClient {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('createClient expects an options object');
  }
  const config = resolveConfig(options, VERSION);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new ConfigurationError('fetch must be a function');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new ConfigurationError('No fetch available. Fix: use Node >= 20 or pass { fetch }');
  }
  // The global fetch is looked up per request, so a mock installed after createClient still applies.
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const onAmbiguousCreate = options.onAmbiguousCreate ?? 'revoke';
  if (onAmbiguousCreate !== 'revoke' && onAmbiguousCreate !== 'keep') {
    throw new ConfigurationError(`onAmbiguousCreate must be 'revoke' or 'keep', got ${String(onAmbiguousCreate)}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) {
    if (!OWN_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers['content-type'] = 'application/json';
  headers['authorization'] = `Bearer ${config.apiKey}`;
  headers['jupiterone-account'] = config.accountId;
  headers['user-agent'] = config.userAgent;

  const attempts = new Attempts();
  const graphql = createGraphQLClient(config.endpoint, { headers, fetch: createTransport(baseFetch, attempts) });
  const requester = createRequester({
    graphql,
    attempts,
    timeoutMs: config.timeoutMs,
    retry: resolveRetry(options.retry),
    hooks: options.hooks ?? {},
    pacer: new Pacer(),
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
  const client: JupiterOneClient = {
    tokens: new TokensResource(context),
    integrationKeys: new IntegrationKeysResource(context),
    groups: new GroupsResource(context),
    operations,
    endpoint: config.endpoint,
    accountId: config.accountId,
  };
  return Object.freeze(client);
}
