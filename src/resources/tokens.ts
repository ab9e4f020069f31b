import { requireCallOptions, type CallOptions, type CallScope } from '../client/call-options.js';
import { InvalidArgumentError } from '../client/errors.js';
// Loaded on first use (issue 16: import only what a script uses): type-only imports here, the
// modules themselves through `await import()` in the methods below.
import type { BulkOptions, BulkResult } from './bulk.js';
import type { TokenRateLimit } from './rate-limits.js';
import type { RotateOptions, RotateResult } from './rotate.js';
import type { IamTokenType } from '../generated/graphql.js';
import { toPolicyDocument, type PolicyInput } from '../policy/index.js';
import { CLOCK_SKEW_MS, guardCreate, type AmbiguousCreateCleanup, type CarriedKey } from './ambiguous.js';
import type { ResourceContext } from './context.js';
import { collect, listingScope, paginate } from './paginate.js';
import { array } from './shape.js';
import { CreatedToken, required, toToken, type Token, type TokenFields } from './token.js';
import { optionalString, optionsObject, requireFutureTime, requireInt, requireString } from './validate.js';

/** What every {@link CreateTokenInput} has. */
export interface CreateTokenBase {
  /** Display name (non-empty). */
  readonly name: string;
  /** The permission policy: a builder, a document, or a JSON string. Validated before sending. */
  readonly policy: PolicyInput;
}

/** A key that does not expire, optionally with a category (J1's `createToken(token: CreateTokenInput)` form). */
export interface CreatePermanentTokenInput extends CreateTokenBase {
  /** Free-form category, e.g. `tags`. Only for keys that do not expire. */
  readonly category?: string | undefined;
  /** Absent (or `undefined`): the key does not expire. */
  readonly expiresAt?: undefined;
}

/**
 * A key that stops working at `expiresAt`. It is created through J1's
 * `createToken(input: CreateIamTokenInput)` form (operation `CreateExpiringToken`), which has no
 * `category`: the type refuses one at compile time (and the runtime check throws
 * `InvalidArgumentError`, sending nothing, for callers without types).
 */
export interface CreateExpiringTokenInput extends CreateTokenBase {
  /** When the key stops working: a `Date` or epoch milliseconds, in the future. */
  readonly expiresAt: Date | number;
  /** Not allowed together with `expiresAt` (J1's input for expiring keys has no category). */
  readonly category?: undefined;
}

/**
 * Input of {@link TokensResource.create}: a permanent key (with an optional `category`) or an
 * expiring key (with `expiresAt`, without `category`). `category` together with `expiresAt` is
 * a compile-time error.
 */
export type CreateTokenInput = CreatePermanentTokenInput | CreateExpiringTokenInput;

/** Input of {@link TokensResource.createForCurrentUser}. */
export interface CreateUserTokenInput {
  /** Display name (non-empty). */
  readonly name: string;
  /** When the key expires (required by J1): a Date or epoch milliseconds, in the future. */
  readonly expiresAt: Date | number;
}

/** Options of {@link TokensResource.list}. */
export interface ListTokensOptions {
  /** Which keys to list. Default `ACCOUNT`. */
  readonly type?: IamTokenType | undefined;
  /** Keys per request (1–1000). Default: J1's page size. */
  readonly pageSize?: number | undefined;
}

/** Every kind of key `tokens.list` can list (the one list the CLI's `--type` uses too). */
export const TOKEN_TYPES: readonly IamTokenType[] = ['ACCOUNT', 'RESOURCE', 'USER_API'];

/** Account-level API keys: create, revoke, get, list. */
export class TokensResource {
  readonly #ctx: ResourceContext;

  /** @internal Built by `createClient`. */
  constructor(ctx: ResourceContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates an account-level API key. The policy is validated first: an invalid one throws
   * `PolicyError` and nothing is sent. The returned {@link CreatedToken} holds the secret,
   * which J1 never shows again. If the outcome is unknown (timeout, reset, 5xx) the client
   * revokes whatever the call created and throws `AmbiguousCreateError`.
   */
  async create(input: CreateTokenInput, options?: CallOptions): Promise<CreatedToken> {
    if (typeof input !== 'object' || input === null) {
      throw new InvalidArgumentError('input must be an object { name, category?, policy, expiresAt? } (tokens.create)', { field: 'input' });
    }
    const name = requireString(input.name, 'name');
    const category = optionalString(input.category, 'category');
    const expiresAt = input.expiresAt === undefined ? undefined : requireFutureTime(input.expiresAt, 'expiresAt');
    if (expiresAt !== undefined && category !== undefined) {
      throw new InvalidArgumentError(
        "category cannot be combined with expiresAt: J1's createToken input for expiring keys has no category. Fix: drop one of them",
        { field: 'category' },
      );
    }
    if (input.policy === undefined) {
      throw new InvalidArgumentError('policy is required. Fix: pass policy().allow().build() or a policy JSON string', { field: 'policy' });
    }
    // A JSON string is validated, then sent exactly as given (the guide's own formatting survives),
    // less a byte-order mark (files saved by some editors start with one; J1's JSON.parse refuses it).
    const document = toPolicyDocument(input.policy);
    // Validated once (above); the document is already normalized, so its JSON is stringifyPolicy's text.
    const policy = typeof input.policy === 'string' ? input.policy.replace(/^\uFEFF/, '') : JSON.stringify(document);
    const operationName = expiresAt === undefined ? 'CreateToken' : 'CreateExpiringToken';
    const call = this.#call(options);
    return guardCreate(
      this.#ctx.known,
      `token:ACCOUNT:${name}`,
      call,
      async (carried) => {
        const sdk = this.#ctx.sdk({ ...call, onErrorData: (d) => this.#carried(d, 'createToken', operationName, carried) });
        const data = await (expiresAt === undefined
          ? sdk.CreateToken({ token: { name, ...(category === undefined ? {} : { category }), policy } })
          : sdk.CreateExpiringToken({ input: { type: 'ACCOUNT', name, expiresAt, policy } }));
        return this.#held(new CreatedToken(required(data.createToken, operationName, 'createToken'), operationName));
      },
      (startedAt) => this.#cleanup(operationName, 'ACCOUNT', name, startedAt),
    );
  }

  /**
   * Creates a user-level API key for the calling user (the user's group needs API key access,
   * see `groups.enableApiKeyAccess`). Returns the secret once, redacted like `create`.
   */
  async createForCurrentUser(input: CreateUserTokenInput, options?: CallOptions): Promise<CreatedToken> {
    if (typeof input !== 'object' || input === null) {
      throw new InvalidArgumentError('input must be an object { name, expiresAt } (tokens.createForCurrentUser)', { field: 'input' });
    }
    const name = requireString(input.name, 'name');
    const expiresAt = requireFutureTime(input.expiresAt, 'expiresAt');
    const call = this.#call(options);
    return guardCreate(
      this.#ctx.known,
      `token:USER_API:${name}`,
      call,
      async (carried) => {
        const scope = {
          ...call,
          onErrorData: (d: unknown) => this.#carried(d, 'createCurrentUserToken', 'CreateCurrentUserToken', carried),
        };
        const data = await this.#ctx.sdk(scope).CreateCurrentUserToken({ input: { name, expiresAt } });
        const fields = required(data.createCurrentUserToken, 'CreateCurrentUserToken', 'createCurrentUserToken');
        return this.#held(new CreatedToken(fields, 'CreateCurrentUserToken'));
      },
      (startedAt) => this.#cleanup('CreateCurrentUserToken', 'USER_API', name, startedAt),
    );
  }

  /** Revokes a key. Revoking an already revoked key succeeds; an unknown id throws `NotFoundError`. */
  async revoke(id: string, options?: CallOptions): Promise<Token> {
    const tokenId = requireString(id, 'id');
    const data = await this.#ctx.sdk(requireCallOptions(options)).RevokeToken({ id: tokenId });
    return this.#seen(toToken(required(data.revokeToken, 'RevokeToken', 'revokeToken'), 'RevokeToken'));
  }

  /** Reads one key (never its secret). An unknown id throws `NotFoundError`. */
  async get(id: string, options?: CallOptions): Promise<Token> {
    const tokenId = requireString(id, 'id');
    const data = await this.#ctx.sdk(requireCallOptions(options)).GetToken({ id: tokenId });
    return this.#seen(toToken(required(data.token, 'GetToken', 'token'), 'GetToken'));
  }

  /**
   * Lists keys of one type, following J1's cursor until the last page. Each page is one request,
   * made as you iterate: `for await (const token of j1.tokens.list()) …`.
   */
  list(listOptions?: ListTokensOptions, options?: CallOptions): AsyncIterable<Token> {
    const { type = 'ACCOUNT', pageSize } = optionsObject(listOptions, 'listOptions');
    const scope = listingScope(options, this.#ctx.timeoutMs);
    if (!TOKEN_TYPES.includes(type)) {
      throw new InvalidArgumentError(`type must be one of ${TOKEN_TYPES.join(', ')}, got ${String(type)}`, { field: 'type' });
    }
    const limit = pageSize === undefined ? undefined : requireInt(pageSize, 'pageSize', 1, 1000);
    return this.#list(type, limit, scope);
  }

  /** The pages of one listing, every request within `scope`. */
  #list(type: IamTokenType, limit: number | undefined, scope: () => CallScope): AsyncGenerator<Token, void, undefined> {
    const sdk = this.#ctx.sdk;
    return paginate('ListTokens', async (cursor) => {
      const variables = { search: { type }, ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) };
      const data = await sdk(scope()).ListTokens(variables);
      const page = required(data.tokens, 'ListTokens', 'tokens');
      const items = array<TokenFields>(page.items, 'ListTokens', 'items');
      return { items: items.map((t) => this.#seen(toToken(t, 'ListTokens'))), pageInfo: page.pageInfo };
    });
  }

  /** Every key of one type, as an array (convenience over {@link list}). */
  listAll(listOptions?: ListTokensOptions, options?: CallOptions): Promise<Token[]> {
    return collect(this.list(listOptions, options));
  }

  /**
   * Revokes many keys with bounded concurrency, paced by J1's rate-limit headers.
   * Returns one result per id, in order; never throws away partial results.
   */
  revokeMany(ids: readonly string[], options?: BulkOptions & CallOptions): Promise<BulkResult<Token>[]> {
    if (!Array.isArray(ids)) throw new InvalidArgumentError('revokeMany needs an array of key ids', { field: 'ids' });
    const checked = optionsObject(options, 'options');
    const call = requireCallOptions({ signal: checked.signal, timeoutMs: checked.timeoutMs });
    // Bad arguments still throw synchronously (above); the bulk runner is loaded on first use.
    return import('./bulk.js').then(({ runBulk }) => runBulk(ids, (id) => this.revoke(id, call), checked));
  }

  /** A key's own rate limit, or `null` when it uses the account default. */
  async getRateLimit(id: string, options?: CallOptions): Promise<TokenRateLimit | null> {
    const { getRateLimit } = await import('./rate-limits.js');
    return getRateLimit(this.#ctx, id, options);
  }

  /** Sets a key's own rate limit: `capacity` invocations per `windowSeconds`. */
  async setRateLimit(id: string, limit: TokenRateLimit, options?: CallOptions): Promise<TokenRateLimit> {
    const { setRateLimit } = await import('./rate-limits.js');
    return setRateLimit(this.#ctx, id, limit, options);
  }

  /** Removes a key's own rate limit. */
  async clearRateLimit(id: string, options?: CallOptions): Promise<void> {
    const { clearRateLimit } = await import('./rate-limits.js');
    return clearRateLimit(this.#ctx, id, options);
  }

  /**
   * Rotates a key: creates a new key with the same policy, category and expiry, awaits
   * `onCreated(newKey)` (store the secret there), then revokes the old key. If `onCreated`
   * throws, the new key is revoked and the old one keeps working; the error is rethrown.
   */
  async rotate(id: string, rotate: RotateOptions, options?: CallOptions): Promise<RotateResult> {
    const { rotateToken } = await import('./rotate.js');
    return rotateToken(this, id, rotate, options);
  }

  /** The per-call scope of a create (checked options; the cleanup derives its own deadline from it). */
  #call(options: CallOptions | undefined): CallScope {
    return { ...requireCallOptions(options), timeoutMs: options?.timeoutMs ?? this.#ctx.timeoutMs };
  }

  /** Hands the key a failed create's response carried (`data[field]`) to `carried`, if it is one. */
  #carried(data: unknown, field: string, operationName: string, carried: (key: CarriedKey) => void): void {
    const fields = (data as Record<string, unknown>)[field];
    if (typeof fields !== 'object' || fields === null) return;
    try {
      const key = new CreatedToken(fields as TokenFields & { secret: string }, operationName);
      this.#held(key);
      carried({ id: key.id, key });
    } catch {
      // Not a whole key: the name-based cleanup looks for it instead.
    }
  }

  /** How to undo an ambiguous create of a key named `name` of `type`. */
  #cleanup(operationName: string, type: IamTokenType, name: string, startedAt: number): AmbiguousCreateCleanup {
    return {
      operationName,
      mode: this.#ctx.onAmbiguousCreate,
      what: `key named ${JSON.stringify(name)}`,
      findCandidates: (scope) => this.#recentlyCreated(type, name, startedAt, scope),
      revoke: async (id, scope) => {
        const data = await this.#ctx.sdk(scope).RevokeToken({ id });
        return toToken(required(data.revokeToken, 'RevokeToken', 'revokeToken'), 'RevokeToken');
      },
    };
  }

  /**
   * Live keys named `name` (as J1 stores names: trimmed) that appeared since `since` and that this
   * client had not seen before.
   */
  async #recentlyCreated(type: IamTokenType, name: string, since: number, scope: CallScope): Promise<string[]> {
    const all = await collect(this.#list(type, undefined, () => scope));
    const wanted = name.trim();
    return all
      .filter((t) => t.name.trim() === wanted && !t.revoked && t.createdAt.getTime() >= since - CLOCK_SKEW_MS)
      .filter((t) => !this.#ctx.known.spares(t.id, since))
      .map((t) => t.id);
  }

  #seen<T extends { readonly id: string }>(token: T): T {
    this.#ctx.known.note(token.id);
    return token;
  }

  /** A key a create hands to its caller: no ambiguous create's cleanup may revoke it. */
  #held<T extends { readonly id: string }>(token: T): T {
    this.#ctx.known.hold(token.id);
    return token;
  }
}
