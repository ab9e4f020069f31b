// `npm run schema:live` (scripts/schema-live.mjs) as a child process against the fake on
// loopback: silent success on schema.graphql, every difference and exit 1 on a drifted schema,
// exit 2 when J1 cannot be asked.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaSDL } from '../../src/generated/schema.js';
import { startMockServer, type MockServer } from '../../src/testing/index.js';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const KEY = 'schema-live-key-0123456789';
const ACCOUNT = 'schema-live-account';
const servers: MockServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(TSX, [join(ROOT, 'scripts/schema-live.mjs')], { env: { PATH: process.env['PATH'] ?? '', ...env }, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      expect(stdout + stderr).not.toContain(KEY);
      resolve({ code, stdout, stderr });
    });
  });
}

async function envFor(sdl?: string): Promise<Record<string, string>> {
  const server = await startMockServer({ apiKey: KEY, accountId: ACCOUNT, ...(sdl === undefined ? {} : { schemaSDL: sdl }) });
  servers.push(server);
  return { JUPITERONE_API_KEY: KEY, JUPITERONE_ACCOUNT_ID: ACCOUNT, JUPITERONE_BASE_URL: server.url };
}

describe.concurrent('npm run schema:live', () => {
  it('exit 0 and no difference against the fake serving schema.graphql', async () => {
    const result = await run(await envFor());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/matches schema\.graphql; every operation validates/);
  }, 45_000);

  it('prints every difference and exits 1 against a drifted schema', async () => {
    const drifted = schemaSDL.replace('  revoked: Boolean!\n', '  revoked: Boolean\n');
    expect(drifted).not.toBe(schemaSDL);
    const result = await run(await envFor(drifted));
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual(['IamToken.revoked: Boolean! here, Boolean in the live schema']);
    expect(result.stderr).toMatch(/1 difference\(s\)/);
  }, 45_000);

  it('exit 2 without configuration', async () => {
    const result = await run({});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CONFIGURATION/);
  }, 45_000);
});
