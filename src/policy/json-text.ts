/** Reading policy JSON text, with a precise position for syntax errors. */

import type { PolicyIssue } from './errors.js';

/** Result of {@link parseJsonText}. */
export type JsonTextResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: PolicyIssue };

const POSITION = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/;

/** Whether parsing `text` fails before its end (a real syntax error, not a truncation). */
function failsBeforeEnd(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    const position = POSITION.exec(message)?.[1];
    if (position !== undefined) return Number(position) < text.length;
    return !message.includes('Unexpected end');
  }
}

/** Smallest index in the sorted `candidates` (prefix lengths) for which the prefix fails before its end. */
function firstFailingPrefix(text: string, candidates: readonly number[]): number | undefined {
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (failsBeforeEnd(text.slice(0, candidates[middle]))) high = middle;
    else low = middle + 1;
  }
  return candidates[low];
}

/**
 * Offset of the syntax error in `text`: from the engine's message, else (V8's
 * "Unexpected token 'x'" carries none) by bisecting prefixes, first over the places where
 * that token occurs. Prefixes that end before the error never "fail before their end".
 */
function errorOffset(text: string, message: string): number {
  const position = POSITION.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  if (message.includes('Unexpected end')) return text.length;
  const token = /^Unexpected token '(.+?)'/s.exec(message)?.[1];
  if (token !== undefined) {
    const ends: number[] = [];
    for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) ends.push(at + token.length);
    const end = firstFailingPrefix(text, ends);
    if (end !== undefined) return end - token.length;
  }
  const all = Array.from({ length: text.length }, (_, index) => index + 1);
  return (firstFailingPrefix(text, all) ?? text.length) - 1;
}

/**
 * JSON-parses policy text (a leading byte-order mark is ignored). On a syntax error, returns
 * one issue with path `''` naming the line, column and offset of the error.
 */
export function parseJsonText(text: string): JsonTextResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const raw = (error as Error).message;
    const offset = errorOffset(source, raw);
    const before = source.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const reason = raw.replace(POSITION, '').replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1');
    const message =
      `invalid JSON at line ${line}, column ${column} (offset ${offset}): ${reason}. ` +
      'Fix the syntax: keys and strings need double quotes, and trailing commas are not allowed';
    return { ok: false, issue: { path: '', message } };
  }
}
