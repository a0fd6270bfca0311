// Lease and gratuitous-use contracts of common property must be registered with the tax authority,
// or the management organization is removed from the register (docs/domain/contracts.md).
import {
  addDays,
  type DaysOffCalendar,
  DEFAULT_DAYS_OFF,
  endOfTashkentDay,
  nextWorkingDay,
  tashkentDate,
} from '../calendar/working-days.ts';

export const CONTRACT_KINDS = [
  'management',
  'common_property_lease',
  'common_property_gratuitous_use',
] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const requiresTaxRegistration = (kind: ContractKind): boolean => kind !== 'management';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TaxRegistrationPolicy {
  /** Calendar days from the day after signing. [news; period: model] 30, none published */
  registrationDays: number;
  /** Days off; a deadline on one moves to the next working day. [design, as for appeals] */
  daysOff: DaysOffCalendar;
}

export const DEFAULT_TAX_REGISTRATION_POLICY: TaxRegistrationPolicy = {
  registrationDays: 30,
  daysOff: DEFAULT_DAYS_OFF,
};

export interface TaxRegistrationDeadline {
  /** The last Tashkent date on which registration is in time. */
  lastDay: string;
  /** The first instant at which registration is late: the durable timer fires here. */
  endsAt: number;
}

export function registrationDeadline(
  policy: TaxRegistrationPolicy,
  signedAt: number,
): TaxRegistrationDeadline {
  // A fraction of a day is what only a drill or a test configures: counted exactly, off the calendar.
  if (!Number.isInteger(policy.registrationDays)) {
    const endsAt = signedAt + Math.round(policy.registrationDays * DAY_MS);
    return { lastDay: tashkentDate(endsAt), endsAt };
  }
  const lastDay = nextWorkingDay(policy.daysOff, addDays(tashkentDate(signedAt), policy.registrationDays));
  return { lastDay, endsAt: endOfTashkentDay(lastDay) };
}

/**
 * Overdue once the deadline has ended without a registration made in time; a registration
 * recorded after the deadline does not cure it.
 */
export function isOverdue(
  now: number,
  policy: TaxRegistrationPolicy,
  signedAt: number,
  registeredAt: number | null,
): boolean {
  const { endsAt } = registrationDeadline(policy, signedAt);
  if (now < endsAt) return false;
  return registeredAt === null || registeredAt >= endsAt;
}
