/**
 * User groups and user-level API key access: `groups list|show|enable-api-keys|disable-api-keys`.
 * @module
 */
import { API_KEY_PERMISSION, type Group, type GroupChange, type GroupRef } from '../../index.js';
import { stringOption, type OptionValues } from '../args.js';
import { collect } from '../../resources/paginate.js';
import { UsageError, type Command, type CommandContext } from '../context.js';
import { groupJson, keyValues, printJson, table } from '../format.js';

const GROUP_JSON_DOC = '{ id, name, description, status, permissions, queryPolicy, apiKeyAccess }';
const GROUP_ARG = `GROUP is a group id or an exact (case-sensitive) group name; an id is tried first.
Or name it exactly one way: --id ID, or --name NAME (exactly one group must have it).`;

/** `--id` / `--name`: instead of GROUP, when a name could also be an id (or the other way round). */
const GROUP_OPTIONS = { id: { type: 'string' }, name: { type: 'string' } } as const;
const GROUP_POSITIONAL = { min: 0, max: 1, name: 'GROUP' } as const;

function groupDetails(group: Group): string {
  const access = group.permissions.includes(API_KEY_PERMISSION);
  return keyValues([
    ['id', group.id],
    ['name', group.name],
    ['description', group.description ?? '-'],
    ['status', group.status ?? '-'],
    ['api key access', access ? `yes (${API_KEY_PERMISSION})` : 'no'],
    ['permissions', group.permissions.length === 0 ? '(none)' : group.permissions.join(', ')],
    ['query policy', group.queryPolicy.length === 0 ? '(none)' : JSON.stringify(group.queryPolicy)],
  ]);
}

function groupArg(values: OptionValues, positionals: readonly string[]): GroupRef {
  const id = stringOption(values, 'id');
  const name = stringOption(values, 'name');
  const given = [positionals[0], id, name].filter((v) => v !== undefined);
  if (given.length === 0) throw new UsageError('missing GROUP (or --id ID, or --name NAME)');
  if (given.length > 1) throw new UsageError('give the group once: GROUP, --id ID or --name NAME');
  if ((given[0] ?? '').trim() === '')
    throw new UsageError(`${id !== undefined ? '--id' : name !== undefined ? '--name' : 'GROUP'} must not be empty`);
  if (id !== undefined) return { id };
  if (name !== undefined) return { name };
  return positionals[0] ?? '';
}

/** `groups list`. */
export const groupsListCommand: Command = {
  name: 'groups list',
  summary: 'List user groups and whether their users may create API keys',
  usage: 'groups list [--name-filter TEXT]',
  help: `Lists user groups, with whether each grants user-level API key access (${API_KEY_PERMISSION}).

Options:
  --name-filter TEXT       Only groups whose name contains TEXT.

--json output: an array of
  ${GROUP_JSON_DOC}`,
  options: { 'name-filter': { type: 'string' } },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const nameFilter = stringOption(values, 'name-filter');
    const client = await ctx.client();
    const groups = await collect(client.groups.list({ nameFilter }, ctx.call));
    if (ctx.globals.json) printJson(ctx.io.stdout, groups.map(groupJson));
    else if (groups.length === 0) ctx.io.stdout.write('No groups.\n');
    else
      ctx.io.stdout.write(
        table(
          ['ID', 'NAME', 'API KEYS', 'PERMISSIONS'],
          groups.map((g) => [g.id, g.name, g.permissions.includes(API_KEY_PERMISSION) ? 'yes' : 'no', g.permissions.join(',') || '-']),
        ),
      );
    return 0;
  },
};

/** `groups show GROUP`. */
export const groupsShowCommand: Command = {
  name: 'groups show',
  summary: 'Show a group, its permissions and whether its users may create API keys',
  usage: 'groups show GROUP | --id ID | --name NAME',
  help: `Shows one user group. ${GROUP_ARG}

--json output:
  ${GROUP_JSON_DOC}
  (apiKeyAccess: permissions include ${API_KEY_PERMISSION})`,
  options: GROUP_OPTIONS,
  positionals: GROUP_POSITIONAL,
  async run(ctx, { values, positionals }) {
    const client = await ctx.client();
    const group = await client.groups.get(groupArg(values, positionals), ctx.call);
    if (ctx.globals.json) printJson(ctx.io.stdout, groupJson(group));
    else ctx.io.stdout.write(groupDetails(group));
    return 0;
  },
};

function printChange(ctx: CommandContext, change: GroupChange, enabled: boolean): void {
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, { changed: change.changed, group: groupJson(change.group) });
    return;
  }
  const g = change.group;
  const what = enabled ? 'enabled' : 'disabled';
  ctx.io.stdout.write(
    change.changed
      ? `User API key access ${what} for group ${g.name} (${g.id}): ${API_KEY_PERMISSION} ${enabled ? 'added' : 'removed'}; other permissions and the query policy kept.\n`
      : `User API key access was already ${what} for group ${g.name} (${g.id}); nothing changed.\n`,
  );
}

const CHANGE_JSON_DOC = `--json output:
  { changed, group: ${GROUP_JSON_DOC} }
  (changed: false when the group was already in that state; nothing was written)`;

/** `groups enable-api-keys GROUP`. */
export const groupsEnableCommand: Command = {
  name: 'groups enable-api-keys',
  summary: "Let a group's users create their own API keys",
  usage: 'groups enable-api-keys GROUP | --id ID | --name NAME',
  help: `Adds the ${API_KEY_PERMISSION} permission ("API Key Management") to a group, keeping every
other permission and its query policy (J1 replaces what it is sent, so all of it is written
back). Nothing is written when the group already has it. ${GROUP_ARG}

${CHANGE_JSON_DOC}`,
  options: GROUP_OPTIONS,
  positionals: GROUP_POSITIONAL,
  async run(ctx, { values, positionals }) {
    const client = await ctx.client();
    printChange(ctx, await client.groups.enableApiKeyAccess(groupArg(values, positionals), ctx.call), true);
    return 0;
  },
};

/** `groups disable-api-keys GROUP`. */
export const groupsDisableCommand: Command = {
  name: 'groups disable-api-keys',
  summary: "Stop a group's users from creating API keys",
  usage: 'groups disable-api-keys GROUP | --id ID | --name NAME',
  help: `Removes the ${API_KEY_PERMISSION} permission from a group, keeping every other permission and
its query policy. Nothing is written when the group does not have it. ${GROUP_ARG}

${CHANGE_JSON_DOC}`,
  options: GROUP_OPTIONS,
  positionals: GROUP_POSITIONAL,
  async run(ctx, { values, positionals }) {
    const client = await ctx.client();
    printChange(ctx, await client.groups.disableApiKeyAccess(groupArg(values, positionals), ctx.call), false);
    return 0;
  },
};
