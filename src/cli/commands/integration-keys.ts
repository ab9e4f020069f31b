/**
 * Integration API keys (sync-only, one integration instance): `integration-keys create|list|revoke`.
 * @module
 */
import { collect } from '../../resources/paginate.js';
import { SECRET_FILE_OPTIONS } from '../args.js';
import { UsageError, type Command } from '../context.js';
import { humanDate, integrationKeyJson, keyValues, printJson, table } from '../format.js';
import { createWithSecretFile, secretLines } from '../secret-output.js';
import { AUDIT_LOG_HELP, AUDIT_LOG_OPTIONS, auditError, createIntegrationKeyLogged, openAuditLog } from '../audit-log.js';
import { createIntoEnvFile, ENV_FILE_HELP, ENV_FILE_OPTIONS } from '../integration-env.js';

const KEY_JSON_DOC = '{ tokenId, createdAt (ISO), expiresAt (ISO|null) }';

/** `integration-keys create INSTANCE`. */
export const integrationKeysCreateCommand: Command = {
  name: 'integration-keys create',
  summary: 'Create an integration API key for an integration instance (secret shown once)',
  usage: 'integration-keys create INSTANCE [--secret-file PATH [--force] | --env-file PATH [--rotate]] [--audit-log FILE]',
  help: `Creates an integration API key: it can only synchronize data in that integration
instance's scope. The instance must have at least one configuration. The secret is printed
once, or written to --secret-file (mode 0600) or --env-file and then not printed.
INSTANCE is an instance id, or a name: several instances with that name are an error
listing their ids.

Options:
  --secret-file PATH       Write the secret to PATH (mode 0600) instead of printing it.
  --force                  Replace PATH if it exists (default: refuse).
${ENV_FILE_HELP}
${AUDIT_LOG_HELP}

Examples:
  j1-api-keys integration-keys create "GitHub" --env-file .env
  j1-api-keys integration-keys create "GitHub" --env-file .env --rotate

--json output:
  { tokenId, instanceId, createdAt (ISO), expiresAt (ISO|null), secret, secretFile }
  (secret is null when --secret-file or --env-file is used; with --env-file also
  envFile (absolute path) and replacedTokenId (the key --rotate revoked, or null))`,
  options: { ...SECRET_FILE_OPTIONS, ...ENV_FILE_OPTIONS, ...AUDIT_LOG_OPTIONS },
  positionals: { min: 1, max: 1, name: 'INSTANCE' },
  async run(ctx, { values, positionals }) {
    const instanceArg = positionals[0] ?? '';
    const audit = await openAuditLog(ctx, values);
    const client = await ctx.client();
    if (values['env-file'] !== undefined) {
      const done = await createIntoEnvFile(ctx, client, audit, instanceArg, values);
      if (ctx.globals.json) {
        printJson(ctx.io.stdout, {
          ...integrationKeyJson(done.key),
          instanceId: done.instance.id,
          secret: null,
          secretFile: null,
          envFile: done.path,
          replacedTokenId: done.replaced,
        });
      } else {
        ctx.io.stdout.write(
          `Created integration API key ${done.key.tokenId} (sync-only) for ${done.instance.name} (${done.instance.id})\n` +
            `Wrote ${done.path} (mode 0600): JUPITERONE_API_KEY, JUPITERONE_ACCOUNT, INTEGRATION_INSTANCE_ID, JUPITERONE_API_BASE_URL.\n` +
            (done.replaced === null ? '' : `Revoked the key it held before: ${done.replaced}\n`),
        );
      }
      return 0;
    }
    for (const envOnly of ['rotate', 'api-base-url']) {
      if (values[envOnly] !== undefined) throw new UsageError(`--${envOnly} needs --env-file PATH`);
    }
    const instanceId = (await client.integrationInstances.find(instanceArg, ctx.call)).id;
    const { key, file } = await createWithSecretFile(
      ctx,
      values,
      () => createIntegrationKeyLogged(client, audit, instanceId, ctx.call),
      (k) => ({ id: k.tokenId, secret: k.token, revoke: () => client.integrationKeys.revoke(k.tokenId) }),
    );
    if (ctx.globals.json) {
      printJson(ctx.io.stdout, {
        ...integrationKeyJson(key),
        instanceId,
        secret: file === undefined ? key.token : null,
        secretFile: file ?? null,
      });
    } else {
      ctx.io.stdout.write(
        `Created integration API key ${key.tokenId} (sync-only)\n` +
          keyValues([
            ['instance', instanceId],
            ['created', humanDate(key.createdAt)],
            ['expires', humanDate(key.expiresAt)],
          ]) +
          secretLines(key.token, file),
      );
    }
    return 0;
  },
};

/** `integration-keys list INSTANCE_ID`. */
export const integrationKeysListCommand: Command = {
  name: 'integration-keys list',
  summary: "List an integration instance's API keys",
  usage: 'integration-keys list INSTANCE_ID',
  help: `Lists the active integration API keys of one integration instance (never their secrets).

--json output: an array of
  ${KEY_JSON_DOC}`,
  options: {},
  positionals: { min: 1, max: 1, name: 'INSTANCE_ID' },
  async run(ctx, { positionals }) {
    const instanceId = positionals[0] ?? '';
    const client = await ctx.client();
    const keys = await collect(client.integrationKeys.list(instanceId, {}, ctx.call));
    if (ctx.globals.json) printJson(ctx.io.stdout, keys.map(integrationKeyJson));
    else if (keys.length === 0) ctx.io.stdout.write(`No integration API keys for instance ${instanceId}.\n`);
    else
      ctx.io.stdout.write(
        table(
          ['TOKEN ID', 'CREATED', 'EXPIRES'],
          keys.map((k) => [k.tokenId, humanDate(k.createdAt), humanDate(k.expiresAt)]),
        ),
      );
    return 0;
  },
};

/** `integration-keys revoke TOKEN_ID`. */
export const integrationKeysRevokeCommand: Command = {
  name: 'integration-keys revoke',
  summary: 'Revoke an integration API key',
  usage: 'integration-keys revoke TOKEN_ID [--audit-log FILE]',
  help: `Revokes one integration API key. An unknown TOKEN_ID is an error (NOT_FOUND, exit code 1).

Options:
${AUDIT_LOG_HELP}

--json output:
  { tokenId, revoked: true }`,
  options: { ...AUDIT_LOG_OPTIONS },
  positionals: { min: 1, max: 1, name: 'TOKEN_ID' },
  async run(ctx, { values, positionals }) {
    const tokenId = positionals[0] ?? '';
    const audit = await openAuditLog(ctx, values);
    const client = await ctx.client();
    let result: { readonly tokenId: string };
    try {
      result = await client.integrationKeys.revoke(tokenId, ctx.call);
    } catch (error) {
      await audit.record({ action: 'integration-key-revoke', keyId: tokenId, name: null, outcome: 'failed', error: auditError(error) });
      throw error;
    }
    await audit.record({ action: 'integration-key-revoke', keyId: tokenId, name: null, outcome: 'ok' });
    if (ctx.globals.json) printJson(ctx.io.stdout, { tokenId: result.tokenId, revoked: true });
    else ctx.io.stdout.write(`Revoked integration API key ${result.tokenId}\n`);
    return 0;
  },
};
