import { describe, expect, it } from 'vitest';
import { AmbiguousCreateError, AuthenticationError, JupiterOneError, policy, type JupiterOneClient } from '../../src/index.js';
import type { FaultKind } from '../../src/testing/index.js';

const FAULTS: readonly FaultKind[] = [500, 502, 503, 504, 429, 'reset', 'reset-after', 'timeout', 'malformed', 'html401'];
/** Keys every fake in the matrix starts with. */
export const SEEDED = [
  { id: 'seed-1', name: 'seeded-one', policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}' },
  { id: 'seed-2', name: 'seeded-two', policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}' },
];
/** Client options that keep the matrix fast. */
export const FAST = { timeoutMs: 400, retry: { baseDelayMs: 1, maxDelayMs: 5 } } as const;

/** One face of the fake J1 and a client for it. */
export interface Face {
  mock: {
    failNext: (n: number, kind: FaultKind, o?: { retryAfterSeconds?: number | false }) => void;
    state: { tokens: readonly { id: string; revoked: boolean }[] };
    reset(): void;
  };
  client: () => JupiterOneClient;
}

/** Live keys in the fake that the caller does not know about (neither seeded nor returned to it). */
function untracked(face: Face, known: ReadonlySet<string>): string[] {
  return face.mock.state.tokens.filter((t) => !t.revoked && !known.has(t.id)).map((t) => t.id);
}

function inject(face: Face, kind: FaultKind): void {
  face.mock.failNext(1, kind, kind === 429 ? { retryAfterSeconds: 0 } : {});
}

/** Runs every fault kind against create, revoke and list. */
export function matrix(name: string, face: () => Face): void {
  describe(`fault matrix (${name})`, () => {
    it.each(FAULTS)('create under %s: a key the caller holds, or a typed error and no key left behind', async (kind) => {
      const f = face();
      inject(f, kind);
      const known = new Set(SEEDED.map((s) => s.id));
      const outcome = await f
        .client()
        .tokens.create({ name: `matrix-${String(kind)}`, policy: policy().allow() })
        .then(
          (t) => ({ ok: true as const, id: t.id }),
          (e: unknown) => ({ ok: false as const, error: e }),
        );
      if (outcome.ok) {
        known.add(outcome.id);
        expect(kind).toBe(429); // only a 429 (nothing executed) is retried for a create
      } else {
        expect(outcome.error).toBeInstanceOf(JupiterOneError);
        if (kind === 'html401') expect(outcome.error).toBeInstanceOf(AuthenticationError);
        else {
          expect(outcome.error).toBeInstanceOf(AmbiguousCreateError);
          // The fake executed the create only for these two: exactly that key was revoked.
          const executed = kind === 'reset-after' || kind === 'malformed';
          expect((outcome.error as AmbiguousCreateError).revoked).toHaveLength(executed ? 1 : 0);
        }
      }
      expect(untracked(f, known)).toEqual([]);
      // Never two keys for one create.
      expect(f.mock.state.tokens.filter((t) => !SEEDED.some((s) => s.id === t.id)).length).toBeLessThanOrEqual(1);
    });

    it.each(FAULTS)('revoke under %s: success or a typed error; state stays consistent', async (kind) => {
      const f = face();
      inject(f, kind);
      const result = await f
        .client()
        .tokens.revoke('seed-1')
        .then(
          (t) => ({ ok: true as const, revoked: t.revoked }),
          (e: unknown) => ({ ok: false as const, error: e }),
        );
      const seeded = f.mock.state.tokens.find((t) => t.id === 'seed-1')!;
      if (result.ok) {
        expect(result.revoked).toBe(true);
        expect(seeded.revoked).toBe(true);
      } else {
        expect(result.error).toBeInstanceOf(JupiterOneError);
      }
      // Repeatable: retried transient failures end in success.
      if ([502, 503, 504, 429, 'reset', 'reset-after'].includes(kind)) expect(result.ok).toBe(true);
      expect(untracked(f, new Set(SEEDED.map((s) => s.id)))).toEqual([]);
      expect(f.mock.state.tokens).toHaveLength(SEEDED.length);
    });

    it.each(FAULTS)('list under %s: every key, or a typed error', async (kind) => {
      const f = face();
      inject(f, kind);
      const result = await f
        .client()
        .tokens.listAll()
        .then(
          (list) => ({ ok: true as const, ids: list.map((t) => t.id).sort() }),
          (e: unknown) => ({ ok: false as const, error: e }),
        );
      if (result.ok) expect(result.ids).toEqual(['seed-1', 'seed-2']);
      else expect(result.error).toBeInstanceOf(JupiterOneError);
      if ([502, 503, 504, 429, 'reset', 'reset-after'].includes(kind)) expect(result.ok).toBe(true);
    });
  });
}
