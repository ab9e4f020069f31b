/**
 * Command-line parsing on Node's `util.parseArgs` (used as a tokenizer, `strict: false`), with our
 * own validation so that no error message ever repeats an option's value (it could be a secret
 * pasted into the wrong flag).
 * @module
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../suggest.js';
import { policy, type PolicyBuilder, type QueryFilterInput } from '../index.js';
import { UsageError, type GlobalFlags, type OptionSpecs, type OptionValues, type ParsedArgs } from './context.js';

export type { OptionSpec, OptionSpecs, OptionValues, ParsedArgs } from './context.js';

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  account: { type: 'string' },
  'api-key-file': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** Options that build a policy (`create`, `policy build`). */
export const POLICY_OPTIONS: OptionSpecs = {
  policy: { type: 'string' },
  allow: { type: 'string' },
  resources: { type: 'string' },
  'query-filter': { type: 'string', multiple: true },
  strict: { type: 'boolean' },
};

/** Options that store a created secret in a file (`create`, `rotate`, `integration-keys create`). */
export const SECRET_FILE_OPTIONS: OptionSpecs = {
  'secret-file': { type: 'string' },
  force: { type: 'boolean' },
};

/** Why there is no `--api-key` flag (shown with exit code 2). */
export const API_KEY_FLAG_MESSAGE =
  '--api-key is not supported: a key on the command line ends up in shell history and process lists. ' +
  'Set JUPITERONE_API_KEY in the environment, or put the key in a file (mode 0600) and pass --api-key-file PATH';

/** Arguments before a `--` terminator (after it everything is a positional). */
function beforeTerminator(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** True when the command line holds `--api-key` or `--api-key=…` (which we refuse, see {@link API_KEY_FLAG_MESSAGE}). */
export function hasApiKeyFlag(argv: readonly string[]): boolean {
  return beforeTerminator(argv).some((a) => a === '--api-key' || a.startsWith('--api-key='));
}

/** True when `--help` / `-h` appears (before `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  return beforeTerminator(argv).some((a) => a === '--help' || a === '-h' || a.startsWith('--help='));
}

/** True when `--version` appears (before `--`). */
export function wantsVersion(argv: readonly string[]): boolean {
  return beforeTerminator(argv).includes('--version');
}

/** True when `--verbose` appears (before `--`): errors keep the SDK's own words. */
export function wantsVerbose(argv: readonly string[]): boolean {
  return beforeTerminator(argv).includes('--verbose');
}

/**
 * `unknown option X`, with a did-you-mean among `specs` (the one suggestion rule of the package,
 * `didYouMean`): `--jsno` → `--json`; a short `-v` → the long options starting with `v`.
 */
export function unknownOptionMessage(shown: string, specs: OptionSpecs): string {
  const names = Object.keys(specs);
  let guesses: string[] = [];
  if (shown.startsWith('--')) {
    const best = didYouMean(shown.slice(2).split('=')[0] ?? '', names);
    if (best !== undefined) guesses = [best];
  } else if (shown.length === 2) {
    guesses = names.filter((n) => n.startsWith(shown.slice(1).toLowerCase())).slice(0, 3);
  }
  return `unknown option ${shown}${guesses.length === 0 ? '' : ` (did you mean ${guesses.map((g) => `--${g}`).join(' or ')}?)`}`;
}

/** True when `--json` appears (before `--`); read before full parsing, e.g. for usage errors. */
export function wantsJson(argv: readonly string[]): boolean {
  return beforeTerminator(argv).includes('--json');
}

/**
 * Splits the command words off the arguments. Returns the positionals in order (with their
 * indexes) skipping the values of global string options, so `--region eu list` finds `list`.
 */
export function commandWords(argv: readonly string[]): { word: string; index: number }[] {
  const words: { word: string; index: number }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-') && arg !== '-') {
      const name = arg.startsWith('--') ? arg.slice(2) : '';
      if (!name.includes('=') && GLOBAL_OPTIONS[name]?.type === 'string') i++;
      continue;
    }
    words.push({ word: arg, index: i });
  }
  return words;
}

/**
 * `--allow` takes an optional value: with nothing after it, or an option after it, it means `*`.
 * Rewrites such a bare `--allow` to `--allow=*` so the tokenizer does not eat the next option.
 */
function expandBareAllow(argv: readonly string[]): string[] {
  const out = [...argv];
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '--') break;
    if (out[i] !== '--allow') continue;
    const next = out[i + 1];
    if (next === undefined || next === '--' || (next.startsWith('-') && next.length > 1)) out[i] = '--allow=*';
  }
  return out;
}

/**
 * Parses a command's arguments (command words already removed) against its options plus
 * {@link GLOBAL_OPTIONS}. Throws {@link UsageError} for unknown options, missing values,
 * values given to flags, repeated single-value options, and positional counts out of range.
 */
export function parseCommandArgs(
  argv: readonly string[],
  specs: OptionSpecs,
  positionals: { readonly min: number; readonly max: number; readonly name: string },
): ParsedArgs {
  const all: OptionSpecs = { ...GLOBAL_OPTIONS, ...specs };
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, spec] of Object.entries(all)) {
    options[name] = {
      type: spec.type,
      ...(spec.multiple === true ? { multiple: true } : {}),
      ...(spec.short === undefined ? {} : { short: spec.short }),
    };
  }
  const { tokens } = parseArgs({
    args: expandBareAllow(argv),
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | string[] | true> = {};
  const rest: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      rest.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = all[token.name];
    const shown = token.rawName;
    if (spec === undefined) throw new UsageError(unknownOptionMessage(shown, all));
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option ${shown} takes no value`);
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined) throw new UsageError(`option ${shown} needs a value`);
    if (!token.inlineValue && value.startsWith('-') && value.length > 1) {
      throw new UsageError(`option ${shown} needs a value (to pass a value that starts with '-', write ${shown}=VALUE)`);
    }
    if (spec.multiple === true) {
      const list = values[token.name];
      values[token.name] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      if (values[token.name] !== undefined) throw new UsageError(`option ${shown} given more than once`);
      values[token.name] = value;
    }
  }
  if (rest.length < positionals.min) {
    throw new UsageError(
      positionals.min === 1 && positionals.max === 1
        ? `missing ${positionals.name}`
        : `missing ${positionals.name} (at least ${positionals.min})`,
    );
  }
  if (rest.length > positionals.max) {
    throw new UsageError(
      positionals.max === 0
        ? `unexpected argument ${JSON.stringify(rest[0])}`
        : `too many arguments: expected ${positionals.max} ${positionals.name}, got ${rest.length}`,
    );
  }
  return { values, positionals: rest };
}

/** A string option's value, or `undefined`. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A required string option's value (non-blank), else a {@link UsageError}. */
export function requiredOption(values: OptionValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined) throw new UsageError(`missing --${name}`);
  if (value.trim() === '') throw new UsageError(`--${name} must not be empty`);
  return value;
}

/** A repeatable string option's values (possibly empty). */
export function listOption(values: OptionValues, name: string): readonly string[] {
  const value = values[name];
  if (typeof value === 'string') return [value];
  return typeof value === 'object' ? value : [];
}

/** Whether a boolean option was given. */
export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** The global flags out of parsed values. */
export function globalFlags(values: OptionValues): GlobalFlags {
  const region = stringOption(values, 'region');
  const endpoint = stringOption(values, 'endpoint');
  if (region !== undefined && endpoint !== undefined) {
    throw new UsageError('--region and --endpoint cannot be used together (the endpoint already names the region)');
  }
  for (const name of ['region', 'endpoint', 'account', 'api-key-file']) {
    const value = stringOption(values, name);
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} must not be empty`);
  }
  return {
    region,
    endpoint,
    account: stringOption(values, 'account'),
    apiKeyFile: stringOption(values, 'api-key-file'),
    json: flag(values, 'json'),
    verbose: flag(values, 'verbose'),
  };
}

/** Splits `a,b , c` into `['a','b','c']`; an empty item is a {@link UsageError} naming `what`. */
export function splitList(text: string, what: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw new UsageError(`${what}: empty item in ${JSON.stringify(text)} (separate items with single commas)`);
  return items;
}

/**
 * Parses one `--query-filter` value into one filter object (its keys are ANDed):
 * `KEY=V1,V2` → `{ KEY: ['V1','V2'] }`; `KEY=V;KEY2=V2` → `{ KEY: ['V'], KEY2: ['V2'] }`.
 * Values are strings; use `--policy` JSON for numbers, booleans, or values holding `,` or `;`.
 */
export function parseQueryFilter(text: string): QueryFilterInput {
  const filter: Record<string, string[]> = {};
  const where = `--query-filter ${JSON.stringify(text)}`;
  for (const clause of text.split(';')) {
    if (clause.trim() === '') throw new UsageError(`${where}: empty clause (write KEY=V1,V2 or KEY=V;KEY2=V2)`);
    const eq = clause.indexOf('=');
    if (eq === -1) throw new UsageError(`${where}: ${JSON.stringify(clause.trim())} has no '=' (write KEY=V1,V2)`);
    const key = clause.slice(0, eq).trim();
    if (key === '') throw new UsageError(`${where}: missing property name before '='`);
    if (Object.hasOwn(filter, key)) {
      throw new UsageError(`${where}: ${key} appears twice in one filter; list its values with commas instead (${key}=V1,V2)`);
    }
    filter[key] = splitList(clause.slice(eq + 1), where);
  }
  return filter;
}

/** Where a policy comes from, per the policy flags. */
export type PolicySource =
  | { readonly kind: 'text'; readonly from: string } // --policy FILE|JSON|-
  | { readonly kind: 'builder'; readonly builder: PolicyBuilder };

/**
 * Reads the policy flags: either `--policy FILE|JSON|-`, or `--allow [ACTIONS] [--resources R]
 * [--query-filter F ...]`. Exactly one of `--policy` / `--allow` is required.
 * Policy errors (e.g. `--strict` and an unknown action) throw `PolicyError` (exit 1).
 */
export function policySource(values: OptionValues): PolicySource {
  const text = stringOption(values, 'policy');
  const allow = stringOption(values, 'allow');
  const resources = stringOption(values, 'resources');
  const filters = listOption(values, 'query-filter');
  if (text !== undefined && (allow !== undefined || resources !== undefined || filters.length > 0)) {
    throw new UsageError('--policy cannot be combined with --allow, --resources or --query-filter');
  }
  if (text !== undefined) {
    if (text.trim() === '') throw new UsageError('--policy must not be empty (give a FILE, inline JSON, or - for stdin)');
    return { kind: 'text', from: text };
  }
  if (allow === undefined) {
    if (resources !== undefined || filters.length > 0) throw new UsageError('--resources and --query-filter need --allow');
    throw new UsageError('missing policy: give --policy FILE|JSON|- or --allow [ACTIONS]');
  }
  const actions = splitList(allow, '--allow');
  const resourceList = resources === undefined ? ['*'] : splitList(resources, '--resources');
  let builder = policy({ strict: flag(values, 'strict') }).allow(actions, resourceList);
  for (const filter of filters) builder = builder.queryFilter(parseQueryFilter(filter));
  return { kind: 'builder', builder };
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A `--NAME WHEN` option parsed with {@link parseWhen} (epoch ms), or `undefined` when not given. */
export function whenOption(values: OptionValues, name: string): number | undefined {
  const value = stringOption(values, name);
  return value === undefined ? undefined : parseWhen(value, name);
}

/**
 * A point in time given on the command line: an ISO 8601 date or date-time (`2031-01-31`,
 * `2031-01-31T12:00:00Z`) or a duration from `now` (`90m`, `12h`, `30d`, `4w`). Returns epoch
 * milliseconds; throws {@link UsageError} naming the option (never repeating its value).
 */
export function parseWhen(value: string, option: string, now: number = Date.now()): number {
  const duration = /^(\d{1,6})([mhdw])$/.exec(value);
  const date = /^(\d{4})-(\d{2})-(\d{2})([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  let ms = Number.NaN;
  if (duration !== null) ms = now + Number(duration[1]) * (DURATION_UNITS_MS[duration[2] ?? ''] ?? Number.NaN);
  else if (date !== null) {
    // Date.parse rolls impossible days over (2031-02-30 → March 2): refuse them instead.
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d) ms = Date.parse(value);
  }
  if (Number.isNaN(ms)) {
    throw new UsageError(`option --${option} needs an ISO 8601 date (2031-01-31, 2031-01-31T12:00:00Z) or a duration (90m, 12h, 30d, 4w)`);
  }
  if (ms <= now) throw new UsageError(`option --${option} must be in the future`);
  return ms;
}
