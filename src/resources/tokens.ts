import type { CallOptions } from '../client/call-context.js';
import { requireCallOptions, withCallOptions } from '../client/call-context.js';
import { InvalidArgumentError } from '../client/errors.js';
// Loaded on first use (issue 16: import only what a script uses): type-only imports here, the
// modules themselves through `await import()` in the methods below.
import type { BulkOptions, BulkResult } from './bulk.js';
import type { TokenRateLimit } from './rate-limits.js';
import type { RotateOptions, RotateResult } from './rotate.js';
import type { IamTokenType } from '../generated/graphql.js';
import { stringifyPolicy, toPolicyDocument, type PolicyInput } from '../policy/index.js';
import { CLOCK_SKEW_MS, guardCreate, type AmbiguousCreateCleanup } from './ambiguous.js';
import type { ResourceContext } from './context.js';
import { collect, paginate } from './paginate.js';
import { array } from './shape.js';
import { CreatedToken, required, toToken, type Token, type TokenFields } from './token.js';
import { optionalString, optionsObject, requireFutureTime, requireInt, requireString } from './validate.js';

/** Input of {@link TokensResource.create}. */
export interface CreateTokenInput {
  /** Display name (non-empty). */
  readonly name: string;
  /** Free-form category, e.g. `tags`. Cannot be combined with `expiresAt`. */
  readonly category?: string | undefined;
  /** The permission policy: a builder, a document, or a JSON string. Validated before sending. */
  readonly policy: PolicyInput;
  /**
   * When the key stops working: a `Date` or epoch milliseconds, in the future. Omit for a key
   * that does not expire. With it the key is created through J1's
   * `createToken(input: CreateIamTokenInput)` form (operation `CreateExpiringToken`), which has
   * no `category`: passing both throws `InvalidArgumentError` and sends nothing.
   */
  readonly expiresAt?: Date | number | undefined;
}

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

const TOKEN_TYPES: readonly IamTokenType[] = ['ACCOUNT', 'RESOURCE', 'USER_API'];

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
      throw new InvalidArgumentError('input', 'input must be an object { name, category?, policy, expiresAt? } (tokens.create)');
    }
    const name = requireString(input.name, 'name');
    const category = optionalString(input.category, 'category');
    const expiresAt = input.expiresAt === undefined ? undefined : requireFutureTime(input.expiresAt, 'expiresAt');
    if (expiresAt !== undefined && category !== undefined) {
      throw new InvalidArgumentError(
        'category',
        "category cannot be combined with expiresAt: J1's createToken input for expiring keys has no category. Fix: drop one of them",
      );
    }
    if (input.policy === undefined) {
      throw new InvalidArgumentError('policy', 'policy is required. Fix: pass policy().allow().build() or a policy JSON string');
    }
    // A JSON string is validated, then sent exactly as given (the guide's own formatting survives),
    // less a byte-order mark (files saved by some editors start with one; J1's JSON.parse refuses it).
    const document = toPolicyDocument(input.policy);
    const policy = typeof input.policy === 'string' ? input.policy.replace(/^\uFEFF/, '') : stringifyPolicy(document);
    const sdk = this.#ctx.sdk;
    const operationName = expiresAt === undefined ? 'CreateToken' : 'CreateExpiringToken';
    return guardCreate(
      this.#ctx.known,
      `token:ACCOUNT:${name}`,
      async () => {
        const data = await withCallOptions(options, () =>
          expiresAt === undefined
            ? sdk.CreateToken({ token: { name, ...(category === undefined ? {} : { category }), policy } })
            : sdk.CreateExpiringToken({ input: { type: 'ACCOUNT', name, expiresAt, policy } }),
        );
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
      throw new InvalidArgumentError('input', 'input must be an object { name, expiresAt } (tokens.createForCurrentUser)');
    }
    const name = requireString(input.name, 'name');
    const expiresAt = requireFutureTime(input.expiresAt, 'expiresAt');
    return guardCreate(
      this.#ctx.known,
      `token:USER_API:${name}`,
      async () => {
        const data = await withCallOptions(options, () => this.#ctx.sdk.CreateCurrentUserToken({ input: { name, expiresAt } }));
        const fields = required(data.createCurrentUserToken, 'CreateCurrentUserToken', 'createCurrentUserToken');
        return this.#held(new CreatedToken(fields, 'CreateCurrentUserToken'));
      },
      (startedAt) => this.#cleanup('CreateCurrentUserToken', 'USER_API', name, startedAt),
    );
  }

  /** Revokes a key. Revoking an already revoked key succeeds; an unknown id throws `NotFoundError`. */
  async revoke(id: string, options?: CallOptions): Promise<Token> {
    const tokenId = requireString(id, 'id');
    const data = await withCallOptions(options, () => this.#ctx.sdk.RevokeToken({ id: tokenId }));
    return this.#seen(toToken(required(data.revokeToken, 'RevokeToken', 'revokeToken'), 'RevokeToken'));
  }

  /** Reads one key (never its secret). An unknown id throws `NotFoundError`. */
  async get(id: string, options?: CallOptions): Promise<Token> {
    const tokenId = requireString(id, 'id');
    const data = await withCallOptions(options, () => this.#ctx.sdk.GetToken({ id: tokenId }));
    return this.#seen(toToken(required(data.token, 'GetToken', 'token'), 'GetToken'));
  }

  /**
   * Lists keys of one type, following J1's cursor until the last page. Each page is one request,
   * made as you iterate: `for await (const token of j1.tokens.list()) …`.
   */
  list(listOptions?: ListTokensOptions, options?: CallOptions): AsyncIterable<Token> {
    const { type = 'ACCOUNT', pageSize } = optionsObject(listOptions, 'listOptions');
    requireCallOptions(options);
    if (!TOKEN_TYPES.includes(type)) {
      throw new InvalidArgumentError('type', `type must be one of ${TOKEN_TYPES.join(', ')}, got ${String(type)}`);
    }
    const limit = pageSize === undefined ? undefined : requireInt(pageSize, 'pageSize', 1, 1000);
    const sdk = this.#ctx.sdk;
    return paginate('ListTokens', async (cursor) => {
      const variables = { search: { type }, ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) };
      const data = await withCallOptions(options, () => sdk.ListTokens(variables));
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
    if (!Array.isArray(ids)) throw new InvalidArgumentError('ids', 'revokeMany needs an array of key ids');
    const checked = optionsObject(options, 'options');
    const call = requireCallOptions({ signal: checked.signal, timeoutMs: checked.timeoutMs });
    // Bad arguments still throw synchronously (above); the bulk runner is loaded on first use.
    return import('./bulk.js').then(({ runBulk }) => runBulk(ids, (id) => this.revoke(id, call), checked));
  }

  /** A key's own rate limit, or `null` when it uses the account default. */
  async getRateLimit(id: string, options?: CallOptions): Promise<TokenRateLimit | null> {
    const { getRateLimit } = await import('./rate-limits.js');
    return getRateLimit(this.#ctx.sdk, id, options);
  }

  /** Sets a key's own rate limit: `capacity` invocations per `windowSeconds`. */
  async setRateLimit(id: string, limit: TokenRateLimit, options?: CallOptions): Promise<TokenRateLimit> {
    const { setRateLimit } = await import('./rate-limits.js');
    return setRateLimit(this.#ctx.sdk, id, limit, options);
  }

  /** Removes a key's own rate limit. */
  async clearRateLimit(id: string, options?: CallOptions): Promise<void> {
    const { clearRateLimit } = await import('./rate-limits.js');
    return clearRateLimit(this.#ctx.sdk, id, options);
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

  /** How to undo an ambiguous create of a key named `name` of `type`. */
  #cleanup(operationName: string, type: IamTokenType, name: string, startedAt: number): AmbiguousCreateCleanup {
    return {
      operationName,
      mode: this.#ctx.onAmbiguousCreate,
      findCandidates: () => this.#recentlyCreated(type, name, startedAt),
      revoke: (id) => this.revoke(id),
    };
  }

  /** Live keys named `name` that appeared since `since` and that this client had not seen before. */
  async #recentlyCreated(type: IamTokenType, name: string, since: number): Promise<string[]> {
    const all = await collect(this.list({ type }));
    return all
      .filter((t) => t.name === name && !t.revoked && t.createdAt.getTime() >= since - CLOCK_SKEW_MS)
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
