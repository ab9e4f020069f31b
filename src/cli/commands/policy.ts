/**
 * Policy documents, offline: `policy check`, `policy build`. Neither needs configuration.
 * @module
 */
import { describePolicy, parsePolicy, safeParsePolicy, type PolicyDocument } from '../../index.js';
import { flag, policySource, POLICY_OPTIONS } from '../args.js';
import type { Command } from '../context.js';
import { printJson, safeText } from '../format.js';
import { readPolicyText } from '../policy-input.js';
import { POLICY_FLAGS_HELP } from './tokens.js';

/** `policy check FILE|-`: validates, lists every issue with its path, or describes the policy. */
export const policyCheckCommand: Command = {
  name: 'policy check',
  summary: 'Validate a policy document (every problem with its path)',
  usage: 'policy check FILE|- [--strict]',
  help: `Validates a policy document read from FILE, from stdin (-), or given inline (an argument
that starts with '{'). Offline: nothing is sent to J1.

Valid: prints "valid: " and the policy in plain English; exit code 0.
Invalid: prints every problem as "PATH: message" (PATH like
permissions[0].condition.queryFilters[1]._type, "(root)" for the whole document) on stdout,
and "error POLICY_INVALID: ..." on stderr; exit code 1.

Options:
  --strict                 Also reject actions that are not known J1 actions.

--json output:
  { valid: true, description, policy }            (policy: the normalized document)
  { valid: false, issues: [{ path, message }] }   (path "" is the whole document)`,
  options: { strict: { type: 'boolean' } },
  positionals: { min: 1, max: 1, name: 'FILE (or - for stdin)' },
  async run(ctx, { values, positionals }) {
    const { text, origin } = await readPolicyText(ctx, positionals[0] ?? '-');
    const result = safeParsePolicy(text, { strict: flag(values, 'strict') });
    if (result.success) {
      const description = describePolicy(result.document);
      if (ctx.globals.json) printJson(ctx.io.stdout, { valid: true, description, policy: result.document });
      else ctx.io.stdout.write(`valid: ${safeText(description)}\n`);
      return 0;
    }
    const issues = result.error.issues.map((i) => ({ path: i.path, message: ctx.words(i) }));
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    if (ctx.globals.json) {
      printJson(ctx.io.stdout, { valid: false, issues });
    } else {
      ctx.io.stdout.write(`invalid: ${count} in ${safeText(origin)}\n`);
      for (const issue of issues) ctx.io.stdout.write(`  ${safeText(issue.path || '(root)')}: ${safeText(issue.message)}\n`);
    }
    ctx.io.stderr.write(`error POLICY_INVALID: ${safeText(origin)} is not a valid policy (${count})\n`);
    return 1;
  },
};

/** `policy build`: the policy flags of `create`, turned into a document and its description. */
export const policyBuildCommand: Command = {
  name: 'policy build',
  summary: 'Build a policy from flags; print its JSON and its plain-English description',
  usage: 'policy build (--allow [ACTIONS] [--resources R] [--query-filter F]... | --policy FILE|JSON|-)',
  help: `Builds a policy from the same flags as create and prints it. Offline.

The JSON document goes to stdout and the plain-English description to stderr, so
  j1-api-keys policy build --allow --query-filter _type=github_repo > policy.json
writes a file that create --policy policy.json accepts. With --policy, the given document
is validated and printed normalized.

${POLICY_FLAGS_HELP}

--json output:
  { policy, description, text }   (text: the normalized document as compact JSON, what
  create sends for a built policy; create sends a --policy document's own text as given)`,
  options: { ...POLICY_OPTIONS },
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx, { values }) {
    const source = policySource(values);
    const strict = flag(values, 'strict');
    const document: PolicyDocument =
      source.kind === 'builder' ? source.builder.build() : parsePolicy((await readPolicyText(ctx, source.from)).text, { strict });
    const description = describePolicy(document);
    if (ctx.globals.json) {
      printJson(ctx.io.stdout, { policy: document, description, text: JSON.stringify(document) });
    } else {
      printJson(ctx.io.stdout, document);
      ctx.io.stderr.write(`${safeText(description)}\n`);
    }
    return 0;
  },
};
