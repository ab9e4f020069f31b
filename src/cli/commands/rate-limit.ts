/**
 * Per-key rate limits: `rate-limit get|set|clear KEY_ID` (the SDK's `tokens.getRateLimit`,
 * `setRateLimit`, `clearRateLimit`).
 * @module
 */
import type { TokenRateLimit } from '../../index.js';
import { requiredOption } from '../args.js';
import { UsageError, type Command, type CommandContext } from '../context.js';
import { keyValues, printJson } from '../format.js';

const JSON_DOC = `--json output:
  { id, rateLimit: { capacity, windowSeconds } | null }   (null: the account's default applies)`;

function keyId(positionals: readonly string[]): string {
  const id = positionals[0] ?? '';
  if (id.trim() === '') throw new UsageError('KEY_ID must not be empty');
  return id;
}

/** A whole number in `[min, max]` from `--name`, else a {@link UsageError} naming the flag. */
function intOption(value: string, name: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function print(ctx: CommandContext, id: string, limit: TokenRateLimit | null): void {
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, { id, rateLimit: limit === null ? null : { capacity: limit.capacity, windowSeconds: limit.windowSeconds } });
    return;
  }
  ctx.io.stdout.write(
    keyValues([
      ['id', id],
      [
        'rate limit',
        limit === null ? 'account default (the key has no limit of its own)' : `${limit.capacity} per ${limit.windowSeconds} s`,
      ],
    ]),
  );
}

/** `rate-limit get KEY_ID`. */
export const rateLimitGetCommand: Command = {
  name: 'rate-limit get',
  summary: "Show a key's own rate limit",
  usage: 'rate-limit get KEY_ID',
  help: `Shows the rate limit set on one key, or that it has none of its own (the account's
default applies: J1 allows 1000 invocations per minute per key).

${JSON_DOC}`,
  options: {},
  positionals: { min: 1, max: 1, name: 'KEY_ID' },
  async run(ctx, { positionals }) {
    const id = keyId(positionals);
    const client = await ctx.client();
    print(ctx, id, await client.tokens.getRateLimit(id, ctx.call));
    return 0;
  },
};

/** `rate-limit set KEY_ID --capacity N --window-seconds S`. */
export const rateLimitSetCommand: Command = {
  name: 'rate-limit set',
  summary: "Set a key's own rate limit",
  usage: 'rate-limit set KEY_ID --capacity N --window-seconds S',
  help: `Gives one key its own rate limit: N invocations per S seconds (a bucket of N that
refills over S seconds).

Options:
  --capacity N             Invocations per window: 1 to 1000000 (required).
  --window-seconds S       Window length in seconds: 1 to 86400 (required).

Example:
  j1-api-keys rate-limit set KEY_ID --capacity 100 --window-seconds 60

${JSON_DOC}`,
  options: { capacity: { type: 'string' }, 'window-seconds': { type: 'string' } },
  positionals: { min: 1, max: 1, name: 'KEY_ID' },
  async run(ctx, { values, positionals }) {
    const id = keyId(positionals);
    const capacity = intOption(requiredOption(values, 'capacity'), 'capacity', 1, 1_000_000);
    const windowSeconds = intOption(requiredOption(values, 'window-seconds'), 'window-seconds', 1, 86_400);
    const client = await ctx.client();
    print(ctx, id, await client.tokens.setRateLimit(id, { capacity, windowSeconds }, ctx.call));
    return 0;
  },
};

/** `rate-limit clear KEY_ID`. */
export const rateLimitClearCommand: Command = {
  name: 'rate-limit clear',
  summary: "Remove a key's own rate limit (back to the account default)",
  usage: 'rate-limit clear KEY_ID',
  help: `Removes the rate limit set on one key; the account's default applies again.

${JSON_DOC}   (always null after clear)`,
  options: {},
  positionals: { min: 1, max: 1, name: 'KEY_ID' },
  async run(ctx, { positionals }) {
    const id = keyId(positionals);
    const client = await ctx.client();
    await client.tokens.clearRateLimit(id, ctx.call);
    print(ctx, id, null);
    return 0;
  },
};
