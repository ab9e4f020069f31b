/**
 * `rotate --older-than AGE [--name-pattern REGEX] --exec CMD [--dry-run]`: rotation by rule.
 * The plan first (every key, rotated or skipped and why), then one rotation at a time with
 * progress on stderr, then a summary; exit code 1 if any rotation failed, each failure naming
 * the key(s) live after it. `--dry-run` prints the plan and sends no write (one `ListTokens`).
 * @module
 */
import type { Token } from '../index.js';
import { flag, stringOption, type OptionValues } from './args.js';
import { openAuditLog } from './audit-log.js';
import { UsageError, type CommandContext } from './context.js';
import { humanDate, printJson, table } from './format.js';
import { execOption, rotateAndHandOff, RotationFailure } from './hand-off.js';

const AGE_UNITS_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90d` → milliseconds; a {@link UsageError} naming the option otherwise. */
export function parseAge(text: string, option: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  const unit = m === null ? undefined : AGE_UNITS_MS[m[2] ?? ''];
  if (m === null || unit === undefined || Number(m[1]) === 0) {
    throw new UsageError(`option --${option} needs a positive duration: a number and m, h, d or w (90m, 12h, 90d, 4w)`);
  }
  return Number(m[1]) * unit;
}

/** One line of the plan. */
export interface PlanItem {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly action: 'rotate' | 'skip';
  /** Why it is skipped (`null` for `rotate`). */
  readonly reason: string | null;
}

function planFor(tokens: readonly Token[], cutoff: number, pattern: RegExp | undefined, now: number): PlanItem[] {
  return tokens
    .filter((t) => !t.revoked)
    .map((t): PlanItem => {
      const base = { id: t.id, name: t.name, createdAt: t.createdAt.toISOString() };
      const expires = t.expiresAt?.getTime();
      const skip = (reason: string): PlanItem => ({ ...base, action: 'skip', reason });
      if (pattern !== undefined && !pattern.test(t.name)) return skip('name does not match --name-pattern');
      if (t.createdAt.getTime() > cutoff) return skip(`created ${humanDate(t.createdAt)}: not older than --older-than`);
      if (expires !== undefined && expires <= now) return skip('already expired'); // never-expiring keys read as null
      if (t.rawPolicy === null) return skip('has no policy to copy');
      return { ...base, action: 'rotate', reason: null };
    });
}

/** One rotation's result. */
interface ResultJson {
  readonly oldId: string;
  readonly name: string;
  readonly ok: boolean;
  readonly newId: string | null;
  /** Keys live afterwards. */
  readonly live: readonly string[];
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** Runs `rotate --older-than …`. */
export async function rotateByRule(ctx: CommandContext, values: OptionValues, olderThan: string): Promise<number> {
  const age = parseAge(olderThan, 'older-than');
  const patternText = stringOption(values, 'name-pattern');
  let pattern: RegExp | undefined;
  if (patternText !== undefined) {
    try {
      pattern = new RegExp(patternText);
    } catch {
      throw new UsageError('--name-pattern is not a valid JavaScript regular expression');
    }
  }
  const dryRun = flag(values, 'dry-run');
  const exec = execOption(values);
  if (exec === undefined && !dryRun) {
    throw new UsageError('rotate --older-than needs --exec CMD (each new secret is handed to CMD), or --dry-run to see the plan');
  }
  for (const single of ['name', 'expires-at', 'secret-file', 'force']) {
    if (values[single] !== undefined) throw new UsageError(`--${single} applies to rotating one key (rotate ID), not --older-than`);
  }
  const audit = await openAuditLog(ctx, values);
  const client = await ctx.client();
  const now = Date.now();
  const cutoff = now - age;
  const tokens = await client.tokens.listAll({ type: 'ACCOUNT' }, ctx.call);
  const plan = planFor(tokens, cutoff, pattern, now);
  const todo = plan.filter((p) => p.action === 'rotate');
  const revokedCount = tokens.length - plan.length;
  const out = ctx.io.stdout;
  if (!ctx.globals.json) {
    out.write(
      `Plan: rotate ${todo.length} of ${plan.length} active key(s) created before ${new Date(cutoff).toISOString()}` +
        `${revokedCount > 0 ? ` (${revokedCount} revoked key(s) ignored)` : ''}${dryRun ? ' [dry run: nothing will change]' : ''}\n`,
    );
    if (plan.length > 0) {
      out.write(
        table(
          ['ACTION', 'ID', 'NAME', 'CREATED', 'REASON'],
          plan.map((p) => [p.action, p.id, p.name, humanDate(new Date(p.createdAt)), p.reason ?? '-']),
        ),
      );
    }
  }
  if (dryRun || exec === undefined) {
    if (ctx.globals.json) printJson(out, { dryRun: true, plan, results: [] });
    return 0;
  }
  const results: ResultJson[] = [];
  let index = 0;
  for (const item of todo) {
    index++;
    if (ctx.io.signal?.aborted === true) break;
    ctx.io.stderr.write(`[${index}/${todo.length}] rotating ${item.id} (${item.name})...\n`);
    try {
      const done = await rotateAndHandOff(ctx, client, audit, item.id, { exec });
      results.push({ oldId: item.id, name: item.name, ok: true, newId: done.newKey.id, live: [done.newKey.id], error: null });
      ctx.io.stderr.write(
        `[${index}/${todo.length}] ${item.id} -> ${done.newKey.id}: ok${done.note === undefined ? '' : ` (${done.note})`}\n`,
      );
    } catch (error) {
      const failure = error instanceof RotationFailure ? error : undefined;
      const message = ctx.redact(error instanceof Error ? error.message : String(error));
      const code = failure?.code ?? 'ERROR';
      const live = failure?.live ?? [item.id];
      const newId = live.find((id) => id !== item.id) ?? null;
      results.push({ oldId: item.id, name: item.name, ok: false, newId, live, error: { code, message } });
      ctx.io.stderr.write(`[${index}/${todo.length}] error ${code}: ${message}. Live: ${live.join(', ')}\n`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  const notStarted = todo.slice(results.length);
  if (ctx.globals.json) {
    printJson(out, { dryRun: false, plan, results, notStarted: notStarted.map((p) => p.id) });
  } else {
    out.write(
      `\nSummary: ${results.length - failed.length} rotated, ${failed.length} failed, ${plan.length - todo.length} skipped` +
        `${notStarted.length > 0 ? `, ${notStarted.length} not started (interrupted)` : ''}\n`,
    );
    for (const r of failed) out.write(`  FAILED ${r.oldId} (${r.name}): ${r.error?.code ?? ''}. Live: ${r.live.join(', ')}\n`);
  }
  return failed.length > 0 || notStarted.length > 0 ? 1 : 0;
}
