import { ClientError } from 'graphql-request';
import {
  AbortError,
  AuthenticationError,
  GraphQLResponseError,
  JupiterOneError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
  ValidationError,
  type GraphQLErrorEntry,
} from './errors.js';
import { responseKind } from './outcome.js';
import { parseRateLimit, retryAfterMs } from './rate-limit.js';
import { scrub, scrubDeep, scrubSnippet } from './redact.js';

/** What the mapper knows about the failed call. */
export interface ErrorContext {
  readonly operationName: string;
  /** Strings that must never appear in an error (the API key). */
  readonly secrets: readonly string[];
  /** Set when the call's own deadline fired. */
  readonly timedOutAfterMs?: number | undefined;
  /** Set when the caller's signal aborted the call. */
  readonly aborted?: boolean | undefined;
  /** The endpoint's host, named by every {@link NetworkError}. */
  readonly host?: string | undefined;
}

/** Codes of connection failures before any byte of the request left: DNS, routing, refused. */
const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
/** TLS handshake failures: the request is sent only after the handshake, so it never left. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;
/** fetch (undici) refusing the request itself (a header it will not send): nothing reached the network. */
const REFUSED_LOCALLY: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_URL',
]);

/** True when a network error with `code` proves that the request never reached the network. */
function neverLeft(code: string | undefined): boolean {
  return code !== undefined && (CONNECT_CODES.has(code) || REFUSED_LOCALLY.has(code) || TLS_CODE.test(code));
}

/** The network error's message: what failed, the host it tried, and what to check. */
function networkMessage(operationName: string, code: string | undefined, host: string | undefined): string {
  const where = host === undefined ? '' : ` reaching ${host}`;
  const head = `${operationName} failed: network error${code === undefined ? '' : ` (${code})`}${where}`;
  if (code !== undefined && (CONNECT_CODES.has(code) || TLS_CODE.test(code))) {
    const what =
      code === 'ECONNREFUSED' ? 'the connection was refused' : TLS_CODE.test(code) ? 'TLS failed' : 'the host could not be reached';
    return `${head}: ${what}. Fix: check JUPITERONE_REGION / JUPITERONE_BASE_URL (the region or endpoint option), DNS and any proxy`;
  }
  if (code !== undefined && REFUSED_LOCALLY.has(code)) {
    return `${head}: fetch refused to send the request (nothing was sent). Fix: check the client's headers and fetch options`;
  }
  return `${head}. Fix: check the network between this process and ${host ?? 'J1'} (proxy, firewall), then try again`;
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toEntries(errors: unknown): GraphQLErrorEntry[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown) => {
    const obj = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
    const entry: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> } = {
      message: typeof obj.message === 'string' ? obj.message : 'Unknown GraphQL error',
    };
    if (Array.isArray(obj.path)) entry.path = obj.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    if (typeof obj.extensions === 'object' && obj.extensions !== null) entry.extensions = obj.extensions as Record<string, unknown>;
    return entry;
  });
}

/** True when `data` (a response's `data`) has no non-null field: J1 returned nothing but errors. */
function noData(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return true;
  return Object.values(data).every((v) => v === null || v === undefined);
}

function fromGraphQLErrors(raw: GraphQLErrorEntry[], status: number, headers: Headers, data: unknown, ctx: ErrorContext): JupiterOneError {
  // A scrubbed copy: extensions (e.g. an echoed request config) and path may hold the key too.
  // Depth 10 = the array and its entries, then 8 levels of extensions.
  const entries = scrubDeep(raw, ctx.secrets, 10) as GraphQLErrorEntry[];
  const first = entries[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
  const text = entries.map((e) => e.message).join('; ');
  const message = `${ctx.operationName} failed: ${text}${code === undefined ? '' : ` (${code})`}`;
  const opts = { status, operationName: ctx.operationName };
  // Facts, "More facts from J1's own clients and docs": J1's Python client takes an HTTP 200 whose
  // single error message contains 429 as a rate limit; so do we (retried and paced as a 429),
  // unless the response also carries data (then J1 did act).
  if (entries.length === 1 && first !== undefined && /(^|\D)429(\D|$)/.test(first.message) && noData(data)) {
    const wait = retryAfterMs(headers);
    return new RateLimitError(
      `${message}: over J1's rate limit (a 429 in the GraphQL errors)${wait === undefined ? '' : `; retry in ${Math.ceil(wait / 1000)} s`}`,
      { ...opts, retryAfterMs: wait, rateLimit: parseRateLimit(headers) },
    );
  }
  switch (code) {
    case 'UNAUTHENTICATED':
      return new AuthenticationError(message, opts);
    case 'FORBIDDEN':
      return new PermissionError(message, opts);
    case 'NOT_FOUND':
      return new NotFoundError(message, opts);
    case 'BAD_USER_INPUT':
      return new ValidationError(message, { ...opts, code: 'BAD_USER_INPUT' });
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'GRAPHQL_PARSE_FAILED':
      return new ValidationError(message, { ...opts, code: 'GRAPHQL_VALIDATION_FAILED' });
    case 'INTERNAL_SERVER_ERROR':
      return new ServerError(message, opts);
    default:
      return new GraphQLResponseError(message, { ...opts, errors: entries });
  }
}

/** The error of a failed HTTP response, by its kind (`outcome.ts`'s {@link responseKind}). */
function fromHttpStatus(status: number, headers: Headers, body: string, ctx: ErrorContext): JupiterOneError {
  const opts = { status, operationName: ctx.operationName };
  const op = ctx.operationName;
  // Scrub before cutting, so a key straddling the cut never shows in part.
  const snippet = scrubSnippet(body, ctx.secrets, 120);
  const detail = snippet === '' ? '' : ` — server said: ${snippet}`;
  switch (responseKind(status, false)) {
    case 'unauthenticated':
      return new AuthenticationError(
        `${op} failed: J1 rejected the API key or account (HTTP 401)${detail}. Fix: check JUPITERONE_API_KEY and JUPITERONE_ACCOUNT_ID`,
        opts,
      );
    case 'forbidden':
      return new PermissionError(`${op} failed: the API key lacks permission (HTTP 403)${detail}`, opts);
    case 'rate-limited': {
      const wait = retryAfterMs(headers);
      return new RateLimitError(
        `${op} failed: over J1's rate limit (HTTP 429)${wait === undefined ? '' : `; retry in ${Math.ceil(wait / 1000)} s`}`,
        {
          ...opts,
          retryAfterMs: wait,
          rateLimit: parseRateLimit(headers),
        },
      );
    }
    case 'redirect':
      return new RedirectError(
        `${op} failed: the endpoint answered with a redirect (HTTP ${status}), which is never followed with credentials. Fix: set endpoint to the final URL`,
        opts,
      );
    case 'server':
      return new ServerError(`${op} failed: J1 returned HTTP ${status}${detail}`, opts);
    default:
      return new GraphQLResponseError(`${op} failed: unexpected HTTP ${status}${detail}`, { ...opts, errors: [] });
  }
}

/**
 * Maps anything a request can throw to a typed {@link JupiterOneError}.
 * Never keeps graphql-request's `ClientError` as `cause`: it holds request variables and response data.
 */
export function toJupiterOneError(err: unknown, ctx: ErrorContext): JupiterOneError {
  if (err instanceof JupiterOneError) return err;
  const operationName = ctx.operationName;
  if (ctx.aborted === true) return new AbortError(`${operationName} was aborted by the caller`, { operationName });
  if (ctx.timedOutAfterMs !== undefined) {
    return new TimeoutError(`${operationName} timed out after ${ctx.timedOutAfterMs} ms`, {
      timeoutMs: ctx.timedOutAfterMs,
      operationName,
    });
  }
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'AbortError') return new AbortError(`${operationName} was aborted by the caller`, { operationName });
  if (name === 'TimeoutError') return new TimeoutError(`${operationName} timed out`, { timeoutMs: undefined, operationName });
  if (err instanceof ClientError) {
    const { status, headers, body, data } = err.response as { status: number; headers?: Headers; body?: unknown; data?: unknown };
    const entries = toEntries(err.response.errors);
    if (responseKind(status, entries.length > 0) === 'graphql')
      return fromGraphQLErrors(entries, status, headers ?? new Headers(), data, ctx);
    return fromHttpStatus(status, headers ?? new Headers(), typeof body === 'string' ? body : '', ctx);
  }
  if (err instanceof TypeError || errorCode(err) !== undefined) {
    const code = errorCode(err);
    return new NetworkError(networkMessage(operationName, code, ctx.host), {
      operationName,
      notSent: neverLeft(code),
      cause: err instanceof Error ? new Error(scrub(err.message, ctx.secrets)) : undefined,
    });
  }
  // The parser's own message may quote the body (which can hold a secret): name the failure only.
  const reason = err instanceof SyntaxError ? 'the body is not valid JSON' : 'the body is not a GraphQL response';
  return new ServerError(`${operationName} failed: malformed response from J1 (${reason})`, { operationName });
}
