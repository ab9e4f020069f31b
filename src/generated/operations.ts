// Generated from operations/*.graphql by scripts/codegen.mjs. Do not edit: run `npm run codegen`.
import type * as G from './graphql.js';

/** Every operation in operations/: its variables and its result. */
export interface OperationMap {
  /** The `ClearTokenRateLimit` mutation. */
  ClearTokenRateLimit: [variables: G.ClearTokenRateLimitMutationVariables, result: G.ClearTokenRateLimitMutation];
  /** The `CreateCurrentUserToken` mutation. */
  CreateCurrentUserToken: [variables: G.CreateCurrentUserTokenMutationVariables, result: G.CreateCurrentUserTokenMutation];
  /** The `CreateExpiringToken` mutation. */
  CreateExpiringToken: [variables: G.CreateExpiringTokenMutationVariables, result: G.CreateExpiringTokenMutation];
  /** The `CreateIntegrationInstanceToken` mutation. */
  CreateIntegrationInstanceToken: [variables: G.CreateIntegrationInstanceTokenMutationVariables, result: G.CreateIntegrationInstanceTokenMutation];
  /** The `CreateToken` mutation. */
  CreateToken: [variables: G.CreateTokenMutationVariables, result: G.CreateTokenMutation];
  /** The `GetAccount` query. */
  GetAccount: [variables: G.GetAccountQueryVariables, result: G.GetAccountQuery];
  /** The `GetCurrentUser` query. */
  GetCurrentUser: [variables: G.GetCurrentUserQueryVariables, result: G.GetCurrentUserQuery];
  /** The `GetIamGroup` query. */
  GetIamGroup: [variables: G.GetIamGroupQueryVariables, result: G.GetIamGroupQuery];
  /** The `GetToken` query. */
  GetToken: [variables: G.GetTokenQueryVariables, result: G.GetTokenQuery];
  /** The `GetTokenRateLimit` query. */
  GetTokenRateLimit: [variables: G.GetTokenRateLimitQueryVariables, result: G.GetTokenRateLimitQuery];
  /** The `GetTokenUsage` query. */
  GetTokenUsage: [variables: G.GetTokenUsageQueryVariables, result: G.GetTokenUsageQuery];
  /** The `ListIamGroups` query. */
  ListIamGroups: [variables: G.ListIamGroupsQueryVariables, result: G.ListIamGroupsQuery];
  /** The `ListIntegrationInstances` query. */
  ListIntegrationInstances: [variables: G.ListIntegrationInstancesQueryVariables, result: G.ListIntegrationInstancesQuery];
  /** The `ListIntegrationInstanceTokens` query. */
  ListIntegrationInstanceTokens: [variables: G.ListIntegrationInstanceTokensQueryVariables, result: G.ListIntegrationInstanceTokensQuery];
  /** The `ListTokenInventory` query. */
  ListTokenInventory: [variables: G.ListTokenInventoryQueryVariables, result: G.ListTokenInventoryQuery];
  /** The `ListTokens` query. */
  ListTokens: [variables: G.ListTokensQueryVariables, result: G.ListTokensQuery];
  /** The `RevokeIntegrationInstanceToken` mutation. */
  RevokeIntegrationInstanceToken: [variables: G.RevokeIntegrationInstanceTokenMutationVariables, result: G.RevokeIntegrationInstanceTokenMutation];
  /** The `RevokeToken` mutation. */
  RevokeToken: [variables: G.RevokeTokenMutationVariables, result: G.RevokeTokenMutation];
  /** The `SetTokenRateLimit` mutation. */
  SetTokenRateLimit: [variables: G.SetTokenRateLimitMutationVariables, result: G.SetTokenRateLimitMutation];
  /** The `UpdateIamGroup` mutation. */
  UpdateIamGroup: [variables: G.UpdateIamGroupMutationVariables, result: G.UpdateIamGroupMutation];
}
