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
 * Per-call options as the SDK hands them to the request core (an argument of every request, never
 * ambient state): the caller's checked {@link CallOptions}, plus the absolute deadline of a
 * multi-request call (every page of a listing, every request of an ambiguous create's cleanup ends
 * by it) and an observer of the `data` a failed response carried.
 */
export interface CallScope extends CallOptions {
  /** Epoch ms by which this request (and its retries) must end; set for every request of a multi-request call. */
  readonly deadlineAt?: number | undefined;
  /** Called with the `data` of a response that failed with GraphQL errors (it may hold a created key). */
  readonly onErrorData?: ((data: unknown) => void) | undefined;
}

/** Checks per-call options; throws {@link InvalidArgumentError} naming the bad field. */
export function requireCallOptions(options: unknown): CallOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) {
    const got = options === null ? 'null' : typeof options;
    throw new InvalidArgumentError(`options must be an object { signal?, timeoutMs? } or undefined, got ${got}`, { field: 'options' });
  }
  const { signal, timeoutMs } = options as Record<string, unknown>;
  if (timeoutMs !== undefined && !isTimeoutMs(timeoutMs)) {
    const got = typeof timeoutMs === 'number' ? String(timeoutMs) : typeof timeoutMs;
    throw new InvalidArgumentError(`timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${got}`, {
      field: 'timeoutMs',
    });
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('signal must be an AbortSignal (e.g. controller.signal) or undefined', { field: 'signal' });
  }
  return { signal, timeoutMs };
}

/**
 * Starts a multi-request call: fixes the deadline every request of the call shares
 * (`timeoutMs`, else the client's, from now).
 */
export function startCall(options: CallOptions | undefined, clientTimeoutMs: number): CallScope {
  const timeoutMs = options?.timeoutMs ?? clientTimeoutMs;
  return { signal: options?.signal, timeoutMs, deadlineAt: Date.now() + timeoutMs };
}
