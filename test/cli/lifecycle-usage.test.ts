// Usage errors of the lifecycle flags (issue 18), in-process: exit code 2, nothing sent.
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers.js';

// No configuration at all: a usage error must be found before any client is needed.
const env = {};

describe('lifecycle usage errors (exit 2, before anything is sent)', () => {
  it.each([
    [['create', '--name', 'x', '--allow', '--exec', 'cat', '--secret-file', 'f'], '--exec and --secret-file cannot be combined'],
    [['create', '--name', 'x', '--allow', '--exec', ' '], '--exec must not be empty'],
    [['rotate'], 'missing ID (or --older-than AGE'],
    [['rotate', 'ID', '--older-than', '90d'], 'give either an ID or --older-than, not both'],
    [['rotate', '--older-than', '90x', '--dry-run'], 'option --older-than needs a positive duration'],
    [['rotate', '--older-than', '90d'], 'needs --exec CMD'],
    [['rotate', '--older-than', '90d', '--dry-run', '--name-pattern', '('], '--name-pattern is not a valid'],
    [['rotate', 'ID', '--dry-run'], '--dry-run needs --older-than'],
    [['rotate', '--older-than', '9d', '--dry-run', '--name', 'n'], '--name applies to rotating one key'],
    [['run', '--allow'], 'missing CMD'],
    [['run', '--allow', '--', 'true'], 'missing --ttl'],
    [['run', '--ttl', '30s', '--allow', '--', 'true'], 'option --ttl needs a positive duration'],
    [['run', '--ttl', '400d', '--allow', '--', 'true'], '--ttl must be from 1m to 366d'],
    [['create', '--name', 'x', '--allow', '--audit-log', ''], '--audit-log must not be empty'],
  ])('%j → %s', async (args, message) => {
    const r = await runInProcess(args, { env });
    expect(r.stderr).toContain(`error USAGE: `);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
  });

  it('run --help documents the backstop and the variables', async () => {
    const r = await runInProcess(['run', '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('JUPITERONE_API_KEY');
    expect(r.stdout).toContain('the\nbackstop');
  });
});
