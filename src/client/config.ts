import { didYouMean } from '../suggest.js';
import type { ClientOptions, ConnectionOptions } from './options.js';
import { ConfigurationError } from './errors.js';

/** Environment variables read by `createClient` (and the CLI), as in J1's official tools. */
export const ENV = {
  apiKey: 'JUPITERONE_API_KEY',
  accountId: 'JUPITERONE_ACCOUNT_ID',
  accountIdLegacy: 'JUPITERONE_ACCOUNT',
  region: 'JUPITERONE_REGION',
  endpoint: 'JUPITERONE_BASE_URL',
} as const;

/**
 * Read by J1's integration SDK, never by this package: the REST base of J1's sync API
 * (`https://api.<region>.jupiterone.io`), not a GraphQL URL (facts file, "Endpoint and headers"
 * and "More facts from J1's own clients and docs"). Named only in messages.
 */
export const INTEGRATION_SDK_REST_BASE_ENV = 'JUPITERONE_API_BASE_URL';

/** The documented GraphQL endpoint of a region. */
const graphqlOf = (region: string): string => `https://graphql.${region}.jupiterone.io/`;

/** J1's REST host, `api.<region>.jupiterone.io`: its GraphQL lives only at `/graphql` (the older URL). */
const J1_API_HOST = /^api\.([a-z0-9-]+)\.jupiterone\.io$/;

/**
 * Refuses J1's REST base (the integration SDK's `JUPITERONE_API_BASE_URL`, e.g.
 * `https://api.us.jupiterone.io`) given as the GraphQL endpoint: on the `api.` host only the
 * older GraphQL path `/graphql` is GraphQL (facts file, "More facts from J1's own clients and docs").
 */
function refuseRestBase(url: URL, source: string): void {
  const region = J1_API_HOST.exec(url.hostname.toLowerCase())?.[1];
  if (region === undefined || /^\/graphql\/?$/.test(url.pathname)) return;
  throw new ConfigurationError(
    `${source} is J1's REST base ${url.origin}${url.pathname === '/' ? '' : url.pathname} (what the integration SDK reads from ${INTEGRATION_SDK_REST_BASE_ENV}), not a GraphQL endpoint. Fix: use ${graphqlOf(region)}`,
  );
}

/**
 * With no region or endpoint configured, the default region is used. An integration project's
 * `JUPITERONE_API_BASE_URL` naming another J1 region (`https://api.eu.jupiterone.io`) means the
 * account lives there: refuse rather than silently talk to the wrong region. The variable is
 * never used as the endpoint itself.
 */
function refuseRegionMismatch(env: Readonly<Record<string, string | undefined>>): void {
  const raw = env[INTEGRATION_SDK_REST_BASE_ENV];
  if (typeof raw !== 'string' || !URL.canParse(raw.trim())) return;
  const region = J1_API_HOST.exec(new URL(raw.trim()).hostname.toLowerCase())?.[1];
  if (region === undefined || region === DEFAULT_REGION) return;
  throw new ConfigurationError(
    `${INTEGRATION_SDK_REST_BASE_ENV} is in region "${region}" but no region is set, so "${DEFAULT_REGION}" would be used. Fix: set ${ENV.region}=${region} (or ${ENV.endpoint}=${graphqlOf(region)})`,
  );
}

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
    if (v !== undefined && typeof v !== 'string')
      throw new ConfigurationError(`${name} in env must be a string, got ${kind(v)}. Fix: set ${name} to a string or remove it from env`);
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
}

function kind(value: unknown): string {
  return value === null ? 'null' : isArraySafe(value) ? 'an array' : typeof value;
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
    throw new ConfigurationError(
      `${source} must be an https: URL, got ${url.protocol}. Fix: give a full URL such as https://graphql.us.jupiterone.io/`,
    );
  }
  refuseRestBase(url, source);
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
  if (typeof headers !== 'object' || headers === null || isArraySafe(headers)) {
    throw new ConfigurationError(
      `headers must be an object of header names to string values, got ${kind(headers)}. Fix: pass e.g. { 'x-request-source': 'ops' }, or leave it out`,
    );
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
  return guarded(() => resolveReadable(options, version));
}

/**
 * Runs `read`, turning anything but a ConfigurationError (a revoked Proxy or a throwing getter
 * among the options, `env` or `headers`) into a ConfigurationError: never a raw TypeError.
 */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(
      'createClient options could not be read (a revoked Proxy or a getter that throws among options, env, headers, retry or hooks?). Fix: pass plain objects',
    );
  }
}

function resolveReadable(options: ConnectionOptions, version: string): ResolvedConfig {
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
    const region = pick(undefined, env, ENV.region);
    if (region === undefined) refuseRegionMismatch(env);
    endpoint = regionEndpoint(region ?? DEFAULT_REGION, ENV.region);
  }
  const timeoutMs: unknown = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!isTimeoutMs(timeoutMs)) {
    throw new ConfigurationError(
      `timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${describeKind(timeoutMs)}. Fix: pass e.g. 30000, or leave it out for the default ${DEFAULT_TIMEOUT_MS}`,
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
    throw new ConfigurationError(
      `${source} must be a region name such as "us" or "eu", got ${JSON.stringify(region)}. Fix: use a lower-case region name, or give the full endpoint URL instead`,
    );
  }
  return graphqlOf(region);
}

/**
 * Every option name {@link createClient} accepts. A `Record` over `keyof ClientOptions`, so the
 * compiler fails when an option is added to `ClientOptions` but not here (or the other way round).
 */
const CLIENT_OPTIONS: Readonly<Record<keyof ClientOptions, 1>> = {
  apiKey: 1,
  accountId: 1,
  region: 1,
  endpoint: 1,
  timeoutMs: 1,
  userAgent: 1,
  headers: 1,
  env: 1,
  fetch: 1,
  retry: 1,
  hooks: 1,
  onAmbiguousCreate: 1,
};

/** The option names of `retry`, and of `hooks`. */
const RETRY_OPTIONS = ['maxRetries', 'baseDelayMs', 'maxDelayMs'] as const;
const HOOK_NAMES = ['onRequest', 'onResponse', 'onRetry'] as const;

/** Most retries `retry.maxRetries` may ask for (every retry also stays inside `timeoutMs`). */
export const MAX_RETRIES = 100;

/** Human name of a value's kind, for messages that must not echo the value. */
function describeKind(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? 'a string' : kind(value);
}

/** `Array.isArray` that answers `false` for a revoked Proxy instead of throwing (`keysOf` then reports it). */
function isArraySafe(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !isArraySafe(value);

/** `field must be <expected>, got <kind of value>. Fix: <fix>`: never the value itself (it may be the key). */
const invalid = (field: string, expected: string, value: unknown, fix: string): ConfigurationError =>
  new ConfigurationError(`${field} must be ${expected}, got ${describeKind(value)}. Fix: ${fix}`);

/** Own keys of an options object; one that throws when read (a revoked Proxy) is a ConfigurationError. */
function keysOf(value: object, field: string): string[] {
  try {
    return Object.keys(value);
  } catch {
    throw new ConfigurationError(`${field} could not be read (a revoked Proxy or a throwing trap?). Fix: pass a plain object`);
  }
}

/** Refuses names not in `known`, with the nearest known name as a did-you-mean. */
function refuseUnknown(names: readonly string[], known: readonly string[], where: string): void {
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const parts = unknown.map((name) => {
    const near = didYouMean(name, known);
    return JSON.stringify(name) + (near === undefined ? '' : ` (did you mean "${near}"?)`);
  });
  throw new ConfigurationError(
    `unknown ${where} option${unknown.length === 1 ? '' : 's'} ${parts.join(', ')}. Fix: use the exact name; known ${where} options: ${known.join(', ')}`,
  );
}

const LEAVE_OUT = 'or leave it out for the default';

function checkDelay(value: unknown, field: string): void {
  if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= MAX_TIMEOUT_MS)) {
    throw invalid(field, `a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}`, value, `pass a number such as 250, ${LEAVE_OUT}`);
  }
}

function checkRetry(retry: unknown): void {
  if (retry === undefined || retry === false) return;
  if (!isPlainObject(retry)) {
    throw invalid(
      'retry',
      'an object { maxRetries, baseDelayMs, maxDelayMs } or false',
      retry,
      `pass e.g. { maxRetries: 3 }, false for no retries, ${LEAVE_OUT}s`,
    );
  }
  refuseUnknown(keysOf(retry, 'retry'), RETRY_OPTIONS, 'retry');
  const n = retry['maxRetries'];
  if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_RETRIES)) {
    throw invalid(
      'retry.maxRetries',
      `a whole number from 0 to ${MAX_RETRIES}`,
      n,
      `pass e.g. 3 (a number, not a string), 0 for no retries, ${LEAVE_OUT} 3`,
    );
  }
  checkDelay(retry['baseDelayMs'], 'retry.baseDelayMs');
  checkDelay(retry['maxDelayMs'], 'retry.maxDelayMs');
}

function checkHooks(hooks: unknown): void {
  if (hooks === undefined) return;
  const fix = 'pass callbacks such as { onRetry: (event) => console.warn(event) }, or leave it out';
  if (!isPlainObject(hooks)) throw invalid('hooks', 'an object of callbacks { onRequest, onResponse, onRetry }', hooks, fix);
  // A hooks object may be a class instance with fields of its own: only names that look like a
  // hook (`onX…`, or a near miss of one) are refused, e.g. `onRequests`, `onretry`, `onError`.
  const hookLike = keysOf(hooks, 'hooks').filter((name) => /^on[A-Z_]/.test(name) || didYouMean(name, HOOK_NAMES) !== undefined);
  refuseUnknown(hookLike, HOOK_NAMES, 'hooks');
  for (const name of HOOK_NAMES) {
    const hook = hooks[name];
    if (hook !== undefined && typeof hook !== 'function') throw invalid(`hooks.${name}`, 'a function', hook, fix);
  }
}

/**
 * Checks the options of {@link createClient} that {@link resolveConfig} does not read: the
 * option names themselves (an unknown name is refused with a did-you-mean: `timeoutMS`,
 * `apikey`), `env`, `fetch`, `retry`, `hooks` and `onAmbiguousCreate`. Throws
 * {@link ConfigurationError} naming the option and the fix; never echoes a string value.
 */
export function checkClientOptions(options: unknown): void {
  guarded(() => checkReadable(options));
}

function checkReadable(options: unknown): void {
  if (!isPlainObject(options)) throw invalid('createClient options', 'an object', options, 'pass { apiKey, accountId, … } or nothing');
  refuseUnknown(keysOf(options, 'createClient options'), Object.keys(CLIENT_OPTIONS), 'createClient');
  const { env, fetch, retry, hooks, onAmbiguousCreate } = options;
  if (env !== undefined && !isPlainObject(env)) {
    throw invalid(
      'env',
      'an object of environment variables (like process.env)',
      env,
      'pass an object, or leave it out to read process.env',
    );
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw invalid('fetch', 'a function (a fetch implementation)', fetch, "pass e.g. undici's fetch, or leave it out for the global fetch");
  }
  checkRetry(retry);
  checkHooks(hooks);
  if (onAmbiguousCreate !== undefined && onAmbiguousCreate !== 'revoke' && onAmbiguousCreate !== 'keep') {
    throw invalid('onAmbiguousCreate', "'revoke' or 'keep'", onAmbiguousCreate, "pass 'revoke' (the default) or 'keep'");
  }
}
