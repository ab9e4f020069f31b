/**
 * Reads a request body as a GraphQL request or a batch (JSON array) of them.
 * @packageDocumentation
 */
import type { OperationRequest } from './operation.js';

/** A parsed body, or why it is not a GraphQL request. */
export type ParsedBody =
  | { readonly ok: true; readonly batch: boolean; readonly ops: readonly OperationRequest[] }
  | { readonly ok: false; readonly message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toOperation(v: unknown): OperationRequest | undefined {
  if (!isRecord(v)) return undefined;
  const { query, variables, operationName } = v;
  if (typeof query !== 'string' || query.trim() === '') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return { query, variables: variables ?? null, operationName: operationName ?? null };
}

/**
 * Parses the body: an object `{ query, variables?, operationName? }` is one operation,
 * a non-empty array of them is a batch.
 */
export function parseBody(body: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'POST body sent invalid JSON.' };
  }
  const batch = Array.isArray(json);
  const items: unknown[] = Array.isArray(json) ? (json as unknown[]) : [json];
  if (items.length === 0) return { ok: false, message: 'The batch is empty.' };
  const ops = items.map(toOperation);
  if (ops.some((op) => op === undefined)) {
    return {
      ok: false,
      message:
        'GraphQL operations must contain a non-empty `query` string, optional object `variables` and optional string `operationName`.',
    };
  }
  return { ok: true, batch, ops: ops as OperationRequest[] };
}
