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

function scalar(schema: GraphQLSchema, name: string): GraphQLScalarType | undefined {
  const type = schema.getType(name);
  return type instanceof GraphQLScalarType ? type : undefined;
}

/** Gives the schema's `Long` and `JSON` scalars (those it declares: a served SDL may lack one) their coercion rules. */
export function installScalars(schema: GraphQLSchema): void {
  const long = scalar(schema, 'Long');
  if (long !== undefined) {
    long.serialize = coerceLong;
    long.parseValue = coerceLong;
    long.parseLiteral = longLiteral;
  }
  const json = scalar(schema, 'JSON');
  if (json !== undefined) {
    json.serialize = toJSONValue;
    json.parseValue = toJSONValue;
    json.parseLiteral = (ast, variables) => valueFromASTUntyped(ast, variables);
  }
}
