import { SecretHolder } from './redacted.js';
import { numbers, object, strings } from './shape.js';
import { toDate, toExpiry } from './token.js';

/** An integration API key as J1 lists it (never with its secret). */
export interface IntegrationKeyInfo {
  /** The key's id. */
  readonly tokenId: string;
  /** When the key was created. */
  readonly createdAt: Date;
  /** When the key expires; `null` when it does not. */
  readonly expiresAt: Date | null;
}

/**
 * A newly created integration API key. `token` is the secret (returned once by J1); it is
 * redacted from `util.inspect`, `JSON.stringify`, `String()` and template literals exactly
 * like `CreatedToken.secret`.
 */
export class IntegrationKey extends SecretHolder implements IntegrationKeyInfo {
  /** @inheritDoc */
  readonly tokenId: string;
  /** @inheritDoc */
  readonly createdAt: Date;
  /** @inheritDoc */
  readonly expiresAt: Date | null;

  /** Builds the object from J1's create response. */
  constructor(fields: { tokenId: string; token: string; createdAt: number; expiresAt: number }) {
    const op = 'CreateIntegrationInstanceToken';
    strings(object(fields, op, 'createIntegrationInstanceToken'), op, ['tokenId', 'token']);
    numbers(fields, op, ['createdAt'], ['expiresAt']);
    super(fields.token);
    this.tokenId = fields.tokenId;
    this.createdAt = toDate(fields.createdAt) ?? new Date(0);
    this.expiresAt = toExpiry(fields.expiresAt);
    Object.freeze(this);
  }

  /** The integration API key itself. J1 shows it only once: store it now. */
  get token(): string {
    return this.revealed;
  }

  /** @internal */
  protected get secretField(): string {
    return 'token';
  }

  /** @internal */
  protected publicFields(): Record<string, unknown> {
    return { tokenId: this.tokenId, createdAt: this.createdAt, expiresAt: this.expiresAt };
  }
}

/** Maps a listed integration key. */
export function toIntegrationKeyInfo(fields: { tokenId: string; createdAt: number; expiresAt: number }): IntegrationKeyInfo {
  const op = 'ListIntegrationInstanceTokens';
  strings(object(fields, op, 'tokens[]'), op, ['tokenId']);
  numbers(fields, op, ['createdAt'], ['expiresAt']);
  return Object.freeze({
    tokenId: fields.tokenId,
    createdAt: toDate(fields.createdAt) ?? new Date(0),
    expiresAt: toExpiry(fields.expiresAt),
  });
}
