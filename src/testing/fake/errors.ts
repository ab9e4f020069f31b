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

/**
 * The refusal of the IAM (group) API for an account without SSO or a key without `accessAdmin`
 * (facts file, "More facts from J1's own clients and docs"; J1's exact wording is undocumented).
 */
export function iamRefused(): GraphQLError {
  return codedError('FORBIDDEN', 'Forbidden: the IAM API is not enabled for this account (it requires SSO and the accessAdmin permission)');
}

/** J1's `BAD_USER_INPUT` error. */
export function badUserInput(message: string): GraphQLError {
  return codedError('BAD_USER_INPUT', message);
}
