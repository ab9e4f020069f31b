/**
 * Random ids and secrets for the fake J1.
 * @packageDocumentation
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** A new key id (UUID v4). */
export function newId(): string {
  return randomUUID();
}

/** A new API key secret: `j1_` followed by 40 random base64url characters. */
export function newSecret(): string {
  return `j1_${randomBytes(30).toString('base64url')}`;
}
