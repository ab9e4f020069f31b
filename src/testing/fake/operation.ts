/**
 * Parses, validates and executes one GraphQL operation against the fake's schema.
 * @packageDocumentation
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { codedError, type FakeErrorCode } from './errors.js';
import { rootValue, type ResolverContext } from './resolvers/index.js';

/** One GraphQL request (one element of a batch). */
export interface OperationRequest {
  /** Query text. */
  readonly query: string;
  /** Variables, or `null`. */
  readonly variables: Record<string, unknown> | null;
  /** Operation to run, or `null`. */
  readonly operationName: string | null;
}

/** A GraphQL response body. `data` is `null` whenever execution produced errors (J1's shape). */
export interface OperationResult {
  /** Absent for parse/validation/variable errors (nothing executed). */
  data?: unknown;
  /** Errors, each with `extensions.code`. */
  errors?: GraphQLFormattedError[];
}

/** The parsed document, or `undefined` when the query does not parse. */
export function tryParse(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

function format(error: GraphQLError, fallback: FakeErrorCode): GraphQLFormattedError {
  const json = error.toJSON();
  const original = error.originalError;
  const internal = original !== undefined && !(original instanceof GraphQLError);
  const code = internal ? 'INTERNAL_SERVER_ERROR' : (error.extensions['code'] ?? fallback);
  return { ...json, extensions: { ...json.extensions, code } };
}

function failed(errors: readonly GraphQLError[], code: FakeErrorCode): OperationResult {
  return { errors: errors.map((e) => format(e, code)) };
}

/** Runs one operation: `GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, then execution. */
export async function runOperation(schema: GraphQLSchema, op: OperationRequest, ctx: ResolverContext): Promise<OperationResult> {
  let document: DocumentNode;
  try {
    document = parse(op.query);
  } catch (error) {
    return failed([error instanceof GraphQLError ? error : new GraphQLError(String(error))], 'GRAPHQL_PARSE_FAILED');
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return failed(invalid, 'GRAPHQL_VALIDATION_FAILED');
  if (!getOperationAST(document, op.operationName)) {
    const message = op.operationName
      ? `Unknown operation named "${op.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return failed([codedError('OPERATION_RESOLUTION_FAILURE', message)], 'OPERATION_RESOLUTION_FAILURE');
  }
  const result = await execute({
    schema,
    document,
    rootValue,
    contextValue: ctx,
    variableValues: op.variables,
    operationName: op.operationName,
  });
  if (!result.errors?.length) return { data: result.data ?? null };
  // Without `data` the variables failed to coerce: nothing ran.
  if (!('data' in result)) return failed(result.errors, 'BAD_USER_INPUT');
  return { data: null, ...failed(result.errors, 'INTERNAL_SERVER_ERROR') };
}
