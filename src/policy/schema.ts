/**
 * The policy rules, written once with `zod/mini`. Every other part of the module
 * (parser, builder, stringifier, describer) validates through these schemas; the
 * JSON Schema in `json-schema.ts` is checked against zod's `toJSONSchema` of them (see its test).
 * Every schema carries its own message (see `messages.ts`), so no zod default text reaches users.
 */

import * as z from 'zod/mini';
import { isKnownAction } from './actions.js';
import { messages } from './messages.js';

/** Error option whose message is computed from the offending input. */
const says = (message: (input: unknown) => string) => ({
  error: (issue: { readonly input?: unknown }) => message(issue.input),
});

/** A non-empty check (`minLength(1)`, so that it shows in the JSON Schema); `abort` skips later checks. */
const nonEmpty = (error: string, abort = false) => z.minLength(1, { error, abort });

const list = (key: 'actions' | 'resources', strict: boolean) => {
  const item = z.string(says((input) => messages.item(key, input)));
  // `abort`: an empty string is reported as empty only, not also as an unknown action.
  const checks: z.core.$ZodCheck<string>[] = [nonEmpty(messages.itemEmpty(key), true)];
  if (strict && key === 'actions') {
    checks.push(z.refine<string>((action) => isKnownAction(action), says(messages.unknownAction)));
  }
  return z
    .array(
      item.check(...checks),
      says((input) => messages.list(key, input)),
    )
    .check(nonEmpty(messages.listEmpty(key)));
};

/**
 * The schemas, built on first use (issue 16: nothing is built at import; building them all
 * costs ≈ 5 ms). Memoized: one instance of each for the life of the process.
 */
function build() {
  const primitive = z.union([z.string(), z.number(), z.boolean()], says(messages.primitive));

  // Array first: normalized documents hold arrays, and a union is much faster when its first branch matches.
  const filterValue = z.union([z.array(primitive).check(nonEmpty(messages.valueEmpty)), primitive], says(messages.value));

  const propertyName = z.string().check(nonEmpty(messages.propertyNameEmpty));

  /**
   * zod skips a `__proto__` key of a record silently; dropping one condition of a filter would
   * widen the policy, so such a key is an error instead (reported before the record is checked).
   */
  const rejectProtoKey = z.transform((input: unknown, context) => {
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      context.issues.push({ code: 'custom', message: messages.propertyNameReserved, input, path: ['__proto__'] });
    }
    return input;
  });

  const queryFilter = z.pipe(
    rejectProtoKey,
    z
      .record(propertyName, filterValue, says(messages.filter))
      .check(z.refine((filter: object) => Object.keys(filter).length > 0, messages.filterEmpty)),
  );

  const condition = z.strictObject(
    { queryFilters: z.array(queryFilter, says(messages.queryFilters)).check(nonEmpty(messages.queryFiltersEmpty)) },
    says(messages.condition),
  );

  /** A permission; keys in output order. */
  const permission = (strict: boolean) =>
    z.strictObject(
      {
        effect: z.enum(['ALLOW', 'DENY'], says(messages.effect)),
        actions: list('actions', strict),
        resources: list('resources', strict),
        condition: z.optional(condition),
      },
      says(messages.permission),
    );

  const document = (permissionSchema: ReturnType<typeof permission>) =>
    z.strictObject(
      {
        permissions: z.array(permissionSchema, says(messages.permissions)).check(nonEmpty(messages.permissionsEmpty)),
      },
      says(messages.root),
    );

  const looseActionsPermission = permission(false);
  const loose = document(looseActionsPermission);
  return {
    loose,
    condition,
    looseActionsPermission,
    /** Built on first strict parse only. */
    strict: once(() => document(permission(true))),
  };
}

/** `make()` on the first call, the same value after. */
function once<T>(make: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

const schemas = once(build);

/** The schema of a policy document (any non-empty action allowed). Built on first use. */
export const policySchema = (): Schemas['loose'] => schemas().loose;

/** The schema of a policy document in strict mode (actions must be in KNOWN_ACTIONS). Built on first use. */
export const strictPolicySchema = (): Schemas['loose'] => schemas().strict();

type Schemas = ReturnType<typeof build>;

/** What the schemas produce: valid but not yet normalized (filter values may be single primitives). */
export type ParsedPolicy = z.output<Schemas['loose']>;

/** Allowed keys of each object kind, for "unknown key" messages. Built on first use. */
export const allowedKeys = once(() => {
  const { loose, looseActionsPermission, condition } = schemas();
  return {
    root: Object.keys(loose.shape),
    permission: Object.keys(looseActionsPermission.shape),
    condition: Object.keys(condition.shape),
  } as const;
});
