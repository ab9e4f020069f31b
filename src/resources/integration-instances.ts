import type { CallOptions } from '../client/call-options.js';
import { InvalidArgumentError, NotFoundError } from '../client/errors.js';
import type { ResourceContext } from './context.js';
import { collect, listingScope, paginate } from './paginate.js';
import { array } from './shape.js';
import { required } from './token.js';
import { optionalString, optionsObject, requireInt, requireString } from './validate.js';

/** An integration instance as J1's `integrationInstances` lists it. */
export interface IntegrationInstanceInfo {
  /** Instance id: what `integrationKeys.create` takes. */
  readonly id: string;
  /** Instance name (J1's `IntegrationInstance.name`). */
  readonly name: string;
  /** The integration definition the instance belongs to. */
  readonly integrationDefinitionId: string;
  /** Description, or `null`. */
  readonly description: string | null;
}

/** Options of {@link IntegrationInstancesResource.list}. */
export interface ListIntegrationInstancesOptions {
  /** Only instances with exactly this name (J1's `filter.name`). */
  readonly name?: string | undefined;
  /** Page size, 1–1000. Default 100. */
  readonly pageSize?: number | undefined;
}

/** Integration instances: what integration API keys are scoped to. */
export class IntegrationInstancesResource {
  readonly #ctx: ResourceContext;

  /** @internal Built by `createClient`. */
  constructor(ctx: ResourceContext) {
    this.#ctx = ctx;
  }

  /** Lists the account's integration instances, following J1's cursor. */
  list(listOptions?: ListIntegrationInstancesOptions, options?: CallOptions): AsyncIterable<IntegrationInstanceInfo> {
    const { name, pageSize } = optionsObject(listOptions, 'listOptions');
    const filterName = optionalString(name, 'name');
    const scope = listingScope(options, this.#ctx.timeoutMs);
    const limit = pageSize === undefined ? 100 : requireInt(pageSize, 'pageSize', 1, 1000);
    const sdk = this.#ctx.sdk;
    return paginate('ListIntegrationInstances', async (cursor) => {
      const variables = {
        limit,
        ...(cursor === undefined ? {} : { cursor }),
        ...(filterName === undefined ? {} : { filter: { name: filterName } }),
      };
      const data = await sdk(scope()).ListIntegrationInstances(variables);
      const page = required(data.integrationInstances, 'ListIntegrationInstances', 'integrationInstances');
      // J1 declares `instances: [IntegrationInstance]!`: a null element is skipped, not an instance.
      const items = array<IntegrationInstanceInfo | null>(page.instances, 'ListIntegrationInstances', 'instances')
        .filter((i): i is IntegrationInstanceInfo => i !== null)
        .map((i) =>
          Object.freeze({ id: i.id, name: i.name, integrationDefinitionId: i.integrationDefinitionId, description: i.description ?? null }),
        );
      return { items, pageInfo: page.pageInfo };
    });
  }

  /**
   * Finds one instance by id or by exact name. An id wins over a name; several instances with
   * the name throw `InvalidArgumentError` listing their ids; none throws `NotFoundError`.
   */
  async find(idOrName: string, options?: CallOptions): Promise<IntegrationInstanceInfo> {
    const wanted = requireString(idOrName, 'instance');
    const all = await collect(this.list({}, options));
    const byId = all.find((i) => i.id === wanted);
    if (byId) return byId;
    const byName = all.filter((i) => i.name === wanted);
    const [only, ...rest] = byName;
    if (only !== undefined && rest.length === 0) return only;
    if (only !== undefined) {
      throw new InvalidArgumentError(
        `${byName.length} integration instances are named "${wanted}" (${byName.map((i) => i.id).join(', ')}). Fix: pass the instance id instead`,
        { field: 'instance' },
      );
    }
    throw new NotFoundError(`No integration instance has the id or name "${wanted}". Fix: list them with integrationInstances.list()`, {
      operationName: 'ListIntegrationInstances',
    });
  }
}
