// The built CLI's local-development commands: `mock-server` (runs until SIGTERM/SIGINT) and `demo`.
import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, json, requireBuiltCli, spawnCli, waitForOutput } from './helpers.js';

beforeAll(() => requireBuiltCli());

describe('mock-server', () => {
  it('prints ready-to-paste exports that every command can use, then closes cleanly on SIGTERM', async () => {
    const child = spawnCli(['mock-server', '--port', '0'], { env: {} });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    try {
      const out = await waitForOutput(child.stdout, /^export JUPITERONE_ACCOUNT_ID=.*\n/m);
      const exports = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      expect(Object.keys(exports)).toEqual(['JUPITERONE_BASE_URL', 'JUPITERONE_API_KEY', 'JUPITERONE_ACCOUNT_ID']);
      expect(exports['JUPITERONE_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(out).toContain(`listening on ${exports['JUPITERONE_BASE_URL']}`);

      // The pasted environment works, and the seeded group / instance / key are there to try.
      const env = exports as Record<string, string>;
      const [group, keys, instance] = await Promise.all([
        cli(['groups', 'show', 'Engineers', '--json'], { env }),
        cli(['list', '--json'], { env }),
        cli(['integration-keys', 'list', 'mock-instance-github', '--json'], { env }),
      ]);
      expect(json(group)).toMatchObject({ name: 'Engineers', apiKeyAccess: false });
      expect(json(keys)).toEqual([expect.objectContaining({ name: 'ops-existing-key', revoked: false })]);
      expect(json(instance)).toEqual([]);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      expect(stderr).toContain('mock-server: SIGTERM received, stopping');
      expect(stderr).toContain('mock-server: stopped');
      await expect(fetch(env['JUPITERONE_BASE_URL'] ?? '', { method: 'POST' })).rejects.toThrow(); // really closed
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a non-loopback --host (exit 2)', async () => {
    const result = await cli(['mock-server', '--host', '0.0.0.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error USAGE: --host must be a loopback address/);
  });
});

describe('demo', () => {
  it('runs the npm-start transcript (no configuration needed)', async () => {
    const result = await cli(['demo'], { env: {} });
    expect(result.code, result.stderr).toBe(0);
    // The transcript's wording is the demo's own; the CLI must run it against a loopback J1.
    expect(result.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    expect(result.stdout.trim().split('\n').length).toBeGreaterThan(3);
  });
});
