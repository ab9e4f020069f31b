/**
 * `RateLimitPolicyQuery.metrics.timeRange`: a key's usage in equal slices between two instants.
 * J1 documents neither the time format nor the retention (facts file, "Exact type names"); the
 * fake accepts ISO 8601 or epoch-millisecond strings and answers ISO 8601.
 * @packageDocumentation
 */
import { badUserInput, codedError } from '../errors.js';
import type { ResolverContext } from './context.js';

/** Most slices one call may ask for. */
const MAX_SLICES = 1000;

function instant(text: string, name: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw badUserInput(`${name} must be an ISO 8601 date-time or epoch milliseconds`);
  return ms;
}

/** The `metrics` object of one key: seeded usage summed into the requested slices. */
export function usageMetrics(tokenId: string) {
  return {
    timeRange(args: { startTime: string; endTime: string; slices: number }, ctx: ResolverContext): unknown[] {
      if (ctx.store.refuseUsageFor.has(tokenId)) {
        throw codedError('FORBIDDEN', `Usage metrics of token ${tokenId} are not available to this caller`);
      }
      const start = instant(args.startTime, 'startTime');
      const end = instant(args.endTime, 'endTime');
      if (end <= start) throw badUserInput('endTime must be after startTime');
      if (!Number.isInteger(args.slices) || args.slices < 1 || args.slices > MAX_SLICES) {
        throw badUserInput(`slices must be an integer from 1 to ${MAX_SLICES}`);
      }
      const width = (end - start) / args.slices;
      const seeded = ctx.store.usage.get(tokenId) ?? [];
      const limit = ctx.store.rateLimits.get(tokenId);
      return Array.from({ length: args.slices }, (_, i) => {
        const from = start + i * width;
        const to = i === args.slices - 1 ? end : start + (i + 1) * width;
        const inside = seeded.filter((s) => s.startTime >= from && s.startTime < to);
        const invocations = inside.reduce((sum, s) => sum + s.invocations, 0);
        const rejected = inside.reduce((sum, s) => sum + (s.rejected ?? 0), 0);
        return {
          startTime: new Date(Math.round(from)).toISOString(),
          endTime: new Date(Math.round(to)).toISOString(),
          peakAccumulatedInvocations: invocations,
          totalInvocations: invocations,
          totalRequests: invocations,
          rejectedInvocations: rejected,
          rejectedRequests: rejected,
          configuredInvocationCapacity: limit?.capacity ?? 1000,
          configuredInvocationWindowSeconds: limit?.windowSeconds ?? 60,
        };
      });
    },
  };
}
