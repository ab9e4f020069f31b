import { describe, expectTypeOf, it } from 'vitest';
import { NotFoundError, RateLimitError } from '../../src/index.js';
import type {
  AnyJupiterOneError,
  CreatedToken,
  CreateTokenInput,
  CreateTokenMutation,
  CreateTokenMutationVariables,
  JupiterOneClient,
  ListTokensQuery,
  Token,
} from '../../src/index.js';

declare const client: JupiterOneClient;

describe('public types', () => {
  it('types generated operations end to end', () => {
    expectTypeOf(client.operations.CreateToken).parameter(0).toEqualTypeOf<CreateTokenMutationVariables>();
    expectTypeOf(client.operations.CreateToken).returns.resolves.toEqualTypeOf<CreateTokenMutation>();
    expectTypeOf<CreateTokenMutation['createToken']['secret']>().toEqualTypeOf<string>();
    expectTypeOf<ListTokensQuery['tokens']['items'][number]>().not.toHaveProperty('secret');
    // @ts-expect-error -- RevokeToken's id is a String!
    void client.operations.RevokeToken({ id: 1 });
    // @ts-expect-error -- unknown operation
    void client.operations.DeleteEverything({});
  });

  it('types the resources', () => {
    expectTypeOf(client.tokens.create).returns.resolves.toEqualTypeOf<CreatedToken>();
    expectTypeOf(client.tokens.revoke).returns.resolves.toEqualTypeOf<Token>();
    expectTypeOf(client.tokens.list).returns.toEqualTypeOf<AsyncIterable<Token>>();
    expectTypeOf<Token>().not.toHaveProperty('secret');
    expectTypeOf<CreatedToken['secret']>().toEqualTypeOf<string>();
    expectTypeOf<Token['expiresAt']>().toEqualTypeOf<Date | null>();
    // @ts-expect-error -- name is required
    void client.tokens.create({ policy: '{}' });
    // @ts-expect-error -- a policy must be a builder, a document or a string
    void client.tokens.create({ name: 'n', policy: 42 });
    // @ts-expect-error -- expiresAt is a Date or epoch milliseconds
    void client.tokens.create({ name: 'n', policy: '{}', expiresAt: '2031-01-01' });
    void client.tokens.create({ name: 'n', policy: '{}', expiresAt: new Date() });
    void client.tokens.create({ name: 'n', policy: '{}', category: 'ci' });
    void client.tokens.create({ name: 'n', policy: '{}', category: undefined, expiresAt: Date.now() + 1000 });
    // @ts-expect-error -- category together with expiresAt: J1's input for expiring keys has no category
    void client.tokens.create({ name: 'n', policy: '{}', category: 'ci', expiresAt: new Date() });
    // @ts-expect-error -- also with epoch milliseconds
    void client.tokens.create({ name: 'n', policy: '{}', category: 'ci', expiresAt: 1_900_000_000_000 });
    expectTypeOf<{ name: 'n'; policy: '{}'; category: 'ci'; expiresAt: Date }>().not.toExtend<CreateTokenInput>();
    expectTypeOf<{ name: 'n'; policy: '{}'; expiresAt: Date }>().toExtend<CreateTokenInput>();
    // @ts-expect-error -- CreateExpiringToken's input needs type and policy
    void client.operations.CreateExpiringToken({ input: { name: 'n' } });
    // @ts-expect-error -- list types are ACCOUNT | RESOURCE | USER_API
    void client.tokens.list({ type: 'ADMIN' });
    // @ts-expect-error -- the call options are typed
    void client.tokens.get('id', { timeout: 5 });
  });
});

describe('error types', () => {
  it('narrow code by class, and the class by code on AnyJupiterOneError', () => {
    const e = new Error() as unknown;
    if (e instanceof NotFoundError) expectTypeOf(e.code).toEqualTypeOf<'NOT_FOUND'>();
    if (e instanceof RateLimitError) expectTypeOf(e.code).toEqualTypeOf<'RATE_LIMITED'>();
    const any = e as AnyJupiterOneError;
    if (any.code === 'RATE_LIMITED') expectTypeOf(any).toEqualTypeOf<RateLimitError>();
    if (any.code === 'NOT_FOUND') {
      expectTypeOf(any).toEqualTypeOf<NotFoundError>();
      // @ts-expect-error -- a NotFoundError has no retryAfterMs
      void any.retryAfterMs;
    }
  });
});
