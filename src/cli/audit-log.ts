/**
 * `--audit-log FILE`: one JSON line per create / revoke / rotate / run the CLI performs,
 * `{ time, action, keyId, name, outcome, … }`, appended to FILE (created with mode 0600).
 * Never a secret: every line is built from ids and names only and is scrubbed again before it
 * is written.
 * @module
 */
import { appendFile, lstat } from 'node:fs/promises';
import type { CallOptions, IntegrationKey, JupiterOneClient } from '../index.js';
import { stringOption, type OptionSpecs, type OptionValues } from './args.js';
import { CliError, UsageError, type CommandContext } from './context.js';

/** The `--audit-log FILE` option. */
export const AUDIT_LOG_OPTIONS: OptionSpecs = { 'audit-log': { type: 'string' } };

/** Help lines of `--audit-log`. */
export const AUDIT_LOG_HELP = `  --audit-log FILE         Append one JSON line per action (create, revoke, rotate, run) to
                           FILE (created 0600): { time, action, keyId, name, outcome, ... }.
                           outcome is ok or failed. Never holds a secret.`;

/** What an audit line records. */
export interface AuditEntry {
  /** `create`, `revoke`, `rotate`, `run`, `integration-key-create`, … */
  readonly action: string;
  /** The key acted on (for `rotate`, the old key; the new one is `newKeyId`), or `null`. */
  readonly keyId: string | null;
  /** The key's name, or `null` when J1 gives it none (integration keys). */
  readonly name: string | null;
  /** `ok` or `failed`. */
  readonly outcome: 'ok' | 'failed';
  /** Further facts: `newKeyId`, `instanceId`, `error` (a code), `exitCode`, `dryRun`. */
  readonly [extra: string]: string | number | boolean | null;
}

/** Appends audit lines; a no-op when `--audit-log` is not given. */
export interface AuditLog {
  /** Appends one line. A failed write is reported on stderr and never stops the command. */
  record(entry: AuditEntry): Promise<void>;
}

const errno = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'write failed';
};

/**
 * Opens `--audit-log` (if given): checks now, before anything is created, that FILE is a regular
 * file (or can be created) and can be appended to.
 */
export async function openAuditLog(ctx: CommandContext, values: OptionValues): Promise<AuditLog> {
  const given = stringOption(values, 'audit-log');
  if (given === undefined) return { record: () => Promise.resolve() };
  if (given.trim() === '') throw new UsageError('--audit-log must not be empty (give a file path)');
  const path = ctx.resolvePath(given);
  const existing = await lstat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    throw new CliError('FILE_ERROR', `--audit-log ${path} is not a regular file. Fix: give the path of a file; nothing was created`);
  }
  try {
    await appendFile(path, '', { mode: 0o600 });
  } catch (error) {
    throw new CliError('FILE_ERROR', `cannot append to --audit-log ${path} (${errno(error)}); nothing was created`);
  }
  return {
    async record(entry) {
      const line = ctx.redact(JSON.stringify({ time: new Date().toISOString(), ...entry }));
      try {
        await appendFile(path, `${line}\n`, { mode: 0o600 });
      } catch (error) {
        ctx.io.stderr.write(`warning: could not append to --audit-log ${path} (${errno(error)}): ${line}\n`);
      }
    },
  };
}

/** The error code of `error` for an audit line. */
export function auditError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

/**
 * `integrationKeys.create` with its action-log line: `ok` with the new key's id, or `failed` with
 * the error's code (rethrown). The secret never reaches the log.
 */
export async function createIntegrationKeyLogged(
  client: JupiterOneClient,
  audit: AuditLog,
  instanceId: string,
  call: CallOptions | undefined,
): Promise<IntegrationKey> {
  try {
    const key = await client.integrationKeys.create(instanceId, call);
    await audit.record({ action: 'integration-key-create', keyId: key.tokenId, name: null, outcome: 'ok', instanceId });
    return key;
  } catch (error) {
    await audit.record({
      action: 'integration-key-create',
      keyId: null,
      name: null,
      outcome: 'failed',
      instanceId,
      error: auditError(error),
    });
    throw error;
  }
}
