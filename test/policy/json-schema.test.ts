import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { policyJsonSchema, safeParsePolicy } from '../../src/policy/index.js';
import { policySchema } from '../../src/policy/schema.js';
import { policyish, validPolicy } from './arbitraries.js';
import { INVALID_DOCUMENTS, VALID_DOCUMENTS } from './fixtures.js';
import { matchesJsonSchema, stripAnnotations } from './json-schema-check.js';

/**
 * What zod derives from the rules in schema.ts. The two rules written as refinements
 * (zod cannot express them in JSON Schema) are added explicitly here.
 */
function derivedJsonSchema(): unknown {
  return z.toJSONSchema(policySchema(), {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema, path }) => {
      if (zodSchema._zod.def.type === 'record') jsonSchema.minProperties = 1; // "filter must not be empty"
      if (path[path.length - 1] === 'propertyNames') jsonSchema.not = { const: '__proto__' }; // the __proto__ transform
    },
  });
}

const agree = (value: unknown) => matchesJsonSchema(policyJsonSchema, value) === safeParsePolicy(value).success;

describe('policyJsonSchema', () => {
  it('is draft 2020-12 and deeply frozen', () => {
    expect(policyJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.isFrozen(policyJsonSchema)).toBe(true);
    expect(Object.isFrozen(policyJsonSchema.properties.permissions.items.properties.effect.enum)).toBe(true);
    // Built on first read (issue 16), yet a plain object to every consumer of it.
    const plain: unknown = JSON.parse(JSON.stringify(policyJsonSchema));
    expect(structuredClone(policyJsonSchema)).toEqual(plain);
    expect({ ...policyJsonSchema }).toEqual(plain);
    expect(Object.keys(policyJsonSchema)).toEqual(Object.keys(plain as object));
    expect(policyJsonSchema.properties).toBe(policyJsonSchema.properties);
  });

  it('equals what zod derives from the validation rules (annotations aside)', () => {
    expect(stripAnnotations(policyJsonSchema)).toEqual(derivedJsonSchema());
  });

  it('accepts the valid corpus and rejects the invalid corpus, like parsePolicy', () => {
    for (const document of VALID_DOCUMENTS) expect(matchesJsonSchema(policyJsonSchema, document), JSON.stringify(document)).toBe(true);
    for (const document of INVALID_DOCUMENTS) expect(matchesJsonSchema(policyJsonSchema, document), JSON.stringify(document)).toBe(false);
  });

  it('agrees with parsePolicy on generated valid and almost-valid documents', () => {
    fc.assert(
      fc.property(validPolicy, (document) => matchesJsonSchema(policyJsonSchema, document)),
      { numRuns: 1_000 },
    );
    fc.assert(fc.property(policyish, agree), { numRuns: 3_000 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), agree), { numRuns: 1_000 });
  });
});
