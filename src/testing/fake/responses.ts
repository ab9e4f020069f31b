/**
 * Builders of the fake's plain HTTP responses.
 * @packageDocumentation
 */
import type { FakeHttpResponse } from './types.js';

/** A response with a `text/plain` body. */
export function textResponse(status: number, text: string, headers: Record<string, string> = {}): FakeHttpResponse {
  return { kind: 'response', status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

/** A response with a JSON body (`content-type: application/json`). */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): FakeHttpResponse {
  return { kind: 'response', status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** J1's answer to a bad key or account: `401`, plain text (J1's body may not be JSON). */
export function unauthorized(): FakeHttpResponse {
  return textResponse(401, 'Unauthorized');
}
