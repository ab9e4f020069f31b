import { AsyncLocalStorage } from 'node:async_hooks';

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

const callStorage = new AsyncLocalStorage<CallOptions>();
const attemptStorage = new AsyncLocalStorage<AttemptContext>();

/** Runs `fn` with per-call options visible to the request wrapper. */
export function withCallOptions<T>(options: CallOptions | undefined, fn: () => Promise<T>): Promise<T> {
  return options === undefined ? fn() : callStorage.run(options, fn);
}

/** The per-call options of the call in progress, if any. */
export function currentCallOptions(): CallOptions | undefined {
  return callStorage.getStore();
}

/** Runs one attempt with its context visible to the transport. */
export function withAttempt<T>(context: AttemptContext, fn: () => Promise<T>): Promise<T> {
  return attemptStorage.run(context, fn);
}

/** The attempt in progress, if any. */
export function currentAttempt(): AttemptContext | undefined {
  return attemptStorage.getStore();
}
