import type { OperationMap } from '../generated/operations.js';
import { withCallOptions, type CallOptions } from './call-context.js';

/**
 * `client.operations`: the typed function of every operation in `operations/`, running through
 * the client's one wrapper (deadline, pacing, retries, error mapping, hooks). The typed escape
 * hatch for anything the resources don't cover: `client.operations.GetToken({ id })`.
 */
export type Operations = {
  readonly [Name in keyof OperationMap]: (variables: OperationMap[Name][0], options?: CallOptions) => Promise<OperationMap[Name][1]>;
};

/**
 * The generated operations as the resources call them: variables in, result out (the shape of
 * codegen's `getSdk`, named without its `any`-typed wrapper type, which stays internal).
 */
export type SdkCalls = {
  readonly [Name in keyof OperationMap]: (variables: OperationMap[Name][0]) => Promise<OperationMap[Name][1]>;
};

type AnyOperation = (variables: unknown) => Promise<unknown>;

/** Wraps the generated SDK so each function takes `(variables, { signal, timeoutMs })`. */
export function toOperations(sdk: SdkCalls): Operations {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(sdk) as [string, AnyOperation][]) {
    out[name] = (variables: unknown, options?: CallOptions) => withCallOptions(options, () => fn(variables));
  }
  return Object.freeze(out) as Operations;
}
