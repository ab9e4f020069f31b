/**
 * Integration API keys (sync-only, one integration instance): `integration-keys create|list|revoke`.
 * @module
 */
import { collect } from '../../resources/paginate.js';
import { SECRET_FILE_OPTIONS } from '../args.js';
import type { Command } from '../context.js';
import { humanDate, integrationKeyJson, keyValues, printJson, table } from '../format.js';
import { createWithSecretFile, secretLines } from '../secret-output.js';

const KEY_JSON_DOC = '{ tokenId, createdAt (ISO), expiresAt (ISO|null) }';

/** `integration-keys create INSTANCE_ID`. */
export const integrationKeysCreateCommand: Command = {
  name: 'integration-keys create',
  summary: 'Create an integration API key for an integration instance (secret shown once)',
  usage: 'integration-keys create INSTANCE_ID [--secret-file PATH [--force]]',
  help: `Creates an integration API key: it can only synchronize data in that integration
instance's scope. The instance must have at least one configuration. The secret is printed
once, or written to --secret-file (mode 0600) and then not printed.

Options:
  --secret-file PATH       Write the secret to PATH (mode 0600) instead of printing it.
  --force                  Replace PATH if it exists (default: refuse).

--json output:
  { tokenId, instanceId, createdAt (ISO), expiresAt (ISO|null), secret, secretFile }
  (secret is null when --secret-file is used)`,
  options: { ...SECRET_FILE_OPTIONS },
  positionals: { min: 1, max: 1, name: 'INSTANCE_ID' },
  async run(ctx, { values, positionals }) {
    const instanceId = positionals[0] ?? '';
    const client = await ctx.client();
    const { key, file } = await createWithSecretFile(
      ctx,
      values,
      () => client.integrationKeys.create(instanceId, ctx.call),
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
  usage: 'integration-keys revoke TOKEN_ID',
  help: `Revokes one integration API key. An unknown TOKEN_ID is an error (NOT_FOUND, exit code 1).

--json output:
  { tokenId, revoked: true }`,
  options: {},
  positionals: { min: 1, max: 1, name: 'TOKEN_ID' },
  async run(ctx, { positionals }) {
    const client = await ctx.client();
    const result = await client.integrationKeys.revoke(positionals[0] ?? '', ctx.call);
    if (ctx.globals.json) printJson(ctx.io.stdout, { tokenId: result.tokenId, revoked: true });
    else ctx.io.stdout.write(`Revoked integration API key ${result.tokenId}\n`);
    return 0;
  },
};
