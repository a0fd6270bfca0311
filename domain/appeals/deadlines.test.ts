import { describe, expect, it } from 'vitest';
import { endOfTashkentDay } from '../calendar/working-days.ts';
import {
  addMonths,
  answerDeadline,
  type Deadline,
  daysTerm,
  disputeDeadline,
  extendDeadline,
  forwardingDeadline,
  isOverdue,
  proposalNoticeDeadline,
  registrationDay,
  reminderInstants,
} from './deadlines.ts';
import { DEFAULT_APPEAL_POLICY, resolveAppealPolicy } from './policy.ts';

const P = DEFAULT_APPEAL_POLICY;
const HOUR = 60 * 60 * 1000;
/** An instant given as Tashkent wall-clock time. */
const tk = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+05:00`);
const due = (lastDay: string): Deadline => ({ lastDay, endsAt: endOfTashkentDay(lastDay) });

describe('registration day [law, art. 23]', () => {
  it('is the day of receipt within office hours, and before opening', () => {
    expect(registrationDay(P, tk('2026-11-24', '10:00'))).toBe('2026-11-24');
    expect(registrationDay(P, tk('2026-11-24', '07:30'))).toBe('2026-11-24');
    expect(registrationDay(P, tk('2026-11-24', '17:59'))).toBe('2026-11-24');
  });

  it('moves to the next working day after hours, even near Tashkent midnight (UTC date differs)', () => {
    expect(registrationDay(P, tk('2026-11-24', '18:00'))).toBe('2026-11-25');
    expect(registrationDay(P, tk('2026-11-24', '23:30'))).toBe('2026-11-25');
    expect(registrationDay(P, tk('2026-11-27', '19:00'))).toBe('2026-11-30'); // Friday evening
  });

  it('moves off weekends and holidays', () => {
    expect(registrationDay(P, tk('2026-11-28', '11:00'))).toBe('2026-11-30'); // Saturday
    expect(registrationDay(P, tk('2026-12-08', '11:00'))).toBe('2026-12-09'); // Constitution Day
    expect(registrationDay(P, tk('2028-12-07', '18:30'))).toBe('2028-12-11'); // Thu after hours, holiday Fri
  });

  it('follows the configured hours', () => {
    const p = resolveAppealPolicy({ officeHours: { closesAtMinute: 17 * 60 } });
    expect(registrationDay(p, tk('2026-11-24', '17:10'))).toBe('2026-11-25');
  });
});

describe('month arithmetic', () => {
  it('clamps to the month end and knows leap years', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-01-29', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2027-03-31', 1)).toBe('2027-04-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('answer deadline [law, art. 28]', () => {
  it('15 days from the day after receipt, ending at Tashkent midnight', () => {
    const d = answerDeadline(P, 'complaint', tk('2026-11-02'));
    expect(d).toEqual({ lastDay: '2026-11-17', endsAt: Date.UTC(2026, 10, 17, 19) });
    expect(answerDeadline(P, 'application', tk('2026-11-02'))).toEqual(d);
  });

  it('counts from receipt even when registration comes later', () => {
    // Received Tuesday 23:30 Tashkent (18:30 UTC): day 15 is counted from Tuesday.
    expect(answerDeadline(P, 'complaint', tk('2026-11-03', '23:30')).lastDay).toBe('2026-11-18');
  });

  it('a term ending on a weekend or holiday moves to the next working day', () => {
    expect(answerDeadline(P, 'complaint', tk('2026-11-23')).lastDay).toBe('2026-12-09'); // 8 Dec
    expect(answerDeadline(P, 'complaint', tk('2026-11-06')).lastDay).toBe('2026-11-23'); // Sat 21
    expect(answerDeadline(P, 'complaint', tk('2028-03-06')).lastDay).toBe('2028-03-22'); // Navruz
  });

  it('up to a month with additional study, clamped to month ends in a leap year', () => {
    expect(answerDeadline(P, 'complaint', tk('2028-01-31'), true).lastDay).toBe('2028-02-29');
    expect(answerDeadline(P, 'application', tk('2027-01-31'), true).lastDay).toBe('2027-03-01'); // Sun 28 Feb
    expect(answerDeadline(P, 'application', tk('2026-11-24'), true).lastDay).toBe('2026-12-24');
  });

  it('proposals: a month; with more study the design term of two', () => {
    expect(answerDeadline(P, 'proposal', tk('2028-01-31')).lastDay).toBe('2028-02-29');
    expect(answerDeadline(P, 'proposal', tk('2028-01-31'), true).lastDay).toBe('2028-03-31');
    expect(proposalNoticeDeadline(P, tk('2026-11-24')).lastDay).toBe('2026-12-04');
  });

  it('counts fractions of a day exactly, off the calendar', () => {
    const p = resolveAppealPolicy({ answerDays: 10 / 86_400, studyMonths: 20 / 86_400 / 30 });
    const at = Date.parse('2026-11-28T23:59:55+05:00'); // a Saturday: no moving, ends after midnight
    expect(answerDeadline(p, 'complaint', at).endsAt).toBe(at + 10_000);
    expect(answerDeadline(p, 'complaint', at, true).endsAt).toBe(at + 20_000);
    expect(answerDeadline(p, 'complaint', at).lastDay).toBe('2026-11-29');
  });
});

describe('forwarding and dispute terms', () => {
  it('forwarding within 5 days [news (arts. 25, 28)]', () => {
    expect(forwardingDeadline(P, tk('2026-11-24')).lastDay).toBe('2026-11-30'); // Sun 29 → Mon
    expect(forwardingDeadline(P, tk('2026-11-23')).lastDay).toBe('2026-11-30'); // Sat 28 → Mon
    expect(forwardingDeadline(P, tk('2026-11-02')).lastDay).toBe('2026-11-09'); // Sat 7 → Mon
    expect(forwardingDeadline(P, tk('2026-11-03')).lastDay).toBe('2026-11-09'); // Sun 8 → Mon
    expect(forwardingDeadline(P, tk('2026-11-04')).lastDay).toBe('2026-11-09');
  });

  it('dispute period of 30 days [design]', () => {
    expect(disputeDeadline(P, tk('2026-11-24')).lastDay).toBe('2026-12-24');
    expect(daysTerm(P, tk('2026-11-24'), 0).lastDay).toBe('2026-11-24');
  });

  it('overdue from the instant the last day ends', () => {
    const d = due('2026-12-09');
    expect(isOverdue(d.endsAt - 1, d)).toBe(false);
    expect(isOverdue(d.endsAt, d)).toBe(true);
  });
});

describe('extension [law, art. 28]', () => {
  const now = tk('2026-11-30');
  const current = due('2026-12-09');
  const ok = { justification: 'laboratory test of the water', extensions: 0 };

  it('by default the longest allowed: a month beyond the current deadline, moved off days off', () => {
    expect(extendDeadline(P, current, ok, now)).toEqual({ ok: true, deadline: due('2027-01-11') }); // Sat 9
    expect(extendDeadline(P, due('2028-01-31'), ok, tk('2028-01-20'))).toEqual({
      ok: true,
      deadline: due('2028-02-29'),
    });
  });

  it('to a chosen day within the month', () => {
    const r = extendDeadline(P, current, { ...ok, lastDay: '2026-12-19' }, now); // Saturday
    expect(r).toEqual({ ok: true, deadline: due('2026-12-21') });
  });

  it('refuses a second extension, no justification, too late, too long, not later', () => {
    const refusal = (r: ReturnType<typeof extendDeadline>) => (r.ok ? null : r.refusal);
    expect(refusal(extendDeadline(P, current, { ...ok, extensions: 1 }, now))).toEqual({
      code: 'already_extended',
      extensions: 1,
    });
    expect(refusal(extendDeadline(P, current, { ...ok, justification: '  ' }, now))?.code).toBe(
      'justification_required',
    );
    expect(refusal(extendDeadline(P, current, ok, current.endsAt))?.code).toBe('deadline_passed');
    expect(refusal(extendDeadline(P, current, { ...ok, lastDay: '2027-01-12' }, now))).toEqual({
      code: 'extension_too_long',
      maxLastDay: '2027-01-11',
    });
    expect(refusal(extendDeadline(P, current, { ...ok, lastDay: '2026-12-09' }, now))?.code).toBe(
      'extension_not_later',
    );
  });

  it('a drill fraction extends exactly', () => {
    const p = resolveAppealPolicy({ extensionMonths: 30 / 86_400 / 30 });
    const r = extendDeadline(p, current, ok, now);
    expect(r.ok && r.deadline.endsAt).toBe(current.endsAt + 30_000);
  });
});

describe('reminders [design]', () => {
  it('72 and 24 hours before the deadline, dropping those already past', () => {
    const d = due('2026-12-09');
    expect(reminderInstants(P, tk('2026-11-24'), d)).toEqual([d.endsAt - 72 * HOUR, d.endsAt - 24 * HOUR]);
    expect(reminderInstants(P, d.endsAt - 48 * HOUR, d)).toEqual([d.endsAt - 24 * HOUR]);
  });
});
