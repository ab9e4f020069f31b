/**
 * Errors known to have happened before the request was sent (the pacer's wait, an abort before
 * sending): the server cannot have acted, so a create that failed this way is not ambiguous.
 * @module
 */
const notSent = new WeakSet<object>();

/** Marks `error` as raised before anything was sent; returns it. */
export function markNotSent<E extends object>(error: E): E {
  notSent.add(error);
  return error;
}

/** True when `error` was raised before anything was sent. */
export function wasNotSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && notSent.has(error);
}
