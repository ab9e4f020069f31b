/** fast-check arbitraries for policy tests. */

import fc from 'fast-check';
import type { PolicyDocument, PolicyPermission, QueryFilter, QueryFilterValue } from '../../src/policy/index.js';

/** Mostly realistic words, sometimes any code points (lone surrogates included). */
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('github_repo', 'aws_s3_bucket', '*', 'tag.Owner', 'a b', 'or', '42', 'true', 'é', '"') },
  { weight: 2, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
);
const nonEmptyString = word.filter((text) => text.length > 0);
const propertyName = fc
  .oneof(fc.constantFrom('_type', '_class', '_integrationType', '_integrationInstanceId', 'constructor', '0'), nonEmptyString)
  .filter((name) => name !== '__proto__');
const primitive: fc.Arbitrary<QueryFilterValue> = fc.oneof(
  word,
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
  fc.integer(),
  fc.boolean(),
);

const filter: fc.Arbitrary<QueryFilter> = fc.dictionary(propertyName, fc.array(primitive, { minLength: 1, maxLength: 2 }), {
  minKeys: 1,
  maxKeys: 2,
  noNullPrototype: true,
});

const permission: fc.Arbitrary<PolicyPermission> = fc
  .record(
    {
      effect: fc.constantFrom('ALLOW' as const, 'DENY' as const),
      actions: fc.array(fc.oneof(fc.constantFrom('*', 'query:ReadGraphData'), nonEmptyString), { minLength: 1, maxLength: 2 }),
      resources: fc.array(fc.oneof(fc.constant('*'), nonEmptyString), { minLength: 1, maxLength: 2 }),
      filters: fc.option(fc.array(filter, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    },
    { noNullPrototype: true },
  )
  .map(({ filters, ...rest }) => (filters === undefined ? rest : { ...rest, condition: { queryFilters: filters } }));

/** Valid, normalized policy documents (filter values already arrays; no `-0`). */
export const validPolicy: fc.Arbitrary<PolicyDocument> = fc.record(
  { permissions: fc.array(permission, { minLength: 1, maxLength: 2 }) },
  { noNullPrototype: true },
);

/** Wrong values of every kind (shared constants: parsing never mutates its input). */
const junk = fc.constantFrom<unknown>(null, 0, -1.5, true, '', 'x', 'allow', [], {}, [null], [[]], { a: 1 }, ['*', 1], [''], [{}]);

/** Each slot: usually right, sometimes wrong. */
const sometimes = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: junk });

/** Objects whose keys are each present or not, sometimes with one extra (misspelt or unknown) key. */
const looseRecord = (shape: Record<string, fc.Arbitrary<unknown>>, extraKeys: readonly string[]) =>
  fc
    .tuple(fc.record(shape, { requiredKeys: [] }), fc.option(fc.tuple(fc.constantFrom(...extraKeys), junk), { freq: 4 }))
    .map(([object, extra]) => (extra === null ? object : Object.fromEntries([...Object.entries(object), extra])));

const policyishFilter = fc
  .array(
    fc.tuple(
      fc.oneof(propertyName, fc.constantFrom('', '__proto__')),
      sometimes(fc.oneof(primitive, fc.array(primitive, { maxLength: 2 }))),
    ),
    {
      maxLength: 3,
    },
  )
  .map((entries) => Object.fromEntries(entries));

const policyishPermission = looseRecord(
  {
    effect: sometimes(fc.constantFrom('ALLOW', 'DENY', 'allow', 'Deny')),
    actions: sometimes(fc.array(sometimes(fc.constantFrom('*', 'query:ReadGraphData', 'x:Y', '')), { maxLength: 3 })),
    resources: sometimes(fc.array(sometimes(fc.constantFrom('*', 'r')), { maxLength: 2 })),
    condition: sometimes(
      looseRecord({ queryFilters: sometimes(fc.array(sometimes(policyishFilter), { maxLength: 2 })) }, ['queryFilter', 'x']),
    ),
  },
  ['Effect', 'action', 'resource', 'conditions', 'foo', '', '__proto__'],
);

/** Policy-shaped values, mostly almost valid: exercises every rule and its mapping. */
export const policyish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: validPolicy },
  {
    weight: 4,
    arbitrary: looseRecord({ permissions: sometimes(fc.array(sometimes(policyishPermission), { maxLength: 3 })) }, ['permission', 'extra']),
  },
);
