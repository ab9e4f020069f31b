import { REDACTED } from '../client/redact.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * Base for objects that carry a secret: the secret is readable through a getter, but
 * `util.inspect`, `console.log`, `JSON.stringify`, `String()` and template literals all show
 * `[redacted]` in its place.
 */
export abstract class SecretHolder {
  readonly #secret: string;

  /** @param secret - the value to hide */
  protected constructor(secret: string) {
    this.#secret = secret;
  }

  /** The secret itself. Store it somewhere safe; J1 never shows it again. */
  protected get revealed(): string {
    return this.#secret;
  }

  /** Name of the property that holds the secret, e.g. `secret`. */
  protected abstract get secretField(): string;

  /** The public fields, without the secret. */
  protected abstract publicFields(): Record<string, unknown>;

  /** JSON form: every field, with the secret as `[redacted]`. */
  toJSON(): Record<string, unknown> {
    return { ...this.publicFields(), [this.secretField]: REDACTED };
  }

  /** A one-line description with the secret redacted. */
  toString(): string {
    const fields = Object.entries(this.toJSON())
      .filter(([, v]) => typeof v !== 'object' || v === null)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return `${this.constructor.name}(${fields})`;
  }

  /** String and number conversion both give the redacted description. */
  [Symbol.toPrimitive](): string {
    return this.toString();
  }

  /** `util.inspect` / `console.log` form, with the secret redacted. */
  [inspectSymbol](
    _depth: number,
    options: { stylize?: (s: string, style: string) => string },
    inspect?: (v: unknown, o: unknown) => string,
  ): string {
    const body = inspect === undefined ? JSON.stringify(this.toJSON()) : inspect(this.toJSON(), options);
    return `${this.constructor.name} ${body}`;
  }
}
