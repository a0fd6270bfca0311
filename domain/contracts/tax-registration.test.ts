import { describe, expect, it } from 'vitest';
import {
  CONTRACT_KINDS,
  DEFAULT_TAX_REGISTRATION_POLICY,
  isOverdue,
  registrationDeadline,
  requiresTaxRegistration,
} from './tax-registration.ts';

const P = DEFAULT_TAX_REGISTRATION_POLICY;
/** 10:00 in Tashkent on a date. */
const at10 = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 5, 0, 0);
const lastDay = (signedAt: number, policy = P) => registrationDeadline(policy, signedAt).lastDay;

describe('tax registration of common-property contracts', () => {
  it('applies to leases and gratuitous use, not to management contracts', () => {
    expect(CONTRACT_KINDS.filter(requiresTaxRegistration)).toEqual([
      'common_property_lease',
      'common_property_gratuitous_use',
    ]);
  });

  it('defaults to 30 calendar days counted from the day after signing', () => {
    expect(P.registrationDays).toBe(30);
    expect(lastDay(at10(2026, 11, 24))).toBe('2026-12-24'); // Thursday
  });

  it('crosses February in leap and common years', () => {
    expect(lastDay(at10(2028, 1, 31))).toBe('2028-03-01'); // 29 Feb 2028 counted
    expect(lastDay(at10(2027, 1, 31))).toBe('2027-03-02');
    expect(lastDay(at10(2028, 1, 30))).toBe('2028-02-29'); // Tuesday, the leap day itself
  });

  it('counts from the Tashkent date of signing, even late in the UTC day', () => {
    // 1 Jan 2027 01:00 Tashkent → 31 Jan 2027, a Sunday → Monday 1 Feb.
    expect(lastDay(Date.UTC(2026, 11, 31, 20, 0, 0))).toBe('2027-02-01');
  });

  it('a deadline on a day off moves to the next working day', () => {
    expect(lastDay(at10(2026, 11, 26))).toBe('2026-12-28'); // Saturday → Monday
    expect(lastDay(at10(2028, 2, 20))).toBe('2028-03-22'); // Navruz → Wednesday
    expect(lastDay(at10(2028, 11, 8))).toBe('2028-12-11'); // holiday Friday, then the weekend
  });

  it('takes the configured period and calendar', () => {
    const policy = {
      registrationDays: 10,
      daysOff: { weekdays: [0], annual: [], dates: ['2026-12-04'], workingDates: [] },
    };
    expect(lastDay(at10(2026, 11, 24), policy)).toBe('2026-12-05'); // 4 Dec off → Saturday works
  });

  it('the timer fires when the last day ends in Tashkent', () => {
    expect(registrationDeadline(P, at10(2026, 11, 24)).endsAt).toBe(Date.UTC(2026, 11, 24, 19, 0, 0));
  });

  it('is overdue from the end of the last day unless registered before it', () => {
    const signed = at10(2026, 11, 24);
    const { endsAt } = registrationDeadline(P, signed);
    expect(isOverdue(endsAt - 1, P, signed, null)).toBe(false);
    expect(isOverdue(endsAt, P, signed, null)).toBe(true);
    expect(isOverdue(endsAt + 86_400_000, P, signed, endsAt - 1)).toBe(false);
    expect(isOverdue(endsAt + 86_400_000, P, signed, endsAt)).toBe(true);
    expect(isOverdue(endsAt - 1, P, signed, endsAt - 2)).toBe(false);
  });
});

describe('a drill period shorter than a day', () => {
  it('counts exactly from the signature, off the calendar', () => {
    const signedAt = Date.parse('2026-11-25T10:00:00Z');
    const d = registrationDeadline(
      { ...DEFAULT_TAX_REGISTRATION_POLICY, registrationDays: 3 / 86_400 },
      signedAt,
    );
    expect(d.endsAt).toBe(signedAt + 3000);
  });
});
