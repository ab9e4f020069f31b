import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/policy/json-text.js';
import { PolicyError } from '../../src/policy/errors.js';
import { parsePolicy, policy, stringifyPolicy } from '../../src/policy/index.js';
import { policyish, validPolicy } from './arbitraries.js';

const RUNS = 10_000;

/** Any JavaScript value, including exotic ones (boxed primitives, maps, dates, sparse arrays, null prototypes…). */
const exoticValue = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/**
 * Parses `input`: `'document'` when it returns a deeply frozen document, `'rejected'` when it
 * throws a PolicyError with at least one issue; anything else is rethrown (failing the property).
 * Plain booleans rather than `expect` inside the properties keep 10,000 runs fast.
 */
function outcome(input: unknown): 'document' | 'rejected' {
  try {
    const document = parsePolicy(input);
    if (!isDeeplyFrozen(document)) throw new Error('document is not deeply frozen');
    return 'document';
  } catch (error) {
    if (error instanceof PolicyError && error.issues.length > 0) return 'rejected';
    throw error;
  }
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('policy properties (fast-check)', () => {
  it('parsePolicy(stringifyPolicy(p)) deep-equals p, compact and pretty', () => {
    fc.assert(
      fc.property(validPolicy, fc.boolean(), (document, pretty) => {
        const parsed = parsePolicy(stringifyPolicy(document, { pretty }));
        return isDeepStrictEqual(parsed, document) && isDeeplyFrozen(parsed);
      }),
      { numRuns: RUNS },
    );
  });

  it('the builder reproduces any valid policy', () => {
    fc.assert(
      fc.property(validPolicy, (document) => {
        let builder = policy();
        for (const permission of document.permissions) {
          builder =
            permission.effect === 'ALLOW'
              ? builder.allow(permission.actions, permission.resources)
              : builder.deny(permission.actions, permission.resources);
          for (const filter of permission.condition?.queryFilters ?? []) builder = builder.queryFilter(filter);
        }
        return isDeepStrictEqual(builder.build(), document);
      }),
      { numRuns: 1_000 },
    );
  });

  it('parsePolicy on fc.anything() only returns a document or throws PolicyError', () => {
    fc.assert(
      fc.property(exoticValue, (input) => ['document', 'rejected'].includes(outcome(input))),
      { numRuns: RUNS },
    );
  });

  it('parsePolicy on fc.json() text only returns a document or throws PolicyError', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 2 }), (text) => ['document', 'rejected'].includes(outcome(text))),
      { numRuns: RUNS },
    );
  });

  it('parsePolicy on random strings throws PolicyError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => outcome(text) === 'rejected'),
      { numRuns: RUNS },
    );
  });

  it('on almost-valid documents: a result is a fixed point; each issue has a well-formed path and one of our messages', () => {
    const path = /^(?:|(?:[A-Za-z_$][\w$]*|\[(?:\d+|".*")\])(?:\.[A-Za-z_$][\w$]*|\[(?:\d+|".*")\])*)$/;
    fc.assert(
      fc.property(policyish, (input) => {
        try {
          const document = parsePolicy(input);
          return isDeepStrictEqual(parsePolicy(structuredClone(document)), document);
        } catch (error) {
          if (!(error instanceof PolicyError)) throw error;
          return (
            error.issues.length > 0 &&
            error.issues.every((issue) => path.test(issue.path) && issue.message.length > 10 && !issue.message.includes('Invalid input'))
          );
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('locates a JSON syntax error at the first prefix that cannot be completed (checked by brute force)', () => {
    /** Brute force: the first k such that text.slice(0, k) fails before its end; the error is at k - 1. */
    const bruteForceOffset = (text: string): number => {
      for (let k = 1; k <= text.length; k++) {
        try {
          JSON.parse(text.slice(0, k));
        } catch (error) {
          const message = (error as Error).message;
          const position = /at position (\d+)/.exec(message)?.[1];
          if (position === undefined ? !message.includes('Unexpected end') : Number(position) < k) return k - 1;
        }
      }
      return text.length;
    };
    const brokenJson = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .tuple(fc.json({ maxDepth: 2 }), fc.nat(), fc.constantFrom('x', "'", ',', ']', '}', '*', ' '))
        .map(([json, at, junk]) => json.slice(0, at % (json.length + 1)) + junk + json.slice(at % (json.length + 1))),
    );
    fc.assert(
      fc.property(brokenJson, (text) => {
        const result = parseJsonText(text);
        if (result.ok) return true;
        expect(result.issue.path).toBe('');
        return result.issue.message.includes(`(offset ${bruteForceOffset(text)})`);
      }),
      { numRuns: 2_000 },
    );
  });
});
