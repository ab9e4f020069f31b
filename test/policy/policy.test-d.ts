import { describe, expectTypeOf, it } from 'vitest';
import {
  KNOWN_ACTIONS,
  describePolicy,
  parsePolicy,
  policy,
  policyJsonSchema,
  safeParsePolicy,
  stringifyPolicy,
  toPolicyDocument,
  type KnownAction,
  type PolicyBuilder,
  type PolicyDocument,
  type PolicyEffect,
  type PolicyInput,
  type PolicyPermission,
  type QueryFilter,
  type QueryFilterInput,
  type QueryFilterValue,
} from '../../src/policy/index.js';

describe('policy types', () => {
  it('built and parsed documents are PolicyDocument, readonly all the way down', () => {
    const document = policy().allow().queryFilter({ _type: 'github_repo' }).build();
    expectTypeOf(document).toEqualTypeOf<PolicyDocument>();
    expectTypeOf(parsePolicy('{}')).toEqualTypeOf<PolicyDocument>();
    expectTypeOf(document.permissions).toEqualTypeOf<readonly PolicyPermission[]>();
    expectTypeOf<PolicyPermission['actions']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<QueryFilter[string]>().toEqualTypeOf<readonly QueryFilterValue[]>();

    const permission = document.permissions[0];
    expectTypeOf(permission).toEqualTypeOf<PolicyPermission | undefined>(); // noUncheckedIndexedAccess
    if (permission === undefined) return;
    // @ts-expect-error permissions is readonly
    document.permissions = [];
    // @ts-expect-error readonly array
    document.permissions.push(permission);
    // @ts-expect-error effect is readonly
    permission.effect = 'DENY';
    // @ts-expect-error readonly array
    permission.actions.push('x');
    // @ts-expect-error filter values are readonly arrays
    permission.condition?.queryFilters[0]?._type?.push('x');
  });

  it('the builder accepts strings or string arrays and primitive filter values only', () => {
    expectTypeOf(policy().allow()).toEqualTypeOf<PolicyBuilder>();
    expectTypeOf(
      policy()
        .allow('*', ['a', 'b'])
        .deny(['x'], 'y')
        .queryFilter({ a: 1, b: [true, 'x'] }),
    ).toEqualTypeOf<PolicyBuilder>();
    expectTypeOf(policy().allow().toString()).toEqualTypeOf<string>();
    expectTypeOf(policy().allow().toJSON()).toEqualTypeOf<PolicyDocument>();
    const readonlyActions: readonly string[] = ['*'];
    policy().allow(readonlyActions, readonlyActions);

    // @ts-expect-error actions must be strings
    policy().allow(123);
    // @ts-expect-error resources must be strings
    policy().allow('*', [1, 2]);
    // @ts-expect-error deny needs both actions and resources
    policy().deny('*');
    // @ts-expect-error null is not a filter value
    policy().allow().queryFilter({ _type: null });
    const builder = policy().allow();
    // @ts-expect-error nested objects are not filter values
    builder.queryFilter({ _type: { nested: 'x' } });
    // @ts-expect-error nested arrays are not filter values
    builder.queryFilter({ _type: [['x']] });
    expectTypeOf<{ a: 'x'; b: readonly number[] }>().toExtend<QueryFilterInput>();
  });

  it('PolicyInput is a builder, a document or a string', () => {
    expectTypeOf<string>().toExtend<PolicyInput>();
    expectTypeOf<PolicyBuilder>().toExtend<PolicyInput>();
    expectTypeOf<PolicyDocument>().toExtend<PolicyInput>();
    expectTypeOf<number>().not.toExtend<PolicyInput>();
    // A structural look-alike is not a builder (it has private state).
    expectTypeOf<{ build(): PolicyDocument; toJSON(): PolicyDocument }>().not.toExtend<PolicyBuilder>();
    // @ts-expect-error a number is not a policy
    toPolicyDocument(42);
    expectTypeOf(stringifyPolicy).parameter(0).toEqualTypeOf<PolicyInput>();
    expectTypeOf(describePolicy).returns.toEqualTypeOf<string>();
    expectTypeOf(parsePolicy).parameter(0).toBeUnknown();
  });

  it('options accept explicit undefined (exactOptionalPropertyTypes)', () => {
    const strict: boolean | undefined = undefined;
    parsePolicy('{}', { strict });
    stringifyPolicy('{}', { pretty: strict, strict });
    // @ts-expect-error unknown option
    parsePolicy('{}', { strictness: true });
  });

  it('safeParsePolicy narrows on success', () => {
    const result = safeParsePolicy('{}');
    if (result.success) expectTypeOf(result.document).toEqualTypeOf<PolicyDocument>();
    else expectTypeOf(result.error.issues).toEqualTypeOf<readonly { readonly path: string; readonly message: string }[]>();
  });

  it('literal types', () => {
    expectTypeOf<PolicyEffect>().toEqualTypeOf<'ALLOW' | 'DENY'>();
    expectTypeOf<KnownAction>().toEqualTypeOf<
      | '*'
      | 'query:ReadGraphData'
      | 'query:GetAccountEntity'
      | 'persister:Synchronize'
      | 'persister:GetEntityRawData'
      | 'dashboard:View'
      | 'compliance:GetStandard'
      | 'compliance:GetSummary'
      | 'settings:GetSettings'
      | 'parameters:GetParameter'
      | 'parameters:GetParameterList'
      | 'parameters:SetParameter'
      | 'parameters:DeleteParameter'
    >();
    expectTypeOf(KNOWN_ACTIONS).toExtend<readonly string[]>();
    expectTypeOf(policyJsonSchema.$schema).toEqualTypeOf<'https://json-schema.org/draft/2020-12/schema'>();
    // @ts-expect-error the JSON Schema is readonly
    policyJsonSchema.type = 'array';
  });
});
