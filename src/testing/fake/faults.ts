/**
 * The FIFO queue of injected faults and the responses of the faults that answer
 * without executing anything.
 * @packageDocumentation
 */
import { textResponse } from './responses.js';
import type { FakeHttpResponse, FaultKind, FaultOptions } from './types.js';

/** A queued fault. */
export interface QueuedFault {
  /** What to do. */
  readonly kind: FaultKind;
  /** Its options. */
  readonly options: FaultOptions;
}

const KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  500,
  502,
  503,
  504,
  429,
  'graphql429',
  'reset',
  'reset-after',
  'timeout',
  'malformed',
  'html401',
]);

/** Queued faults, consumed one per request, first in first out. */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  /** Queues `count` faults of `kind`. */
  push(count: number, kind: FaultKind, options: FaultOptions = {}): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`failNext: count must be a positive integer, got ${count}`);
    if (!KINDS.has(kind)) throw new RangeError(`failNext: unknown fault kind ${JSON.stringify(kind)}`);
    const retry = options.retryAfterSeconds;
    if (retry !== undefined && retry !== false && !(Number.isInteger(retry) && retry >= 0)) {
      throw new RangeError('failNext: retryAfterSeconds must be a non-negative integer or false');
    }
    const name: unknown = options.operationName;
    if (name !== undefined && (typeof name !== 'string' || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(name))) {
      throw new RangeError('failNext: operationName must be a GraphQL operation name such as "CreateToken"');
    }
    for (let i = 0; i < count; i++) this.queue.push({ kind, options });
  }

  /**
   * The first queued fault for a request of the operations `names` (untargeted, or targeting one
   * of them), removed from the queue; the others stay queued in order.
   */
  shift(names: readonly (string | null)[] = []): QueuedFault | undefined {
    const at = this.queue.findIndex((f) => f.options.operationName === undefined || names.includes(f.options.operationName));
    return at === -1 ? undefined : this.queue.splice(at, 1)[0];
  }

  /** Drops every queued fault. */
  clear(): void {
    this.queue = [];
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const HTML_401 =
  '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n' +
  '<center><h1>401 Authorization Required</h1></center>\r\n</body>\r\n</html>\r\n';

/** The response of a fault that answers without executing (`500`/`502`/`503`/`504`/`html401`). */
export function statusFaultResponse(kind: 500 | 502 | 503 | 504 | 'html401'): FakeHttpResponse {
  if (kind === 'html401') return { kind: 'response', status: 401, headers: { 'content-type': 'text/html' }, body: HTML_401 };
  return textResponse(kind, STATUS_TEXT[kind] ?? 'Error');
}

/** Turns a real response into the `malformed` fault's: `200`, JSON content type, truncated body. */
export function malformed(real: FakeHttpResponse): FakeHttpResponse {
  let body = real.body.slice(0, Math.max(1, Math.floor(real.body.length / 2)));
  try {
    JSON.parse(body);
    body = '{"data":';
  } catch {
    // Not JSON, as intended.
  }
  return { kind: 'response', status: 200, headers: { ...real.headers, 'content-type': 'application/json' }, body };
}

/**
 * The `graphql429` fault's answer, made from the injected `429`'s (same `Retry-After` and
 * `RateLimit-*` headers): HTTP `200`, JSON, `data: null` and one error whose message carries 429,
 * as J1's Python client expects it may answer (facts file, "More facts from J1's own clients").
 */
export function graphql429(injected: FakeHttpResponse): FakeHttpResponse {
  const body = JSON.stringify({ data: null, errors: [{ message: 'Rate limit exceeded: 429 Too Many Requests' }] });
  return { kind: 'response', status: 200, headers: { ...injected.headers, 'content-type': 'application/json' }, body };
}
