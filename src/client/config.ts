import { ConfigurationError } from './errors.js';

/** Environment variables read by `createClient` (and the CLI), as in J1's official tools. */
export const ENV = {
  apiKey: 'JUPITERONE_API_KEY',
  accountId: 'JUPITERONE_ACCOUNT_ID',
  accountIdLegacy: 'JUPITERONE_ACCOUNT',
  region: 'JUPITERONE_REGION',
  endpoint: 'JUPITERONE_BASE_URL',
} as const;

/** The region used when neither `region`, `endpoint` nor their env vars are set. */
export const DEFAULT_REGION = 'us';
/** Default per-call timeout in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Connection settings shared by {@link createClient} and the CLI. */
export interface ConnectionOptions {
  /** J1 API key. Default: `JUPITERONE_API_KEY`. */
  apiKey?: string | undefined;
  /** J1 account id. Default: `JUPITERONE_ACCOUNT_ID`, then `JUPITERONE_ACCOUNT`. */
  accountId?: string | undefined;
  /** Region; the endpoint becomes `https://graphql.<region>.jupiterone.io/`. Default: `JUPITERONE_REGION`, then `'us'`. */
  region?: string | undefined;
  /** Full GraphQL endpoint URL; overrides `region`. Default: `JUPITERONE_BASE_URL`. `http:` only on loopback. */
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

/** Validated connection settings. The API key is kept out of enumerable properties by the client. */
export interface ResolvedConfig {
  readonly apiKey: string;
  readonly accountId: string;
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly headers: Readonly<Record<string, string>>;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** True when `hostname` (as `URL.hostname` gives it) is loopback: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_HOSTS.has(hostname.toLowerCase())) return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

function pick(value: string | undefined, env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined {
  if (value !== undefined && value !== '') return value;
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** Validates an endpoint URL: https anywhere, http only on loopback, no embedded credentials. */
export function validateEndpoint(raw: string | URL, source: string): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new ConfigurationError(`${source} is not a valid URL. Fix: give a full URL such as https://graphql.us.jupiterone.io/`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigurationError(`${source} must not contain credentials. Fix: pass the key as apiKey / JUPITERONE_API_KEY`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      `${source} uses http: on a non-loopback host (${url.hostname}); the API key would travel in clear text. Fix: use https:, or http: only for localhost, 127.0.0.0/8 or [::1]`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`${source} must be an https: URL, got ${url.protocol}`);
  }
  return url.href;
}

function headerSafe(value: string, field: string, env: string): string {
  if (/[\r\n\0]/.test(value) || value !== value.trim()) {
    throw new ConfigurationError(`${field} contains whitespace or line breaks. Fix: check the value of ${field} / ${env}`);
  }
  return value;
}

/**
 * Resolves client options against the environment and validates them.
 * Throws {@link ConfigurationError} naming the option and the environment variable.
 */
export function resolveConfig(options: ConnectionOptions, version: string): ResolvedConfig {
  const env = options.env ?? (typeof process === 'undefined' ? {} : process.env);
  const apiKey = pick(options.apiKey, env, ENV.apiKey);
  if (apiKey === undefined) {
    throw new ConfigurationError(`Missing API key. Fix: pass { apiKey } to createClient or set ${ENV.apiKey}`);
  }
  const accountId = pick(options.accountId, env, ENV.accountId, ENV.accountIdLegacy);
  if (accountId === undefined) {
    throw new ConfigurationError(
      `Missing account id. Fix: pass { accountId } to createClient or set ${ENV.accountId} (or ${ENV.accountIdLegacy})`,
    );
  }
  let endpoint: string;
  if (options.endpoint !== undefined && String(options.endpoint) !== '') {
    endpoint = validateEndpoint(options.endpoint, 'endpoint');
  } else if (options.region !== undefined && options.region !== '') {
    endpoint = regionEndpoint(options.region, 'region');
  } else if (pick(undefined, env, ENV.endpoint) !== undefined) {
    endpoint = validateEndpoint(pick(undefined, env, ENV.endpoint) ?? '', ENV.endpoint);
  } else {
    endpoint = regionEndpoint(pick(undefined, env, ENV.region) ?? DEFAULT_REGION, ENV.region);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigurationError(`timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  }
  const suffix =
    options.userAgent === undefined || options.userAgent === '' ? '' : ` ${headerSafe(options.userAgent, 'userAgent', 'userAgent')}`;
  const nodeVersion = typeof process === 'undefined' ? 'unknown' : process.versions.node;
  return {
    apiKey: headerSafe(apiKey, 'apiKey', ENV.apiKey),
    accountId: headerSafe(accountId, 'accountId', ENV.accountId),
    endpoint,
    timeoutMs,
    userAgent: `j1-api-keys/${version} node/${nodeVersion}${suffix}`,
    headers: { ...options.headers },
  };
}

/** The documented endpoint of a region, e.g. `us` → `https://graphql.us.jupiterone.io/`. */
export function regionEndpoint(region: string, source: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(region)) {
    throw new ConfigurationError(`${source} must be a region name such as "us" or "eu", got ${JSON.stringify(region)}`);
  }
  return `https://graphql.${region}.jupiterone.io/`;
}
