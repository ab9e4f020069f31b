/**
 * `run --ttl 1h (--allow … | --policy FILE) -- CMD ARGS…`: runs CMD with a temporary API key.
 * @module
 */
import { basename } from 'node:path';
import { ENV, withTemporaryKey } from '../../index.js';
import { requiredOption, stringOption, POLICY_OPTIONS } from '../args.js';
import { AUDIT_LOG_HELP, AUDIT_LOG_OPTIONS, auditError, openAuditLog } from '../audit-log.js';
import { UsageError, type Command } from '../context.js';
import { exitCodeOf, runChild, type ChildExit } from '../exec.js';
import { parseAge } from '../rotate-bulk.js';
import { POLICY_FLAGS_HELP, resolvePolicy } from './tokens.js';

/** The region of a documented GraphQL endpoint (`https://graphql.eu.jupiterone.io/` → `eu`). */
function regionOf(endpoint: string): string | undefined {
  return /^(?:graphql|api)\.([a-z0-9-]+)\.jupiterone\.io$/.exec(new URL(endpoint).hostname)?.[1];
}

/** `run`. */
export const runCommand: Command = {
  name: 'run',
  summary: 'Run a command with a temporary API key that is revoked when it exits',
  usage: 'run --ttl AGE (--policy FILE|JSON|- | --allow [ACTIONS] ...) [--name NAME] [--audit-log FILE] -- CMD [ARGS...]',
  help: `Creates an account-level API key that expires after --ttl, runs CMD (no shell) with it in
${ENV.apiKey} (and the account in ${ENV.accountId} and ${ENV.accountIdLegacy}, the endpoint in
${ENV.endpoint}), and revokes the key as soon as CMD exits, whatever the outcome. SIGINT and
SIGTERM are forwarded to CMD. The exit code is CMD's (128 + signal number if a signal ended it).
If the key cannot be revoked, stderr says so: it then stops working at its expiry (--ttl), the
backstop. CMD's output is passed on with the key scrubbed from it.

Options:
  --ttl AGE                Lifetime of the key: 1m to 366d (90m, 12h, 7d, 4w). Required.
  --name NAME              Name of the key. Default: "j1-api-keys run CMD".
${AUDIT_LOG_HELP}

${POLICY_FLAGS_HELP}

Examples:
  j1-api-keys run --ttl 1h --allow -- npm run sync
  j1-api-keys run --ttl 15m --policy read-only.json -- ./report.sh --since 7d`,
  options: { ttl: { type: 'string' }, name: { type: 'string' }, ...POLICY_OPTIONS, ...AUDIT_LOG_OPTIONS },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, name: 'CMD' },
  async run(ctx, { values, positionals }) {
    const ttlMs = parseAge(requiredOption(values, 'ttl'), 'ttl');
    if (ttlMs < 60_000 || ttlMs > 366 * 86_400_000) throw new UsageError('--ttl must be from 1m to 366d');
    const [file, ...args] = positionals;
    if (file === undefined || file.trim() === '')
      throw new UsageError('missing CMD (write it after --: run --ttl 1h --allow -- CMD ARGS...)');
    const name = stringOption(values, 'name') ?? `j1-api-keys run ${basename(file)}`;
    if (name.trim() === '') throw new UsageError('--name must not be empty');
    const policy = await resolvePolicy(ctx, values);
    const audit = await openAuditLog(ctx, values);
    const client = await ctx.client();
    const region = regionOf(client.endpoint);
    let exit: ChildExit | undefined;
    let keyId: string | null = null;
    let revokeFailed = false;
    try {
      exit = await withTemporaryKey(
        {
          client,
          name,
          policy,
          ttlMs,
          onRevokeError: (error, key) => {
            revokeFailed = true;
            void audit.record({ action: 'revoke', keyId: key.id, name, outcome: 'failed', error: error.code });
            ctx.io.stderr.write(
              `warning: the temporary key ${key.id} could not be revoked (${error.code}); it stops working at ${key.expiresAt.toISOString()} (its --ttl), the backstop. Revoke it sooner: j1-api-keys revoke ${key.id}\n`,
            );
          },
        },
        async (key) => {
          keyId = key.id;
          ctx.addSecret(key.secret);
          await audit.record({ action: 'create', keyId: key.id, name, outcome: 'ok', expiresAt: key.expiresAt?.toISOString() ?? null });
          return runChild(ctx, file, args, {
            env: {
              [ENV.apiKey]: key.secret,
              [ENV.accountId]: client.accountId,
              [ENV.accountIdLegacy]: client.accountId,
              [ENV.endpoint]: client.endpoint,
              ...(region === undefined ? {} : { [ENV.region]: region }),
            },
            drop: region === undefined ? [ENV.region] : [],
          });
        },
      );
    } catch (error) {
      await audit.record({ action: 'run', keyId, name, outcome: 'failed', error: auditError(error) });
      throw error;
    }
    const code = exitCodeOf(exit);
    if (keyId !== null && !revokeFailed) await audit.record({ action: 'revoke', keyId, name, outcome: 'ok' }).catch(() => undefined);
    await audit.record({ action: 'run', keyId, name, outcome: code === 0 ? 'ok' : 'failed', exitCode: code });
    return code;
  },
};
