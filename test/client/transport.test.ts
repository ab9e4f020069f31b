// The one assumption about graphql-request's internals that the request core keeps
// (src/client/transport.ts, `Attempts`): the requestHeaders given to `client.request` reach
// `fetch` as `init.headers`. If a graphql-request release breaks it, these fail.
import { GraphQLClient } from 'graphql-request';
import { describe, expect, it } from 'vitest';
import { getSdk } from '../../src/generated/graphql.js';
import { ATTEMPT_HEADER, Attempts, createGraphQLClient, createTransport, type FetchLike } from '../../src/client/transport.js';

const answer = () =>
  new Response(
    JSON.stringify({
      data: { revokeToken: { id: 't', name: 'n', category: null, policy: null, revoked: true, createdAt: 1, expiresAt: 0 } },
    }),
    {
      headers: { 'content-type': 'application/json' },
    },
  );

describe('graphql-request hands per-request headers to fetch', () => {
  it('a bare GraphQLClient: the wrapper headers of a generated function arrive in init.headers', async () => {
    const seen: Headers[] = [];
    const fetch: FetchLike = (_input, init) => {
      seen.push(new Headers(init?.headers));
      return Promise.resolve(answer());
    };
    const sdk = getSdk(new GraphQLClient('http://127.0.0.1:9/', { fetch }), (action) => action({ [ATTEMPT_HEADER]: '42' }));
    await sdk.RevokeToken({ id: 't' });
    expect(seen[0]?.get(ATTEMPT_HEADER)).toBe('42');
  });

  it('our transport finds the attempt by that header and removes it before fetch', async () => {
    const seen: RequestInit[] = [];
    const attempts = new Attempts();
    const baseFetch: FetchLike = (_input, init) => {
      seen.push(init ?? {});
      return Promise.resolve(answer());
    };
    const events: string[] = [];
    const controller = new AbortController();
    const headers = attempts.open({
      signal: controller.signal,
      onSend: () => events.push('send'),
      onResponse: (s) => events.push(`response ${s}`),
    });
    const graphql = createGraphQLClient('http://127.0.0.1:9/', { headers: {}, fetch: createTransport(baseFetch, attempts) });
    await getSdk(graphql, (action) => action(headers)).RevokeToken({ id: 't' });
    expect(events).toEqual(['send', 'response 200']);
    expect(new Headers(seen[0]?.headers).has(ATTEMPT_HEADER)).toBe(false);
    expect(seen[0]?.signal).toBe(controller.signal);
  });

  it('a request without its attempt fails before fetch (never sent unpaced or without a deadline)', async () => {
    let fetched = 0;
    const baseFetch: FetchLike = () => {
      fetched++;
      return Promise.resolve(answer());
    };
    const graphql = createGraphQLClient('http://127.0.0.1:9/', { headers: {}, fetch: createTransport(baseFetch, new Attempts()) });
    await expect(getSdk(graphql).RevokeToken({ id: 't' })).rejects.toThrow(/without its attempt/);
    expect(fetched).toBe(0);
  });
});
