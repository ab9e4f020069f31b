import { isTimeoutMs, MAX_TIMEOUT_MS } from './config.js';
import { InvalidArgumentError } from './errors.js';

/** The last argument of every client method. */
export interface CallOptions {
  /** Aborts the call (including any retry wait). */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call; covers every attempt and wait. */
  timeoutMs?: number | undefined;
}

/**
 * Per-call options as the SDK passes them internally: the caller's {@link CallOptions} plus the
 * absolute deadline of a multi-request call (every page of a listing, every request of an
 * ambiguous create's cleanup ends by it) and an observer of the `data` a failed response carried.
 * @internal
 */
export interface CallScope extends CallOptions {
  /** Epoch ms by which this request (and its retries) must end; set for every request of a multi-request call. */
  readonly deadlineAt?: number | undefined;
  /** Called with the `data` of a response that failed with GraphQL errors (it may hold a created key). */
  readonly onErrorData?: ((data: unknown) => void) | undefined;
}

/** What the transport needs to know about the attempt in flight. */
export interface AttemptContext {
  /** Aborts this attempt: the call's deadline or the caller's signal. */
  readonly signal: AbortSignal;
  /** Called with every HTTP response (any status) before graphql-request reads it. */
  readonly onResponse: (status: number, headers: Headers) => void;
  /** Called when the request is handed to `fetch` (whatever fails before that was never sent). */
  readonly onSend: () => void;
}

// Handed over synchronously: `fn` reads what it needs before its first `await` (the request
// wrapper reads the call options on entry; graphql-request calls fetch synchronously from
// `client.request`), so no AsyncLocalStorage (and none of its process-wide promise hooks).
/** A value visible to whatever `run`'s function does synchronously, restored afterwards. */
class HandOff<V> {
  value: V | undefined;
  run<T>(value: V | undefined, fn: () => Promise<T>): Promise<T> {
    const previous = this.value;
    this.value = value;
    try {
      return fn();
    } finally {
      this.value = previous;
    }
  }
}

const callOptions = new HandOff<CallScope>();
const attempt = new HandOff<AttemptContext>();

/** A validated copy of per-call options, or the {@link InvalidArgumentError} naming the bad field. */
function checkCallOptions(options: unknown): CallOptions | undefined | InvalidArgumentError {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) {
    const got = options === null ? 'null' : typeof options;
    return new InvalidArgumentError(`options must be an object { signal?, timeoutMs? } or undefined, got ${got}`, { field: 'options' });
  }
  const { signal, timeoutMs } = options as Record<string, unknown>;
  if (timeoutMs !== undefined && !isTimeoutMs(timeoutMs)) {
    const got = typeof timeoutMs === 'number' ? String(timeoutMs) : typeof timeoutMs;
    return new InvalidArgumentError(`timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${got}`, {
      field: 'timeoutMs',
    });
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    return new InvalidArgumentError('signal must be an AbortSignal (e.g. controller.signal) or undefined', { field: 'signal' });
  }
  return { signal, timeoutMs };
}

/** Checks per-call options up front (e.g. once for a bulk call); throws {@link InvalidArgumentError}. */
export function requireCallOptions(options: unknown): CallOptions | undefined {
  const checked = checkCallOptions(options);
  if (checked instanceof InvalidArgumentError) throw checked;
  return checked;
}

/**
 * Runs `fn` with per-call options visible to the request wrapper, which reads them synchronously.
 * Invalid options reject with {@link InvalidArgumentError} and `fn` never runs (nothing is sent).
 */
export function withCallOptions<T>(options: CallOptions | undefined, fn: () => Promise<T>): Promise<T> {
  const checked = checkCallOptions(options);
  return checked instanceof InvalidArgumentError ? Promise.reject(checked) : callOptions.run(checked, fn);
}

/** Like {@link withCallOptions}, for a scope the SDK built itself (already checked). @internal */
export function withCallScope<T>(scope: CallScope | undefined, fn: () => Promise<T>): Promise<T> {
  return callOptions.run(scope, fn);
}

/**
 * Starts a multi-request call: checks the caller's options and fixes the deadline every request
 * of the call shares (`timeoutMs`, else the client's, from now). Throws {@link InvalidArgumentError}.
 * @internal
 */
export function startCall(options: unknown, clientTimeoutMs: number): CallScope {
  const checked = requireCallOptions(options);
  const timeoutMs = checked?.timeoutMs ?? clientTimeoutMs;
  return { signal: checked?.signal, timeoutMs, deadlineAt: Date.now() + timeoutMs };
}

/** The per-call options of the call being started, if any. */
export function currentCallOptions(): CallScope | undefined {
  return callOptions.value;
}

/** Runs one attempt with its context visible to the transport, which reads it synchronously. */
export function withAttempt<T>(context: AttemptContext, fn: () => Promise<T>): Promise<T> {
  return attempt.run(context, fn);
}

/** The attempt being started, if any. */
export function currentAttempt(): AttemptContext | undefined {
  return attempt.value;
}
