/**
 * The one place where a newly created secret leaves the process: written to `--secret-file`
 * (mode 0600, then never printed) or printed once on stdout.
 * @module
 */
import { flag, stringOption, type OptionValues } from './args.js';
import { CliError, UsageError, type CommandContext } from './context.js';
import { prepareSecretFile, type PendingSecretFile } from './secret-file.js';

/** Opens `--secret-file` (if given) before anything is created; see `prepareSecretFile`. */
export async function openSecretFile(ctx: CommandContext, values: OptionValues): Promise<PendingSecretFile | undefined> {
  const path = stringOption(values, 'secret-file');
  if (path === undefined) {
    if (flag(values, 'force')) throw new UsageError('--force only applies to --secret-file');
    return undefined;
  }
  return prepareSecretFile(ctx.resolvePath(path), flag(values, 'force'));
}

/**
 * Writes the secret to the pending file. If that fails, the new key is revoked with `revoke`
 * (an unusable key must not stay live) and a `SECRET_NOT_STORED` error says what happened.
 */
export async function writeSecretOrRevoke(
  pending: PendingSecretFile,
  secret: string,
  keyId: string,
  revoke: () => Promise<unknown>,
): Promise<void> {
  try {
    await pending.write(secret);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    try {
      await revoke();
    } catch {
      throw new CliError('SECRET_NOT_STORED', `${why}; the new key ${keyId} could not be revoked either: revoke it by hand`, {
        cause: error,
      });
    }
    throw new CliError('SECRET_NOT_STORED', `${why}; the new key ${keyId} was revoked, so nothing is left behind. Try again`, {
      cause: error,
    });
  }
}

/** What {@link createWithSecretFile} needs to know about a created key. */
export interface CreatedSecret {
  readonly id: string;
  readonly secret: string;
  /** Revokes the key (used when its secret cannot be stored). */
  readonly revoke: () => Promise<unknown>;
}

/**
 * Opens `--secret-file` first (so a bad path costs no key), runs `create`, registers the secret
 * for scrubbing and writes it to the file (revoking the key if that fails).
 * Returns the key and the file the secret went to (`undefined`: print it once).
 */
export async function createWithSecretFile<K>(
  ctx: CommandContext,
  values: OptionValues,
  create: () => Promise<K>,
  describe: (key: K) => CreatedSecret,
): Promise<{ key: K; file: string | undefined }> {
  const pending = await openSecretFile(ctx, values);
  let key: K;
  try {
    key = await create();
  } catch (error) {
    await pending?.discard();
    throw error;
  }
  const { id, secret, revoke } = describe(key);
  ctx.addSecret(secret);
  if (pending !== undefined) await writeSecretOrRevoke(pending, secret, id, revoke);
  return { key, file: pending?.path };
}

/**
 * Prints the output of a create, whose text holds (or names the file of) a secret that exists
 * nowhere else: `render` builds it; if anything in it fails (an unreadable J1 value, a bug), the
 * secret is still handed over by `minimal` (id and secret only) before the failure is reported.
 * Resolves to the exit code: 0, or 1 after the fallback (the key exists and its secret was shown).
 */
export function handOverSecret(ctx: CommandContext, render: () => string, minimal: () => string): number {
  let text: string;
  try {
    text = render();
  } catch (error) {
    ctx.io.stdout.write(minimal());
    const why = error instanceof Error ? error.message : String(error);
    ctx.io.stderr.write(`error OUTPUT: the key was created and its secret is above, but the rest of the output failed (${why})\n`);
    return 1;
  }
  ctx.io.stdout.write(text);
  return 0;
}

/** The human-readable lines that hand over a secret (or say where it went). */
export function secretLines(secret: string, file: string | undefined): string {
  if (file !== undefined) return `\nSecret written to ${file} (mode 0600). It is not shown here.\n`;
  return `\nSecret (shown once, J1 never shows it again; store it now):\n${secret}\n`;
}
