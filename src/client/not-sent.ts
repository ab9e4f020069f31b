/**
 * Errors known to have happened before the request was sent (a refused connection, the pacer's
 * wait, an abort before sending): the server cannot have acted, so a create that failed this way
 * is not ambiguous. The one place that answers "was it sent?".
 * @module
 */
import { NetworkError } from './errors.js';

const notSent = new WeakSet<object>();

/** Marks `error` as raised before anything was sent; returns it. */
export function markNotSent<E extends object>(error: E): E {
  notSent.add(error);
  return error;
}

/** True when `error` was raised before anything was sent (marked, or a `NetworkError` with `notSent`). */
export function wasNotSent(error: unknown): boolean {
  if (error instanceof NetworkError) return error.notSent || notSent.has(error);
  return typeof error === 'object' && error !== null && notSent.has(error);
}
