// handOverSecret: whatever fails while formatting a create's output, the secret is still handed
// over first (issue 14, defect 4), and the failure is reported after it.
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/context.js';
import { handOverSecret } from '../../src/cli/secret-output.js';

function context() {
  const out = { stdout: '', stderr: '' };
  const ctx = {
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  } as unknown as CommandContext;
  return { ctx, out };
}

describe('handOverSecret', () => {
  it('prints the full output when it renders', () => {
    const { ctx, out } = context();
    expect(
      handOverSecret(
        ctx,
        () => 'full j1_secret\n',
        () => 'minimal j1_secret\n',
      ),
    ).toBe(0);
    expect(out).toEqual({ stdout: 'full j1_secret\n', stderr: '' });
  });

  it('when rendering throws (an Invalid Date, a bug), prints the minimal output with the secret, then the error; exit 1', () => {
    const { ctx, out } = context();
    const code = handOverSecret(
      ctx,
      () => new Date(Number.NaN).toISOString(),
      () => 'Created API key tok-1\nj1_secret\n',
    );
    expect(code).toBe(1);
    expect(out.stdout).toBe('Created API key tok-1\nj1_secret\n');
    expect(out.stderr).toMatch(
      /^error OUTPUT: the key was created and its secret is above, but the rest of the output failed \(Invalid time value\)/,
    );
  });
});
