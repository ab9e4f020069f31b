// schema.graphql must be a faithful subset of J1's schema (issue 13): every type, field,
// argument and enum value it declares exists in test/schema/j1-facts.graphql (transcribed from
// the facts file) with the same type, nullability included; and every operation validates
// against that reference, not only against our own file.
import { readFileSync, readdirSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const ours = buildSchema(read('schema.graphql'));
const reference = buildSchema(read('test/schema/j1-facts.graphql'));

/** Every way `subset` declares something that `superset` lacks or types differently. */
function drift(subset: GraphQLSchema, superset: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const other: GraphQLNamedType | undefined = superset.getType(type.name) ?? undefined;
    if (other === undefined) {
      problems.push(`type ${type.name}: not in J1's schema`);
      continue;
    }
    if (other.constructor !== type.constructor) {
      problems.push(`type ${type.name}: a different kind of type in J1's schema`);
      continue;
    }
    if (isScalarType(type)) continue;
    if (isEnumType(type) && isEnumType(other)) {
      const values = new Set(other.getValues().map((v) => v.name));
      for (const v of type.getValues()) if (!values.has(v.name)) problems.push(`enum ${type.name}.${v.name}: not in J1's schema`);
      continue;
    }
    if (
      (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) &&
      (isObjectType(other) || isInterfaceType(other) || isInputObjectType(other))
    ) {
      const theirs = other.getFields();
      for (const field of Object.values(type.getFields())) {
        const match = theirs[field.name];
        if (match === undefined) {
          problems.push(`${type.name}.${field.name}: not in J1's schema`);
          continue;
        }
        if (String(field.type) !== String(match.type)) {
          problems.push(`${type.name}.${field.name}: ${String(field.type)} here, ${String(match.type)} in J1's schema`);
        }
        const ourArgs = 'args' in field ? field.args : [];
        const theirArgs = new Map(('args' in match ? match.args : []).map((a) => [a.name, String(a.type)]));
        for (const arg of ourArgs) {
          const t = theirArgs.get(arg.name);
          if (t === undefined) problems.push(`${type.name}.${field.name}(${arg.name}): not in J1's schema`);
          else if (t !== String(arg.type))
            problems.push(`${type.name}.${field.name}(${arg.name}): ${String(arg.type)} here, ${t} in J1's schema`);
        }
      }
    }
  }
  return problems;
}

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
