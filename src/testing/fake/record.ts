/**
 * What the fake records about each request (`requests`), with credentials redacted.
 * @packageDocumentation
 */
import { Kind } from 'graphql';
import type { ParsedBody } from './body.js';
import { tryParse } from './operation.js';
import type { FakeHttpRequest, FakeRequestRecord } from './types.js';

/** The headers with `authorization` redacted to `<scheme> [redacted]` (e.g. `Bearer [redacted]`). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...headers };
  const auth = out['authorization'];
  if (auth !== undefined) {
    const scheme = /^\s*(\S+)\s+\S/.exec(auth)?.[1];
    out['authorization'] = scheme ? `${scheme} [redacted]` : '[redacted]';
  }
  return out;
}

/** The name of the document's only operation, or `null`. */
function derivedName(query: string): string | null {
  const ops = tryParse(query)?.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION) ?? [];
  const only = ops.length === 1 ? ops[0] : undefined;
  return only?.kind === Kind.OPERATION_DEFINITION ? (only.name?.value ?? null) : null;
}

/** One record per operation of the body (one record with `query: ''` if the body is not GraphQL). */
export function recordsOf(req: FakeHttpRequest, parsed: ParsedBody): FakeRequestRecord[] {
  const headers = Object.freeze(redactHeaders(req.headers));
  if (!parsed.ok) return [Object.freeze({ operationName: null, query: '', variables: Object.freeze({}), headers })];
  return parsed.ops.map((op) =>
    Object.freeze({
      operationName: op.operationName ?? derivedName(op.query),
      query: op.query,
      variables: Object.freeze(structuredClone(op.variables ?? {})),
      headers,
    }),
  );
}
