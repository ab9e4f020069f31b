// Issue 16: the policy's zod schemas are built on first use, once; importing the package
// builds none. zod/mini is wrapped so that every schema constructor it is asked for is counted.
import { afterEach, describe, expect, it, vi } from 'vitest';

const VALID = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';

async function importCounting() {
  const counts = { schemas: 0 };
  vi.resetModules();
  vi.doMock('zod/mini', async (importOriginal) => {
    const actual = await importOriginal<Record<string, unknown>>();
    const wrapped: Record<string, unknown> = { ...actual };
    for (const name of ['strictObject', 'array', 'string', 'union', 'record', 'enum', 'pipe', 'transform', 'optional']) {
      const original = actual[name] as (...args: unknown[]) => unknown;
      wrapped[name] = (...args: unknown[]) => {
        counts.schemas++;
        return original(...args);
      };
    }
    return wrapped;
  });
  const sdk = await import('../../src/index.js');
  return { counts, sdk };
}

afterEach(() => {
  vi.doUnmock('zod/mini');
  vi.resetModules();
});

describe('policy schemas', () => {
  it('are not built at import', async () => {
    const { counts, sdk } = await importCounting();
    expect(typeof sdk.parsePolicy).toBe('function');
    expect(counts.schemas).toBe(0);
  });

  it('are built on the first parse, once, and the strict ones only for a strict parse', async () => {
    const { counts, sdk } = await importCounting();
    expect(sdk.parsePolicy(VALID).permissions).toHaveLength(1);
    const afterFirst = counts.schemas;
    expect(afterFirst).toBeGreaterThan(0);
    sdk.parsePolicy(VALID);
    sdk.policy().allow().build();
    expect(counts.schemas).toBe(afterFirst);
    sdk.parsePolicy(VALID, { strict: true });
    const afterStrict = counts.schemas;
    expect(afterStrict).toBeGreaterThan(afterFirst);
    sdk.parsePolicy(VALID, { strict: true });
    expect(counts.schemas).toBe(afterStrict);
  });
});
