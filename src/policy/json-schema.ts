/**
 * JSON Schema (draft 2020-12) for policy files, so editors can validate and complete them.
 *
 * Written out here rather than generated at run time: zod's `toJSONSchema` would roughly
 * double the size this module adds to a bundle. `test/policy/json-schema.test.ts` checks that
 * it equals what `toJSONSchema` derives from `schema.ts` (annotations aside) and that it
 * accepts and rejects the same documents as `parsePolicy`.
 */

const primitive = { type: ['string', 'number', 'boolean'] } as const;

const stringList = (description: string, examples: readonly string[]) =>
  ({
    description,
    type: 'array',
    minItems: 1,
    items: { type: 'string', minLength: 1, examples },
  }) as const;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Builds the schema (deeply frozen); called once, on first use. */
const build = () =>
  deepFreeze({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'JupiterOne API key policy',
    description: 'Permission policy of a JupiterOne account-level API key.',
    type: 'object',
    properties: {
      permissions: {
        description: 'The permissions of the key (at least one).',
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            effect: { description: 'ALLOW or DENY, in upper case.', type: 'string', enum: ['ALLOW', 'DENY'] },
            actions: stringList('Actions, e.g. "*" for all.', ['*', 'query:ReadGraphData', 'persister:Synchronize', 'dashboard:View']),
            resources: stringList('Resources, e.g. "*" for all.', ['*']),
            condition: {
              description: 'Restricts the permission to entities matching the query filters.',
              type: 'object',
              properties: {
                queryFilters: {
                  description: 'Filter objects; an entity matches when ANY filter matches.',
                  type: 'array',
                  minItems: 1,
                  items: {
                    description: 'Entity property → value(s); an entity matches when EVERY property matches one of its values.',
                    type: 'object',
                    minProperties: 1,
                    propertyNames: { type: 'string', minLength: 1, not: { const: '__proto__' } },
                    additionalProperties: { anyOf: [{ type: 'array', minItems: 1, items: primitive }, primitive] },
                    examples: [{ _type: ['github_repo'] }],
                  },
                },
              },
              required: ['queryFilters'],
              additionalProperties: false,
            },
          },
          required: ['effect', 'actions', 'resources'],
          additionalProperties: false,
        },
      },
    },
    required: ['permissions'],
    additionalProperties: false,
  } as const);

/**
 * A frozen object whose top-level `keys` read the object `build()` makes on first access
 * (issue 16: nothing is built at import). JSON.stringify, structuredClone, deep equality and
 * spreading see a plain object; only `Object.getOwnPropertyDescriptor` shows the getters.
 */
function lazyObject<T extends object>(keys: readonly (keyof T & string)[], make: () => T): T {
  let built: T | undefined;
  const shell = {};
  for (const key of keys) {
    Object.defineProperty(shell, key, { enumerable: true, get: () => (built ??= make())[key] });
  }
  return Object.freeze(shell) as T;
}

/**
 * JSON Schema (draft 2020-12) of a policy document, for editors and other tools: save it as
 * e.g. `policy.schema.json` and map your policy files to it in the editor (VS Code:
 * `json.schemas`). Do not put a `"$schema"` key in the policy itself: policies allow no
 * other root key than `permissions`. It accepts exactly what `parsePolicy` accepts without
 * `strict` (the known actions appear only as `examples`). Deeply frozen.
 */
export const policyJsonSchema = /*#__PURE__*/ lazyObject(
  ['$schema', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties'],
  build,
);
