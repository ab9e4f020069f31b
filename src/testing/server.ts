/**
 * The loopback-server face of the fake J1, on `node:http`.
 * @packageDocumentation
 */
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeJ1 } from './fake/create-fake.js';
import type { FakeJ1, FakeJ1Controls, FakeJ1Options } from './fake/types.js';

/** Options of {@link startMockServer}: the fake's options plus where to listen. */
export interface MockServerOptions extends FakeJ1Options {
  /** TCP port; `0` picks a free one. Default `0`. */
  readonly port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
}

/** A running fake J1 server. */
export interface MockServer {
  /** Its endpoint, e.g. `http://127.0.0.1:49152/`. Only the path `/` is served (others: 404). */
  readonly url: string;
  /** The fake's controls. */
  readonly mock: FakeJ1Controls;
  /** Stops listening and destroys every connection, held (`timeout`) ones included. */
  close(): Promise<void>;
}

/** Headers with lower-cased names; repeated headers joined with `, ` (as `fetch` does). */
function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '').toLowerCase();
    const value = req.rawHeaders[i + 1] ?? '';
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(fake: FakeJ1, origin: string, req: IncomingMessage, res: ServerResponse, closing: AbortSignal): Promise<void> {
  const body = await readBody(req);
  if (new URL(req.url ?? '/', origin).pathname !== '/') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
    return;
  }
  const gone = new AbortController();
  const abort = (): void => gone.abort();
  closing.addEventListener('abort', abort);
  res.once('close', abort);
  try {
    const request = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', origin).href, headers: headersOf(req), body };
    const result = await fake.handle(request, { signal: gone.signal });
    if (result.kind === 'response') res.writeHead(result.status, result.headers).end(result.body);
    // 'reset' (nothing executed) and 'reset-after' (executed) drop the connection.
    else if (result.kind !== 'timeout') req.socket.destroy();
    // 'timeout': hold the request open; close() destroys it.
  } finally {
    closing.removeEventListener('abort', abort);
  }
}

/**
 * Starts the fake J1 on a loopback HTTP server:
 * `const { url, mock, close } = await startMockServer({ apiKey, accountId })`.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', ...fakeOptions } = options;
  const fake = createFakeJ1(fakeOptions);
  const closing = new AbortController();
  // One abort listener per request in flight: any number is expected, not a leak.
  setMaxListeners(0, closing.signal);
  let origin = '';
  const server = createServer((req, res) => {
    serve(fake, origin, req, res, closing.signal).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  let closed: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    mock: {
      state: fake.state,
      requests: fake.requests,
      failNext: (count, kind, faultOptions) => fake.failNext(count, kind, faultOptions),
      reset: () => fake.reset(),
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
