// A raw node:http server on 127.0.0.1 that answers each GraphQL request with what `answer`
// returns for its operation name: a server that does not share our fake's assumptions.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a raw answer is: status, headers and a body (an object is sent as JSON). */
export interface RawAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** Starts the server; `close()` ends it (and every open connection). */
export async function startRawServer(
  answer: (operationName: string, body: { query?: string; variables?: unknown }, headers: IncomingHttpHeaders) => RawAnswer,
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      let body: { query?: string; variables?: unknown; operationName?: string } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        // not JSON: answered as an unnamed operation
      }
      const name = body.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '';
      requests.push(name);
      const out = answer(name, body, req.headers);
      const payload = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
