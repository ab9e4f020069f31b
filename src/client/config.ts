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

/** Largest timer Node honours (2^31 - 1 ms, about 24.8 days); longer ones fire after 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** True when `value` is a usable timeout: a finite number from 1 to {@link MAX_TIMEOUT_MS}. */
export function isTimeoutMs(value: unknown): value is number {
  return typeof value === 'number' && value >= 1 && value <= MAX_TIMEOUT_MS;
}

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

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '[::1]', '::1']);

/** True when `hostname` (as `URL.hostname` gives it) is loopback: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_HOSTS.has(hostname.toLowerCase())) return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

function pick(value: string | undefined, env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined {
  if (value !== undefined && value !== '') return value;
  for (const name of names) {
    const v: unknown = env[name];
    if (v !== undefined && typeof v !== 'string') throw new ConfigurationError(`${name} in env must be a string, got ${kind(v)}`);
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Throws unless `value` is undefined or a string (the value itself is never echoed: it may be the key). */
function optionalString(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new ConfigurationError(`${field} must be a string, got ${kind(value)}. Fix: pass ${field} as a string or leave it out`);
  }
}

/** Validates an endpoint URL: https anywhere, http only on loopback, no embedded credentials. */
function validateEndpoint(raw: string | URL, source: string): string {
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

/** Characters a header value may not hold: CR, LF, NUL (injection) and anything beyond Latin-1 (fetch rejects it). */
const UNSAFE_HEADER_VALUE = /[\r\n\0]|[^\0-\xff]/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function headerSafe(value: string, field: string, env: string): string {
  if (UNSAFE_HEADER_VALUE.test(value) || value !== value.trim()) {
    throw new ConfigurationError(
      `${field} contains surrounding whitespace, a line break, NUL or a non-Latin-1 character. Fix: check the value of ${field} / ${env}`,
    );
  }
  return value;
}

/**
 * Headers that frame the HTTP message: fetch sets them itself, and refuses or hangs on a request
 * that carries them (a wrong `content-length` waits for bytes that never come).
 */
const FRAMING_HEADERS: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'expect',
  'upgrade',
  'keep-alive',
  'connection',
  'te',
  'trailer',
  'host',
]);

function extraHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ConfigurationError(`headers must be an object of header names to string values, got ${kind(headers)}`);
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new ConfigurationError(`headers has an invalid header name ${JSON.stringify(name)}. Fix: use letters, digits and - only`);
    }
    if (FRAMING_HEADERS.has(name.toLowerCase())) {
      throw new ConfigurationError(
        `headers["${name}"] is set by fetch itself (it frames the HTTP message; fetch refuses or hangs on it). Fix: remove ${name} from headers`,
      );
    }
    // Name the header, never echo the value.
    if (typeof value !== 'string' || UNSAFE_HEADER_VALUE.test(value)) {
      throw new ConfigurationError(
        `headers["${name}"] must be a string without line breaks, NUL or non-Latin-1 characters. Fix: check the value of headers["${name}"]`,
      );
    }
    out[name] = value;
  }
  return out;
}

/**
 * Resolves client options against the environment and validates them.
 * Throws {@link ConfigurationError} naming the option and the environment variable.
 */
export function resolveConfig(options: ConnectionOptions, version: string): ResolvedConfig {
  const env = options.env ?? (typeof process === 'undefined' ? {} : process.env);
  for (const field of ['apiKey', 'accountId', 'region', 'userAgent'] as const) optionalString(options[field], field);
  if (!(options.endpoint instanceof URL)) optionalString(options.endpoint, 'endpoint');
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
  const timeoutMs: unknown = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!isTimeoutMs(timeoutMs)) {
    throw new ConfigurationError(
      `timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${typeof timeoutMs === 'number' ? String(timeoutMs) : kind(timeoutMs)}`,
    );
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
    headers: extraHeaders(options.headers),
  };
}

/** The documented endpoint of a region, e.g. `us` → `https://graphql.us.jupiterone.io/`. */
function regionEndpoint(region: string, source: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(region)) {
    throw new ConfigurationError(`${source} must be a region name such as "us" or "eu", got ${JSON.stringify(region)}`);
  }
  return `https://graphql.${region}.jupiterone.io/`;
}
