import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The default endpoint of the `us` region. */
export const US = 'https://graphql.us.jupiterone.io/';
/** A fake API key that must never appear in output. */
export const API_KEY = 'j1-test-api-key-0123456789abcdef';
/** A fake account id. */
export const ACCOUNT = 'acct-0001';

/** One captured request. */
export interface Captured {
  method: string;
  url: string;
  headers: Headers;
  /** Raw header pairs as received, to count duplicates. */
  rawContentTypes: string[];
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  bodyText: string;
}

/** Starts an msw server for the file (unhandled requests are errors) and returns a capture list. */
export function useMsw() {
  const server = setupServer();
  const captured: Captured[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    captured.length = 0;
  });
  afterAll(() => server.close());

  /** Answers every POST to `url` with `respond` and records the request. */
  function answer(respond: (req: Captured, n: number) => Response | Promise<Response>, url: string = US) {
    server.use(
      http.post(url, async ({ request }) => {
        const bodyText = await request.text();
        const req: Captured = {
          method: request.method,
          url: request.url,
          headers: request.headers,
          rawContentTypes: [...request.headers.entries()].filter(([k]) => k === 'content-type').map(([, v]) => v),
          body: JSON.parse(bodyText) as Captured['body'],
          bodyText,
        };
        captured.push(req);
        return respond(req, captured.length);
      }),
    );
  }

  /** Answers with a GraphQL `data` payload (HTTP 200). */
  function answerData(data: JsonBodyType, url?: string) {
    answer(() => HttpResponse.json({ data }), url);
  }

  return { server, captured, answer, answerData };
}

/** A J1 token as the API returns it. */
export function tokenFields(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'IamToken',
    id: 'tok-1',
    name: 'Token Name',
    category: 'tags',
    policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}',
    revoked: false,
    createdAt: 1_700_000_000_000,
    expiresAt: 1_800_000_000_000,
    ...overrides,
  };
}
