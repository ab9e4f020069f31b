/**
 * j1-api-keys: a typed client for JupiterOne API keys.
 *
 * @packageDocumentation
 */
export { createClient, type ClientOptions, type JupiterOneClient } from './create-client.js';
export type { ConnectionOptions } from './client/options.js';
export { ENV, DEFAULT_REGION, DEFAULT_TIMEOUT_MS } from './client/config.js';
export type { CallOptions } from './client/call-options.js';
export type { RetryOptions } from './client/retry.js';
export type { ClientHooks, RequestEvent, ResponseEvent, RetryEvent } from './client/hooks.js';
export type { FetchLike } from './client/transport.js';
export * from './errors.js';
export {
  TokensResource,
  type CreateExpiringTokenInput,
  type CreatePermanentTokenInput,
  type CreateTokenBase,
  type CreateTokenInput,
  type CreateUserTokenInput,
  type ListTokensOptions,
} from './resources/tokens.js';
export { CreatedToken, type Token } from './resources/token.js';
export { IntegrationKeysResource } from './resources/integration-keys.js';
export {
  IntegrationInstancesResource,
  type IntegrationInstanceInfo,
  type ListIntegrationInstancesOptions,
} from './resources/integration-instances.js';
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
export type { WhoAmI } from './resources/account.js';
export type { CompatibilityProblem, CompatibilityReport } from './compat/types.js';
export type { RotateOptions, RotateResult } from './resources/rotate.js';
export { withTemporaryKey, type TemporaryKeyOptions } from './lifecycle/temporary-key.js';
export type { BulkOptions, BulkProgress, BulkResult } from './resources/bulk.js';
export {
  KEY_KINDS,
  type Inventory,
  type InventoryOptions,
  type InventoryProblem,
  type InventoryProgress,
  type KeyKind,
  type KeyOwner,
  type KeyRecord,
  type KeyUsage,
  type KnownKeyUsage,
  type UnknownKeyUsage,
} from './resources/inventory-types.js';
export * from './audit/index.js';
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
