// Helpers of the CLI tests: run the BUILT CLI (dist/cli.js) as a child process against a fake J1
// started in the test process on 127.0.0.1.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { startMockServer, type MockServer } from '../../src/testing/index.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli.js');

/** The API key the tests' fake J1 accepts; no output of the CLI may ever contain it. */
export const API_KEY = 'cli-test-api-key-3f9a7c1e55';
export const ACCOUNT_ID = 'cli-test-account';
export const ALLOW_ALL = '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}';
export const SECRET_RE = /j1_[A-Za-z0-9_-]{40}/;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Fails with a clear message when dist/cli.js is missing or older than src/cli. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} does not exist. The CLI tests run the built CLI: run \`npx tsup\` (or \`npm run build\`) in ${ROOT} first.`);
  }
  if (statSync(CLI).mtimeMs + 1000 < newestMtime(join(ROOT, 'src/cli'))) {
    throw new Error(`${CLI} is older than src/cli: run \`npx tsup\` in ${ROOT} to rebuild before the CLI tests.`);
  }
}

/** What a CLI run produced. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link cli}. */
export interface CliOptions {
  /** The fake J1's URL (becomes JUPITERONE_BASE_URL), unless `env` says otherwise. */
  readonly url?: string;
  /** Replaces the default environment entirely (PATH is always kept). */
  readonly env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed. */
  readonly stdin?: string;
  readonly cwd?: string;
  /** Run through `sh -c 'umask 000; exec …'` to prove file modes do not depend on the umask. */
  readonly permissiveUmask?: boolean;
}

/** The environment a CLI run gets: only the J1 variables, never the developer's real ones. */
export function cliEnv(url: string | undefined): Record<string, string> {
  return {
    JUPITERONE_API_KEY: API_KEY,
    JUPITERONE_ACCOUNT_ID: ACCOUNT_ID,
    ...(url === undefined ? {} : { JUPITERONE_BASE_URL: url }),
  };
}

/** Starts the built CLI without waiting for it. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...(options.env ?? cliEnv(options.url)) };
  const [command, argv] = options.permissiveUmask
    ? ['/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  return spawn(command, argv, { env, cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * Runs the built CLI to completion. Asserts that neither stdout nor stderr contains the API key
 * (so every test checks it).
 */
export async function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolveExit(exitCode));
  }).finally(() => clearTimeout(timer));
  expect(stdout, 'the API key leaked to stdout').not.toContain(API_KEY);
  expect(stderr, 'the API key leaked to stderr').not.toContain(API_KEY);
  return { code, stdout, stderr };
}

/** Resolves with everything the stream printed once `pattern` matches it. */
export function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolveOutput, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got: ${seen}`)), timeoutMs);
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => {
      seen += d;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolveOutput(seen);
      }
    });
  });
}

/** Parses stdout as JSON (with the output in the failure message). */
export function json<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Options of {@link runInProcess}. */
export interface InProcessOptions {
  readonly env?: Record<string, string>;
  readonly stdin?: string;
  readonly stderrIsTTY?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Runs the CLI's `runCli` in this process (the same code that is bundled into dist/cli.js), for
 * the many variants that do not need a process of their own. Asserts the API key never shows.
 */
export async function runInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  const { runCli } = await import('../../src/cli/run.js');
  let stdout = '';
  let stderr = '';
  const input = options.stdin ?? '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(input === '' ? [] : [input]),
    env: options.env ?? {},
    isTTY: { stdin: false, stdout: false, stderr: options.stderrIsTTY ?? false },
    signal: options.signal,
  });
  expect(stdout, 'the API key leaked to stdout').not.toContain(API_KEY);
  expect(stderr, 'the API key leaked to stderr').not.toContain(API_KEY);
  return { code, stdout, stderr };
}

/** Id of the n-th key seeded by {@link useBuiltCli}. */
export const seeded = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** What {@link useBuiltCli} provides to a test file (set once `beforeAll` ran). */
export interface BuiltCliFixture {
  /** The fake J1 on 127.0.0.1. */
  server: MockServer;
  /** A private temporary directory, removed afterwards. */
  dir: string;
  /** Runs the built CLI against the fake (see {@link cli}). */
  run: (args: readonly string[], stdin?: string) => Promise<CliResult>;
}

/**
 * For a test file of the built CLI: checks dist/cli.js, starts a seeded fake J1 (keys
 * `seeded(1..3)`, integration instance `instance-1`, group `Engineers`) and a temp directory.
 */
export function useBuiltCli(): BuiltCliFixture {
  const fixture: BuiltCliFixture = {
    server: undefined as unknown as MockServer,
    dir: '',
    run: (args, stdin) => cli(args, { url: fixture.server.url, ...(stdin === undefined ? {} : { stdin }) }),
  };
  beforeAll(async () => {
    requireBuiltCli();
    fixture.dir = mkdtempSync(join(tmpdir(), 'j1-cli-test-'));
    fixture.server = await startMockServer({
      apiKey: API_KEY,
      accountId: ACCOUNT_ID,
      tokens: [
        { id: seeded(1), name: 'to-rotate', category: 'ci', policy: ALLOW_ALL },
        { id: seeded(2), name: 'bulk-a', policy: ALLOW_ALL },
        { id: seeded(3), name: 'bulk-b', policy: ALLOW_ALL },
      ],
      integrationInstances: [{ id: 'instance-1', name: 'GitHub' }],
      groups: [{ id: 'group-eng', name: 'Engineers', permissions: ['readGraph'], queryPolicy: [{ _type: ['github_repo'] }] }],
    });
  });
  afterAll(async () => {
    await fixture.server?.close();
    if (fixture.dir !== '') rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
