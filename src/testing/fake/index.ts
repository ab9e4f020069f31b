/**
 * The transport-neutral fake J1.
 * @packageDocumentation
 */
export { createFakeJ1 } from './create-fake.js';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_CURRENT_USER,
  DEFAULT_ENDPOINT,
  DEFAULT_PAGE_SIZE,
  DEFAULT_RATE_LIMIT,
  FAR_FUTURE_EXPIRES_AT,
  MAX_PAGE_SIZE,
} from './defaults.js';
export type * from './types.js';
