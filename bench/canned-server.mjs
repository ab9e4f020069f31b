// A loopback HTTP server that answers every POST with one canned GraphQL response.
// Runs in its own process so that the server's cost is the same for every client measured.
// Prints `{"url": "http://127.0.0.1:PORT/"}` on stdout once listening. With --exit-with-stdin it
// exits when its stdin closes; otherwise it runs until killed (for profiling one client by hand).
import { createServer } from 'node:http';
import { CANNED_BODY, CANNED_HEADERS } from './canned-response.mjs';

const HEADERS = { ...CANNED_HEADERS, 'content-length': String(Buffer.byteLength(CANNED_BODY)) };

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, HEADERS);
    res.end(CANNED_BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/` })}\n`);
});
if (process.argv.includes('--exit-with-stdin')) {
  // Started by a benchmark: stop when it closes our stdin (or dies).
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
}
