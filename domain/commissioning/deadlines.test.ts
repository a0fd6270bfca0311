import { describe, expect, it } from 'vitest';
import { missingConditionsDueAt, pendingReminders } from './deadlines.ts';
import { DEFAULT_COMMISSIONING_POLICY, resolveCommissioningPolicy } from './policy.ts';

const P = DEFAULT_COMMISSIONING_POLICY;
const DAY = 24 * 60 * 60 * 1000;
/** Tuesday 24 Nov 2026, 14:00 in Tashkent. */
const FOUND = Date.UTC(2026, 10, 24, 9);

describe('missingConditionsDueAt', () => {
  it('ends with the 60th day, moved off a weekend', () => {
    // 60 days on is Saturday 23 Jan 2027; the term ends with Monday 25 Jan in Tashkent.
    expect(missingConditionsDueAt(P, FOUND)).toBe(Date.UTC(2027, 0, 25, 19));
  });

  it('ends with the day itself when it is a working day', () => {
    const p = resolveCommissioningPolicy({ deadlineDays: 1 });
    expect(missingConditionsDueAt(p, FOUND)).toBe(Date.UTC(2026, 10, 25, 19));
  });

  it('counts a fraction of a day exactly', () => {
    const p = resolveCommissioningPolicy({ deadlineDays: 0.5 });
    expect(missingConditionsDueAt(p, FOUND)).toBe(FOUND + DAY / 2);
  });
});

describe('pendingReminders', () => {
  const dueAt = Date.UTC(2027, 0, 25, 19);
  it('counts back from the deadline, earliest first, only those ahead', () => {
    expect(pendingReminders(P, { state: 'waiting', dueAt }, FOUND)).toEqual([
      { at: dueAt - 14 * DAY, daysBeforeDeadline: 14 },
      { at: dueAt - 3 * DAY, daysBeforeDeadline: 3 },
    ]);
    expect(pendingReminders(P, { state: 'waiting', dueAt }, dueAt - 14 * DAY)).toHaveLength(1);
  });

  it('reminds no one unless the application waits', () => {
    expect(pendingReminders(P, { state: 'checking', dueAt }, FOUND)).toEqual([]);
    expect(pendingReminders(P, { state: 'waiting', dueAt: null }, FOUND)).toEqual([]);
  });
});
