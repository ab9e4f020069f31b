// Issue 14 defect 4, end to end: the BUILT CLI's `create` against a raw node:http server that
// answers the create with an out-of-range createdAt/expiresAt. The key exists at J1; its secret
// must be printed (or written) whatever else fails, and the dates read as J1's "never".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRawServer } from '../helpers/raw-server.js';
import { ALLOW_ALL, cli, json, requireBuiltCli } from './helpers.js';

const SECRET = 'j1_' + 'S'.repeat(40);
const SLOW = 45_000;
let raw: Awaited<ReturnType<typeof startRawServer>>;
let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'j1-cli-dates-'));
  raw = await startRawServer(() => ({
    body: {
      data: {
        createToken: {
          id: 'tok-far',
          name: 'far',
          category: null,
          policy: ALLOW_ALL,
          revoked: false,
          createdAt: 1e300,
          expiresAt: 2 ** 63,
          secret: SECRET,
          __typename: 'IamToken',
        },
      },
    },
  }));
});
afterAll(async () => {
  await raw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('create answered with out-of-range dates (built CLI)', () => {
  it(
    'prints the secret, exit 0, expires never',
    async () => {
      const result = await cli(['create', '--name', 'far', '--allow'], { url: raw.url });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(SECRET);
      expect(result.stdout).toMatch(/expires\s+never/);
      expect(result.stderr).not.toContain(SECRET);
    },
    SLOW,
  );

  it(
    '--json: the secret and expiresAt null',
    async () => {
      const result = await cli(['create', '--name', 'far', '--allow', '--json'], { url: raw.url });
      expect(result.code, result.stderr).toBe(0);
      expect(json<{ secret: string; expiresAt: string | null; createdAt: string }>(result)).toMatchObject({
        secret: SECRET,
        expiresAt: null,
      });
    },
    SLOW,
  );

  it(
    '--secret-file: the secret is written',
    async () => {
      const file = join(dir, 'far.key');
      const result = await cli(['create', '--name', 'far', '--allow', '--secret-file', file], { url: raw.url });
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(file, 'utf8').trim()).toBe(SECRET);
      expect(result.stdout).not.toContain(SECRET);
    },
    SLOW,
  );

  it(
    '--expires-at beyond the range is refused before anything is sent',
    async () => {
      const own = await startRawServer(() => ({ body: { data: null } }));
      try {
        const result = await cli(['create', '--name', 'far', '--allow', '--expires-at', '+275760-09-14'], { url: own.url });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^error USAGE: option --expires-at/);
        expect(own.requests).toEqual([]);
      } finally {
        await own.close();
      }
    },
    SLOW,
  );
});
