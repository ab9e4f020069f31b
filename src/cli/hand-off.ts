/**
 * `create --exec CMD` and `rotate ID --exec CMD`: the new secret goes to CMD's stdin, and only a
 * CMD that exits 0 makes the new key the live one. Every path ends with the keys it says are live.
 * @module
 */
import { RotationError, type CreatedToken, type CreateTokenInput, type JupiterOneClient } from '../index.js';
import { stringOption, type OptionSpecs, type OptionValues } from './args.js';
import { auditError, type AuditLog } from './audit-log.js';
import { CliError, UsageError, type CommandContext } from './context.js';
import { handOffSecret } from './exec.js';

/** The `--exec CMD` option. */
export const EXEC_OPTIONS: OptionSpecs = { exec: { type: 'string' } };

/** Help lines of `--exec`. */
export const EXEC_HELP = `  --exec CMD               Hand the new secret to CMD instead of printing it: CMD runs
                           through the shell with the secret on its STDIN (never in its
                           arguments or environment) and J1_KEY_ID, J1_KEY_NAME (and for
                           rotate J1_OLD_KEY_ID) in its environment, which is yours less
                           JUPITERONE_API_KEY. Only when CMD exits 0 is the new key kept
                           (and, for rotate, the old one revoked); if CMD fails or is
                           interrupted, the new key is revoked. Not with --secret-file.
                           Example: --exec 'gh secret set J1_API_KEY'`;

/** `--exec`'s value (checked), or `undefined`. */
export function execOption(values: OptionValues): string | undefined {
  const exec = stringOption(values, 'exec');
  if (exec === undefined) return undefined;
  if (exec.trim() === '') throw new UsageError('--exec must not be empty (give a shell command that reads the secret on stdin)');
  if (stringOption(values, 'secret-file') !== undefined) {
    throw new UsageError('--exec and --secret-file cannot be combined: the secret goes to one place');
  }
  return exec;
}

/** How many times, and how far apart, the old key's revoke is tried again after a failure. */
const REVOKE_OLD_RETRIES = 2;
const REVOKE_OLD_DELAY_MS = 1_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a rotation with `--exec` did. */
export interface HandOffRotation {
  readonly oldId: string;
  readonly newKey: CreatedToken;
  /** Set when the old key's revoke needed a retry. */
  readonly note?: string;
}

/**
 * A failed rotation: `live` lists the keys that work now (so the message can say which is live).
 */
export class RotationFailure extends CliError {
  /** Keys live after the failure. */
  readonly live: readonly string[];
  /** Creates the failure. */
  constructor(code: string, message: string, live: readonly string[], options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'RotationFailure';
    this.live = live;
  }
}

/** Creates a key, hands its secret to `exec`; a failed hand-off revokes it. */
export async function createAndHandOff(
  ctx: CommandContext,
  client: JupiterOneClient,
  audit: AuditLog,
  input: CreateTokenInput,
  exec: string,
): Promise<CreatedToken> {
  let key: CreatedToken;
  try {
    key = await client.tokens.create(input, ctx.call);
  } catch (error) {
    await audit.record({ action: 'create', keyId: null, name: input.name, outcome: 'failed', error: auditError(error) });
    throw error;
  }
  ctx.addSecret(key.secret);
  await audit.record({ action: 'create', keyId: key.id, name: key.name, outcome: 'ok' });
  try {
    await handOffSecret(ctx, exec, key.secret, { J1_KEY_ID: key.id, J1_KEY_NAME: key.name });
    return key;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    try {
      await client.tokens.revoke(key.id); // no signal: an interruption must not stop the clean-up
      await audit.record({ action: 'revoke', keyId: key.id, name: key.name, outcome: 'ok', reason: 'exec-failed' });
    } catch (revokeError) {
      await audit.record({ action: 'revoke', keyId: key.id, name: key.name, outcome: 'failed', error: auditError(revokeError) });
      throw new CliError('EXEC_FAILED', `${why}; the new key ${key.id} could not be revoked either and is live: revoke it by hand`, {
        cause: error,
      });
    }
    throw new CliError('EXEC_FAILED', `${why}; the new key ${key.id} was revoked, so nothing is left behind`, { cause: error });
  }
}

/** Options of {@link rotateAndHandOff}. */
export interface HandOffRotateOptions {
  readonly name?: string | undefined;
  readonly expiresAt?: number | undefined;
  readonly exec: string;
}

/**
 * Rotates `id`, handing the new secret to `exec` before the old key is revoked. Throws
 * {@link RotationFailure} naming the live key(s) on every failure.
 */
export async function rotateAndHandOff(
  ctx: CommandContext,
  client: JupiterOneClient,
  audit: AuditLog,
  id: string,
  options: HandOffRotateOptions,
): Promise<HandOffRotation> {
  let fresh: CreatedToken | undefined;
  let oldName: string | null = null;
  const fail = async (code: string, message: string, live: readonly string[], cause: unknown): Promise<never> => {
    await audit.record({
      action: 'rotate',
      keyId: id,
      name: oldName,
      outcome: 'failed',
      newKeyId: fresh?.id ?? null,
      live: live.join(','),
      error: code,
    });
    throw new RotationFailure(code, message, live, { cause });
  };
  try {
    const result = await client.tokens.rotate(
      id,
      {
        name: options.name,
        expiresAt: options.expiresAt,
        onCreated: async (key) => {
          fresh = key;
          ctx.addSecret(key.secret);
          await audit.record({ action: 'create', keyId: key.id, name: key.name, outcome: 'ok', rotating: id });
          await handOffSecret(ctx, options.exec, key.secret, { J1_KEY_ID: key.id, J1_KEY_NAME: key.name, J1_OLD_KEY_ID: id });
        },
      },
      ctx.call,
    );
    oldName = fresh?.name ?? null;
    await audit.record({ action: 'revoke', keyId: result.oldId, name: oldName, outcome: 'ok', rotatedTo: result.newId });
    await audit.record({ action: 'rotate', keyId: result.oldId, name: oldName, outcome: 'ok', newKeyId: result.newId });
    if (fresh === undefined) throw new CliError('INTERNAL', 'rotation finished without a new key');
    return { oldId: result.oldId, newKey: fresh };
  } catch (error) {
    if (error instanceof RotationFailure) throw error;
    const key = fresh;
    oldName = key?.name ?? null;
    const why = error instanceof Error ? error.message : String(error);
    if (key === undefined) {
      // Nothing was created (the old key could not be read, is not rotatable, or the create failed).
      return fail(auditError(error), `rotate ${id}: ${why}; ${id} is unchanged and live`, [id], error);
    }
    if (error instanceof RotationError && error.stage === 'revoke-old') {
      await audit.record({ action: 'revoke', keyId: id, name: oldName, outcome: 'failed', error: auditError(error.cause) });
      for (let attempt = 1; attempt <= REVOKE_OLD_RETRIES; attempt++) {
        await sleep(REVOKE_OLD_DELAY_MS * attempt);
        try {
          await client.tokens.revoke(id);
          await audit.record({ action: 'revoke', keyId: id, name: oldName, outcome: 'ok', rotatedTo: key.id, attempt: attempt + 1 });
          await audit.record({ action: 'rotate', keyId: id, name: oldName, outcome: 'ok', newKeyId: key.id });
          return { oldId: id, newKey: key, note: `the old key's revoke failed once and succeeded on try ${attempt + 1}` };
        } catch (retryError) {
          await audit.record({ action: 'revoke', keyId: id, name: oldName, outcome: 'failed', error: auditError(retryError) });
        }
      }
      return fail(
        'OLD_KEY_NOT_REVOKED',
        `rotate ${id}: the new key ${key.id} is live and was handed to --exec, but the old key ${id} could not be revoked and is ALSO live. Fix: j1-api-keys revoke ${id}`,
        [key.id, id],
        error,
      );
    }
    if (error instanceof RotationError && error.stage === 'revoke-new') {
      await audit.record({ action: 'revoke', keyId: key.id, name: key.name, outcome: 'failed', error: 'REVOKE_FAILED' });
      return fail(
        'NEW_KEY_NOT_REVOKED',
        `rotate ${id}: --exec failed and the new key ${key.id} could not be revoked: revoke it by hand (j1-api-keys revoke ${key.id}). The old key ${id} is unchanged and live`,
        [id, key.id],
        error,
      );
    }
    // The hand-off failed (or was interrupted) and the SDK revoked the new key.
    await audit.record({ action: 'revoke', keyId: key.id, name: key.name, outcome: 'ok', reason: 'exec-failed' });
    return fail(
      auditError(error),
      `rotate ${id}: ${why}; the new key ${key.id} was revoked and the old key ${id} is unchanged and live`,
      [id],
      error,
    );
  }
}
