/**
 * `integration-keys create INSTANCE --env-file .env [--rotate]`: bootstrap of an integration
 * project. Writes the variables J1's integration SDK reads (facts file, "More facts from J1's own
 * clients and docs": `JUPITERONE_API_KEY`, `JUPITERONE_ACCOUNT` — not `_ACCOUNT_ID` —,
 * `INTEGRATION_INSTANCE_ID`, and `JUPITERONE_API_BASE_URL`, the REST base
 * `https://api.<region>.jupiterone.io`, not a GraphQL URL), plus `J1_INTEGRATION_KEY_ID` so that
 * a later `--rotate` knows which key to revoke (an integration key is revoked by its id, and the
 * file holds only the secret otherwise).
 * @module
 */
import { NotFoundError, type IntegrationInstanceInfo, type IntegrationKey, type JupiterOneClient } from '../index.js';
import { flag, stringOption, type OptionSpecs, type OptionValues } from './args.js';
import { auditError, createIntegrationKeyLogged, type AuditLog } from './audit-log.js';
import { CliError, UsageError, type CommandContext } from './context.js';
import { prepareEnvFile } from './env-file.js';

/** Options of the `--env-file` mode. */
export const ENV_FILE_OPTIONS: OptionSpecs = {
  'env-file': { type: 'string' },
  rotate: { type: 'boolean' },
  'api-base-url': { type: 'string' },
};

/** Help lines of the `--env-file` mode. */
export const ENV_FILE_HELP = `  --env-file PATH          Write the key into the dotenv file PATH for J1's integration SDK:
                           JUPITERONE_API_KEY, JUPITERONE_ACCOUNT, INTEGRATION_INSTANCE_ID,
                           JUPITERONE_API_BASE_URL (and J1_INTEGRATION_KEY_ID, for --rotate).
                           Other lines are kept byte for byte, no variable is duplicated,
                           the file ends up mode 0600; PATH must be a regular file (or not
                           exist). If the file cannot be written, the new key is revoked.
                           A file that already holds JUPITERONE_API_KEY needs --rotate.
  --rotate                 Replace the key in --env-file: create a new key, write the file,
                           then revoke the old key (J1_INTEGRATION_KEY_ID in the file).
  --api-base-url URL       JUPITERONE_API_BASE_URL to write. Default: the REST base of the
                           region in use, https://api.<region>.jupiterone.io.`;

/** The variable that records which integration key the file holds. */
export const KEY_ID_VAR = 'J1_INTEGRATION_KEY_ID';

/** The REST base for the integration SDK: from the GraphQL endpoint's region, else `--region` / env, else `us`. */
export function restBaseUrl(ctx: CommandContext, endpoint: string): string {
  const host = new URL(endpoint).hostname;
  const m = /^(?:graphql|api)\.([a-z0-9-]+)\.jupiterone\.io$/.exec(host);
  const region = m?.[1] ?? ctx.globals.region ?? ctx.io.env['JUPITERONE_REGION'] ?? 'us';
  return `https://api.${region}.jupiterone.io`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the `--env-file` mode did. */
export interface EnvFileResult {
  readonly key: IntegrationKey;
  readonly instance: IntegrationInstanceInfo;
  readonly path: string;
  /** The key replaced by `--rotate` (revoked). */
  readonly replaced: string | null;
}

/** Runs `integration-keys create INSTANCE --env-file PATH [--rotate]`. */
export async function createIntoEnvFile(
  ctx: CommandContext,
  client: JupiterOneClient,
  audit: AuditLog,
  instanceArg: string,
  values: OptionValues,
): Promise<EnvFileResult> {
  const given = stringOption(values, 'env-file') ?? '';
  if (given.trim() === '') throw new UsageError('--env-file must not be empty');
  if (stringOption(values, 'secret-file') !== undefined) throw new UsageError('--env-file and --secret-file cannot be combined');
  const baseUrl = stringOption(values, 'api-base-url') ?? restBaseUrl(ctx, client.endpoint);
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) throw new UsageError('--api-base-url must be an http(s) URL');
  const rotating = flag(values, 'rotate');
  const pending = await prepareEnvFile(ctx.resolvePath(given));
  const oldSecret = pending.values.get('JUPITERONE_API_KEY');
  const oldId = pending.values.get(KEY_ID_VAR);
  if (oldSecret !== undefined) ctx.addSecret(oldSecret);
  if (!rotating && oldSecret !== undefined && oldSecret !== '') {
    throw new CliError(
      'ENV_KEY_EXISTS',
      `${pending.path} already holds JUPITERONE_API_KEY. Fix: pass --rotate to replace it (the old key is revoked once the file is written); no key was created`,
    );
  }
  if (rotating && (oldSecret === undefined || oldSecret === '')) {
    throw new CliError('NOTHING_TO_ROTATE', `${pending.path} holds no JUPITERONE_API_KEY. Fix: drop --rotate; no key was created`);
  }
  if (rotating && (oldId === undefined || oldId === '')) {
    throw new CliError(
      'OLD_KEY_UNKNOWN',
      `${pending.path} has no ${KEY_ID_VAR} line, so the key it holds cannot be revoked after the rotation. Fix: find it with integration-keys list, revoke it, remove its line, then run without --rotate; no key was created`,
    );
  }
  const instance = await client.integrationInstances.find(instanceArg, ctx.call);
  const fileInstance = pending.values.get('INTEGRATION_INSTANCE_ID');
  if (rotating && fileInstance !== undefined && fileInstance !== instance.id) {
    throw new CliError(
      'INSTANCE_MISMATCH',
      `${pending.path} is for integration instance ${fileInstance}, not ${instance.id}. Fix: give that instance, or another --env-file; no key was created`,
    );
  }
  const key = await createIntegrationKeyLogged(client, audit, instance.id, ctx.call);
  ctx.addSecret(key.token);
  try {
    await pending.write({
      JUPITERONE_API_KEY: key.token,
      JUPITERONE_ACCOUNT: client.accountId,
      INTEGRATION_INSTANCE_ID: instance.id,
      JUPITERONE_API_BASE_URL: baseUrl,
      [KEY_ID_VAR]: key.tokenId,
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const kept = rotating ? ` The file is unchanged and its key ${oldId ?? ''} still works.` : '';
    try {
      await client.integrationKeys.revoke(key.tokenId); // no signal: the clean-up must run
      await audit.record({
        action: 'integration-key-revoke',
        keyId: key.tokenId,
        name: null,
        outcome: 'ok',
        reason: 'env-file-not-written',
      });
    } catch (revokeError) {
      await audit.record({
        action: 'integration-key-revoke',
        keyId: key.tokenId,
        name: null,
        outcome: 'failed',
        error: auditError(revokeError),
      });
      throw new CliError('SECRET_NOT_STORED', `${why}; the new key ${key.tokenId} could not be revoked either: revoke it by hand.${kept}`, {
        cause: error,
      });
    }
    throw new CliError('SECRET_NOT_STORED', `${why}; the new key ${key.tokenId} was revoked.${kept}`, { cause: error });
  }
  if (!rotating || oldId === undefined) return { key, instance, path: pending.path, replaced: null };
  for (let attempt = 1; ; attempt++) {
    try {
      await client.integrationKeys.revoke(oldId);
      await audit.record({ action: 'integration-key-revoke', keyId: oldId, name: null, outcome: 'ok', rotatedTo: key.tokenId });
      break;
    } catch (error) {
      if (error instanceof NotFoundError) {
        await audit.record({ action: 'integration-key-revoke', keyId: oldId, name: null, outcome: 'ok', note: 'already gone' });
        break;
      }
      await audit.record({ action: 'integration-key-revoke', keyId: oldId, name: null, outcome: 'failed', error: auditError(error) });
      if (attempt >= 3) {
        throw new CliError(
          'OLD_KEY_NOT_REVOKED',
          `${pending.path} now holds the new key ${key.tokenId}, but the old key ${oldId} could not be revoked and is ALSO live. Fix: j1-api-keys integration-keys revoke ${oldId}`,
          { cause: error },
        );
      }
      await sleep(1_000 * attempt);
    }
  }
  return { key, instance, path: pending.path, replaced: oldId };
}
