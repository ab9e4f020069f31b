/**
 * The `j1-api-keys` command line: dispatch, help, configuration and exit codes.
 *
 * Exit codes: `0` success; `1` API or runtime error (`error CODE: message` on stderr, CODE being
 * the SDK's `JupiterOneError.code` or a CLI code such as `FILE_EXISTS`); `2` usage error (the
 * command's help follows on stderr); `130` / `143` interrupted by SIGINT / SIGTERM.
 *
 * The API key is never printed: there is no `--api-key` flag, and stdout and stderr are both
 * scrubbed of it. Created secrets are printed once on stdout (or written to `--secret-file`) and
 * scrubbed from stderr.
 * @module
 */
import { readFile } from 'node:fs/promises';
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
import { API_KEY_FLAG_MESSAGE, commandWords, globalFlags, hasApiKeyFlag, parseCommandArgs, wantsHelp, wantsVersion } from './args.js';
import { demoCommand } from './commands/demo.js';
import { groupsDisableCommand, groupsEnableCommand, groupsListCommand, groupsShowCommand } from './commands/groups.js';
import { integrationKeysCreateCommand, integrationKeysListCommand, integrationKeysRevokeCommand } from './commands/integration-keys.js';
import { MOCK_API_KEY, mockServerCommand } from './commands/mock-server.js';
import { policyBuildCommand, policyCheckCommand } from './commands/policy.js';
import { runCommand } from './commands/run.js';
import { createCommand, getCommand, listCommand, revokeCommand, rotateCommand } from './commands/tokens.js';
import { CliError, UsageError, type CliIo, type Command, type CommandContext, type GlobalFlags, type TextSink } from './context.js';
import { safeText } from './format.js';

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
  mockServerCommand,
  demoCommand,
];

/** Words that take a sub-command, with their one-line description. */
const GROUPS: Readonly<Record<string, string>> = {
  policy: 'Policy documents, offline',
  'integration-keys': 'Integration API keys (sync-only, one integration instance)',
  groups: 'User groups and user-level API key access',
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
  -h, --help               Show help.
  --version                Print the version.
Flags beat environment variables.

Exit codes: 0 success; 1 API or runtime error ("error CODE: message" on stderr);
2 usage error (with the command's help on stderr); 130/143 interrupted.`;

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

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function suggestion(word: string, candidates: readonly string[]): string {
  const best = candidates.map((c) => ({ c, d: distance(word, c) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= 2 ? ` (did you mean ${best.c}?)` : '';
}

/** What the command line selects: a command, or help text. */
type Selection =
  | { readonly kind: 'command'; readonly command: Command; readonly rest: readonly string[] }
  | {
      readonly kind: 'help';
      readonly text: string;
      readonly usageError?: string | undefined;
      readonly missing?: boolean;
    };

function select(argv: readonly string[]): Selection {
  const words = commandWords(argv);
  const [first, second] = words;
  if (first === undefined) return { kind: 'help', text: mainHelp(), usageError: 'missing command', missing: true };
  if (first.word === 'help') {
    const topic = words
      .slice(1)
      .map((w) => w.word)
      .join(' ');
    if (topic === '') return { kind: 'help', text: mainHelp() };
    const command = COMMANDS.find((c) => c.name === topic);
    if (command !== undefined) return { kind: 'help', text: commandHelp(command) };
    if (GROUPS[topic] !== undefined) return { kind: 'help', text: groupHelp(topic) };
    return { kind: 'help', text: mainHelp(), usageError: `unknown command ${JSON.stringify(topic)}` };
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
      };
    }
    if (!members.includes(second.word)) {
      return {
        kind: 'help',
        text: groupHelp(first.word),
        usageError: `unknown ${first.word} command ${JSON.stringify(second.word)}${suggestion(second.word, members)}`,
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
    };
  }
  return { kind: 'command', command, rest: argv.filter((_, i) => !used.includes(i)) };
}

/** Wraps a sink so that every registered secret is replaced by `[redacted]`. */
function scrubbing(sink: TextSink, secrets: () => Iterable<string>): TextSink {
  return { write: (chunk: string) => sink.write(scrub(chunk, secrets())) };
}

function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

async function readApiKeyFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigurationError(`cannot read --api-key-file ${path} (${typeof code === 'string' ? code : 'read failed'})`);
  }
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
      apiKey = await readApiKeyFile(resolvePath(globals.apiKeyFile));
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
    resolvePath,
    call: { signal: io.signal },
  };
}

/** Exit code of an interruption by `signal` (128 + signal number), or `undefined`. */
function interruptedCode(signal: AbortSignal | undefined): number | undefined {
  if (signal?.aborted !== true) return undefined;
  return signal.reason === 'SIGTERM' ? 143 : 130;
}

function reportError(error: unknown, io: CliIo, command: Command | undefined): number {
  // Once interrupted, whatever failed (an aborted call, a half-read stdin) failed because of it.
  const interrupted = interruptedCode(io.signal);
  if (interrupted !== undefined && !(error instanceof UsageError)) {
    // What the interruption left behind (a key a cleanup could not revoke, a half-done rotation) is still said.
    if (error instanceof AmbiguousCreateError || error instanceof RotationError)
      io.stderr.write(`error ${error.code}: ${safeText(error.message)}\n`);
    io.stderr.write(`interrupted (${String(io.signal?.reason)})\n`);
    return interrupted;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`error USAGE: ${safeText(error.message)}\n\n${command === undefined ? mainHelp() : commandHelp(command)}`);
    return 2;
  }
  if (error instanceof JupiterOneError || error instanceof CliError) {
    // PolicyError's message lists every issue on its own line: keep the line breaks.
    const message = error.message.split('\n').map(safeText).join('\n');
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
  try {
    if (hasApiKeyFlag(argv)) {
      // Select the command without the flag and its possible value, only to show its help.
      const at = argv.findIndex((a) => a === '--api-key' || a.startsWith('--api-key='));
      const without = argv.filter((a, i) => i !== at && !(argv[at] === '--api-key' && i === at + 1));
      const selected = select(without);
      io.stderr.write(
        `error USAGE: ${API_KEY_FLAG_MESSAGE}\n\n${selected.kind === 'command' ? commandHelp(selected.command) : mainHelp()}`,
      );
      return 2;
    }
    const selected = select(argv);
    if (selected.kind === 'help') {
      if (selected.usageError !== undefined && wantsVersion(argv) && commandWords(argv).length === 0) {
        io.stdout.write(`${VERSION}\n`);
        return 0;
      }
      // `--help` turns a missing (sub)command into a help request; an unknown one stays an error.
      if (selected.usageError !== undefined && !(selected.missing === true && wantsHelp(argv))) {
        io.stderr.write(`error USAGE: ${safeText(selected.usageError)}\n\n${selected.text}`);
        return 2;
      }
      io.stdout.write(selected.text);
      return 0;
    }
    command = selected.command;
    if (wantsHelp(selected.rest)) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    if (wantsVersion(selected.rest)) {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const parsed = parseCommandArgs(selected.rest, command.options, command.positionals);
    const ctx = makeContext(io, globalFlags(parsed.values), secrets);
    const code = await command.run(ctx, parsed);
    return code !== 0 ? (interruptedCode(io.signal) ?? code) : code;
  } catch (error) {
    return reportError(error, io, command);
  }
}

/** Alias of {@link runCli}: `main(process.argv.slice(2), io)`. */
export const main = runCli;
