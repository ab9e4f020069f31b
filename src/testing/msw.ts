/**
 * The msw face of the fake J1: request handlers for `setupServer` / `setupWorker`.
 *
 * msw is an optional peer dependency: it is loaded when {@link createJupiterOneMock} is first
 * called (synchronously, through `require`, which on Node >= 20.19 picks msw's ES module build
 * by its `module-sync` condition, the same copy `import 'msw/node'` loads), so the rest of
 * `j1-api-keys/testing` (`startMockServer`, `createFakeJ1`) works without msw installed.
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
// Types only: erased from the build, so loading `j1-api-keys/testing` never needs msw.
import type * as MswModule from 'msw';
import type { HttpHandler } from 'msw';
import { createFakeJ1 } from './fake/create-fake.js';
import { DEFAULT_ENDPOINT } from './fake/defaults.js';
import type { FakeJ1Controls, FakeJ1Options, FakeResult } from './fake/types.js';

/** Options of {@link createJupiterOneMock}: the fake's options plus the endpoint. */
export interface JupiterOneMockOptions extends FakeJ1Options {
  /** URL the handlers answer (POST only). Default {@link DEFAULT_ENDPOINT}. */
  readonly endpoint?: string;
}

/** A fake J1 served through msw. */
export interface JupiterOneMock extends FakeJ1Controls {
  /** msw handlers: `http.post(endpoint, …)`. Other methods stay unhandled. */
  readonly handlers: HttpHandler[];
  /** The URL the handlers answer. */
  readonly endpoint: string;
}

type Msw = typeof MswModule;
let loaded: Msw | undefined;

/** What {@link createJupiterOneMock} throws when msw is not installed. */
export const MSW_MISSING_MESSAGE =
  'createJupiterOneMock needs msw, which is not installed. Fix: npm install --save-dev msw (version 2). ' +
  'startMockServer and createFakeJ1 from j1-api-keys/testing work without it.';

/** msw, loaded on first use; a clear error naming the fix when it is not installed. */
function loadMsw(): Msw {
  if (loaded !== undefined) return loaded;
  try {
    loaded = createRequire(import.meta.url)('msw') as Msw;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') throw new Error(MSW_MISSING_MESSAGE, { cause: error });
    throw error;
  }
  return loaded;
}

async function toMswResponse(msw: Msw, result: FakeResult): Promise<Response> {
  const { delay, HttpResponse } = msw;
  switch (result.kind) {
    case 'response':
      return new HttpResponse(result.body, { status: result.status, headers: result.headers });
    case 'timeout':
      // Never answers; the client's AbortSignal (or timeout) still ends its fetch.
      await delay('infinite');
      return HttpResponse.error();
    default:
      // 'reset' and 'reset-after': a network error, as if the connection dropped.
      return HttpResponse.error();
  }
}

/**
 * Creates a fake J1 and msw handlers that serve it:
 * `setupServer(...createJupiterOneMock({ apiKey, accountId }).handlers)`.
 * Faults `reset`/`reset-after` become `HttpResponse.error()`; `timeout` never answers.
 * @throws Error ({@link MSW_MISSING_MESSAGE}: `npm install --save-dev msw`) when msw is not installed.
 */
export function createJupiterOneMock(options: JupiterOneMockOptions = {}): JupiterOneMock {
  const msw = loadMsw();
  const { http, HttpResponse } = msw;
  const { endpoint = DEFAULT_ENDPOINT, ...fakeOptions } = options;
  const fake = createFakeJ1(fakeOptions);
  const handler = http.post(endpoint, async ({ request }) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const body = await request.text();
    try {
      const result = await fake.handle({ method: request.method, url: request.url, headers, body }, { signal: request.signal });
      return await toMswResponse(msw, result);
    } catch {
      // The latency wait was aborted by the client: nobody is listening any more.
      return HttpResponse.error();
    }
  });
  return {
    handlers: [handler],
    endpoint,
    state: fake.state,
    requests: fake.requests,
    failNext: (count, kind, faultOptions) => fake.failNext(count, kind, faultOptions),
    reset: () => fake.reset(),
  };
}
