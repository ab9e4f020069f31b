import { ClientError, type GraphQLClient } from 'graphql-request';
import { getSdk } from '../generated/graphql.js';
import type { CallScope } from './call-options.js';
import { InvalidArgumentError, RateLimitError, ServerError, TimeoutError, type JupiterOneError } from './errors.js';
import { fire, type ClientHooks } from './hooks.js';
import { toJupiterOneError } from './map-error.js';
import type { OperationMap } from '../generated/operations.js';
import { classify, markSent, mayRetry } from './outcome.js';
import { BudgetWaitTooLong, type Pacer } from './pacer.js';
import { scrub, type SecretBook } from './redact.js';
import { backoffMs, type RetryPolicy } from './retry.js';
import { sleep } from './sleep.js';
import type { Attempts } from './transport.js';

/** Everything the request core needs; built once per client. */
export interface RequesterDeps {
  readonly graphql: GraphQLClient;
  readonly attempts: Attempts;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly hooks: ClientHooks;
  readonly pacer: Pacer;
  /** Request headers with `authorization` redacted, for hooks. */
  readonly redactedHeaders: Readonly<Record<string, string>>;
  /** Strings that must never appear in an error: the API key and every secret seen in a response. */
  readonly secrets: SecretBook;
  /** The endpoint's host, named by network errors. */
  readonly host: string;
}

/**
 * The generated operations as the resources call them: variables in, result out (the shape of
 * codegen's `getSdk`, named without its `any`-typed wrapper type, which stays internal).
 */
export type SdkCalls = {
  readonly [Name in keyof OperationMap]: (variables: OperationMap[Name][0]) => Promise<OperationMap[Name][1]>;
};

/** The request core of one client. */
export interface Requester {
  /** The generated operations, each request of them run by {@link RequesterDeps} within `scope`. */
  sdk(scope: CallScope | undefined): SdkCalls;
  /** One query that is not in `operations/` (the introspection of `checkCompatibility`), run the same way. */
  raw(scope: CallScope | undefined, query: string, operationName: string): Promise<unknown>;
}

/** A failure of graphql-request before fetch: its variables could not be serialized as JSON. */
function notSentError(raw: unknown, operationName: string, secrets: readonly string[]): InvalidArgumentError | undefined {
  if (!(raw instanceof TypeError)) return undefined;
  return new InvalidArgumentError(
    `${operationName} was not sent: its variables cannot be serialized as JSON (${scrub(raw.message, secrets)}). Fix: pass plain JSON values (no BigInt, no cycles)`,
    { operationName, field: 'variables' },
  );
}

/**
 * The request core: one operation, start to end. Reads top to bottom: deadline and abort, then
 * per attempt: pacing, send (through the transport, which the attempt header finds), error
 * mapping, classification (`outcome.ts`), retry or throw. The generated `getSdk` calls `run` as
 * its wrapper with the operation's name and type; the call's options come in as `scope`.
 */
export function createRequester(deps: RequesterDeps): Requester {
  async function run<T>(
    scope: CallScope | undefined,
    action: (requestHeaders?: Record<string, string>) => Promise<T>,
    operationName: string,
    operationType?: string,
  ): Promise<T> {
    const timeoutMs = scope?.timeoutMs ?? deps.timeoutMs;
    const callerSignal = scope?.signal;
    const deadline = new AbortController();
    // A request of a multi-request call (a page, a cleanup step) ends by the call's deadline.
    const deadlineAt = scope?.deadlineAt ?? Date.now() + timeoutMs;
    const timer = setTimeout(() => deadline.abort(new DOMException('deadline', 'TimeoutError')), Math.max(0, deadlineAt - Date.now()));
    const signal = callerSignal === undefined ? deadline.signal : AbortSignal.any([callerSignal, deadline.signal]);
    const type = operationType ?? 'query';
    const base = { operationName, operationType: type, headers: deps.redactedHeaders };
    const mapError = (raw: unknown): JupiterOneError =>
      toJupiterOneError(raw, {
        operationName,
        host: deps.host,
        secrets: deps.secrets.list,
        aborted: callerSignal?.aborted === true,
        timedOutAfterMs: deadline.signal.aborted && callerSignal?.aborted !== true ? timeoutMs : undefined,
      });
    let mayHaveActed = false;
    try {
      if (Date.now() >= deadlineAt) {
        throw markSent(
          new TimeoutError(`${operationName} was not sent: the call's ${timeoutMs} ms timeout is over`, { timeoutMs, operationName }),
          'no',
        );
      }
      for (let attempt = 1; ; attempt++) {
        const event = { ...base, attempt };
        let status: number | undefined;
        const started = performance.now();
        let ticket: number;
        try {
          ticket = await deps.pacer.acquire(signal, deadlineAt);
        } catch (raw) {
          if (!(raw instanceof BudgetWaitTooLong)) throw markSent(mapError(raw), 'no');
          const { limit } = deps.pacer.snapshot;
          const resetSeconds = Math.ceil(raw.waitMs / 1000);
          const leftMs = Math.max(0, deadlineAt - Date.now());
          throw markSent(
            new RateLimitError(
              `${operationName} was not sent: J1's rate-limit budget is spent for another ${resetSeconds} s, longer than the ${leftMs} ms left of the call's ${timeoutMs} ms timeout. Fix: try again later, or pass a longer timeoutMs`,
              { retryAfterMs: raw.waitMs, rateLimit: { limit, remaining: 0, resetSeconds }, operationName },
            ),
            'no',
          );
        }
        let released = false;
        const release = (headers?: Headers): void => {
          if (!released) deps.pacer.release(headers, ticket);
          released = true;
        };
        if (signal.aborted) {
          // Aborted (or timed out) while waiting: nothing goes out.
          release();
          throw markSent(mapError(signal.reason), 'no');
        }
        fire(deps.hooks.onRequest, event);
        let sent = false;
        const attemptHeaders = deps.attempts.open({
          signal,
          onResponse: (s, headers) => {
            status = s;
            release(headers);
          },
          onSend: () => {
            sent = true;
          },
        });
        try {
          const result = await action(attemptHeaders);
          release();
          // A created key's secret: scrubbed from every later error of this client.
          if (type === 'mutation') deps.secrets.learn(result);
          if (typeof result !== 'object' || result === null) {
            throw new ServerError(`${operationName} failed: malformed response from J1 (no data)`, { operationName, status });
          }
          fire(deps.hooks.onResponse, { ...event, status, durationMs: performance.now() - started });
          return result;
        } catch (raw) {
          release();
          if (raw instanceof ClientError && raw.response.data !== undefined && raw.response.data !== null) {
            // A failed response may still carry data, e.g. the key a create made: learn its secret
            // (so no error shows it) and hand it to the caller, which must not drop the key.
            deps.secrets.learn(raw.response.data);
            scope?.onErrorData?.(raw.response.data);
          }
          if (!sent) {
            // Failed before reaching fetch: nothing went out, and trying again would fail the same way.
            const error = markSent(notSentError(raw, operationName, deps.secrets.list) ?? mapError(raw), 'no');
            fire(deps.hooks.onResponse, { ...event, status: undefined, durationMs: performance.now() - started, error });
            throw error;
          }
          const error = mapError(raw);
          const outcome = classify(error);
          mayHaveActed ||= outcome.serverMayHaveActed;
          fire(deps.hooks.onResponse, { ...event, status, durationMs: performance.now() - started, error });
          if (outcome.kind === 'rate-limited') deps.pacer.block((error instanceof RateLimitError ? error.retryAfterMs : undefined) ?? 1000);
          if (attempt > deps.retry.maxRetries || !mayRetry(outcome, operationName, type)) throw error;
          const delayMs = backoffMs(attempt, error, deps.retry);
          // A wait that would outlive the call's deadline is pointless: report the real failure now.
          if (Date.now() + delayMs >= deadlineAt) throw error;
          fire(deps.hooks.onRetry, { ...event, delayMs, error });
          try {
            await sleep(delayMs, signal);
          } catch (abortReason) {
            // Aborted between attempts: "not sent" holds only if J1 cannot have acted on any attempt.
            const aborted = mapError(abortReason);
            throw mayHaveActed ? aborted : markSent(aborted, 'no');
          }
        } finally {
          deps.attempts.close(attemptHeaders);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    sdk: (scope) => getSdk(deps.graphql, (action, operationName, operationType) => run(scope, action, operationName, operationType)),
    raw: (scope, query, operationName) =>
      run(
        scope,
        (requestHeaders) => deps.graphql.request<unknown>({ document: query, ...(requestHeaders ? { requestHeaders } : {}) }),
        operationName,
        'query',
      ),
  };
}
