/**
 * The base of every error j1-api-keys throws, shared by the HTTP client (`client/errors.ts`) and
 * the policy module (`policy/errors.ts`), so that neither depends on the other.
 *
 * Every class has one constructor shape, `new XError(message, options)`, and one generic,
 * secret-free `toJSON` (its enumerable own fields; no message or field ever holds a secret: the
 * request core scrubs before it builds an error). `instanceof` also holds across the ESM and CJS
 * copies of the package loaded in one process: each error carries a `Symbol.for` brand naming its
 * classes, which `Symbol.hasInstance` checks.
 * @module
 */

/** Machine-readable code carried by every {@link JupiterOneError}. */
export type JupiterOneErrorCode =
  | 'CONFIGURATION'
  | 'POLICY_INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'GRAPHQL_ERROR'
  | 'AMBIGUOUS_CREATE'
  | 'ROTATION_INCOMPLETE'
  | 'INVALID_ARGUMENT';

/** Where a request had got to when it failed: `no` proves J1 never saw it. */
export type Sent = 'no' | 'yes' | 'unknown';

/** Options every error constructor takes (each class adds its own fields). */
export interface JupiterOneErrorOptions {
  /** HTTP status of the response, when there was one. */
  readonly status?: number | undefined;
  /** GraphQL operation that failed, e.g. `CreateToken`. */
  readonly operationName?: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
  /** Set by the request core: whether the request reached the network (see `client/outcome.ts`). */
  readonly sent?: Sent | undefined;
}

/** The brand every error carries: the names of its classes, most derived first. */
const BRAND: unique symbol = Symbol.for('j1-api-keys.error') as never;

/** The class names from `target` up to (and including) {@link JupiterOneError}. */
function classNames(target: object): readonly string[] {
  const names: string[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
    names.push((c as { name: string }).name);
  }
  return Object.freeze(names);
}

/** The JSON form of a field: nested errors and created keys through their own `toJSON`. */
function jsonValue(value: unknown): unknown {
  return value instanceof JupiterOneError ? value.toJSON() : value;
}

/** Base class of every error thrown by j1-api-keys. */
export class JupiterOneError extends Error {
  /** Machine-readable failure kind (narrowed by each subclass). */
  readonly code: JupiterOneErrorCode;
  /** HTTP status of the response, when there was one. */
  declare readonly status?: number;
  /** GraphQL operation that failed, e.g. `CreateToken`. */
  declare readonly operationName?: string;
  /** Whether the request reached the network, when the request core knows (not enumerable: not in JSON). */
  declare readonly sent?: Sent;

  /** Creates an error; prefer the subclasses. */
  constructor(message: string, options: JupiterOneErrorOptions & { readonly code: JupiterOneErrorCode }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    // Set only when known, so `'status' in error` and inspect output stay honest.
    if (options.status !== undefined) Object.defineProperty(this, 'status', { value: options.status, enumerable: true });
    if (options.operationName !== undefined) {
      Object.defineProperty(this, 'operationName', { value: options.operationName, enumerable: true });
    }
    if (options.sent !== undefined) Object.defineProperty(this, 'sent', { value: options.sent });
    Object.defineProperty(this, BRAND, { value: classNames(new.target) });
  }

  /**
   * `instanceof` by brand as well as by prototype: an error from the package's CJS copy is an
   * instance of the ESM copy's class of the same name (and vice versa).
   */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const brand = typeof value === 'object' && value !== null ? (value as { [BRAND]?: unknown })[BRAND] : undefined;
    return Array.isArray(brand) && brand.includes(this.name);
  }

  /** A plain, secret-free object for logs and `JSON.stringify`: name, code, message and every enumerable field. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) if (!(key in out)) out[key] = jsonValue(value);
    return out;
  }
}
