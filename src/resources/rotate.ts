import type { CallOptions } from '../client/call-options.js';
import { InvalidArgumentError, JupiterOneError, RotationError } from '../client/errors.js';
import type { CreatedToken, Token } from './token.js';

/** Options of `tokens.rotate`. */
export interface RotateOptions {
  /** Called with the new key before the old one is revoked: store its secret here. If it throws, the new key is revoked and the old one kept. */
  readonly onCreated: (newKey: CreatedToken) => unknown;
  /** Name of the new key. Default: the old key's name. */
  readonly name?: string | undefined;
  /**
   * When the new key expires: a `Date` or epoch ms, or `null` for a key that does not expire.
   * Default: the old key's expiry, so rotating never extends a key's life. (A key with an expiry
   * is created without a category: J1's input for expiring keys has none.)
   */
  readonly expiresAt?: Date | number | null | undefined;
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
  create(
    input: { name: string; category?: string | undefined; policy: string } | { name: string; policy: string; expiresAt: Date | number },
    options?: CallOptions,
  ): Promise<CreatedToken>;
  revoke(id: string, options?: CallOptions): Promise<Token>;
}

/** The new key's expiry (`undefined`: none); an expired old key is refused before anything is created. */
function newExpiry(old: Token, wanted: Date | number | null | undefined): Date | number | undefined {
  if (wanted === null) return undefined;
  if (wanted !== undefined) return wanted; // create() checks it
  // `null` is "never" (toExpiry in token.ts reads year 9000 on as that).
  const oldExpiry = old.expiresAt?.getTime();
  if (oldExpiry === undefined) return undefined;
  if (oldExpiry <= Date.now()) {
    throw new InvalidArgumentError(
      `key ${old.id} expired at ${new Date(oldExpiry).toISOString()}; pass { expiresAt } for the new key, or create a new key instead`,
      { field: 'id' },
    );
  }
  return oldExpiry;
}

/**
 * Rotates a key: read the old one, create a new one with the same policy, category and expiry, await
 * `onCreated(newKey)`, then revoke the old one. If `onCreated` throws, the new key is revoked, the
 * old one keeps working, and the error is rethrown: at every exit exactly one key is live.
 */
export async function rotateToken(deps: RotateDeps, id: string, rotate: RotateOptions, options?: CallOptions): Promise<RotateResult> {
  if (typeof rotate?.onCreated !== 'function') {
    throw new InvalidArgumentError('rotate needs { onCreated(newKey) } to store the new secret before the old key is revoked', {
      field: 'onCreated',
    });
  }
  const old = await deps.get(id, options);
  if (old.revoked)
    throw new InvalidArgumentError(`key ${old.id} is already revoked; create a new key instead of rotating`, { field: 'id' });
  if (old.rawPolicy === null)
    throw new InvalidArgumentError(`key ${old.id} has no policy to copy; create a new key instead`, { field: 'id' });
  const expiresAt = newExpiry(old, rotate.expiresAt);
  const name = rotate.name ?? old.name;
  const fresh = await deps.create(
    expiresAt === undefined
      ? { name, category: old.category ?? undefined, policy: old.rawPolicy }
      : { name, policy: old.rawPolicy, expiresAt },
    options,
  );
  try {
    await rotate.onCreated(fresh);
  } catch (error) {
    try {
      await deps.revoke(fresh.id);
    } catch (revokeError) {
      throw new RotationError(
        `onCreated failed and the new key ${fresh.id} could not be revoked: revoke it by hand. The old key ${old.id} is unchanged`,
        { oldId: old.id, newId: fresh.id, stage: 'revoke-new', cause: revokeError instanceof JupiterOneError ? revokeError : error },
      );
    }
    throw error;
  }
  try {
    await deps.revoke(old.id);
  } catch (revokeError) {
    throw new RotationError(
      `The new key ${fresh.id} is live and stored, but the old key ${old.id} could not be revoked: revoke it by hand`,
      { oldId: old.id, newId: fresh.id, stage: 'revoke-old', cause: revokeError },
    );
  }
  return Object.freeze({ oldId: old.id, newId: fresh.id });
}
