import type { OperationMap } from '../generated/operations.js';
import { requireCallOptions, type CallOptions } from './call-options.js';
import type { Requester } from './requester.js';

/**
 * `client.operations`: the typed function of every operation in `operations/`, running through
 * the client's one wrapper (deadline, pacing, retries, error mapping, hooks). The typed escape
 * hatch for anything the resources don't cover: `client.operations.GetToken({ id })`.
 */
export type Operations = {
  readonly [Name in keyof OperationMap]: (variables: OperationMap[Name][0], options?: CallOptions) => Promise<OperationMap[Name][1]>;
};

type AnyOperation = (variables: unknown) => Promise<unknown>;

/** `client.operations`: each generated function as `(variables, { signal, timeoutMs })`, through the request core. */
export function toOperations(requester: Requester): Operations {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(requester.sdk(undefined))) {
    // async: invalid options reject (with InvalidArgumentError) instead of throwing.
    out[name] = async (variables: unknown, options?: CallOptions): Promise<unknown> => {
      const operation = (requester.sdk(requireCallOptions(options)) as unknown as Record<string, AnyOperation>)[name] as AnyOperation;
      return operation(variables);
    };
  }
  return Object.freeze(out) as Operations;
}
