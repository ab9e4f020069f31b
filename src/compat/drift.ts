/**
 * The schema comparison shared by the test suite (test/schema/faithful.test.ts, against the
 * facts file's transcription), `client.checkCompatibility()` and `npm run schema:live` (against
 * a live schema fetched by introspection). Issue 13: `schema.graphql` must be a faithful subset.
 * @packageDocumentation
 */
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** A field of an object, interface or input type. */
type AnyField = GraphQLField<unknown, unknown> | GraphQLInputField;

/** The kind of a named type, for messages. */
function kindOf(type: GraphQLNamedType): string {
  if (isScalarType(type)) return 'scalar';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  return 'type';
}

/**
 * Every way `subset` declares something that `superset` lacks or types differently: types,
 * fields, arguments and enum values, compared by name and by type (nullability included). Also an
 * input field or argument that `superset` requires (non-null, no default) and `subset` lacks:
 * a variable of that input type would be refused. Parts of `superset` that `subset` does not
 * declare are not differences. `where` names `superset` in the messages.
 *
 * @returns one line per difference, in the order of `subset`'s type map; empty when faithful
 */
export function schemaDrift(subset: GraphQLSchema, superset: GraphQLSchema, where = "J1's schema"): string[] {
  const problems: string[] = [];
  for (const type of Object.values(subset.getTypeMap())) {
    // Introspection types, and built-in scalars (a schema that uses no Int lists no Int).
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    const other: GraphQLNamedType | undefined = superset.getType(type.name) ?? undefined;
    if (other === undefined) {
      problems.push(`type ${type.name}: not in ${where}`);
      continue;
    }
    if (kindOf(other) !== kindOf(type)) {
      problems.push(`type ${type.name}: a different kind of type in ${where} (${kindOf(type)} here, ${kindOf(other)} there)`);
      continue;
    }
    if (isEnumType(type) && isEnumType(other)) {
      const values = new Set(other.getValues().map((v) => v.name));
      for (const v of type.getValues()) if (!values.has(v.name)) problems.push(`enum ${type.name}.${v.name}: not in ${where}`);
      continue;
    }
    if (
      (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) &&
      (isObjectType(other) || isInterfaceType(other) || isInputObjectType(other))
    ) {
      const ours: Readonly<Record<string, AnyField>> = type.getFields();
      const theirs: Readonly<Record<string, AnyField>> = other.getFields();
      for (const field of Object.values(ours)) {
        const match = theirs[field.name];
        if (match === undefined) {
          problems.push(`${type.name}.${field.name}: not in ${where}`);
          continue;
        }
        if (String(field.type) !== String(match.type)) {
          problems.push(`${type.name}.${field.name}: ${String(field.type)} here, ${String(match.type)} in ${where}`);
        }
        const ourArgs: readonly GraphQLArgument[] = 'args' in field ? field.args : [];
        const theirArgList: readonly GraphQLArgument[] = 'args' in match ? match.args : [];
        const theirArgs = new Map(theirArgList.map((a) => [a.name, String(a.type)]));
        for (const arg of ourArgs) {
          const t = theirArgs.get(arg.name);
          if (t === undefined) problems.push(`${type.name}.${field.name}(${arg.name}): not in ${where}`);
          else if (t !== String(arg.type))
            problems.push(`${type.name}.${field.name}(${arg.name}): ${String(arg.type)} here, ${t} in ${where}`);
        }
        const ourArgNames = new Set(ourArgs.map((a) => a.name));
        for (const arg of theirArgList) {
          if (isNonNullType(arg.type) && arg.defaultValue === undefined && !ourArgNames.has(arg.name)) {
            problems.push(`${type.name}.${field.name}(${arg.name}): required (${String(arg.type)}) in ${where}, not declared here`);
          }
        }
      }
      if (isInputObjectType(type) && isInputObjectType(other)) {
        for (const field of Object.values(other.getFields())) {
          if (isNonNullType(field.type) && field.defaultValue === undefined && ours[field.name] === undefined) {
            problems.push(`${type.name}.${field.name}: required (${String(field.type)}) in ${where}, not declared here`);
          }
        }
      }
    }
  }
  return problems;
}
