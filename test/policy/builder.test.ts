import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/policy/errors.js';
import { isPolicyBuilder, parsePolicy, policy, PolicyBuilder } from '../../src/policy/index.js';
import { GUIDE_ADMIN_JSON, GUIDE_FILTER_JSON } from './fixtures.js';

/** Runs `fn`, expecting a PolicyError; returns its issues. */
function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).issues;
  }
  throw new Error('expected a PolicyError');
}

describe('policy() builder', () => {
  it('rebuilds the guide administrative policy', () => {
    expect(policy().allow().build()).toEqual(JSON.parse(GUIDE_ADMIN_JSON));
  });

  it('rebuilds the guide queryFilters policy, normalizing the single value to an array', () => {
    expect(policy().allow().queryFilter({ _type: 'github_repo' }).build()).toEqual(JSON.parse(GUIDE_FILTER_JSON));
  });

  it('toString gives the compact JSON J1 expects and toJSON the document', () => {
    const builder = policy().allow().queryFilter({ _type: 'github_repo' });
    expect(builder.toString()).toBe(
      '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":["github_repo"]}]}}]}',
    );
    expect(JSON.stringify(builder)).toBe(builder.toString());
    expect(builder.toJSON()).toEqual(builder.build());
    expect(`${policy().allow()}`).toBe('{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}');
  });

  it('starts a new permission with each allow/deny; queryFilter targets the last one; repeated filters are OR alternatives', () => {
    const document = policy()
      .allow(['query:ReadGraphData', 'dashboard:View'])
      .queryFilter({ _class: 'Repository' })
      .deny('*', 'some:resource')
      .queryFilter({ _type: ['github_repo', 'aws_s3_bucket'], _integrationType: 'github' })
      .queryFilter({ n: 1, ok: true })
      .build();
    expect(document).toEqual({
      permissions: [
        {
          effect: 'ALLOW',
          actions: ['query:ReadGraphData', 'dashboard:View'],
          resources: ['*'],
          condition: { queryFilters: [{ _class: ['Repository'] }] },
        },
        {
          effect: 'DENY',
          actions: ['*'],
          resources: ['some:resource'],
          condition: {
            queryFilters: [
              { _type: ['github_repo', 'aws_s3_bucket'], _integrationType: ['github'] },
              { n: [1], ok: [true] },
            ],
          },
        },
      ],
    });
    expect(Object.keys(document.permissions[1] ?? {})).toEqual(['effect', 'actions', 'resources', 'condition']);
  });

  it('is immutable: every call returns a new builder and leaves the original unchanged', () => {
    const base = policy().allow();
    const filtered = base.queryFilter({ _type: 'a' });
    const withDeny = base.deny('*', '*');
    expect(filtered).not.toBe(base);
    expect(base.build()).toEqual({ permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'] }] });
    expect(withDeny.build().permissions).toHaveLength(2);
    expect(filtered.build().permissions).toHaveLength(1);
    expect(Object.isFrozen(base)).toBe(true);
  });

  it('copies its arguments: mutating them later changes nothing', () => {
    const actions = ['query:ReadGraphData'];
    const filter: Record<string, string[]> = { _type: ['a'] };
    const builder = policy().allow(actions).queryFilter(filter);
    actions.push('dashboard:View');
    filter._type?.push('b');
    filter.other = ['x'];
    expect(builder.build().permissions[0]).toEqual({
      effect: 'ALLOW',
      actions: ['query:ReadGraphData'],
      resources: ['*'],
      condition: { queryFilters: [{ _type: ['a'] }] },
    });
  });

  it('builds a deeply frozen document', () => {
    const document = policy()
      .allow()
      .queryFilter({ _type: ['a'] })
      .build();
    const permission = document.permissions[0];
    expect(Object.isFrozen(document)).toBe(true);
    expect(Object.isFrozen(document.permissions)).toBe(true);
    expect(Object.isFrozen(permission)).toBe(true);
    expect(Object.isFrozen(permission?.actions)).toBe(true);
    expect(Object.isFrozen(permission?.condition?.queryFilters[0]?._type)).toBe(true);
  });

  it('throws PolicyError when building with no permission', () => {
    expect(issuesOf(() => policy().build())).toEqual([
      { path: 'permissions', message: 'the policy has no permission: call .allow() or .deny() before .build()' },
    ]);
    expect(() => policy().toString()).toThrow(PolicyError);
  });

  it('throws PolicyError for queryFilter before any permission', () => {
    expect(issuesOf(() => policy().queryFilter({ _type: 'a' }))).toEqual([
      { path: 'permissions', message: expect.stringContaining('call .allow() or .deny() before .queryFilter()') },
    ]);
  });

  it.each([
    ['an empty action string', () => policy().allow(''), 'permissions[0].actions[0]'],
    ['an empty actions array', () => policy().allow([]), 'permissions[0].actions'],
    ['an empty resources array', () => policy().allow('*', []), 'permissions[0].resources'],
    ['a non-string action (JS caller)', () => policy().allow(123 as never), 'permissions[0].actions[0]'],
    ['a missing deny argument (JS caller)', () => (policy().deny as (a: string) => PolicyBuilder)('*'), 'permissions[0].resources[0]'],
    ['an empty filter', () => policy().allow().queryFilter({}), 'permissions[0].condition.queryFilters[0]'],
    ['an empty filter key', () => policy().allow().queryFilter({ '': 'x' }), 'permissions[0].condition.queryFilters[0][""]'],
    ['an empty value array', () => policy().allow().queryFilter({ _type: [] }), 'permissions[0].condition.queryFilters[0]._type'],
    [
      'a null value',
      () =>
        policy()
          .allow()
          .queryFilter({ _type: null as never }),
      'permissions[0].condition.queryFilters[0]._type',
    ],
    [
      'a nested object value',
      () =>
        policy()
          .allow()
          .queryFilter({ _type: { a: 1 } as never }),
      'permissions[0].condition.queryFilters[0]._type',
    ],
    [
      'a nested object in a value array',
      () =>
        policy()
          .allow()
          .queryFilter({ _type: ['a', {} as never] }),
      'permissions[0].condition.queryFilters[0]._type[1]',
    ],
    ['a non-finite number', () => policy().allow().queryFilter({ n: Number.NaN }), 'permissions[0].condition.queryFilters[0].n'],
    [
      'a null filter (JS caller)',
      () =>
        policy()
          .allow()
          .queryFilter(null as never),
      'permissions[0].condition.queryFilters[0]',
    ],
    ['a bad argument in a later permission', () => policy().allow().deny('*', ['']), 'permissions[1].resources[0]'],
  ])('rejects %s with a PolicyError at the right path', (_, build, path) => {
    const issues = issuesOf(build);
    expect(issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('strict builders check actions against KNOWN_ACTIONS', () => {
    expect(policy({ strict: true }).allow('dashboard:View').build().permissions[0]?.actions).toEqual(['dashboard:View']);
    const issues = issuesOf(() => policy({ strict: true }).allow('dashboard:Edit'));
    expect(issues[0]?.path).toBe('permissions[0].actions[0]');
    expect(issues[0]?.message).toContain('Did you mean "dashboard:View"?');
    expect(policy().allow('dashboard:Edit').build().permissions[0]?.actions).toEqual(['dashboard:Edit']);
  });

  it('is recognized by isPolicyBuilder and accepted by parsePolicy', () => {
    const builder = policy().allow();
    expect(builder).toBeInstanceOf(PolicyBuilder);
    expect(isPolicyBuilder(builder)).toBe(true);
    expect(isPolicyBuilder(builder.build())).toBe(false);
    expect(isPolicyBuilder(null)).toBe(false);
    expect(parsePolicy(builder)).toEqual(builder.build());
    expect(PolicyBuilder.create().allow().build()).toEqual(builder.build());
  });
});
