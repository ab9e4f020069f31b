import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/policy/issues.js';
import { didYouMean, editDistance } from '../../src/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['permission', 'permissions', 1],
    ['kitten', 'sitting', 3],
    ['effect', 'efect', 1],
    ['sunday', 'saturday', 3],
    ['flaw', 'lawn', 2],
    // A swap of neighbours is one edit (optimal string alignment), not two.
    ['jsno', 'json', 1],
    ['nmae', 'name', 1],
    ['effcet', 'effect', 1],
    ['ca', 'abc', 3],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('didYouMean', () => {
  const keys = ['effect', 'actions', 'resources', 'condition'];
  it.each([
    ['Effect', 'effect'],
    ['efect', 'effect'],
    ['action', 'actions'],
    ['resource', 'resources'],
    ['conditions', 'condition'],
    ['CONDITION', 'condition'],
    ['efefct', 'effect'],
    ['priority', undefined],
    ['x', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(didYouMean(input, keys)).toBe(expected);
  });

  it('prefers the closest candidate', () => {
    expect(didYouMean('query:ReadGraph', ['*', 'query:ReadGraphData', 'persister:Synchronize', 'dashboard:View'])).toBe(
      'query:ReadGraphData',
    );
    expect(didYouMean('dashbord:View', ['dashboard:View', 'dashboard:Edit'])).toBe('dashboard:View');
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['permission'], 'permission'],
    [['permissions', 0, 'condition', 'queryFilters', 1, '_type'], 'permissions[0].condition.queryFilters[1]._type'],
    [['permissions', 0, 'condition', 'queryFilters', 0, 'tag.Owner', 2], 'permissions[0].condition.queryFilters[0]["tag.Owner"][2]'],
    [['my key'], '["my key"]'],
    [['permissions', 0, ''], 'permissions[0][""]'],
    [['a', '$b', 'c1'], 'a.$b.c1'],
  ] as const)('%j → %j', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
