// schema.graphql must be a faithful subset of J1's schema (issue 13): every type, field,
// argument and enum value it declares exists in test/schema/j1-facts.graphql (transcribed from
// the facts file) with the same type, nullability included; and every operation validates
// against that reference, not only against our own file.
import { readFileSync, readdirSync } from 'node:fs';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaDrift } from '../../src/compat/drift.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const ours = buildSchema(read('schema.graphql'));
const reference = buildSchema(read('test/schema/j1-facts.graphql'));

const drift = (subset: GraphQLSchema, superset: GraphQLSchema): string[] => schemaDrift(subset, superset);

const operationFiles = readdirSync(new URL('operations/', root)).filter((f) => f.endsWith('.graphql'));
const allOperations = parse(operationFiles.map((f) => read(`operations/${f}`)).join('\n'));

describe("schema.graphql against J1's schema (facts file)", () => {
  it('declares nothing J1 lacks, with J1’s types and nullability', () => {
    expect(drift(ours, reference)).toEqual([]);
  });

  it('every operation validates against J1’s schema as the facts give it', () => {
    expect(validate(reference, allOperations).map((e) => e.message)).toEqual([]);
    expect(validate(ours, allOperations).map((e) => e.message)).toEqual([]);
  });

  it('catches an invented type name, a wrong nullability and an invented field (the check can fail)', () => {
    const mutated = buildSchema(
      read('schema.graphql')
        .replace('iamGetGroup(group: String!): IamGroup!', 'iamGetGroup(group: String!): IamGroupNode!\n  invented: String')
        .replace('type IamGroup {', 'type IamGroupNode {\n  id: ID!\n}\ntype IamGroup {')
        .replace('rateLimitPolicy: RateLimitPolicy\n', 'rateLimitPolicy: RateLimitPolicy!\n'),
    );
    expect(drift(mutated, reference)).toEqual([
      "Query.iamGetGroup: IamGroupNode! here, IamGroup! in J1's schema",
      "Query.invented: not in J1's schema",
      "type IamGroupNode: not in J1's schema",
      "RateLimitPolicyQuery.rateLimitPolicy: RateLimitPolicy! here, RateLimitPolicy in J1's schema",
    ]);
    const bad = parse('query Q($p: RateLimitPolicyInput!) { token(id: "x") { id } }');
    expect(
      validate(reference, bad)
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/Unknown type "RateLimitPolicyInput"/);
  });
});
