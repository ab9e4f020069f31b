import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/policy/errors.js';
import { describePolicy, policy, type PolicyInput } from '../../src/policy/index.js';
import { GUIDE_ADMIN_JSON, GUIDE_FILTER_JSON, GUIDE_POLICY_STRING } from './fixtures.js';

/** Golden table: input → exact description. */
const GOLDEN: readonly (readonly [string, PolicyInput, string])[] = [
  ['guide admin policy', GUIDE_ADMIN_JSON, 'ALLOW * on *'],
  ['guide \\n\\t string', GUIDE_POLICY_STRING, 'ALLOW * on *'],
  ['guide queryFilters policy', GUIDE_FILTER_JSON, 'ALLOW * on * where (_type is github_repo)'],
  ['builder, single value', policy().allow().queryFilter({ _type: 'github_repo' }), 'ALLOW * on * where (_type is github_repo)'],
  [
    'several values of one key',
    policy()
      .allow()
      .queryFilter({ _type: ['github_repo', 'aws_s3_bucket'] }),
    'ALLOW * on * where (_type is one of [github_repo, aws_s3_bucket])',
  ],
  [
    'several keys in one filter',
    policy().allow().queryFilter({ _type: 'github_repo', _integrationType: 'github' }),
    'ALLOW * on * where (_type is github_repo and _integrationType is github)',
  ],
  [
    // Issue 19: "_type is a or b and tag_Production is true" could be read as (a) or (b and …).
    'several values AND another key: the values are one bracketed list, so "and" and "or" never mix',
    policy()
      .allow()
      .queryFilter({ _type: ['a', 'b'], tag_Production: true }),
    'ALLOW * on * where (_type is one of [a, b] and tag_Production is true)',
  ],
  [
    'several filters',
    policy()
      .allow()
      .queryFilter({ _type: 'github_repo' })
      .queryFilter({ _class: ['Repository', 'DataStore'] }),
    'ALLOW * on * where (_type is github_repo) or (_class is one of [Repository, DataStore])',
  ],
  [
    'several permissions, actions and resources',
    policy().allow(['query:ReadGraphData', 'dashboard:View']).deny('persister:Synchronize', ['*', 'arn:aws:s3:::bucket/*']),
    'ALLOW query:ReadGraphData, dashboard:View on *; DENY persister:Synchronize on *, arn:aws:s3:::bucket/*',
  ],
  [
    'numbers, booleans and strings that look like them',
    policy()
      .allow()
      .queryFilter({ port: [22, 3.5, -1], active: true, version: '2', flag: 'false' }),
    'ALLOW * on * where (port is one of [22, 3.5, -1] and active is true and version is "2" and flag is "false")',
  ],
  [
    'strings that need quotes: spaces, keywords, empty, punctuation',
    policy()
      .allow('*', 'my resource')
      .queryFilter({ 'display name': ['a b', 'or', ''], 'tag.Owner': 'x(y)', on: 'IS' }),
    'ALLOW * on "my resource" where ("display name" is one of ["a b", "or", ""] and tag.Owner is "x(y)" and "on" is "IS")',
  ],
];

describe('describePolicy', () => {
  it.each(GOLDEN)('%s', (_, input, expected) => {
    expect(describePolicy(input)).toBe(expected);
  });

  it('validates first', () => {
    expect(() => describePolicy('{"permissions":[]}')).toThrow(PolicyError);
    expect(() =>
      describePolicy({ permissions: [{ effect: 'ALLOW', actions: ['graph:Write'], resources: ['*'] }] }, { strict: true }),
    ).toThrow(PolicyError);
  });
});
