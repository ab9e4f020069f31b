/**
 * The msw face of the fake J1: request handlers for `setupServer` / `setupWorker`.
 * @packageDocumentation
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
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

async function toMswResponse(result: FakeResult): Promise<Response> {
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
 */
export function createJupiterOneMock(options: JupiterOneMockOptions = {}): JupiterOneMock {
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
      return await toMswResponse(result);
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
