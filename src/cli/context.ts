/**
 * What every CLI command receives: the process's I/O (injected, so the CLI runs in-process in
 * tests), the global flags, and a lazily created client.
 * @module
 */
import type { JupiterOneClient } from '../index.js';

/** One option of a command. */
export interface OptionSpec {
  /** `string` takes a value, `boolean` does not. */
  readonly type: 'string' | 'boolean';
  /** May be given several times (string options only); values are collected in order. */
  readonly multiple?: boolean;
  /** One-letter alias, e.g. `h`. */
  readonly short?: string;
}

/** Options of a command, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Values of parsed options: `string`, `string[]` (multiple) or `true`. */
export type OptionValues = Readonly<Record<string, string | readonly string[] | true | undefined>>;

/** Result of {@link parseCommandArgs}. */
export interface ParsedArgs {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** A stream the CLI writes text to (`process.stdout`, `process.stderr`, or a test buffer). */
export interface TextSink {
  write(chunk: string): unknown;
}

/** The process around the CLI. `main.ts` passes the real one; tests may pass fakes. */
export interface CliIo {
  /** Command output (tables, JSON, the one-time secret). */
  readonly stdout: TextSink;
  /** Errors, usage text, progress, hints. */
  readonly stderr: TextSink;
  /** Read by `--policy -` and `policy check -`. */
  readonly stdin: AsyncIterable<string | Uint8Array>;
  /** Where `JUPITERONE_*` variables are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Which streams are terminals: the revoke progress bar is drawn only when `stderr` is one. */
  readonly isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  /** Aborted on SIGINT / SIGTERM (its `reason` is the signal name). Stops API calls and `mock-server`. */
  readonly signal?: AbortSignal | undefined;
  /** Directory that relative paths are resolved against. Default `process.cwd()`. */
  readonly cwd?: string | undefined;
}

/** Global flags, accepted by every command. */
export interface GlobalFlags {
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
  readonly account: string | undefined;
  readonly apiKeyFile: string | undefined;
  readonly json: boolean;
  /** `--verbose`: errors in the SDK's own words (operation names). */
  readonly verbose: boolean;
}

/** The context a command runs in. */
export interface CommandContext {
  readonly io: CliIo;
  readonly globals: GlobalFlags;
  /** Creates the client on first use (commands that never call J1 need no configuration). */
  client(): Promise<JupiterOneClient>;
  /** Registers a string that must never be printed (the API key, created secrets): error output is scrubbed of it. */
  addSecret(value: string): void;
  /** An SDK error's message in CLI words (flags, not SDK options; no operation names unless `--verbose`). */
  words(error: { readonly message: string; readonly operationName?: string | undefined }): string;
  /** `text` with every registered secret replaced by `[redacted]`. */
  redact(text: string): string;
  /** Resolves a user-supplied path against the working directory. */
  resolvePath(path: string): string;
  /** Per-call options for the client: the interrupt signal. */
  readonly call: { readonly signal: AbortSignal | undefined };
}

/** A mistake in the command line: exit code 2, the command's help on stderr. */
export class UsageError extends Error {
  /** Creates the error; `message` says what is wrong (it never repeats an option's value). */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A CLI-side failure that is not the API's (files, configuration): exit code 1 with `error CODE: message`. */
export class CliError extends Error {
  /** Machine-readable code, e.g. `FILE_EXISTS`. */
  readonly code: string;
  /** Creates the error. */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
  }
}

/** One command (`create`) or sub-command (`policy check`). */
export interface Command {
  /** Words that select it, e.g. `policy check`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Synopsis after the program name, e.g. `get ID`. */
  readonly usage: string;
  /** The rest of its help: description, options, output and JSON shape (global options are appended). */
  readonly help: string;
  /** Its own options (the global ones are added). */
  readonly options: OptionSpecs;
  /** How many positionals it takes, and what to call them in messages. */
  readonly positionals: { readonly min: number; readonly max: number; readonly name: string };
  /** Runs it; resolves to the exit code. Throws `UsageError` (2), anything else (1). */
  run(ctx: CommandContext, args: ParsedArgs): Promise<number>;
}
