/** Plain-English summaries of policies. */

import { toPolicyDocument, type PolicyInput } from './input.js';
import type { ParsePolicyOptions, PolicyPermission, QueryFilter, QueryFilterValue } from './types.js';

const BARE = /^[A-Za-z_*][\w.:/*@-]*$/;
/** Words of the grammar, quoted when they are values; built on first use (issue 16). */
let keywords: ReadonlySet<string> | undefined;
const isKeyword = (word: string): boolean => (keywords ??= new Set(['on', 'where', 'is', 'or', 'and', 'true', 'false'])).has(word);

/** A word of the description: numbers and booleans as is, strings bare or JSON-quoted. */
function term(value: QueryFilterValue): string {
  if (typeof value !== 'string') return String(value);
  return BARE.test(value) && !isKeyword(value.toLowerCase()) ? value : JSON.stringify(value);
}

/** One clause: `key is v`, or with several values `key is one of [v1, v2]` (so `and` never mixes with `or`). */
const describeClause = ([key, values]: [string, readonly QueryFilterValue[]]): string =>
  values.length === 1
    ? `${term(key)} is ${term(values[0] as QueryFilterValue)}`
    : `${term(key)} is one of [${values.map(term).join(', ')}]`;

const describeFilter = (filter: QueryFilter): string => `(${Object.entries(filter).map(describeClause).join(' and ')})`;

function describePermission(permission: PolicyPermission): string {
  const head = `${permission.effect} ${permission.actions.map(term).join(', ')} on ${permission.resources.map(term).join(', ')}`;
  if (permission.condition === undefined) return head;
  return `${head} where ${permission.condition.queryFilters.map(describeFilter).join(' or ')}`;
}

/**
 * Validates a policy and describes it in one line of plain English.
 *
 * Grammar (literal text in quotes):
 * ```text
 * description := permission ( "; " permission )*
 * permission  := effect " " terms " on " terms [ " where " filter ( " or " filter )* ]
 * terms       := term ( ", " term )*                  -- actions, then resources
 * filter      := "(" clause ( " and " clause )* ")"   -- one query filter; every clause must hold
 * clause      := term " is " term                     -- property, then its one value
 *              | term " is one of [" term ( ", " term )+ "]"  -- several values: any may match
 * effect      := "ALLOW" | "DENY"
 * term        := a number or boolean as JavaScript prints it, or a string: bare when it matches
 *                /^[A-Za-z_*][\w.:\/*@-]*$/ and is not one of on, where, is, or, and, true,
 *                false (any case), otherwise JSON-quoted (so "42" and 42 differ)
 * ```
 *
 * Precedence is explicit: inside a filter's parentheses only `and` joins clauses (a property's
 * several values are a bracketed list), and only `or` joins filters, so
 * `(_type is one of [a, b] and tag_Production is true)` cannot be misread.
 *
 * @example
 * ```ts
 * describePolicy(policy().allow().queryFilter({ _type: ['github_repo', 'aws_s3_bucket'] }));
 * // 'ALLOW * on * where (_type is one of [github_repo, aws_s3_bucket])'
 * ```
 * @throws PolicyError when the policy is invalid.
 */
export function describePolicy(input: PolicyInput, options?: ParsePolicyOptions): string {
  return toPolicyDocument(input, options).permissions.map(describePermission).join('; ');
}
