import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/policy/errors.js';
import { parsePolicy, policy, stringifyPolicy } from '../../src/policy/index.js';
import { GUIDE_FILTER_JSON, GUIDE_POLICY_STRING } from './fixtures.js';

describe('stringifyPolicy', () => {
  it('is compact by default, from any input form', () => {
    const compact = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';
    expect(stringifyPolicy(GUIDE_POLICY_STRING)).toBe(compact);
    expect(stringifyPolicy(policy().allow())).toBe(compact);
    expect(stringifyPolicy(parsePolicy(GUIDE_POLICY_STRING))).toBe(compact);
  });

  it('pretty-prints with 2 spaces', () => {
    expect(stringifyPolicy(GUIDE_FILTER_JSON, { pretty: true })).toBe(
      [
        '{',
        '  "permissions": [',
        '    {',
        '      "effect": "ALLOW",',
        '      "actions": [',
        '        "*"',
        '      ],',
        '      "resources": [',
        '        "*"',
        '      ],',
        '      "condition": {',
        '        "queryFilters": [',
        '          {',
        '            "_type": [',
        '              "github_repo"',
        '            ]',
        '          }',
        '        ]',
        '      }',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('uses a stable key order whatever the input order, and normalizes filter values', () => {
    const shuffled = JSON.stringify({
      permissions: [{ condition: { queryFilters: [{ _type: 'a' }] }, resources: ['r'], effect: 'DENY', actions: ['x'] }],
    });
    expect(stringifyPolicy(shuffled)).toBe(
      '{"permissions":[{"effect":"DENY","actions":["x"],"resources":["r"],"condition":{"queryFilters":[{"_type":["a"]}]}}]}',
    );
  });

  it('validates first (including strict mode)', () => {
    expect(() => stringifyPolicy('{"permissions":[{"effect":"allow","actions":["*"],"resources":["*"]}]}')).toThrow(PolicyError);
    expect(() => stringifyPolicy(policy().allow('graph:Write'), { strict: true })).toThrow(PolicyError);
    expect(stringifyPolicy(policy().allow('graph:Write'))).toContain('graph:Write');
  });
});
