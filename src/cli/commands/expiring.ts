/**
 * `expiring --within 14d`: keys that expire soon, for a reminder job (issue 17).
 * @module
 */
import type { KeyRecord } from '../../index.js';
import { flag, stringOption } from '../args.js';
import { UsageError, type Command } from '../context.js';
import { humanDate, printJson, table } from '../format.js';
import { includeOption, keyRecordJson, problemJson, takeInventory, writeProblems } from './audit.js';

const UNITS_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `14d`, `36h`, `2w` → milliseconds; anything else is a {@link UsageError}. */
export function parseWithin(text: string): number {
  const m = /^(\d{1,5})([hdw])$/.exec(text.trim());
  if (m === null) throw new UsageError('--within needs a duration such as 14d, 36h or 2w');
  return Number(m[1]) * (UNITS_MS[m[2] ?? ''] ?? 0);
}

/** `expiring [--within 14d] [--include …] [--fail-if-any]`. */
export const expiringCommand: Command = {
  name: 'expiring',
  summary: 'List live keys that expire soon (for a reminder job)',
  usage: 'expiring [--within 14d] [--include account,user,integration] [--fail-if-any]',
  help: `Lists the keys that are not revoked and expire within the given time from now, soonest
first (keys that never expire are not listed). Reads the same inventory as audit.

Options:
  --within D               A duration: 14d (default), 36h, 2w.
  --include KINDS          Comma-separated: account, user, integration. Default all three.
  --fail-if-any            Exit 1 when at least one key is listed (default: exit 0).

An incomplete inventory (some pages or keys could not be read) is reported on stderr and
exits 1.

--json:
  { within: { days }, keys: [KeyRecord as in audit --json, plus expiresInDays],
    problems: [{ stage, instanceId, keyId, code, message }] }`,
  options: { within: { type: 'string' }, include: { type: 'string' }, 'fail-if-any': { type: 'boolean' } },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const withinMs = parseWithin(stringOption(values, 'within') ?? '14d');
    const include = includeOption(values);
    const inventory = await takeInventory(ctx, { include, includeRevoked: false, usage: false });
    const now = Date.now();
    const soon = inventory
      .filter(
        (r): r is KeyRecord & { expiresAt: Date } =>
          r.expiresAt !== null && r.expiresAt.getTime() > now && r.expiresAt.getTime() <= now + withinMs,
      )
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
    const daysLeft = (r: { expiresAt: Date }) => Math.ceil((r.expiresAt.getTime() - now) / 86_400_000);
    if (ctx.globals.json) {
      printJson(ctx.io.stdout, {
        within: { days: withinMs / 86_400_000 },
        keys: soon.map((r) => ({ ...keyRecordJson(r), expiresInDays: daysLeft(r) })),
        problems: inventory.problems.map(problemJson),
      });
    } else if (soon.length === 0) {
      ctx.io.stdout.write('No key expires in that time.\n');
    } else {
      ctx.io.stdout.write(
        table(
          ['EXPIRES', 'IN', 'KIND', 'ID', 'NAME', 'OWNER/INSTANCE'],
          soon.map((r) => [
            humanDate(r.expiresAt),
            `${daysLeft(r)}d`,
            r.kind,
            r.id,
            r.name ?? '-',
            r.integrationInstance?.name ?? r.owner?.email ?? r.owner?.username ?? '-',
          ]),
        ),
      );
    }
    writeProblems(ctx, inventory.problems);
    if (inventory.problems.length > 0) return 1;
    return soon.length > 0 && flag(values, 'fail-if-any') ? 1 : 0;
  },
};
