import { ClientError } from 'graphql-request';
import type { SdkFunctionWrapper } from '../generated/graphql.js';
import { currentCallOptions, withAttempt } from './call-context.js';
import { InvalidArgumentError, RateLimitError, ServerError, TimeoutError, type JupiterOneError } from './errors.js';
import { fire, type ClientHooks } from './hooks.js';
import { toJupiterOneError } from './map-error.js';
import { markNotSent } from './not-sent.js';
import { BudgetWaitTooLong, type Pacer } from './pacer.js';
import { scrub, type SecretBook } from './redact.js';
import { backoffMs, isRetryable, serverCannotHaveActed, type RetryPolicy } from './retry.js';
import { sleep } from './sleep.js';

/** Everything the wrapper needs; built once per client. */
export interface RequesterDeps {
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

/** A failure of graphql-request before fetch: its variables could not be serialized as JSON. */
function notSentError(raw: unknown, operationName: string, secrets: readonly string[]): InvalidArgumentError | undefined {
  if (!(raw instanceof TypeError)) return undefined;
  return new InvalidArgumentError(
    `${operationName} was not sent: its variables cannot be serialized as JSON (${scrub(raw.message, secrets)}). Fix: pass plain JSON values (no BigInt, no cycles)`,
    { field: 'variables', operationName },
  );
}

/**
 * The one wrapper every generated operation runs through: deadline and abort, pacing,
 * error mapping, retries and hooks. The generated `getSdk` calls it with the operation's
 * name and type.
 */
export function createRequester(deps: RequesterDeps): SdkFunctionWrapper {
  return async function run<T>(action: () => Promise<T>, operationName: string, operationType?: string): Promise<T> {
    const call = currentCallOptions();
    const timeoutMs = call?.timeoutMs ?? deps.timeoutMs;
    const deadline = new AbortController();
    // A request of a multi-request call (a page, a cleanup step) ends by the call's deadline.
    const deadlineAt = call?.deadlineAt ?? Date.now() + timeoutMs;
    const timer = setTimeout(() => deadline.abort(new DOMException('deadline', 'TimeoutError')), Math.max(0, deadlineAt - Date.now()));
    const signal = call?.signal === undefined ? deadline.signal : AbortSignal.any([call.signal, deadline.signal]);
    const type = operationType ?? 'query';
    const base = { operationName, operationType: type, headers: deps.redactedHeaders };
    const mapError = (raw: unknown): JupiterOneError =>
      toJupiterOneError(raw, {
        operationName,
        host: deps.host,
        secrets: deps.secrets.list,
        aborted: call?.signal?.aborted === true,
        timedOutAfterMs: deadline.signal.aborted && call?.signal?.aborted !== true ? timeoutMs : undefined,
      });
    let mayHaveActed = false;
    try {
      if (Date.now() >= deadlineAt) {
        throw markNotSent(
          new TimeoutError(`${operationName} was not sent: the call's ${timeoutMs} ms timeout is over`, {
            timeoutMs: timeoutMs,
            operationName,
          }),
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
          if (!(raw instanceof BudgetWaitTooLong)) throw markNotSent(mapError(raw));
          const { limit } = deps.pacer.snapshot;
          const resetSeconds = Math.ceil(raw.waitMs / 1000);
          const leftMs = Math.max(0, deadlineAt - Date.now());
          throw markNotSent(
            new RateLimitError(
              `${operationName} was not sent: J1's rate-limit budget is spent for another ${resetSeconds} s, longer than the ${leftMs} ms left of the call's ${timeoutMs} ms timeout. Fix: try again later, or pass a longer timeoutMs`,
              { retryAfterMs: raw.waitMs, rateLimit: { limit, remaining: 0, resetSeconds }, operationName },
            ),
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
          throw markNotSent(mapError(signal.reason));
        }
        fire(deps.hooks.onRequest, event);
        let sent = false;
        try {
          const result = await withAttempt(
            {
              signal,
              onResponse: (s, headers) => {
                status = s;
                release(headers);
              },
              onSend: () => {
                sent = true;
              },
            },
            action,
          );
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
            call?.onErrorData?.(raw.response.data);
          }
          if (!sent) {
            // Failed before reaching fetch: nothing went out, and trying again would fail the same way.
            const error = markNotSent(notSentError(raw, operationName, deps.secrets.list) ?? mapError(raw));
            fire(deps.hooks.onResponse, { ...event, status: undefined, durationMs: performance.now() - started, error });
            throw error;
          }
          const error = mapError(raw);
          mayHaveActed ||= !serverCannotHaveActed(error);
          fire(deps.hooks.onResponse, { ...event, status, durationMs: performance.now() - started, error });
          if (error instanceof RateLimitError) deps.pacer.block(error.retryAfterMs ?? 1000);
          if (attempt > deps.retry.maxRetries || !isRetryable(operationName, type, error)) throw error;
          const delayMs = backoffMs(attempt, error, deps.retry);
          // A wait that would outlive the call's deadline is pointless: report the real failure now.
          if (Date.now() + delayMs >= deadlineAt) throw error;
          fire(deps.hooks.onRetry, { ...event, delayMs, error });
          try {
            await sleep(delayMs, signal);
          } catch (abortReason) {
            // Aborted between attempts: "not sent" holds only if J1 cannot have acted on any attempt.
            const aborted = mapError(abortReason);
            throw mayHaveActed ? aborted : markNotSent(aborted);
          }
        }
      }
    } finally {
      clearTimeout(timer);
    }
  };
}
