/**
 * Output: aligned tables and key/value blocks for people, stable JSON shapes for machines.
 *
 * JSON shapes (every date is an ISO-8601 string, `null` when absent; keys always present):
 *
 * - {@link TokenJson}: `{ id, name, category, revoked, createdAt, expiresAt, policy }`
 *   (`policy`: the parsed policy document, or `null` when J1 returned none / an unparsable one)
 * - {@link IntegrationKeyJson}: `{ tokenId, createdAt, expiresAt }`
 * - {@link GroupJson}: `{ id, name, description, status, permissions, queryPolicy, apiKeyAccess }`
 *
 * The command-specific wrappers are documented in each command's `--help`.
 * @module
 */
import { API_KEY_PERMISSION, type Group, type IntegrationKeyInfo, type PolicyDocument, type Token } from '../index.js';
import type { CliIo, TextSink } from './context.js';

/** An account / user API key in `--json` output. */
export interface TokenJson {
  readonly id: string;
  readonly name: string;
  readonly category: string | null;
  readonly revoked: boolean;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly policy: PolicyDocument | null;
}

/** An integration API key in `--json` output (never its secret). */
export interface IntegrationKeyJson {
  readonly tokenId: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
}

/** A user group in `--json` output. */
export interface GroupJson extends Group {
  /** True when `permissions` holds `apiKeyUser` (the group's users may create API keys). */
  readonly apiKeyAccess: boolean;
}

/** ISO-8601, or `null`. */
export const iso = (date: Date | null): string | null => (date === null || Number.isNaN(date.getTime()) ? null : date.toISOString());

/** The stable JSON shape of a key. Picks fields explicitly, so a secret can never slip in. */
export function tokenJson(token: Token): TokenJson {
  return {
    id: token.id,
    name: token.name,
    category: token.category,
    revoked: token.revoked,
    createdAt: iso(token.createdAt) ?? new Date(0).toISOString(),
    expiresAt: iso(token.expiresAt),
    policy: token.policy,
  };
}

/** The stable JSON shape of an integration key (without its secret). */
export function integrationKeyJson(key: IntegrationKeyInfo): IntegrationKeyJson {
  return { tokenId: key.tokenId, createdAt: iso(key.createdAt) ?? new Date(0).toISOString(), expiresAt: iso(key.expiresAt) };
}

/** The stable JSON shape of a group. */
export function groupJson(group: Group): GroupJson {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    status: group.status,
    permissions: [...group.permissions],
    queryPolicy: [...group.queryPolicy],
    apiKeyAccess: group.permissions.includes(API_KEY_PERMISSION),
  };
}

/** Writes `value` as indented JSON plus a newline. */
export function printJson(out: TextSink, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

// Control characters (C0, DEL, C1) could move the cursor or recolour the terminal: show them escaped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text safe to print on a terminal: control characters become `\uXXXX`. */
export function safeText(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A date for people: `2024-05-01 12:00:00Z`, or `fallback` when absent. */
export function humanDate(date: Date | null, fallback = 'never'): string {
  if (date === null) return fallback;
  if (Number.isNaN(date.getTime())) return 'unreadable';
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Columns aligned with two spaces between them; the last column is not padded. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map((c) => safeText(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** `key  value` lines with the keys padded to one width. */
export function keyValues(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${safeText(v)}\n`).join('');
}

/** A progress bar: `update` redraws it, `clear` erases it. */
export interface ProgressBar {
  readonly update: (p: { done: number; total: number; failed: number }) => void;
  readonly clear: () => void;
}

/**
 * A one-line progress bar redrawn in place (`\r`); only for terminals. With `plain` (NO_COLOR)
 * it writes no escape sequence at all: the line is erased by overwriting it with spaces.
 */
export function progressBar(sink: TextSink, label: string, plain = false): ProgressBar {
  const width = 24;
  let drawn = 0;
  return {
    update({ done, total, failed }) {
      const filled = total === 0 ? width : Math.round((width * done) / total);
      const tail = failed > 0 ? `, ${failed} failed` : '';
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${tail}`;
      sink.write(plain ? `\r${line.padEnd(drawn)}` : `\r${line}\u001b[K`);
      drawn = Math.max(drawn, line.length);
    },
    clear() {
      if (drawn > 0) sink.write(plain ? `\r${' '.repeat(drawn)}\r` : '\r\u001b[K');
    },
  };
}

/**
 * The progress bar for a command, or `undefined` when none should be drawn: stderr is not a
 * terminal, or `TERM=dumb` (a terminal that cannot redraw a line). `NO_COLOR` (any non-empty
 * value, https://no-color.org) makes it {@link progressBar}'s plain form.
 */
export function progressFor(ctx: { readonly io: CliIo }, label: string): ProgressBar | undefined {
  const { env, isTTY, stderr } = ctx.io;
  if (!isTTY.stderr || env['TERM'] === 'dumb') return undefined;
  const noColor = env['NO_COLOR'];
  return progressBar(stderr, label, noColor !== undefined && noColor !== '');
}
