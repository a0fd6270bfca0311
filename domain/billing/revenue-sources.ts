// Household service centres and lightweight structures on a building's common property are
// revenue sources: each is a contract with a party (who pays), a monthly charge and dates, and
// its charge goes to the building's account through the ledger every month, so no such income
// exists outside billing. The month's charge is the monthly charge prorated by the days the
// contract runs in the month, rounded once half away from zero to the tiyin [design], like
// contributions (accrual.ts): a contract from the 16th of a 31-day month pays 16/31.
import { isPinfl, isTin } from '../common/identifiers.ts';
import { type Account, accountId, type Transfer } from './ledger.ts';
import { divRound, toTiyin } from './money.ts';
import { daysBetween, daysInMonth, endOf, firstDay, isDate } from './period.ts';

export const SOURCE_KINDS = ['household_service_centre', 'lightweight_structure'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface RevenueSourceTerms {
  kind: SourceKind;
  /** The paying party: an organization (TIN) or an individual entrepreneur (PINFL). */
  partyName: string;
  partyId: string;
  contractNumber: string;
  /** What the party pays for a whole month, tiyin. */
  monthlyCharge: number;
  /** First day of the contract. */
  from: string;
  /** Exclusive: the first day it no longer runs; null while open-ended. */
  to: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Problems of a source's terms, each naming its field; empty when it may be recorded. */
export function checkRevenueSource(t: RevenueSourceTerms): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!(SOURCE_KINDS as readonly string[]).includes(t.kind))
    out.push({ field: 'kind', message: `must be one of ${SOURCE_KINDS.join(', ')}` });
  if (t.partyName.trim().length === 0 || t.partyName.length > 300)
    out.push({ field: 'partyName', message: 'must be 1 to 300 characters' });
  if (!isTin(t.partyId) && !isPinfl(t.partyId))
    out.push({ field: 'partyId', message: 'must be a TIN (9 digits) or a PINFL (14 digits)' });
  if (t.contractNumber.trim().length === 0 || t.contractNumber.length > 64)
    out.push({ field: 'contractNumber', message: 'must be 1 to 64 characters' });
  if (!Number.isSafeInteger(t.monthlyCharge) || t.monthlyCharge <= 0)
    out.push({ field: 'monthlyCharge', message: 'must be a positive integer of tiyin' });
  if (!isDate(t.from)) out.push({ field: 'from', message: "must be a date 'YYYY-MM-DD'" });
  if (t.to !== null && !isDate(t.to))
    out.push({ field: 'to', message: "must be null or a date 'YYYY-MM-DD'" });
  else if (t.to !== null && isDate(t.from) && t.to <= t.from)
    out.push({ field: 'to', message: 'must come after from' });
  return out;
}

/** Days of `period` the contract runs. */
export function daysRunning(t: Pick<RevenueSourceTerms, 'from' | 'to'>, period: string): number {
  const start = firstDay(period);
  const end = endOf(period);
  // biome-ignore lint/complexity/useMathMinMax: dates are strings
  const from = t.from > start ? t.from : start;
  const to = t.to === null || t.to > end ? end : t.to;
  return from < to ? daysBetween(from, to) : 0;
}

/** The month's charge, tiyin: 0 in a month the contract does not touch. */
export function monthCharge(
  t: Pick<RevenueSourceTerms, 'from' | 'to' | 'monthlyCharge'>,
  period: string,
): number {
  const days = daysRunning(t, period);
  if (days === 0) return 0;
  return toTiyin(divRound(BigInt(t.monthlyCharge) * BigInt(days), BigInt(daysInMonth(period))));
}

/** The ledger transfer of a source's month: its id names (source, period), so a re-run posts nothing twice. */
export function revenueTransfer(
  source: RevenueSourceTerms & { id: string; buildingId: string },
  period: string,
): Transfer | null {
  const amount = monthCharge(source, period);
  if (amount === 0) return null;
  const bank: Account = { kind: 'building_bank', buildingId: source.buildingId };
  const revenue: Account = { kind: 'revenue', buildingId: source.buildingId, revenue: source.kind };
  return {
    id: `revenue/${source.id}/${period}`,
    debit: accountId(bank),
    credit: accountId(revenue),
    amount,
    kind: 'other_revenue',
    reason: `${source.contractNumber}: ${source.partyName}`,
    period,
    status: 'posted',
  };
}
