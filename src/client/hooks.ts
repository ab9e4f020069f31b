import type { JupiterOneError } from './errors.js';

/** Facts about one attempt of one operation, passed to every hook. Holds no secret. */
export interface RequestEvent {
  /** GraphQL operation, e.g. `CreateToken`. */
  readonly operationName: string;
  /** `query` or `mutation`. */
  readonly operationType: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** Request headers with `authorization` redacted. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Passed to `onResponse` once an attempt ends. */
export interface ResponseEvent extends RequestEvent {
  /** HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Time the attempt took, in ms. */
  readonly durationMs: number;
  /** The typed error, when the attempt failed. */
  readonly error?: JupiterOneError;
}

/** Passed to `onRetry` before the client waits and tries again. */
export interface RetryEvent extends RequestEvent {
  /** How long the client will wait before the next attempt, in ms. */
  readonly delayMs: number;
  /** Why the attempt failed. */
  readonly error: JupiterOneError;
}

/**
 * Logging / telemetry hooks. A hook that throws, or an async hook that rejects, is ignored and
 * never breaks a call; the call does not wait for an async hook.
 */
export interface ClientHooks {
  /** Before each attempt is sent. */
  onRequest?: ((event: RequestEvent) => unknown) | undefined;
  /** After each attempt, successful or not. */
  onResponse?: ((event: ResponseEvent) => unknown) | undefined;
  /** Before waiting for a retry. */
  onRetry?: ((event: RetryEvent) => unknown) | undefined;
}

/** Calls an observer callback, swallowing anything it throws, and any rejection of an async one. */
export function fire<E>(hook: ((event: E) => unknown) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    const result: unknown = hook(event);
    // An async hook's rejection would otherwise be unhandled, and Node exits on those.
    if (result instanceof Promise) result.catch(() => undefined);
  } catch {
    // Hooks are observers: their failures must not change the call's outcome.
  }
}
