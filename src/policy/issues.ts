/**
 * Turns zod issues into our `{ path, message }` issues.
 *
 * Path format: `permissions[0].condition.queryFilters[1]._type`. Array indexes are
 * `[n]`; keys that are JavaScript identifiers are `.key` (no dot at the start); any other
 * key is `["key"]` (JSON-quoted, e.g. `queryFilters[0]["tag.Owner"]`). The path points at
 * the offending value or key: the whole document is `''`, and an unknown root key is
 * just its name (e.g. `permission`).
 */

import type * as z from 'zod/mini';
import type { PolicyIssue } from './errors.js';
import { messages } from './messages.js';
import { allowedKeys } from './schema.js';

type Path = readonly PropertyKey[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats a path of keys and indexes as described in this module's header. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Keys allowed in the object at `path` (root, a permission, or a condition). */
function allowedKeysAt(path: Path): readonly string[] {
  const last = path[path.length - 1];
  if (path.length === 0) return allowedKeys().root;
  if (typeof last === 'number') return allowedKeys().permission;
  if (last === 'condition') return allowedKeys().condition;
  return [];
}

/** True for a union branch that failed only because the value had another type. */
const isTypeMismatch = (issue: z.core.$ZodIssue): boolean =>
  issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union');

/** Internal: a mapped issue that remembers whether it was a type error. */
interface Mapped extends PolicyIssue {
  readonly typeError: boolean;
  readonly lengthError: boolean;
}

function collect(issues: readonly z.core.$ZodIssue[], prefix: Path, out: Mapped[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      // One issue per unknown key, pointing at the key itself.
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...path, key]),
          message: messages.unknownKey(key, allowedKeysAt(path)),
          typeError: false,
          lengthError: false,
        });
      }
    } else if (issue.code === 'invalid_union') {
      // If the value had the right type for exactly one branch (e.g. an array), report that branch's problems.
      const relevant = issue.errors.filter((branch) => !branch.some(isTypeMismatch));
      const [only] = relevant;
      if (relevant.length === 1 && only !== undefined) collect(only, path, out);
      else out.push({ path: formatPath(path), message: issue.message, typeError: true, lengthError: false });
    } else if (issue.code === 'invalid_key') {
      collect(issue.issues, path, out);
    } else {
      out.push({
        path: formatPath(path),
        message: issue.message,
        typeError: issue.code === 'invalid_type',
        lengthError: issue.code === 'too_small',
      });
    }
  }
}

/**
 * Maps zod issues to policy issues, one per problem. zod runs length checks on anything
 * with a `length` even after a type error (e.g. `"actions": ""`); such a length issue at
 * the path of a type error is dropped, since the type error already explains the value.
 */
export function toPolicyIssues(issues: readonly z.core.$ZodIssue[]): PolicyIssue[] {
  const mapped: Mapped[] = [];
  collect(issues, [], mapped);
  const typeErrors = new Set(mapped.filter((issue) => issue.typeError).map((issue) => issue.path));
  return mapped.filter((issue) => !(issue.lengthError && typeErrors.has(issue.path))).map(({ path, message }) => ({ path, message }));
}
