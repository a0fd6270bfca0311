import { describe, expect, it } from 'vitest';
import { DEFAULT_MEETING_POLICY, resolvePolicy } from './policy.ts';
import {
  appealWindowEnd,
  DAY_MS,
  HOUR_MS,
  protocolDeadline,
  reminderInstants,
  repeatSchedule,
  validateSchedule,
} from './schedule.ts';

const P = DEFAULT_MEETING_POLICY;
const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe('validateSchedule', () => {
  const opens = NOW + 10 * DAY_MS;

  it('voting may open exactly at the end of the notice period, not a millisecond earlier', () => {
    expect(validateSchedule(P, NOW, { votingOpensAt: opens, votingClosesAt: opens + 7 * DAY_MS })).toEqual(
      [],
    );
    expect(
      fields(validateSchedule(P, NOW, { votingOpensAt: opens - 1, votingClosesAt: opens + 7 * DAY_MS })),
    ).toEqual(['votingOpensAt']);
  });

  it('voting lasts 7 to 60 days inclusive', () => {
    const at = (length: number) =>
      fields(validateSchedule(P, NOW, { votingOpensAt: opens, votingClosesAt: opens + length }));
    expect(at(7 * DAY_MS)).toEqual([]);
    expect(at(60 * DAY_MS)).toEqual([]);
    expect(at(7 * DAY_MS - 1)).toEqual(['votingClosesAt']);
    expect(at(60 * DAY_MS + 1)).toEqual(['votingClosesAt']);
    expect(at(-DAY_MS)).toEqual(['votingClosesAt']);
  });

  it('reports every bad field, and treats non-dates as bad', () => {
    expect(
      fields(validateSchedule(P, NOW, { votingOpensAt: Number.NaN, votingClosesAt: Number.NaN })),
    ).toEqual(['votingOpensAt', 'votingClosesAt']);
  });

  it('honours a policy in fractions of a day (tests run meetings in seconds)', () => {
    const fast = resolvePolicy({ noticeDays: 2 / 86_400, votingMinDays: 5 / 86_400, votingMaxDays: 1 });
    expect(validateSchedule(fast, NOW, { votingOpensAt: NOW + 2500, votingClosesAt: NOW + 8000 })).toEqual(
      [],
    );
    expect(
      fields(validateSchedule(fast, NOW, { votingOpensAt: NOW + 1500, votingClosesAt: NOW + 5500 })),
    ).toEqual(['votingOpensAt', 'votingClosesAt']);
  });
});

describe('reminderInstants', () => {
  const s = { votingOpensAt: NOW, votingClosesAt: NOW + 7 * DAY_MS };

  it('fires the configured hours before the close, earliest first, without duplicates', () => {
    const policy = resolvePolicy({ reminderHoursBeforeClose: [24, 72, 24] });
    expect(reminderInstants(policy, s)).toEqual([
      s.votingClosesAt - 72 * HOUR_MS,
      s.votingClosesAt - 24 * HOUR_MS,
    ]);
  });

  it('drops reminders that would fall before voting opens or at its edges', () => {
    const short = { votingOpensAt: NOW, votingClosesAt: NOW + 48 * HOUR_MS };
    expect(reminderInstants(P, short)).toEqual([short.votingClosesAt - 24 * HOUR_MS]);
    const policy = resolvePolicy({ reminderHoursBeforeClose: [48, 0] });
    expect(reminderInstants(policy, short)).toEqual([]);
  });
});

describe('repeatSchedule', () => {
  it('gives a fresh notice period from the close and keeps the voting length', () => {
    const closedAt = NOW + 30 * DAY_MS;
    const original = { votingOpensAt: NOW, votingClosesAt: NOW + 14 * DAY_MS };
    expect(repeatSchedule(P, closedAt, original)).toEqual({
      votingOpensAt: closedAt + 10 * DAY_MS,
      votingClosesAt: closedAt + 24 * DAY_MS,
    });
  });

  it('clamps the length into the allowed range', () => {
    const closedAt = NOW;
    const tooShort = repeatSchedule(P, closedAt, { votingOpensAt: 0, votingClosesAt: DAY_MS });
    expect(tooShort.votingClosesAt - tooShort.votingOpensAt).toBe(7 * DAY_MS);
    const tooLong = repeatSchedule(P, closedAt, { votingOpensAt: 0, votingClosesAt: 90 * DAY_MS });
    expect(tooLong.votingClosesAt - tooLong.votingOpensAt).toBe(60 * DAY_MS);
    expect(validateSchedule(P, closedAt, tooShort)).toEqual([]);
  });
});

describe('protocolDeadline', () => {
  it('is the policy’s days after the decision', () => {
    expect(protocolDeadline(P, NOW)).toBe(NOW + 10 * DAY_MS);
    expect(protocolDeadline(resolvePolicy({ protocolDays: 3 }), NOW)).toBe(NOW + 3 * DAY_MS);
  });
});

describe('appealWindowEnd: calendar months in Asia/Tashkent (UTC+5)', () => {
  /** A Tashkent wall-clock time as an instant. */
  const tashkent = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h - 5);
  const end = (y: number, m: number, d: number, h = 12, months = 6) =>
    appealWindowEnd(resolvePolicy({ appealWindowMonths: months }), tashkent(y, m, d, h));

  it('keeps the day of the month when it exists', () => {
    expect(end(2026, 3, 15)).toBe(tashkent(2026, 9, 15));
    expect(end(2026, 11, 24, 9)).toBe(tashkent(2027, 5, 24, 9));
  });

  it('clamps to the last day of a shorter month', () => {
    expect(end(2026, 3, 31)).toBe(tashkent(2026, 9, 30));
    expect(end(2026, 12, 31)).toBe(tashkent(2027, 6, 30));
  });

  it('lands on 28 February in a common year and 29 February in a leap year', () => {
    expect(end(2026, 8, 31)).toBe(tashkent(2027, 2, 28));
    expect(end(2027, 8, 31)).toBe(tashkent(2028, 2, 29));
    expect(end(2027, 8, 29)).toBe(tashkent(2028, 2, 29));
    expect(end(2028, 2, 29, 12, 12)).toBe(tashkent(2029, 2, 28));
    expect(end(2028, 2, 29)).toBe(tashkent(2028, 8, 29));
  });

  it('counts from the Tashkent date, not the UTC one', () => {
    // 31 Aug 21:00 UTC is already 1 September 02:00 in Tashkent.
    const lateUtc = Date.UTC(2026, 7, 31, 21, 0);
    expect(appealWindowEnd(P, lateUtc)).toBe(tashkent(2027, 3, 1, 2));
  });
});
