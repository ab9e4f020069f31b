/**
 * The `Long` (epoch ms) and `JSON` (any JSON value) scalars of the fake's schema.
 * @packageDocumentation
 */
import { GraphQLError, GraphQLScalarType, Kind, print, valueFromASTUntyped, type GraphQLSchema, type ValueNode } from 'graphql';

/**
 * Coerces a `Long`: a safe integer, or a string of digits (as Long servers commonly
 * accept); anything else is an error.
 */
export function coerceLong(value: unknown): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  throw new GraphQLError(`Long cannot represent non-integer value: ${JSON.stringify(value) ?? String(value)}`);
}

function longLiteral(ast: ValueNode): number {
  if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return coerceLong(ast.value);
  throw new GraphQLError(`Long cannot represent non-integer value: ${print(ast)}`);
}

function toJSONValue(value: unknown): unknown {
  if (value === undefined) throw new GraphQLError('JSON cannot represent undefined');
  return value;
}

function scalar(schema: GraphQLSchema, name: string): GraphQLScalarType {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLScalarType)) throw new Error(`schema has no scalar ${name}`);
  return type;
}

/** Gives the schema's `Long` and `JSON` scalars their coercion rules. */
export function installScalars(schema: GraphQLSchema): void {
  const long = scalar(schema, 'Long');
  long.serialize = coerceLong;
  long.parseValue = coerceLong;
  long.parseLiteral = longLiteral;
  const json = scalar(schema, 'JSON');
  json.serialize = toJSONValue;
  json.parseValue = toJSONValue;
  json.parseLiteral = (ast, variables) => valueFromASTUntyped(ast, variables);
}
