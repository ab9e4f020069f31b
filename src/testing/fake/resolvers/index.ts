/**
 * The root value of the fake: one resolver per Query and Mutation field of schema.graphql.
 * @packageDocumentation
 */
import { iamGetAccount, iamGetCurrentUser } from './account.js';
import { iamGetGroup, iamGetGroupList, updateIamGroup } from './groups.js';
import {
  createIntegrationInstanceToken,
  integrationInstances,
  integrationInstanceTokens,
  revokeIntegrationInstanceToken,
} from './integration.js';
import { accountRateLimits, tokenRateLimits } from './rate-limits.js';
import { createCurrentUserToken, createToken, revokeToken, token, tokens } from './tokens.js';

/** Root resolvers by field name (Query and Mutation field names do not overlap). */
export const rootValue: Readonly<Record<string, (args: never, ctx: never) => unknown>> = Object.freeze({
  token,
  tokens,
  integrationInstanceTokens,
  iamGetGroup,
  iamGetGroupList,
  accountRateLimits,
  iamGetAccount,
  iamGetCurrentUser,
  integrationInstances,
  createToken,
  revokeToken,
  createCurrentUserToken,
  createIntegrationInstanceToken,
  revokeIntegrationInstanceToken,
  updateIamGroup,
  tokenRateLimits,
});

export type { ResolverContext } from './context.js';
