import { describe, expect, it } from 'vitest';
import { PolicyError, type PolicyIssue } from '../../src/policy/errors.js';
import { KNOWN_ACTIONS, parsePolicy, policy, safeParsePolicy, toPolicyDocument } from '../../src/policy/index.js';
import { GUIDE_ADMIN_JSON, GUIDE_FILTER_JSON, GUIDE_POLICY_STRING, INVALID_DOCUMENTS, VALID_DOCUMENTS } from './fixtures.js';

function issuesOf(input: unknown, strict = false): readonly PolicyIssue[] {
  const result = safeParsePolicy(input, { strict });
  if (result.success) throw new Error(`expected invalid: ${JSON.stringify(input)}`);
  return result.error.issues;
}

const allowAll = { effect: 'ALLOW', actions: ['*'], resources: ['*'] } as const;

describe('parsePolicy: the guide', () => {
  it('accepts the guide string sent with \\n and \\t', () => {
    expect(parsePolicy(GUIDE_POLICY_STRING)).toEqual({ permissions: [allowAll] });
  });

  it('accepts both guide documents, as text and as objects', () => {
    expect(parsePolicy(GUIDE_ADMIN_JSON)).toEqual(JSON.parse(GUIDE_ADMIN_JSON));
    expect(parsePolicy(JSON.parse(GUIDE_FILTER_JSON))).toEqual(JSON.parse(GUIDE_FILTER_JSON));
  });

  it('accepts every document of the valid corpus and rejects every one of the invalid corpus', () => {
    for (const document of VALID_DOCUMENTS) expect(safeParsePolicy(document).success, JSON.stringify(document)).toBe(true);
    for (const document of INVALID_DOCUMENTS) expect(issuesOf(document).length, JSON.stringify(document)).toBeGreaterThan(0);
  });
});

describe('parsePolicy: output', () => {
  it('normalizes filter values to arrays and orders permission keys effect/actions/resources/condition', () => {
    const document = parsePolicy({
      permissions: [{ condition: { queryFilters: [{ _type: 'a', n: 0, b: [true] }] }, resources: ['r'], actions: ['a'], effect: 'DENY' }],
    });
    const permission = document.permissions[0];
    expect(Object.keys(permission ?? {})).toEqual(['effect', 'actions', 'resources', 'condition']);
    expect(permission?.condition?.queryFilters).toEqual([{ _type: ['a'], n: [0], b: [true] }]);
    expect(JSON.stringify(document)).toBe(
      '{"permissions":[{"effect":"DENY","actions":["a"],"resources":["r"],"condition":{"queryFilters":[{"_type":["a"],"n":[0],"b":[true]}]}}]}',
    );
  });

  it('returns a deeply frozen copy that shares nothing with the input', () => {
    const input = { permissions: [{ ...allowAll, actions: ['*'], condition: { queryFilters: [{ _type: ['a'] }] } }] };
    const document = parsePolicy(input);
    const permission = document.permissions[0];
    const filter = permission?.condition?.queryFilters[0];
    for (const part of [
      document,
      document.permissions,
      permission,
      permission?.actions,
      permission?.resources,
      permission?.condition,
      permission?.condition?.queryFilters,
      filter,
      filter?._type,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(permission?.actions).not.toBe(input.permissions[0]?.actions);
    input.permissions[0]?.actions.push('x');
    expect(permission?.actions).toEqual(['*']);
    expect(() => (document.permissions as unknown[]).push(allowAll)).toThrow(TypeError);
  });

  it('drops an undefined condition and turns -0 into 0', () => {
    const document = parsePolicy({
      permissions: [
        { ...allowAll, condition: undefined },
        { ...allowAll, condition: { queryFilters: [{ n: -0 }] } },
      ],
    });
    expect('condition' in (document.permissions[0] ?? {})).toBe(false);
    expect(Object.is(document.permissions[1]?.condition?.queryFilters[0]?.n?.[0], 0)).toBe(true);
  });

  it('accepts a PolicyBuilder and reports an empty one', () => {
    expect(parsePolicy(policy().deny('*', '*'))).toEqual({ permissions: [{ effect: 'DENY', actions: ['*'], resources: ['*'] }] });
    expect(issuesOf(policy()).map((issue) => issue.path)).toEqual(['permissions']);
  });

  it('toPolicyDocument validates every PolicyInput form', () => {
    const expected = parsePolicy(GUIDE_POLICY_STRING);
    expect(toPolicyDocument(GUIDE_POLICY_STRING)).toEqual(expected);
    expect(toPolicyDocument(expected)).toEqual(expected);
    expect(toPolicyDocument(policy().allow())).toEqual(expected);
    expect(() => toPolicyDocument('{}')).toThrow(PolicyError);
  });
});

describe('parsePolicy: problems', () => {
  it('reports one issue per problem, with exact paths, for a document with many problems', () => {
    const input = {
      permissions: [
        { effect: 'allow', actions: [], resources: ['*', ''] },
        {
          effect: 'ALLOW',
          actions: ['*'],
          resources: '*',
          condition: { queryFilters: [{ _type: 'github_repo' }, { _type: ['a', {}], _class: null, 'tag.Owner': [] }], extra: 1 },
          Effect: 'DENY',
        },
      ],
      permission: [],
    };
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([
      'permissions[0].effect',
      'permissions[0].actions',
      'permissions[0].resources[1]',
      'permissions[1].resources',
      'permissions[1].condition.queryFilters[1]._type[1]',
      'permissions[1].condition.queryFilters[1]._class',
      'permissions[1].condition.queryFilters[1]["tag.Owner"]',
      'permissions[1].condition.extra',
      'permissions[1].Effect',
      'permission',
    ]);
    const error = (() => {
      try {
        parsePolicy(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).code).toBe('POLICY_INVALID');
    expect((error as PolicyError).message).toContain('Invalid policy (10 problems)');
  });

  it('gives the upper-case hint for a lower-case effect', () => {
    expect(issuesOf({ permissions: [{ ...allowAll, effect: 'allow' }] })).toEqual([
      { path: 'permissions[0].effect', message: '"allow" is not valid: use "ALLOW" (upper case)' },
    ]);
    expect(issuesOf({ permissions: [{ ...allowAll, effect: 'Deny' }] })[0]?.message).toContain('use "DENY" (upper case)');
    expect(issuesOf({ permissions: [{ ...allowAll, effect: 'PERMIT' }] })[0]?.message).toBe(
      'must be "ALLOW" or "DENY", got the string "PERMIT"',
    );
  });

  it.each([
    [{ permission: [allowAll] }, 'permission', 'did you mean "permissions"?'],
    [{ permissions: [{ ...allowAll, effects: 'ALLOW' }] }, 'permissions[0].effects', 'did you mean "effect"?'],
    [{ permissions: [{ ...allowAll, Resources: ['*'] }] }, 'permissions[0].Resources', 'did you mean "resources"?'],
    [{ permissions: [{ ...allowAll, conditions: {} }] }, 'permissions[0].conditions', 'did you mean "condition"?'],
    [
      { permissions: [{ ...allowAll, condition: { queryFilter: [] } }] },
      'permissions[0].condition.queryFilter',
      'did you mean "queryFilters"?',
    ],
    [
      { permissions: [{ ...allowAll, condition: { query_filters: [] } }] },
      'permissions[0].condition.query_filters',
      'did you mean "queryFilters"?',
    ],
  ])('suggests the closest key for a misspelt one (%j)', (input, path, hint) => {
    const issue = issuesOf(input).find((candidate) => candidate.path === path);
    expect(issue?.message).toContain(hint);
  });

  it('lists the allowed keys when no key is close', () => {
    expect(issuesOf({ permissions: [{ ...allowAll, priority: 1 }] })).toEqual([
      {
        path: 'permissions[0].priority',
        message: 'unknown key "priority": remove it (allowed keys: "effect", "actions", "resources", "condition")',
      },
    ]);
  });

  it.each([
    [{ permissions: [{ actions: ['*'], resources: ['*'] }] }, 'permissions[0].effect', 'missing: add "effect": "ALLOW" or "DENY"'],
    [{}, 'permissions', 'missing: add "permissions"'],
    [{ permissions: allowAll }, 'permissions', 'wrap the permission object in [ ]'],
    [{ permissions: [] }, 'permissions', 'must not be empty'],
    [{ permissions: [{ ...allowAll, actions: '*' }] }, 'permissions[0].actions', 'use ["*"] instead of "*"'],
    [{ permissions: [{ ...allowAll, actions: '' }] }, 'permissions[0].actions', 'use [""] instead of ""'],
    [
      { permissions: [{ ...allowAll, condition: { queryFilters: [{ k: () => 1 }] } }] },
      'permissions[0].condition.queryFilters[0].k',
      'got a function',
    ],
    [{ permissions: [{ ...allowAll, condition: { queryFilters: [] } }] }, 'permissions[0].condition.queryFilters', 'or remove "condition"'],
    [
      { permissions: [{ ...allowAll, condition: { queryFilters: { _type: 'a' } } }] },
      'permissions[0].condition.queryFilters',
      'wrap the filter object in [ ]',
    ],
    [
      { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: null }] } }] },
      'permissions[0].condition.queryFilters[0]._type',
      'null is not allowed',
    ],
    [
      { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: { a: 1 } }] } }] },
      'permissions[0].condition.queryFilters[0]._type',
      'nested objects are not allowed',
    ],
    [
      { permissions: [{ ...allowAll, condition: { queryFilters: [{ n: [Infinity] }] } }] },
      'permissions[0].condition.queryFilters[0].n[0]',
      'numbers must be finite',
    ],
    [
      JSON.parse(
        '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"__proto__":["x"],"_type":"y"}]}}]}',
      ),
      'permissions[0].condition.queryFilters[0].__proto__',
      '"__proto__" cannot be used',
    ],
    [null, '', 'must be a JSON object like {"permissions":'],
    ['"{\\"permissions\\":[]}"', '', 'JSON-encoded twice'],
  ])('explains %j with a fix hint', (input, path, hint) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toContain(hint);
  });
});

describe('parsePolicy: JSON text', () => {
  it.each([
    ['{"permissions": [1,]}', 1, 20, "Unexpected token ']'"],
    ['{\n  "permissions": [],\n}', 3, 1, 'Expected double-quoted property name'],
    ["{'permissions': []}", 1, 2, 'Expected property name'],
    ['{"permissions": [*]}', 1, 18, "Unexpected token '*'"],
    ['{"permissions": []} x', 1, 21, 'Unexpected non-whitespace character after JSON'],
    ['{"permissions": [', 1, 18, 'Unexpected end of JSON input'],
    ['', 1, 1, 'Unexpected end of JSON input'],
  ])('reports invalid JSON %j as one root issue at line %i, column %i', (text, line, column, reason) => {
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('');
    expect(issues[0]?.message).toContain(`invalid JSON at line ${line}, column ${column} (offset `);
    expect(issues[0]?.message).toContain(reason);
    expect(issues[0]?.message).not.toContain('is not valid JSON');
  });

  it('ignores a leading byte-order mark', () => {
    expect(parsePolicy(`\uFEFF${GUIDE_POLICY_STRING}`)).toEqual({ permissions: [allowAll] });
  });

  it('validates the parsed JSON like an object', () => {
    expect(issuesOf('{"permissions":[{"effect":"allow","actions":["*"],"resources":["*"]}]}').map((issue) => issue.path)).toEqual([
      'permissions[0].effect',
    ]);
  });
});

describe('parsePolicy: strict mode', () => {
  const withActions = (...actions: string[]) => ({ permissions: [{ ...allowAll, actions }] });

  it('accepts every known action, and unknown ones only when not strict', () => {
    expect(parsePolicy(withActions(...KNOWN_ACTIONS), { strict: true }).permissions[0]?.actions).toEqual(KNOWN_ACTIONS);
    expect(parsePolicy(withActions('graph:Write')).permissions[0]?.actions).toEqual(['graph:Write']);
    expect(parsePolicy(withActions('graph:Write'), { strict: false }).permissions[0]?.actions).toEqual(['graph:Write']);
  });

  it('rejects unknown actions with the path, a suggestion and the known list', () => {
    const issues = issuesOf(withActions('*', 'query:ReadGraph', 'graph:Write'), true);
    expect(issues.map((issue) => issue.path)).toEqual(['permissions[0].actions[1]', 'permissions[0].actions[2]']);
    expect(issues[0]?.message).toContain('Did you mean "query:ReadGraphData"?');
    expect(issues[1]?.message).not.toContain('Did you mean');
    for (const issue of issues) {
      expect(issue.message).toContain('Known actions: "*", "query:ReadGraphData", "query:GetAccountEntity", "persister:Synchronize"');
      expect(issue.message).toContain('"parameters:DeleteParameter"');
    }
  });

  it('still reports an empty action as empty, once', () => {
    expect(issuesOf(withActions(''), true)).toEqual([
      { path: 'permissions[0].actions[0]', message: 'must not be an empty string: use "*" for all actions or name one' },
    ]);
  });

  it('re-checks a builder built without strict', () => {
    expect(issuesOf(policy().allow('graph:Write'), true).map((issue) => issue.path)).toEqual(['permissions[0].actions[0]']);
  });
});

describe('parsePolicy: exotic input', () => {
  it('turns a throwing getter into a PolicyError', () => {
    const input = {
      get permissions(): never {
        throw new Error('boom');
      },
    };
    expect(issuesOf(input)).toEqual([
      {
        path: '',
        message:
          'could not read the policy object: boom. Fix: pass a plain object (or JSON text, or a policy() builder), not a revoked Proxy or an object whose getters throw',
      },
    ]);
  });

  it('never accepts non-plain values in filters', () => {
    for (const value of [new Date(0), [new Map()], () => 1, Symbol('s'), 1n]) {
      expect(issuesOf({ permissions: [{ ...allowAll, condition: { queryFilters: [{ k: value }] } }] }).length).toBe(1);
    }
  });
});

// Facts file, "More facts from J1's own clients and docs": the older documented actions,
// prefixed resources and condition form, still found in keys read back from J1.
describe('older documented policy forms', () => {
  const OLDER = [
    'query:ReadGraphData',
    'query:GetAccountEntity',
    'persister:Synchronize',
    'persister:GetEntityRawData',
    'dashboard:View',
    'compliance:GetStandard',
    'compliance:GetSummary',
    'settings:GetSettings',
    'parameters:GetParameter',
    'parameters:GetParameterList',
    'parameters:SetParameter',
    'parameters:DeleteParameter',
  ];
  const PREFIXED = [
    'account:1',
    'api:2',
    'compliance-standard:3',
    'dashboard:4',
    'entity:5',
    'integration:6',
    'powerup:7',
    'settings-category:8',
    'parameter:9',
  ];

  it('KNOWN_ACTIONS is * plus the twelve older actions', () => {
    expect([...KNOWN_ACTIONS]).toEqual(['*', ...OLDER]);
  });

  it('strict mode accepts every older action on prefixed resources', () => {
    const doc = { permissions: [{ effect: 'ALLOW', actions: OLDER, resources: PREFIXED }] };
    expect(parsePolicy(doc, { strict: true }).permissions[0]?.actions).toEqual(OLDER);
    expect(parsePolicy(JSON.stringify(doc)).permissions[0]?.resources).toEqual(PREFIXED);
  });
});
