// Issue 14 defect 12: exotic objects (a revoked Proxy, a Proxy whose every trap throws, a throwing
// getter) passed as a policy, as part of one, or as options are refused with a PolicyError that
// names what could not be read, never a raw TypeError.
import { describe, expect, it } from 'vitest';
import { describePolicy, parsePolicy, policy, PolicyError, safeParsePolicy, stringifyPolicy } from '../../src/index.js';

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function revokedArray(): unknown[] {
  const { proxy, revoke } = Proxy.revocable<unknown[]>([], {});
  revoke();
  return proxy;
}

function throwingTraps(): object {
  const boom = (): never => {
    throw new TypeError('trap says no');
  };
  return new Proxy(
    {},
    { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, set: boom, defineProperty: boom },
  );
}

function throwingGetter(): object {
  const getter = {
    enumerable: true,
    get(): never {
      throw new Error('getter says no');
    },
  };
  // `strict` and `pretty` too, so the same object is exotic as options.
  return Object.defineProperties({}, { permissions: getter, strict: getter, pretty: getter });
}

const EXOTIC: readonly [string, () => unknown][] = [
  ['a revoked Proxy', revoked],
  ['a revoked array Proxy', revokedArray],
  ['a Proxy whose traps throw', throwingTraps],
  ['an object with a throwing getter', throwingGetter],
];

function policyError(fn: () => unknown): PolicyError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PolicyError);
  return thrown as PolicyError;
}

const ALLOW_ALL = { permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'] }] };

describe.each(EXOTIC)('%s', (_, make) => {
  it('as the policy: parsePolicy, strict parsePolicy, stringifyPolicy and describePolicy throw PolicyError', () => {
    for (const call of [
      () => parsePolicy(make()),
      () => parsePolicy(make(), { strict: true }),
      () => stringifyPolicy(make() as never),
      () => stringifyPolicy(make() as never, { pretty: true }),
      () => describePolicy(make() as never),
    ]) {
      const error = policyError(call);
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]?.path).toBe('');
      expect(error.issues[0]?.message).toMatch(/^could not read the policy object: .+Fix: pass a plain object/);
    }
  });

  it('as the policy: safeParsePolicy returns the failure instead of throwing', () => {
    const result = safeParsePolicy(make());
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error).toBeInstanceOf(PolicyError);
  });

  it('nested in a policy (a permission, a condition, a filter) is a PolicyError', () => {
    const inside = [
      { permissions: make() },
      { permissions: [make()] },
      { permissions: [{ effect: 'ALLOW', actions: make(), resources: ['*'] }] },
      { permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'], condition: make() }] },
      { permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'], condition: { queryFilters: [make()] } }] },
    ];
    for (const value of inside) expect(safeParsePolicy(value).success).toBe(false);
    for (const value of inside) policyError(() => parsePolicy(value));
  });

  it('as the options of parsePolicy, safeParsePolicy, stringifyPolicy and policy() is a PolicyError', () => {
    policyError(() => parsePolicy(ALLOW_ALL, make() as never));
    expect(safeParsePolicy(ALLOW_ALL, make() as never).success).toBe(false);
    policyError(() => stringifyPolicy(ALLOW_ALL as never, make() as never));
    const error = policyError(() => policy(make() as never));
    expect(error.issues[0]?.path).toBe('options');
  });

  it('given to the builder (allow, deny, queryFilter) is a PolicyError and leaves the builder usable', () => {
    const base = policy();
    policyError(() => base.allow(make() as never));
    policyError(() => base.allow('*', make() as never));
    policyError(() => base.deny(make() as never, '*'));
    policyError(() => base.allow().queryFilter(make() as never));
    expect(base.allow().toString()).toBe(JSON.stringify(ALLOW_ALL));
  });
});
