import { describe, expect, it } from 'vitest';
import { resolvePolicy } from './policy.ts';
import { DAY_MS, HOUR_MS, keepNoticePeriod } from './schedule.ts';

const t0 = Date.UTC(2026, 10, 1, 5, 0, 0);
const schedule = { votingOpensAt: t0 + 10 * DAY_MS, votingClosesAt: t0 + 17 * DAY_MS };

describe('keepNoticePeriod', () => {
  it('keeps the schedule when notices went out on time or within the grace', () => {
    const policy = resolvePolicy();
    expect(keepNoticePeriod(policy, t0, schedule)).toBeNull();
    expect(keepNoticePeriod(policy, t0 + 24 * HOUR_MS, schedule)).toBeNull();
  });

  it('moves the vote by the delay past the grace, keeping its length', () => {
    const policy = resolvePolicy();
    const delivered = t0 + 24 * HOUR_MS + 1;
    expect(keepNoticePeriod(policy, delivered, schedule)).toEqual({
      votingOpensAt: delivered + 10 * DAY_MS,
      votingClosesAt: delivered + 17 * DAY_MS,
    });
  });

  it('with no grace, any delay moves the vote', () => {
    const policy = resolvePolicy({ noticeDeliveryGraceHours: 0 });
    expect(keepNoticePeriod(policy, t0 + 1, schedule)?.votingOpensAt).toBe(t0 + 1 + 10 * DAY_MS);
  });

  it('a policy without a notice period never moves the vote', () => {
    const policy = resolvePolicy({ noticeDays: 0, noticeDeliveryGraceHours: 0 });
    expect(keepNoticePeriod(policy, t0 + 30 * DAY_MS, schedule)).toBeNull();
  });

  it('a stored policy from before the grace existed defaults to 24 hours', () => {
    const { noticeDeliveryGraceHours: _, ...legacy } = resolvePolicy();
    expect(keepNoticePeriod(legacy, t0 + 23 * HOUR_MS, schedule)).toBeNull();
    expect(keepNoticePeriod(legacy, t0 + 25 * HOUR_MS, schedule)).not.toBeNull();
  });
});
