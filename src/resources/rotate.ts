import type { CallOptions } from '../client/call-context.js';
import { InvalidArgumentError, JupiterOneError, RotationError } from '../client/errors.js';
import type { CreatedToken, Token } from './token.js';

/** Options of `tokens.rotate`. */
export interface RotateOptions {
  /** Called with the new key before the old one is revoked: store its secret here. If it throws, the new key is revoked and the old one kept. */
  readonly onCreated: (newKey: CreatedToken) => unknown;
  /** Name of the new key. Default: the old key's name. */
  readonly name?: string | undefined;
}

/** What a rotation did. */
export interface RotateResult {
  /** The revoked key's id. */
  readonly oldId: string;
  /** The new key's id. */
  readonly newId: string;
}

/** The token operations a rotation needs. */
export interface RotateDeps {
  get(id: string, options?: CallOptions): Promise<Token>;
  create(input: { name: string; category?: string | undefined; policy: string }, options?: CallOptions): Promise<CreatedToken>;
  revoke(id: string, options?: CallOptions): Promise<Token>;
}

/**
 * Rotates a key: read the old one, create a new one with the same policy and category, await
 * `onCreated(newKey)`, then revoke the old one. If `onCreated` throws, the new key is revoked, the
 * old one keeps working, and the error is rethrown: at every exit exactly one key is live.
 */
export async function rotateToken(deps: RotateDeps, id: string, rotate: RotateOptions, options?: CallOptions): Promise<RotateResult> {
  if (typeof rotate?.onCreated !== 'function') {
    throw new InvalidArgumentError('onCreated', 'rotate needs { onCreated(newKey) } to store the new secret before the old key is revoked');
  }
  const old = await deps.get(id, options);
  if (old.revoked) throw new InvalidArgumentError('id', `key ${old.id} is already revoked; create a new key instead of rotating`);
  if (old.rawPolicy === null) throw new InvalidArgumentError('id', `key ${old.id} has no policy to copy; create a new key instead`);
  const fresh = await deps.create({ name: rotate.name ?? old.name, category: old.category ?? undefined, policy: old.rawPolicy }, options);
  try {
    await rotate.onCreated(fresh);
  } catch (error) {
    try {
      await deps.revoke(fresh.id);
    } catch (revokeError) {
      throw new RotationError(
        `onCreated failed and the new key ${fresh.id} could not be revoked: revoke it by hand. The old key ${old.id} is unchanged`,
        { oldId: old.id, newId: fresh.id, stage: 'revoke-new' },
        { cause: revokeError instanceof JupiterOneError ? revokeError : error },
      );
    }
    throw error;
  }
  try {
    await deps.revoke(old.id);
  } catch (revokeError) {
    throw new RotationError(
      `The new key ${fresh.id} is live and stored, but the old key ${old.id} could not be revoked: revoke it by hand`,
      { oldId: old.id, newId: fresh.id, stage: 'revoke-old' },
      { cause: revokeError },
    );
  }
  return Object.freeze({ oldId: old.id, newId: fresh.id });
}
