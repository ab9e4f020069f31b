// Out-of-range and never-expiring dates (issue 14 defect 4; issue 13 item 4): arguments beyond
// JavaScript's date range are refused before anything is sent; a J1 value beyond it (or from year
// 9000 on) never throws out of a read and reads as "never" (`null`). Raw node:http servers, not
// our fake: the fake's Long scalar cannot even carry such values.
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, InvalidArgumentError } from '../../src/index.js';
import { NEVER_EXPIRES_FROM_MS } from '../../src/resources/token.js';
import { startRawServer } from '../helpers/raw-server.js';

const ALLOW_ALL = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';
const OUT_OF_RANGE = [8.64e15 + 1, 1e300, 2 ** 63];
const opened: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const token = (createdAt: number, expiresAt: number, extra: Record<string, unknown> = {}) => ({
  id: 'tok-1',
  name: 'k',
  category: null,
  policy: ALLOW_ALL,
  revoked: false,
  createdAt,
  expiresAt,
  __typename: 'IamToken',
  ...extra,
});

async function clientFor(answer: Parameters<typeof startRawServer>[0]) {
  const server = await startRawServer(answer);
  opened.push(server);
  return { server, client: createClient({ apiKey: 'dates-test-key-123456', accountId: 'a', endpoint: server.url, env: {}, retry: false }) };
}

describe('expiresAt beyond the date range is refused before sending', () => {
  it.each(OUT_OF_RANGE)('tokens.create / createForCurrentUser refuse %s with a typed error naming the field', async (expiresAt) => {
    const { server, client } = await clientFor(() => ({ body: { data: null } }));
    for (const call of [
      () => client.tokens.create({ name: 'k', policy: ALLOW_ALL, expiresAt }),
      () => client.tokens.createForCurrentUser({ name: 'k', expiresAt }),
    ]) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).message).toMatch(/^expiresAt is beyond JavaScript's date range.*Fix: /);
    }
    expect(server.requests).toEqual([]);
  });

  it('a past time beyond the range is refused the same way (no RangeError from toISOString)', async () => {
    const { client } = await clientFor(() => ({ body: { data: null } }));
    await expect(client.tokens.create({ name: 'k', policy: ALLOW_ALL, expiresAt: -1e300 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("J1's dates beyond the range, or from year 9000 on", () => {
  it.each([
    ['beyond the range', 1e300],
    ['2**63', 2 ** 63],
    ['year 9000', NEVER_EXPIRES_FROM_MS],
    ['year 9999', Date.UTC(9999, 11, 31)],
  ])('expiresAt %s reads as null (never) in get, list and create', async (_label, expiresAt) => {
    const { client } = await clientFor((name) => {
      if (name === 'GetToken') return { body: { data: { token: token(1_700_000_000_000, expiresAt) } } };
      if (name === 'ListTokens')
        return {
          body: { data: { tokens: { items: [token(1_700_000_000_000, expiresAt)], pageInfo: { endCursor: null, hasNextPage: false } } } },
        };
      return { body: { data: { createToken: token(1_700_000_000_000, expiresAt, { secret: 'j1_' + 'x'.repeat(40) }) } } };
    });
    expect((await client.tokens.get('tok-1')).expiresAt).toBeNull();
    for await (const t of client.tokens.list()) expect(t.expiresAt).toBeNull();
    const created = await client.tokens.create({ name: 'k', policy: ALLOW_ALL });
    expect(created.expiresAt).toBeNull();
    expect(created.secret).toBe('j1_' + 'x'.repeat(40));
    expect(() => JSON.stringify(created)).not.toThrow();
  });

  it('a year-8999 expiry is still a date', async () => {
    const at = Date.UTC(8999, 0, 1);
    const { client } = await clientFor(() => ({ body: { data: { token: token(1_700_000_000_000, at) } } }));
    expect((await client.tokens.get('tok-1')).expiresAt?.getTime()).toBe(at);
  });

  it('a createdAt beyond the range never throws and never yields an Invalid Date', async () => {
    const { client } = await clientFor(() => ({ body: { data: { token: token(1e300, 1e300) } } }));
    const read = await client.tokens.get('tok-1');
    expect(Number.isNaN(read.createdAt.getTime())).toBe(false);
    expect(() => read.createdAt.toISOString()).not.toThrow();
  });

  it('integration keys: an expiry beyond the range reads as null', async () => {
    const { client } = await clientFor(() => ({
      body: {
        data: {
          integrationInstanceTokens: {
            tokens: [{ tokenId: 'i1', createdAt: 1e300, expiresAt: 2 ** 63 }],
            pageInfo: { endCursor: null, hasNextPage: false },
          },
        },
      },
    }));
    for await (const k of client.integrationKeys.list('inst')) {
      expect(k.expiresAt).toBeNull();
      expect(Number.isNaN(k.createdAt.getTime())).toBe(false);
    }
  });
});
