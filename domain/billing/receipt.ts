// The content of an owner's monthly receipt, as data: PDFs and widgets translate the labels. A
// receipt is a snapshot: it lists the transfers it counted, its closing balance is the next
// receipt's opening, and whatever is recorded later (a late bank statement, a correction) appears
// on the next receipt with its reason instead of rewriting this one.
//
// Number: 'YYYYMM-<building code>-<sequence>', e.g. '202607-100102030045-000042': the period, the
// building's code (the digits of its cadastral number, unique in the country and already printed
// on every document of the building), and a 6-digit sequence within the building and month,
// given in order of apartment number then owner id, so re-making a month's receipts gives every
// owner the same number again.
import type { AccrualLine } from './accrual.ts';
import { sumTiyin } from './money.ts';
import { dueDate } from './penalties.ts';
import { addMonths, dayOf, isPeriod } from './period.ts';
import type { BillingPolicy } from './policy.ts';

const CODE = /^[0-9A-Z]{2,16}$/;
const NUMBER = /^(\d{4})(\d{2})-([0-9A-Z]{2,16})-(\d{6})$/;

/** The building's code on receipts: its cadastral number's digits ('10:01:02:03:0045' → '100102030045'). */
export const buildingCode = (cadastralNumber: string): string => cadastralNumber.replace(/\D/g, '');

export function receiptNumber(period: string, code: string, sequence: number): string {
  if (!isPeriod(period)) throw new RangeError(`period must be 'YYYY-MM', got '${period}'`);
  if (!CODE.test(code)) throw new RangeError(`building code must be 2–16 digits or capitals, got '${code}'`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999)
    throw new RangeError(`sequence must be 1 to 999999, got ${sequence}`);
  return `${period.replace('-', '')}-${code}-${String(sequence).padStart(6, '0')}`;
}

export function parseReceiptNumber(s: string): { period: string; code: string; sequence: number } | null {
  const m = NUMBER.exec(s);
  if (!m || !isPeriod(`${m[1]}-${m[2]}`)) return null;
  return { period: `${m[1]}-${m[2]}`, code: m[3]!, sequence: Number(m[4]) };
}

/** Apartment numbers in natural order ('2' < '10' < '10a' < '11'), then owner ids. */
export function receiptSequence<T extends { apartmentNumber: string; ownerId: string }>(
  owners: readonly T[],
): T[] {
  const num = (s: string) => Number(/^\d+/.exec(s)?.[0] ?? Number.MAX_SAFE_INTEGER);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...owners].sort(
    (a, b) =>
      num(a.apartmentNumber) - num(b.apartmentNumber) ||
      cmp(a.apartmentNumber, b.apartmentNumber) ||
      cmp(a.ownerId, b.ownerId),
  );
}

interface Movement {
  transferId: string;
  date: string;
  amount: number;
}
export interface ReceiptPayment extends Movement {
  channel: 'payme' | 'click' | 'bank';
  reference: string;
}
export interface ReceiptPenalty extends Movement {
  /** The month whose overdue contribution bore it. */
  period: string;
}
export interface ReceiptCorrection extends Movement {
  /** Signed: more than 0 adds to the debt, less than 0 takes from it. */
  reason: string;
}

/**
 * Why the receipt has no contribution line for its month: the month's gate closed it under
 * another rule's stop. The rule and its stored reason are kept as billing's gate recorded them;
 * the receipt's words (receipt-document.ts) turn them into a sentence in the owner's language.
 */
export interface ReceiptNote {
  kind: 'suspended';
  period: string;
  rule: string;
  reason: string;
}

export interface ReceiptInput {
  period: string;
  number: string;
  ownerId: string;
  apartmentId: string;
  personalAccount: string;
  /** The previous receipt's closing balance: more than 0 a debt, less than 0 an advance. */
  opening: number;
  /** This owner's accrual lines of the apartment and period. */
  accruals: readonly AccrualLine[];
  /** Movements on the account not on any receipt yet, whatever their dates. */
  payments: readonly ReceiptPayment[];
  penalties: readonly ReceiptPenalty[];
  corrections: readonly ReceiptCorrection[];
  /** Stops on the month's gate, when it was closed (no contribution charged). */
  suspensions?: readonly { rule: string; reason: string }[];
}

export interface Receipt {
  number: string;
  period: string;
  ownerId: string;
  apartmentId: string;
  personalAccount: string;
  dueDate: string;
  /** Payments, penalties and corrections dated up to this day are on the receipt. */
  countedThrough: string;
  opening: { debt: number; advance: number };
  accruals: Omit<AccrualLine, 'key' | 'ownerId' | 'ownerKind' | 'apartmentId' | 'buildingId' | 'period'>[];
  accrued: number;
  penalties: ReceiptPenalty[];
  penaltiesTotal: number;
  payments: ReceiptPayment[];
  paid: number;
  corrections: ReceiptCorrection[];
  corrected: number;
  /** Signed like opening; the next receipt's opening. */
  closing: number;
  toPay: number;
  advance: number;
  /** Every transfer this receipt counts: none of them may appear on another. */
  transferIds: string[];
  /** Movements dated after countedThrough, left for the next receipt. */
  carriedOver: string[];
  /** Present only when there is something to explain (a suspended month), so other snapshots keep their shape. */
  notes?: ReceiptNote[];
}

const byDate = <T extends Movement>(xs: readonly T[]) =>
  [...xs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.transferId < b.transferId ? -1 : 1));

export function buildReceipt(
  input: ReceiptInput,
  policy: Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'receiptPaymentsThroughDay'>,
): Receipt {
  const { period } = input;
  const parsed = parseReceiptNumber(input.number);
  if (!parsed || parsed.period !== period)
    throw new RangeError(`receipt number ${input.number} is not of ${period}`);
  for (const l of input.accruals)
    if (l.period !== period || l.ownerId !== input.ownerId || l.apartmentId !== input.apartmentId)
      throw new RangeError(`accrual ${l.key} is not this receipt's owner, apartment and period`);
  for (const c of input.corrections)
    if (c.reason.trim() === '') throw new RangeError(`correction ${c.transferId} has no reason`);

  const countedThrough = dayOf(addMonths(period, -1), policy.receiptPaymentsThroughDay);
  const counted = <T extends Movement>(xs: readonly T[]) =>
    byDate(xs).filter((m) => m.date <= countedThrough);
  const payments = counted(input.payments);
  const penalties = counted(input.penalties);
  const corrections = counted(input.corrections);
  const all = [...input.payments, ...input.penalties, ...input.corrections];

  const accrued = sumTiyin(input.accruals.map((l) => l.amount));
  const paid = sumTiyin(payments.map((p) => p.amount));
  const penaltiesTotal = sumTiyin(penalties.map((p) => p.amount));
  const corrected = sumTiyin(corrections.map((c) => c.amount));
  const closing = sumTiyin([input.opening, accrued, penaltiesTotal, corrected, -paid]);
  return {
    number: input.number,
    period,
    ownerId: input.ownerId,
    apartmentId: input.apartmentId,
    personalAccount: input.personalAccount,
    dueDate: dueDate(period, policy),
    countedThrough,
    opening: { debt: Math.max(0, input.opening), advance: Math.max(0, -input.opening) },
    accruals: input.accruals.map(
      ({ key, ownerId, ownerKind, apartmentId, buildingId, period, ...line }) => line,
    ),
    accrued,
    penalties,
    penaltiesTotal,
    payments,
    paid,
    corrections,
    corrected,
    closing,
    toPay: Math.max(0, closing),
    advance: Math.max(0, -closing),
    transferIds: [
      ...input.accruals.map((l) => l.key),
      ...[...payments, ...penalties, ...corrections].map((m) => m.transferId),
    ],
    carriedOver: all.filter((m) => m.date > countedThrough).map((m) => m.transferId),
    ...(input.suspensions?.length
      ? {
          notes: [...input.suspensions]
            .sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
            .map((x) => ({ kind: 'suspended' as const, period, rule: x.rule, reason: x.reason })),
        }
      : {}),
  };
}
