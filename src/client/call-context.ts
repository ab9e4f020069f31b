/** The last argument of every client method. */
export interface CallOptions {
  /** Aborts the call (including any retry wait). */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call; covers every attempt and wait. */
  timeoutMs?: number | undefined;
}

/** What the transport needs to know about the attempt in flight. */
export interface AttemptContext {
  /** Aborts this attempt: the call's deadline or the caller's signal. */
  readonly signal: AbortSignal;
  /** Called with every HTTP response (any status) before graphql-request reads it. */
  readonly onResponse: (status: number, headers: Headers) => void;
}

// Handed over synchronously: `fn` reads what it needs before its first `await` (the request
// wrapper reads the call options on entry; graphql-request calls fetch synchronously from
// `client.request`), so no AsyncLocalStorage (and none of its process-wide promise hooks).
let callOptions: CallOptions | undefined;
let attempt: AttemptContext | undefined;

/** Runs `fn` with per-call options visible to the request wrapper, which reads them synchronously. */
export function withCallOptions<T>(options: CallOptions | undefined, fn: () => Promise<T>): Promise<T> {
  const previous = callOptions;
  callOptions = options;
  try {
    return fn();
  } finally {
    callOptions = previous;
  }
}

/** The per-call options of the call being started, if any. */
export function currentCallOptions(): CallOptions | undefined {
  return callOptions;
}

/** Runs one attempt with its context visible to the transport, which reads it synchronously. */
export function withAttempt<T>(context: AttemptContext, fn: () => Promise<T>): Promise<T> {
  const previous = attempt;
  attempt = context;
  try {
    return fn();
  } finally {
    attempt = previous;
  }
}

/** The attempt being started, if any. */
export function currentAttempt(): AttemptContext | undefined {
  return attempt;
}
