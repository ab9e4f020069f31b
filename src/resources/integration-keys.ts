import { requireCallOptions, type CallOptions, type CallScope } from '../client/call-options.js';
import { ServerError } from '../client/errors.js';
import { CLOCK_SKEW_MS, guardCreate } from './ambiguous.js';
import type { ResourceContext } from './context.js';
import { IntegrationKey, toIntegrationKeyInfo, type IntegrationKeyInfo } from './integration-key.js';
import { collect, listingScope, paginate } from './paginate.js';
import { array } from './shape.js';
import { required } from './token.js';
import { optionsObject, requireInt, requireString } from './validate.js';

/** Integration API keys: sync-only keys scoped to one integration instance. */
export class IntegrationKeysResource {
  readonly #ctx: ResourceContext;

  /** @internal Built by `createClient`. */
  constructor(ctx: ResourceContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates an integration API key for one integration instance (which must have at least one
   * configuration). The returned key's `token` is the secret, shown once. An ambiguous outcome
   * is cleaned up like `tokens.create` and throws `AmbiguousCreateError`. Integration keys have
   * no name, so the cleanup's candidates are every key of the instance created since the call
   * began (less 30 s of clock skew) that this client has not seen: including another process's.
   * Use `onAmbiguousCreate: 'keep'` where other processes create keys on the same instance.
   */
  async create(instanceId: string, options?: CallOptions): Promise<IntegrationKey> {
    const id = requireString(instanceId, 'instanceId');
    const call: CallScope = { ...requireCallOptions(options), timeoutMs: options?.timeoutMs ?? this.#ctx.timeoutMs };
    return guardCreate(
      this.#ctx.known,
      `integration:${id}`,
      call,
      async (carried) => {
        const onErrorData = (data: unknown): void => {
          const fields = (data as Record<string, unknown>)['createIntegrationInstanceToken'];
          if (typeof fields !== 'object' || fields === null) return;
          try {
            const key = new IntegrationKey(fields as ConstructorParameters<typeof IntegrationKey>[0]);
            this.#ctx.known.hold(key.tokenId);
            carried({ id: key.tokenId, key });
          } catch {
            // Not a whole key: the cleanup looks for it instead.
          }
        };
        const data = await this.#ctx.sdk({ ...call, onErrorData }).CreateIntegrationInstanceToken({ id });
        const key = new IntegrationKey(
          required(data.createIntegrationInstanceToken, 'CreateIntegrationInstanceToken', 'createIntegrationInstanceToken'),
        );
        this.#ctx.known.hold(key.tokenId);
        return key;
      },
      (startedAt) => ({
        operationName: 'CreateIntegrationInstanceToken',
        mode: this.#ctx.onAmbiguousCreate,
        what: `integration key of instance ${id}`,
        findCandidates: async (scope) =>
          (await collect(this.#list(id, undefined, () => scope)))
            .filter((k) => k.createdAt.getTime() >= startedAt - CLOCK_SKEW_MS && !this.#ctx.known.spares(k.tokenId, startedAt))
            .map((k) => k.tokenId),
        revoke: (tokenId, scope) => this.#revoke(tokenId, scope),
      }),
    );
  }

  /** Lists an instance's integration keys (never their secrets), following J1's cursor. */
  list(
    instanceId: string,
    listOptions?: { readonly pageSize?: number | undefined },
    options?: CallOptions,
  ): AsyncIterable<IntegrationKeyInfo> {
    const id = requireString(instanceId, 'instanceId');
    const { pageSize } = optionsObject(listOptions, 'listOptions');
    const scope = listingScope(options, this.#ctx.timeoutMs);
    const limit = pageSize === undefined ? undefined : requireInt(pageSize, 'pageSize', 1, 1000);
    return this.#list(id, limit, scope);
  }

  /** The pages of one listing, every request within `scope`. */
  #list(id: string, limit: number | undefined, scope: () => CallScope): AsyncGenerator<IntegrationKeyInfo, void, undefined> {
    const sdk = this.#ctx.sdk;
    return paginate('ListIntegrationInstanceTokens', async (cursor) => {
      const variables = { id, ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) };
      const data = await sdk(scope()).ListIntegrationInstanceTokens(variables);
      const page = required(data.integrationInstanceTokens, 'ListIntegrationInstanceTokens', 'integrationInstanceTokens');
      const items = array<Parameters<typeof toIntegrationKeyInfo>[0]>(page.tokens, 'ListIntegrationInstanceTokens', 'tokens').map(
        toIntegrationKeyInfo,
      );
      for (const item of items) this.#ctx.known.note(item.tokenId);
      return { items, pageInfo: page.pageInfo };
    });
  }

  /** Revokes an integration key. An unknown id throws `NotFoundError`. */
  async revoke(tokenId: string, options?: CallOptions): Promise<{ readonly tokenId: string; readonly revoked: true }> {
    const id = requireString(tokenId, 'tokenId');
    return this.#revoke(id, requireCallOptions(options));
  }

  async #revoke(id: string, scope: CallScope | undefined): Promise<{ readonly tokenId: string; readonly revoked: true }> {
    const data = await this.#ctx.sdk(scope).RevokeIntegrationInstanceToken({ tokenId: id });
    if (data.revokeIntegrationInstanceToken?.success !== true) {
      throw new ServerError(`RevokeIntegrationInstanceToken failed: J1 did not confirm the revoke of ${id}`, {
        operationName: 'RevokeIntegrationInstanceToken',
      });
    }
    return Object.freeze({ tokenId: id, revoked: true as const });
  }
}
