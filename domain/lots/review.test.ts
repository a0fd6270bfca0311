import { describe, expect, it } from 'vitest';
import { DEFAULT_LOT_POLICY, resolveLotPolicy } from './policy.ts';
import { reviewDeadline, reviewReminders } from './review.ts';

const DAY = 86_400_000;
const at = Date.UTC(2026, 11, 1, 5);

describe("the council's review clock", () => {
  it('is due the policy days after submission, reminded the policy days before, earliest first', () => {
    expect(reviewDeadline(at, DEFAULT_LOT_POLICY)).toBe(at + 14 * DAY);
    expect(reviewReminders(at, DEFAULT_LOT_POLICY)).toEqual([at + 9 * DAY, at + 13 * DAY]);
  });

  it('follows the configured policy, fractions of a day included, without duplicates', () => {
    const p = resolveLotPolicy({
      reviewDays: 4 / 86_400,
      reviewRemindersDays: [1 / 86_400, 2 / 86_400, 1 / 86_400],
    });
    expect(reviewDeadline(at, p)).toBe(at + 4000);
    expect(reviewReminders(at, p)).toEqual([at + 2000, at + 3000]);
    expect(() => resolveLotPolicy({ reviewDays: 1, reviewRemindersDays: [1] })).toThrow(RangeError);
    expect(() => resolveLotPolicy({ reviewDays: 0 })).toThrow(RangeError);
  });
});
