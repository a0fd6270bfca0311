import { describe, expect, it } from 'vitest';
import { DEFAULT_APPEAL_POLICY, resolveAppealPolicy } from './policy.ts';

describe('appeal policy', () => {
  it('defaults follow ZRU-445 art. 28', () => {
    const p = DEFAULT_APPEAL_POLICY;
    expect([p.answerDays, p.studyMonths, p.extensionMonths, p.maxExtensions]).toEqual([15, 1, 1, 1]);
    expect([p.forwardingDays, p.proposalMonths, p.proposalNoticeDays]).toEqual([5, 1, 10]);
    expect(p.attachments).toEqual({
      maxFiles: 5,
      maxBytes: 10 * 1024 * 1024,
      types: ['image/jpeg', 'image/png', 'application/pdf'],
    });
  });

  it('layers overrides, merging nested groups, later layers winning', () => {
    const p = resolveAppealPolicy({ answerDays: 10, officeHours: { closesAtMinute: 17 * 60 } }, undefined, {
      answerDays: 0.5,
      attachments: { maxFiles: 2 },
      daysOff: { dates: ['2027-03-10'] },
    });
    expect(p.answerDays).toBe(0.5);
    expect(p.officeHours).toEqual({ opensAtMinute: 540, closesAtMinute: 1020 });
    expect(p.attachments.maxFiles).toBe(2);
    expect(p.attachments.maxBytes).toBe(DEFAULT_APPEAL_POLICY.attachments.maxBytes);
    expect(p.daysOff.dates).toEqual(['2027-03-10']);
    expect(p.daysOff.weekdays).toEqual([0, 6]);
    expect(DEFAULT_APPEAL_POLICY.answerDays).toBe(15);
  });
});
