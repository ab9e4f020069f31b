/**
 * j1-api-keys: a typed client for JupiterOne API keys.
 *
 * @packageDocumentation
 */
export { createClient, type ClientOptions, type JupiterOneClient } from './client/create-client.js';
export type { ConnectionOptions } from './client/config.js';
export { ENV, DEFAULT_REGION, DEFAULT_TIMEOUT_MS } from './client/config.js';
export type { CallOptions } from './client/call-context.js';
export type { RetryOptions } from './client/retry.js';
export type { ClientHooks, RequestEvent, ResponseEvent, RetryEvent } from './client/hooks.js';
export type { FetchLike } from './client/transport.js';
export * from './client/errors.js';
export { TokensResource, type CreateTokenInput, type CreateUserTokenInput, type ListTokensOptions } from './resources/tokens.js';
export { CreatedToken, type Token } from './resources/token.js';
export { IntegrationKeysResource } from './resources/integration-keys.js';
export { IntegrationKey, type IntegrationKeyInfo } from './resources/integration-key.js';
export {
  GroupsResource,
  API_KEY_PERMISSION,
  type Group,
  type GroupRef,
  type GroupChange,
  type ListGroupsOptions,
} from './resources/groups.js';
export type { TokenRateLimit } from './resources/rate-limits.js';
export type { RotateOptions, RotateResult } from './resources/rotate.js';
export type { BulkOptions, BulkProgress, BulkResult } from './resources/bulk.js';
export * from './policy/index.js';
export type { Operations } from './client/operations.js';
export type { OperationMap } from './generated/operations.js';
export type {
  GroupFieldsFragment,
  IamTokenType,
  TokenInput,
  ListIamTokenInput,
  CreateTokenMutation,
  CreateTokenMutationVariables,
  RevokeTokenMutation,
  RevokeTokenMutationVariables,
  GetTokenQuery,
  GetTokenQueryVariables,
  ListTokensQuery,
  ListTokensQueryVariables,
} from './generated/graphql.js';
export { VERSION } from './version.js';
