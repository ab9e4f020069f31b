import { analyzeDocument, GraphQLClient, type RequestDocument, type RequestOptions, type Variables } from 'graphql-request';

/** Request headers as `fetch` (and graphql-request) take them. */
type HeadersLike = ConstructorParameters<typeof Headers>[0];

/** A `fetch`-compatible function. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What the transport needs to know about the attempt in flight. */
export interface AttemptContext {
  /** Aborts this attempt: the call's deadline or the caller's signal. */
  readonly signal: AbortSignal;
  /** Called with every HTTP response (any status) before graphql-request reads it. */
  readonly onResponse: (status: number, headers: Headers) => void;
  /** Called just before the request is handed to `fetch`. */
  readonly onSend: () => void;
}

/**
 * The header that names the attempt a request belongs to. The request core passes it as the
 * generated function's per-attempt headers (codegen's wrapper gives `action(requestHeaders)`), and
 * the transport removes it before `fetch`: it never leaves the process.
 */
export const ATTEMPT_HEADER = 'x-j1-api-keys-attempt';

/**
 * The attempts in flight of one client, by id: how the request core hands each attempt's signal
 * and callbacks to the transport. Owned by the client instance.
 *
 * Assumption about graphql-request (7.4.0), tested in test/client/transport.test.ts: the
 * `requestHeaders` given to `client.request` reach `fetch` in `init.headers` (a `Headers`).
 * If that breaks, every request fails before `fetch` ("no attempt"), never unbounded or unpaced.
 */
export class Attempts {
  #next = 0;
  readonly #open = new Map<string, AttemptContext>();

  /** Registers an attempt; returns the headers that name it. */
  open(context: AttemptContext): { readonly [ATTEMPT_HEADER]: string } {
    const id = String(++this.#next);
    this.#open.set(id, context);
    return { [ATTEMPT_HEADER]: id };
  }

  /** Forgets an attempt (it has settled). */
  close(headers: { readonly [ATTEMPT_HEADER]: string }): void {
    this.#open.delete(headers[ATTEMPT_HEADER]);
  }

  /** The attempt a request's headers name (and the header removed from them). */
  take(headers: Headers): AttemptContext | undefined {
    const id = headers.get(ATTEMPT_HEADER);
    if (id === null) return undefined;
    headers.delete(ATTEMPT_HEADER);
    return this.#open.get(id);
  }
}

/**
 * Wraps `fetch` for graphql-request: finds the request's attempt, never follows redirects
 * (credentials must not travel to another host), applies the attempt's abort signal, and reports
 * every response's status and headers (for rate-limit pacing and hooks).
 */
export function createTransport(baseFetch: FetchLike, attempts: Attempts): FetchLike {
  return async (input, init) => {
    const headers = init?.headers instanceof Headers ? init.headers : new Headers(init?.headers);
    const attempt = attempts.take(headers);
    if (attempt === undefined) throw new Error('j1-api-keys: a request without its attempt reached the transport (nothing was sent)');
    // A copy of graphql-request's init (a for-in copy: see BENCHMARKS.md §1), less `jsonSerializer`:
    // graphql-request hands its config's extra options to fetch, and that one is ours.
    const forwarded: Record<string, unknown> = {};
    for (const key in init) if (key !== 'jsonSerializer') forwarded[key] = (init as Record<string, unknown>)[key];
    forwarded['headers'] = headers;
    forwarded['redirect'] = 'manual';
    const callerSignal = init?.signal ?? undefined;
    forwarded['signal'] = callerSignal === undefined ? attempt.signal : AbortSignal.any([attempt.signal, callerSignal]);
    attempt.onSend();
    const response = await baseFetch(input, forwarded);
    attempt.onResponse(response.status, response.headers);
    return response;
  };
}

/** What graphql-request's `analyzeDocument` makes of a document: its text and operation name. */
interface PreparedDocument {
  readonly expression: string;
  readonly operationName: string | undefined;
}

/**
 * A graphql-request client that sends each document exactly as graphql-request would, but
 * prepares it once instead of on every request.
 *
 * graphql-request `print`s a DocumentNode (or `parse`s a string, to find its operation name) on
 * every request (its largest per-call cost: BENCHMARKS.md §1). Here each
 * document goes through graphql-request's own `analyzeDocument` once; requests then carry the
 * printed text with `excludeOperationName` (so graphql-request neither prints nor parses), and
 * the JSON serializer puts the same `operationName` back into the body. The body is byte for
 * byte what graphql-request sends by itself: `{"query":…,"variables":…,"operationName":…}`.
 */
export function createGraphQLClient(endpoint: string, options: { headers: Record<string, string>; fetch: FetchLike }): GraphQLClient {
  const byNode = new WeakMap<object, PreparedDocument>();
  const byText = new Map<string, PreparedDocument>();

  const prepare = (document: RequestDocument): string => {
    if (typeof document === 'object' && document !== null) {
      let prepared = byNode.get(document);
      if (prepared === undefined) {
        prepared = analyzeDocument(document);
        byNode.set(document, prepared);
        byText.set(prepared.expression, prepared);
      }
      return prepared.expression;
    }
    if (!byText.has(document)) byText.set(document, analyzeDocument(document));
    return document;
  };

  const jsonSerializer = {
    parse: JSON.parse as (text: string) => unknown,
    stringify: (value: unknown): string => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const body = value as { query?: unknown; variables?: unknown; operationName?: unknown };
        if (typeof body.query === 'string' && body.operationName === undefined) {
          const operationName = byText.get(body.query)?.operationName;
          // The key order of graphql-request's own body.
          if (operationName !== undefined) return JSON.stringify({ query: body.query, variables: body.variables, operationName });
        }
      }
      return JSON.stringify(value);
    },
  };

  class PreparedDocumentsClient extends GraphQLClient {
    override request<T = unknown>(documentOrOptions: unknown, ...variablesAndRequestHeaders: unknown[]): Promise<T> {
      // The two call forms, told apart as graphql-request's own parseRequestArgs does.
      const options = documentOrOptions as RequestOptions<Variables, T>;
      if (options.document) {
        // The four fields graphql-request reads from request options, listed (BENCHMARKS.md §1: no spread).
        const { variables, requestHeaders, signal } = options as {
          variables?: Variables;
          requestHeaders?: HeadersLike;
          signal?: AbortSignal | null;
        };
        return super.request<T>({ document: prepare(options.document), variables, requestHeaders, signal } as RequestOptions<Variables, T>);
      }
      const [variables, requestHeaders] = variablesAndRequestHeaders as [Variables | undefined, HeadersLike | undefined];
      return super.request<T>({ document: prepare(documentOrOptions as RequestDocument), variables, requestHeaders } as RequestOptions<
        Variables,
        T
      >);
    }
  }

  return new PreparedDocumentsClient(endpoint, { ...options, excludeOperationName: true, jsonSerializer });
}
