// A raw node:http server on 127.0.0.1 that answers as a test says, not as J1 (or our fake) would.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the raw server received. */
export interface RawRequest {
  /** The body's `operationName`, else the name in the query text, else `''`. */
  readonly operationName: string;
  /** The query text (`''` when the body is not JSON or has none). */
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

/** What a handler answers: a JSON body (status 200 unless given) and extra headers, or `'hang'`. */
export type RawAnswer = { status?: number; json?: unknown; text?: string; headers?: Record<string, string> } | 'hang';

/** A running raw server. */
export interface RawServer {
  readonly url: string;
  readonly requests: RawRequest[];
  close(): Promise<void>;
}

const open: RawServer[] = [];

/** Starts a raw server; `handler` gets each parsed request. Close it (or call {@link closeRawServers}). */
export async function rawServer(handler: (req: RawRequest, index: number) => RawAnswer | Promise<RawAnswer>): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      void (async () => {
        let parsed: { operationName?: string; query?: string; variables?: Record<string, unknown> } = {};
        try {
          parsed = JSON.parse(body || '{}') as typeof parsed;
        } catch {
          // not JSON: answered as an unnamed operation
        }
        const query = parsed.query ?? '';
        const operationName = parsed.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
        const record = { operationName, query, variables: parsed.variables ?? {}, headers: req.headers };
        requests.push(record);
        const answer = await handler(record, requests.length - 1);
        if (answer === 'hang') {
          hanging.add(res);
          return;
        }
        const text = answer.text ?? JSON.stringify(answer.json ?? {});
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const raw: RawServer = {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(raw);
  return raw;
}

/** Closes every raw server still open (for `afterEach`). */
export async function closeRawServers(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

/** What {@link startRawServer}'s `answer` returns: status, headers and a body (an object is sent as JSON). */
export interface NamedAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/**
 * {@link rawServer} for tests that answer by operation name: `requests` lists the names received.
 */
export async function startRawServer(
  answer: (operationName: string, body: { query?: string; variables?: unknown }, headers: IncomingMessage['headers']) => NamedAnswer,
): Promise<{ readonly url: string; readonly requests: string[]; close(): Promise<void> }> {
  const server = await rawServer((req) => {
    const out = answer(req.operationName, { query: req.query, variables: req.variables }, req.headers);
    return {
      ...(out.status === undefined ? {} : { status: out.status }),
      ...(out.headers ? { headers: out.headers } : {}),
      text: typeof out.body === 'string' ? out.body : JSON.stringify(out.body),
    };
  });
  return {
    url: server.url,
    get requests() {
      return server.requests.map((r) => r.operationName);
    },
    close: () => server.close(),
  };
}
