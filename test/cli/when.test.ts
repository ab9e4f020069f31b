import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/context.js';

const NOW = Date.UTC(2030, 5, 15, 8, 30);

describe('parseWhen (--expires-at)', () => {
  it.each([
    ['90m', NOW + 90 * 60_000],
    ['12h', NOW + 12 * 3_600_000],
    ['30d', NOW + 30 * 86_400_000],
    ['4w', NOW + 28 * 86_400_000],
    ['2031-01-31', Date.UTC(2031, 0, 31)],
    ['2031-01-31T12:00:00Z', Date.UTC(2031, 0, 31, 12)],
    ['2031-01-31T12:00:00+02:00', Date.UTC(2031, 0, 31, 10)],
    ['2031-01-31T12:00:00.250Z', Date.UTC(2031, 0, 31, 12, 0, 0, 250)],
    ['2032-02-29', Date.UTC(2032, 1, 29)],
  ])('%s', (value, expected) => {
    expect(parseWhen(value, 'expires-at', NOW)).toBe(expected);
  });

  it.each([
    '',
    '30',
    'd',
    '-1d',
    '1.5d',
    '30 days',
    '2031-13-45',
    '2031-02-30',
    '2031-04-31',
    '2030-02-29',
    '31/01/2031',
    'tomorrow',
    '2031-01-31T12:00:00Zjunk',
  ])('refuses %j with a UsageError naming the option, not the value', (value) => {
    let error: unknown;
    try {
      parseWhen(value, 'expires-at', NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^option --expires-at needs an ISO 8601 date/);
    if (value.length > 5) expect((error as Error).message).not.toContain(value); // shorter ones occur in the examples
  });

  it.each(['0m', '0d', '2030-06-15', '2001-01-01', '2030-06-15T08:30:00Z'])('refuses %j: not in the future', (value) => {
    expect(() => parseWhen(value, 'expires-at', NOW)).toThrow(new UsageError('option --expires-at must be in the future'));
  });
});
