// client.inventory against a raw node:http server on 127.0.0.1 (no msw in this file): J1 answers
// that our fake would never give.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { ACCOUNT, API_KEY } from '../helpers/msw.js';

const DAY = 86_400_000;
const NOW = Date.now();

describe('client.inventory against a raw server', () => {
  it('keeps the first page and reports the broken second one (a next page announced without a cursor)', async () => {
    const bodies: string[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        bodies.push(body);
        const item = (id: string) => ({
          id,
          name: id,
          category: null,
          type: 'ACCOUNT',
          policy: null,
          revoked: false,
          createdAt: NOW - DAY,
          expiresAt: NOW + DAY,
          username: null,
          email: null,
          userId: null,
        });
        const page = body.includes('"cursor"')
          ? { items: [item('raw-2')], pageInfo: { endCursor: null, hasNextPage: true } }
          : { items: [item('raw-1')], pageInfo: { endCursor: 'c1', hasNextPage: true } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { tokens: page } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const j1 = createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, endpoint: `http://127.0.0.1:${port}/` });
      const records = await j1.inventory({ include: ['account'] });
      expect(records.map((r) => r.id)).toEqual(['raw-1', 'raw-2']);
      expect(records.problems.map((p) => [p.stage, p.code])).toEqual([['account-keys', 'SERVER_ERROR']]);
      expect(records.problems[0]?.message).toMatch(/stopped after 2; the rest are missing: .*no cursor/);
      expect(bodies).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
