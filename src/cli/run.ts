/**
 * The `j1-api-keys` command line: dispatch, help, configuration and exit codes.
 *
 * Exit codes: `0` success; `1` API or runtime error (`error CODE: message` on stderr, CODE being
 * the SDK's `JupiterOneError.code` or a CLI code such as `FILE_EXISTS`); `2` usage error (one
 * line, then `Run 'j1-api-keys CMD --help'`); `130` / `143` interrupted by SIGINT / SIGTERM.
 *
 * The API key is never printed: there is no `--api-key` flag, and stdout and stderr are both
 * scrubbed of it. Created secrets are printed once on stdout (or written to `--secret-file`) and
 * scrubbed from stderr.
 * @module
 */
import { resolve } from 'node:path';
import {
  AmbiguousCreateError,
  ConfigurationError,
  createClient,
  ENV,
  JupiterOneError,
  RotationError,
  VERSION,
  type JupiterOneClient,
} from '../index.js';
import {
  API_KEY_FLAG_MESSAGE,
  commandWords,
  GLOBAL_OPTIONS,
  globalFlags,
  hasApiKeyFlag,
  parseCommandArgs,
  unknownOptionMessage,
  wantsHelp,
  wantsJson,
  wantsVerbose,
  wantsVersion,
} from './args.js';
import { auditCommand } from './commands/audit.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { expiringCommand } from './commands/expiring.js';
import { groupsDisableCommand, groupsEnableCommand, groupsListCommand, groupsShowCommand } from './commands/groups.js';
import { integrationKeysCreateCommand, integrationKeysListCommand, integrationKeysRevokeCommand } from './commands/integration-keys.js';
import { MOCK_API_KEY, mockServerCommand } from './commands/mock-server.js';
import { policyBuildCommand, policyCheckCommand } from './commands/policy.js';
import { rateLimitClearCommand, rateLimitGetCommand, rateLimitSetCommand } from './commands/rate-limit.js';
import { runCommand } from './commands/run.js';
import { createCommand, getCommand, listCommand, revokeCommand, rotateCommand } from './commands/tokens.js';
import { CliError, UsageError, type CliIo, type Command, type CommandContext, type GlobalFlags, type TextSink } from './context.js';
import { safeText } from './format.js';
import { cliWords } from './words.js';
import { scrub } from '../client/redact.js';
import { didYouMean } from '../suggest.js';
import { MAX_KEY_FILE_BYTES, readRegularFile } from './files.js';

export type { CliIo } from './context.js';

/** Every command, in the order of the main help. */
export const COMMANDS: readonly Command[] = [
  createCommand,
  listCommand,
  getCommand,
  revokeCommand,
  rotateCommand,
  runCommand,
  policyCheckCommand,
  policyBuildCommand,
  integrationKeysCreateCommand,
  integrationKeysListCommand,
  integrationKeysRevokeCommand,
  groupsListCommand,
  groupsShowCommand,
  groupsEnableCommand,
  groupsDisableCommand,
  auditCommand,
  expiringCommand,
  rateLimitGetCommand,
  rateLimitSetCommand,
  rateLimitClearCommand,
  mockServerCommand,
  demoCommand,
  doctorCommand,
];

/** Words that take a sub-command, with their one-line description. */
const GROUPS: Readonly<Record<string, string>> = {
  policy: 'Policy documents, offline',
  'integration-keys': 'Integration API keys (sync-only, one integration instance)',
  groups: 'User groups and user-level API key access',
  'rate-limit': "A key's own rate limit",
};

const GLOBAL_HELP = `Global options (any command):
  --region REGION          J1 region, e.g. us or eu. Env: ${ENV.region}. Default us.
  --endpoint URL           GraphQL endpoint URL, e.g. for a local mock (http only on loopback).
                           Env: ${ENV.endpoint}. Not together with --region.
  --account ID             J1 account id. Env: ${ENV.accountId} (or ${ENV.accountIdLegacy}).
  --api-key-file PATH      Read the API key from PATH. Env: ${ENV.apiKey}.
                           There is deliberately no --api-key flag (command lines leak).
  --json                   Machine-readable JSON on stdout (shapes in each command's help).
                           Errors stay text on stderr.
  --verbose                Errors in the SDK's own words (GraphQL operation names, SDK
                           options), for bug reports.
  -h, --help               Show help.
  --version                Print the version (with --json: { name, version, node }).
Flags beat environment variables.

Exit codes: 0 success; 1 API or runtime error ("error CODE: message" on stderr);
2 usage error (one line, then where the help is); 130/143 interrupted.
Progress bars are drawn only when stderr is a terminal and TERM is not dumb; with NO_COLOR
set they use no escape sequences.`;

function commandHelp(command: Command): string {
  return `Usage: j1-api-keys ${command.usage}\n\n${command.summary}.\n\n${command.help}\n\n${GLOBAL_HELP}\n`;
}

function listing(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n`).join('');
}

function groupHelp(group: string): string {
  const members = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  return `Usage: j1-api-keys ${group} <command> [options]\n\n${GROUPS[group] ?? ''}.\n\nCommands:\n${listing(members)}\nRun j1-api-keys ${group} <command> --help for details.\n`;
}

function mainHelp(): string {
  return `j1-api-keys ${VERSION}: manage JupiterOne API keys.

Usage: j1-api-keys <command> [options]

Commands:
${listing(COMMANDS)}
Configuration comes from the environment, as for the SDK: ${ENV.apiKey}, ${ENV.accountId}
(or ${ENV.accountIdLegacy}), ${ENV.region}, ${ENV.endpoint}. Try it without an account:
run j1-api-keys mock-server and paste its export lines into another shell.

${GLOBAL_HELP}

Run j1-api-keys <command> --help for a command's options and JSON output.
`;
}

function suggestion(word: string, candidates: readonly string[]): string {
  const best = didYouMean(word, candidates);
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}

/** What the command line selects: a command, or help text. */
type Selection =
  | { readonly kind: 'command'; readonly command: Command; readonly rest: readonly string[] }
  | {
      readonly kind: 'help';
      readonly text: string;
      readonly usageError?: string | undefined;
      readonly missing?: boolean;
      /** The command words whose `--help` the usage error points at ('' for the main help). */
      readonly topic: string;
    };

/** The one line after a usage error: where the help is (instead of printing all of it). */
function helpHint(topic: string): string {
  return topic === '' ? "Run 'j1-api-keys --help' for the list of commands.\n" : `Run 'j1-api-keys ${topic} --help' for its usage.\n`;
}

/** `error USAGE: …` and the hint: two lines on stderr, exit code 2. */
function usageError(io: CliIo, message: string, topic: string): number {
  io.stderr.write(`error USAGE: ${safeText(message)}\n${helpHint(topic)}`);
  return 2;
}

/** The first argument (before any command word) that is not a global option, if any. */
function unknownLeadingOption(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--' || !arg.startsWith('-') || arg === '-') return undefined;
    const name = arg.startsWith('--') ? (arg.slice(2).split('=')[0] ?? '') : '';
    const known = arg.startsWith('--') ? GLOBAL_OPTIONS[name] !== undefined : arg === '-h';
    if (!known) return arg;
    if (!arg.includes('=') && GLOBAL_OPTIONS[name]?.type === 'string') i++;
  }
  return undefined;
}

function select(argv: readonly string[]): Selection {
  const words = commandWords(argv);
  const [first, second] = words;
  if (first === undefined) {
    const unknown = unknownLeadingOption(argv);
    if (unknown !== undefined)
      return { kind: 'help', text: mainHelp(), usageError: unknownOptionMessage(unknown, GLOBAL_OPTIONS), topic: '' };
    // Bare `j1-api-keys` is a request for help (as `gh`, `stripe` and `aws` treat it).
    if (argv.length === 0) return { kind: 'help', text: mainHelp(), topic: '' };
    return { kind: 'help', text: mainHelp(), usageError: 'missing command', missing: true, topic: '' };
  }
  if (first.word === 'help') {
    const topic = words
      .slice(1)
      .map((w) => w.word)
      .join(' ');
    if (topic === '') return { kind: 'help', text: mainHelp(), topic: '' };
    const command = COMMANDS.find((c) => c.name === topic);
    if (command !== undefined) return { kind: 'help', text: commandHelp(command), topic };
    if (GROUPS[topic] !== undefined) return { kind: 'help', text: groupHelp(topic), topic };
    return { kind: 'help', text: mainHelp(), usageError: `unknown command ${JSON.stringify(topic)}`, topic: '' };
  }
  const used = [first.index];
  let name = first.word;
  if (GROUPS[first.word] !== undefined) {
    const members = COMMANDS.filter((c) => c.name.startsWith(`${first.word} `)).map((c) => c.name.slice(first.word.length + 1));
    if (second === undefined) {
      return {
        kind: 'help',
        text: groupHelp(first.word),
        usageError: `missing ${first.word} command (${members.join(', ')})`,
        missing: true,
        topic: first.word,
      };
    }
    if (!members.includes(second.word)) {
      return {
        kind: 'help',
        text: groupHelp(first.word),
        usageError: `unknown ${first.word} command ${JSON.stringify(second.word)}${suggestion(second.word, members)}`,
        topic: first.word,
      };
    }
    name = `${first.word} ${second.word}`;
    used.push(second.index);
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const tops = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0] ?? ''))];
    return {
      kind: 'help',
      text: mainHelp(),
      usageError: `unknown command ${JSON.stringify(first.word)}${suggestion(first.word, tops)}`,
      topic: '',
    };
  }
  return { kind: 'command', command, rest: argv.filter((_, i) => !used.includes(i)) };
}

/** Wraps a sink so that every registered secret is replaced by `[redacted]`. */
function scrubbing(sink: TextSink, secrets: () => Iterable<string>): TextSink {
  return { write: (chunk: string) => sink.write(scrub(chunk, [...secrets()])) };
}

async function readApiKeyFile(path: string, signal: AbortSignal | undefined): Promise<string> {
  const text = await readRegularFile(path, {
    label: `--api-key-file ${path}`,
    maxBytes: MAX_KEY_FILE_BYTES,
    signal,
    onError: (code) => new ConfigurationError(`cannot read --api-key-file ${path} (${code})`),
  });
  const key = text.trim();
  if (key === '') throw new ConfigurationError(`--api-key-file ${path} is empty`);
  return key;
}

const present = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** Secrets shorter than this are not scrubbed (they would garble ordinary text). */
const MIN_SCRUB_LENGTH = 8;

interface Secrets {
  /** Never printed anywhere: API keys. */
  readonly apiKeys: Set<string>;
  /** Printed once on stdout by design, never on stderr: created secrets. */
  readonly created: Set<string>;
}

function addTo(set: Set<string>, value: string | undefined): void {
  if (value === undefined) return;
  const v = value.trim();
  // The mock server's key is a published test value that `mock-server` must print.
  if (v.length >= MIN_SCRUB_LENGTH && v !== MOCK_API_KEY) set.add(v);
}

function makeContext(io: CliIo, globals: GlobalFlags, secrets: Secrets): CommandContext {
  let client: Promise<JupiterOneClient> | undefined;
  const resolvePath = (path: string): string => resolve(io.cwd ?? process.cwd(), path);
  const build = async (): Promise<JupiterOneClient> => {
    let apiKey: string | undefined;
    if (globals.apiKeyFile !== undefined) {
      apiKey = await readApiKeyFile(resolvePath(globals.apiKeyFile), io.signal);
      addTo(secrets.apiKeys, apiKey);
    } else if (!present(io.env[ENV.apiKey])) {
      throw new ConfigurationError(`Missing API key. Fix: set ${ENV.apiKey}, or pass --api-key-file PATH`);
    }
    if (globals.account === undefined && !present(io.env[ENV.accountId]) && !present(io.env[ENV.accountIdLegacy])) {
      throw new ConfigurationError(`Missing account id. Fix: set ${ENV.accountId} (or ${ENV.accountIdLegacy}), or pass --account ID`);
    }
    return createClient({
      apiKey,
      accountId: globals.account,
      region: globals.region,
      endpoint: globals.endpoint,
      env: io.env,
      userAgent: `j1-api-keys-cli/${VERSION}`,
    });
  };
  return {
    io,
    globals,
    client: () => (client ??= build()),
    addSecret: (value) => addTo(secrets.created, value),
    redact: (text) => scrub(text, [...secrets.apiKeys, ...secrets.created]),
    words: (error) => (globals.verbose ? error.message : cliWords(error.message, error.operationName)),
    resolvePath,
    call: { signal: io.signal },
  };
}

/** Exit code of an interruption by `signal` (128 + signal number), or `undefined`. */
function interruptedCode(signal: AbortSignal | undefined): number | undefined {
  if (signal?.aborted !== true) return undefined;
  return signal.reason === 'SIGTERM' ? 143 : 130;
}

function reportError(error: unknown, io: CliIo, command: Command | undefined, verbose: boolean): number {
  // Once interrupted, whatever failed (an aborted call, a half-read stdin) failed because of it.
  const interrupted = interruptedCode(io.signal);
  if (interrupted !== undefined && !(error instanceof UsageError)) {
    // What the interruption left behind (a key a cleanup could not revoke, a half-done rotation) is still said.
    if (error instanceof AmbiguousCreateError || error instanceof RotationError)
      io.stderr.write(`error ${error.code}: ${safeText(verbose ? error.message : cliWords(error.message, error.operationName))}\n`);
    io.stderr.write(`interrupted (${String(io.signal?.reason)})\n`);
    return interrupted;
  }
  if (error instanceof UsageError) return usageError(io, error.message, command?.name ?? '');
  if (error instanceof JupiterOneError || error instanceof CliError) {
    // PolicyError's message lists every issue on its own line: keep the line breaks.
    const text = verbose ? error.message : cliWords(error.message, error instanceof JupiterOneError ? error.operationName : undefined);
    const message = text.split('\n').map(safeText).join('\n');
    io.stderr.write(`error ${error.code}: ${message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error INTERNAL: ${safeText(message)}\n`);
  return 1;
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 * Never throws and never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const secrets: Secrets = { apiKeys: new Set(), created: new Set() };
  addTo(secrets.apiKeys, rawIo.env[ENV.apiKey]);
  const io: CliIo = {
    ...rawIo,
    stdout: scrubbing(rawIo.stdout, () => secrets.apiKeys),
    stderr: scrubbing(rawIo.stderr, () => [...secrets.apiKeys, ...secrets.created]),
  };
  let command: Command | undefined;
  const verbose = wantsVerbose(argv);
  try {
    if (hasApiKeyFlag(argv)) {
      // Select the command without the flag and its possible value, only to point at its help.
      const at = argv.findIndex((a) => a === '--api-key' || a.startsWith('--api-key='));
      const without = argv.filter((a, i) => i !== at && !(argv[at] === '--api-key' && i === at + 1));
      const selected = select(without);
      return usageError(io, API_KEY_FLAG_MESSAGE, selected.kind === 'command' ? selected.command.name : selected.topic);
    }
    const selected = select(argv);
    if (selected.kind === 'help') {
      if (selected.usageError !== undefined && selected.missing === true && wantsVersion(argv) && commandWords(argv).length === 0) {
        return printVersion(io, argv);
      }
      // `--help` turns a missing (sub)command into a help request; an unknown one stays an error.
      if (selected.usageError !== undefined && !(selected.missing === true && wantsHelp(argv))) {
        return usageError(io, selected.usageError, selected.topic);
      }
      io.stdout.write(selected.text);
      return 0;
    }
    command = selected.command;
    if (wantsHelp(selected.rest)) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    if (wantsVersion(selected.rest)) return printVersion(io, selected.rest);
    const parsed = parseCommandArgs(selected.rest, command.options, command.positionals);
    const ctx = makeContext(io, globalFlags(parsed.values), secrets);
    const code = await command.run(ctx, parsed);
    return code !== 0 ? (interruptedCode(io.signal) ?? code) : code;
  } catch (error) {
    return reportError(error, io, command, verbose);
  }
}

/** `--version`: the version, or with `--json` `{ name, version, node }`. */
function printVersion(io: CliIo, argv: readonly string[]): number {
  if (wantsJson(argv)) io.stdout.write(`${JSON.stringify({ name: 'j1-api-keys', version: VERSION, node: process.version })}\n`);
  else io.stdout.write(`${VERSION}\n`);
  return 0;
}

/** Alias of {@link runCli}: `main(process.argv.slice(2), io)`. */
export const main = runCli;
