/**
 * GraphQL errors the fake's resolvers throw, shaped like J1's (`extensions.code`).
 * @packageDocumentation
 */
import { GraphQLError } from 'graphql';

/** Codes the fake puts in `extensions.code`. */
export type FakeErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'OPERATION_RESOLUTION_FAILURE';

/** A GraphQL error with `extensions.code`. */
export function codedError(code: FakeErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** J1's `NOT_FOUND` error. */
export function notFound(message: string): GraphQLError {
  return codedError('NOT_FOUND', message);
}

/** J1's `BAD_USER_INPUT` error. */
export function badUserInput(message: string): GraphQLError {
  return codedError('BAD_USER_INPUT', message);
}
