import { ServerError } from '../client/errors.js';
import type { TokenFieldsFragment } from '../generated/graphql.js';
import { parsePolicy, type PolicyDocument } from '../policy/index.js';
import { SecretHolder } from './redacted.js';
import { numbers, object, strings } from './shape.js';

/** An account-level or user-level API key as J1 reports it. Never holds the secret. */
export interface Token {
  /** The key's id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Free-form category, e.g. `tags`. */
  readonly category: string | null;
  /** The parsed permission policy; `null` when J1 returned none or one this SDK cannot parse (see `rawPolicy`). */
  readonly policy: PolicyDocument | null;
  /** The policy exactly as J1 returned it (a JSON string). */
  readonly rawPolicy: string | null;
  /** True once revoked. */
  readonly revoked: boolean;
  /** When the key was created. */
  readonly createdAt: Date;
  /** When the key expires; `null` when it does not. */
  readonly expiresAt: Date | null;
}

/** The token fields every operation selects: the `TokenFields` fragment (`operations/TokenFields.graphql`), as codegen types it. */
export type TokenFields = Readonly<Omit<TokenFieldsFragment, '__typename'>>;

/** Parsed policies by their text: parsed documents are deeply frozen, so one can be shared. */
const parsedPolicies = new Map<string, PolicyDocument | null>();
const PARSED_POLICIES_MAX = 256;

function lenientPolicy(raw: string | null): PolicyDocument | null {
  if (raw === null || raw === '') return null;
  const known = parsedPolicies.get(raw);
  if (known !== undefined) return known;
  let parsed: PolicyDocument | null;
  try {
    parsed = parsePolicy(raw);
  } catch {
    parsed = null;
  }
  if (parsedPolicies.size >= PARSED_POLICIES_MAX) parsedPolicies.delete(parsedPolicies.keys().next().value as string);
  parsedPolicies.set(raw, parsed);
  return parsed;
}

/** The largest epoch ms a JavaScript `Date` holds (±8.64e15, year 275760). */
export const MAX_DATE_MS = 8.64e15;

/**
 * From this expiry on (year 9000) a key never expires: J1 does not document the value it stores
 * for a key created without an expiry (facts file, "More facts from J1's own clients and docs").
 */
export const NEVER_EXPIRES_FROM_MS = Date.UTC(9000, 0, 1);

/** J1 `Long` epoch ms → Date; 0, missing or unreadable (beyond JavaScript's date range) → null. Never an Invalid Date. */
export function toDate(ms: number | null | undefined): Date | null {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS ? new Date(ms) : null;
}

/** J1's `expiresAt` → Date, or `null` for "never" (missing, 0, or from year 9000 on, which includes values beyond the date range). */
export function toExpiry(ms: number | null | undefined): Date | null {
  return typeof ms === 'number' && ms >= NEVER_EXPIRES_FROM_MS ? null : toDate(ms);
}

/** Checks J1's token fields (a wrong shape throws `ServerError`). */
function checkToken(value: unknown, operationName: string): TokenFields {
  const fields = object<TokenFields>(value, operationName, 'token');
  strings(fields, operationName, ['id', 'name'], ['category', 'policy']);
  numbers(fields, operationName, ['createdAt'], ['expiresAt']);
  if (typeof fields.revoked !== 'boolean')
    throw new ServerError(`${operationName} failed: malformed response from J1 (revoked is not a boolean)`, { operationName });
  return fields;
}

/** Maps J1's token fields to a frozen {@link Token}. */
export function toToken(value: TokenFields, operationName = 'token'): Token {
  const fields = checkToken(value, operationName);
  return Object.freeze({
    id: fields.id,
    name: fields.name,
    category: fields.category ?? null,
    policy: lenientPolicy(fields.policy ?? null),
    rawPolicy: fields.policy ?? null,
    revoked: fields.revoked,
    createdAt: toDate(fields.createdAt) ?? new Date(0),
    expiresAt: toExpiry(fields.expiresAt),
  });
}

/**
 * A newly created API key: a {@link Token} plus its `secret`, which J1 returns only once.
 * `util.inspect`, `console.log`, `JSON.stringify`, `String()` and template literals show
 * `[redacted]` instead of the secret; `token.secret` returns the real value.
 */
export class CreatedToken extends SecretHolder implements Token {
  /** @inheritDoc */
  readonly id: string;
  /** @inheritDoc */
  readonly name: string;
  /** @inheritDoc */
  readonly category: string | null;
  /** @inheritDoc */
  readonly policy: PolicyDocument | null;
  /** @inheritDoc */
  readonly rawPolicy: string | null;
  /** @inheritDoc */
  readonly revoked: boolean;
  /** @inheritDoc */
  readonly createdAt: Date;
  /** @inheritDoc */
  readonly expiresAt: Date | null;
  /** @internal */
  protected get secretField(): string {
    return 'secret';
  }

  /** Builds the object from J1's create response. */
  constructor(fields: TokenFields & { readonly secret: string }, operationName = 'CreateToken') {
    strings(object(fields, operationName, 'token'), operationName, ['secret']);
    super(fields.secret);
    const token = toToken(fields, operationName);
    this.id = token.id;
    this.name = token.name;
    this.category = token.category;
    this.policy = token.policy;
    this.rawPolicy = token.rawPolicy;
    this.revoked = token.revoked;
    this.createdAt = token.createdAt;
    this.expiresAt = token.expiresAt;
    Object.freeze(this);
  }

  /** The API key itself. J1 shows it only once: store it now. */
  get secret(): string {
    return this.revealed;
  }

  /** @internal */
  protected publicFields(): Record<string, unknown> {
    const { id, name, category, policy, rawPolicy, revoked, createdAt, expiresAt } = this;
    return { id, name, category, policy, rawPolicy, revoked, createdAt, expiresAt };
  }
}

/** Throws a {@link ServerError} when a response lacks the field the operation must return. */
export function required<T>(value: T | null | undefined, operationName: string, field: string): T {
  if (value === null || value === undefined) {
    throw new ServerError(`${operationName} failed: malformed response from J1 (no ${field})`, { operationName });
  }
  return value;
}
