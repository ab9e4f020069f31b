/**
 * `demo`: the `npm start` transcript (`runDemo` from `src/demo.ts`, loaded on demand).
 * @module
 */
import type { Command } from '../context.js';

/** `demo`: the same transcript as `npm start`. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the demo transcript against a local fake J1 (no account, no network)',
  usage: 'demo',
  help: `Runs the demo (the same as npm start): starts a local fake J1 on loopback, then creates a
key with a policy built by the builder, lists keys, revokes the new key and lists again,
printing each step. Needs no configuration; --json is ignored.`,
  options: {},
  positionals: { min: 0, max: 0, name: 'arguments' },
  async run(ctx) {
    const { runDemo } = await import('../../demo.js');
    await runDemo({ out: (line) => ctx.io.stdout.write(`${line}\n`) });
    return 0;
  },
};
