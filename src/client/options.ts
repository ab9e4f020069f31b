import type { ClientHooks } from './hooks.js';
import type { RetryOptions } from './retry.js';
import type { FetchLike } from './transport.js';

/** Connection settings shared by `createClient` and the CLI. */
export interface ConnectionOptions {
  /** J1 API key. Default: `JUPITERONE_API_KEY`. */
  apiKey?: string | undefined;
  /** J1 account id. Default: `JUPITERONE_ACCOUNT_ID`, then `JUPITERONE_ACCOUNT`. */
  accountId?: string | undefined;
  /** Region; the endpoint becomes `https://graphql.<region>.jupiterone.io/`. Default: `JUPITERONE_REGION`, then `'us'`. */
  region?: string | undefined;
  /**
   * Full GraphQL endpoint URL; overrides `region`. Default: `JUPITERONE_BASE_URL`. `http:` only on loopback.
   * J1's REST base (`https://api.<region>.jupiterone.io` without `/graphql`, the integration SDK's
   * `JUPITERONE_API_BASE_URL`) is refused: it is not a GraphQL endpoint.
   */
  endpoint?: string | URL | undefined;
  /** Per-call timeout in ms (covers retries). Default 30000. */
  timeoutMs?: number | undefined;
  /** Appended to the `user-agent` header, e.g. `my-ops-script/1.2`. */
  userAgent?: string | undefined;
  /** Extra headers sent with every request. They cannot override authorization, account, content-type or user-agent. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Environment to read fallbacks from. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Options of `createClient`. Every field is optional; see the README's configuration table. */
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
