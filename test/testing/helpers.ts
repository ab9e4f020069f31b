// Shared helpers of the fake J1's own tests: raw fetch with GraphQL bodies.
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createJupiterOneMock, DEFAULT_ENDPOINT, type JupiterOneMock, type JupiterOneMockOptions } from '../../src/testing/index.js';

export const API_KEY = 'test-api-key-0123456789';
export const ACCOUNT_ID = 'acct-0001';
export const ENDPOINT = DEFAULT_ENDPOINT;
export const ALLOW_ALL = '{\n\t"permissions": [{\n\t\t"effect":"ALLOW",\n\t\t"actions":["*" ],\n\t\t"resources": [ "*" ]\n\t}]\n}';
export const SECRET_RE = /^j1_[A-Za-z0-9_-]{40}$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Default request headers, with overrides (`undefined` removes one). */
export function headers(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    authorization: `Bearer ${API_KEY}`,
    'jupiterone-account': ACCOUNT_ID,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** A GraphQL response body, loosely typed for assertions. */
export interface GqlBody {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** Result of {@link gql}. */
export interface GqlResult {
  status: number;
  headers: Headers;
  body: GqlBody;
}

/** POSTs a raw body. */
export function post(body: string, hdrs: Record<string, string> = headers(), url = ENDPOINT, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', headers: hdrs, body, ...(signal ? { signal } : {}) });
}

/** POSTs one GraphQL operation and parses the JSON answer. */
export async function gql(
  query: string,
  variables?: Record<string, unknown>,
  options: { headers?: Record<string, string>; url?: string; operationName?: string } = {},
): Promise<GqlResult> {
  const body = JSON.stringify({
    query,
    ...(variables ? { variables } : {}),
    ...(options.operationName ? { operationName: options.operationName } : {}),
  });
  const res = await post(body, options.headers ?? headers(), options.url ?? ENDPOINT);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as GqlBody };
}

/** The `extensions.code` of every error. */
export function codes(body: GqlBody): (string | undefined)[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}

/** An msw server for the file: listens with `onUnhandledRequest: 'error'`. */
export function useMsw(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Creates a mock (with {@link API_KEY}/{@link ACCOUNT_ID} by default) and installs its handlers. */
export function install(server: SetupServer, options: JupiterOneMockOptions = {}): JupiterOneMock {
  const mock = createJupiterOneMock({ apiKey: API_KEY, accountId: ACCOUNT_ID, ...options });
  server.use(...mock.handlers);
  return mock;
}

/** A settable clock for `now`. */
export function clock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}

export const CREATE_TOKEN = `mutation CreateToken($token: TokenInput!) {
  createToken(token: $token) { secret id name category policy revoked createdAt expiresAt __typename }
}`;

export const REVOKE_TOKEN = `mutation RevokeToken($id: String!) {
  revokeToken(id: $id) { id name category policy revoked createdAt expiresAt __typename }
}`;

/** Creates an account key through the documented mutation and returns `createToken`. */
export async function createToken(name = 'key', policy = ALLOW_ALL, hdrs?: Record<string, string>) {
  const res = await gql(CREATE_TOKEN, { token: { name, category: 'tags', policy } }, hdrs ? { headers: hdrs } : {});
  if (res.status !== 200 || res.body.errors) throw new Error(`createToken failed: ${JSON.stringify(res.body)}`);
  return res.body.data.createToken as { id: string; secret: string; name: string; createdAt: number; expiresAt: number };
}
