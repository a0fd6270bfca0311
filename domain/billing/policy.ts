// The billing rules of the resolution of 5 Feb 2026 as data: due day, penalties and their split,
// the debtors' handover, the minimum tariffs, plus the choices the law leaves open. Every value is
// a default a deployment overrides with the JSON of BILLING_POLICY; the tag says where it comes
// from: [news] official news, [design] our choice, [provider] the payment provider's protocol.
import type { SettlementPolicy } from './bank-statement.ts';
import { isDate } from './period.ts';
import { DEFAULT_MINIMUM_TARIFFS, type MinimumTariffRow, validateTariffTable } from './tariffs.ts';

export const PAYER_KINDS = ['individual', 'legal_entity'] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];
export const ALLOCATION_ORDERS = ['contributions_first', 'period_by_period'] as const;
export type AllocationOrder = (typeof ALLOCATION_ORDERS)[number];

export interface PenaltyPolicy {
  /** Per day late, in parts per million of the overdue amount. [news] 0.1 % and 0.4 %: 1000, 4000 */
  dailyRatePpm: Record<PayerKind, number>;
  /** Cap on one month's penalty, basis points of that month's overdue amount. [news] 50 %: 5000 */
  capBp: number;
  /** The system upkeep's part, basis points; the building gets the rest. [news] equal: 5000 */
  systemShareBp: number;
}

export interface BillingPolicy {
  /** Contributions are due by this day of the month, included. [news] the 15th */
  dueDay: number;
  /**
   * Months between a period and the month of its due day. [design] 0: the 1st's accrual for a month
   * is due by that month's 15th; a deployment billing in arrears sets 1.
   */
  dueMonthOffset: number;
  /**
   * [design] 'tiyin': charges are rounded half away from zero to the tiyin, because the ledger,
   * Payme and bank transfers all carry tiyin exactly, so rounding to the so'm would only move up
   * to 50 tiyin per apartment per month between owners and the building for nothing. 'som' is for
   * a deployment that wants whole-so'm receipts.
   */
  chargeRounding: 'tiyin' | 'som';
  penalty: PenaltyPolicy;
  /**
   * [design] 'contributions_first': a payment clears contributions oldest period first, then
   * penalties oldest first, because contributions bear penalties and decide the electricity block
   * and the court package, while penalties bear nothing. 'period_by_period': each period's
   * contribution, then its penalty, before the next period.
   */
  allocationOrder: AllocationOrder;
  /** The list of debtors goes to the electricity supplier on this day. [news] the 16th */
  debtorHandoverDay: number;
  /** The electricity block applies from this date. [news] 1 Jul 2026 */
  electricityBlockFrom: string;
  /** Overdue contributions above this many tiyin make a debtor. [design] 0: any overdue tiyin */
  electricityDebtThresholdTiyin: number;
  /** A debt older than this many months past its due date qualifies for a court order. [design] 3 */
  courtDebtAgeMonths: number;
  /**
   * Days the debt claim gives the owner to pay before the organization applies for a court order,
   * counted from the day the claim is made. [design] 30: a month's contribution cycle
   */
  courtClaimAnswerDays: number;
  /**
   * A month's receipt counts payments dated up to this day of the previous month, included (31:
   * its last day). [design] 31, because the receipt is made on the 1st with the accrual and mailed
   * at once; a deployment printing paper receipts ahead sets e.g. 25, and later payments appear on
   * the next receipt.
   */
  receiptPaymentsThroughDay: number;
  /** A created Payme transaction not performed within this is cancelled (reason 4). [provider] 12 h */
  paymeTimeoutMs: number;
  /** Accepted amount of one payment, tiyin. [design] 1 so'm to 100 million so'm */
  payment: { minTiyin: number; maxTiyin: number };
  /** The daily reconciliation of the ledger with the providers and the bank (reconciliation.ts). */
  reconciliation: {
    /**
     * Days a provider has to settle a day's payments to the building's bank account before the
     * unsettled rest is an income without its transfer. [provider] 3: Payme and Click settle on
     * the next banking day; a long holiday weekend is the margin.
     */
    settlementLagDays: number;
    /**
     * Days an incoming bank payment may wait in the organization's queue of unmatched payments
     * before it is money without its income. [design] 10
     */
    unassignedLineDays: number;
  };
  minimumTariffs: MinimumTariffRow[];
  /**
   * Who settles a provider's collections to a building's account: a bank statement line from one
   * of these accounts (exact, the strongest sign) or from a counterparty whose name contains one of
   * these names (whole words, any case) is the provider's settlement, not an owner's payment.
   * [design] no accounts (each deployment lists the ones in its merchant agreements); names
   * 'Payme' and 'Inspired' (the company operating Payme), 'Click'.
   */
  bankSettlement: SettlementPolicy;
}

export const DEFAULT_BILLING_POLICY: BillingPolicy = {
  dueDay: 15,
  dueMonthOffset: 0,
  chargeRounding: 'tiyin',
  penalty: { dailyRatePpm: { individual: 1000, legal_entity: 4000 }, capBp: 5000, systemShareBp: 5000 },
  allocationOrder: 'contributions_first',
  debtorHandoverDay: 16,
  electricityBlockFrom: '2026-07-01',
  electricityDebtThresholdTiyin: 0,
  courtDebtAgeMonths: 3,
  courtClaimAnswerDays: 30,
  receiptPaymentsThroughDay: 31,
  paymeTimeoutMs: 12 * 60 * 60 * 1000,
  payment: { minTiyin: 100, maxTiyin: 10_000_000_000 },
  reconciliation: { settlementLagDays: 3, unassignedLineDays: 10 },
  minimumTariffs: DEFAULT_MINIMUM_TARIFFS,
  bankSettlement: {
    payme: { accounts: [], names: ['Payme', 'Inspired'] },
    click: { accounts: [], names: ['Click'] },
  },
};

export interface PolicyProblem {
  key: string;
  message: string;
}

export class BillingPolicyError extends Error {
  readonly problems: PolicyProblem[];
  constructor(problems: PolicyProblem[]) {
    super(`BILLING_POLICY: ${problems.map((p) => `${p.key} ${p.message}`).join('; ')}`);
    this.name = 'BillingPolicyError';
    this.problems = problems;
  }
}

type Check = (v: unknown) => string | null;
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
      ? null
      : `must be an integer from ${min} to ${max}`;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    values.includes(v as string) ? null : `must be one of ${values.join(', ')}`;
const strings =
  (pattern: RegExp, what: string): Check =>
  (v) =>
    Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === 'string' && pattern.test(x))
      ? null
      : `must be a list of at most 100 ${what}`;
const date: Check = (v) => (typeof v === 'string' && isDate(v) ? null : "must be a date 'YYYY-MM-DD'");

/**
 * Every key an override may carry, nested groups by their dotted path. Due and handover days stop
 * at 27 and 28 so that both exist, apart, in every February.
 */
const CHECKS: Record<string, Check> = {
  dueDay: int(1, 27),
  dueMonthOffset: int(0, 2),
  chargeRounding: oneOf(['tiyin', 'som']),
  'penalty.dailyRatePpm.individual': int(0, 1_000_000),
  'penalty.dailyRatePpm.legal_entity': int(0, 1_000_000),
  'penalty.capBp': int(0, 10_000),
  'penalty.systemShareBp': int(0, 10_000),
  allocationOrder: oneOf(ALLOCATION_ORDERS),
  debtorHandoverDay: int(2, 28),
  electricityBlockFrom: date,
  electricityDebtThresholdTiyin: int(0, Number.MAX_SAFE_INTEGER),
  courtDebtAgeMonths: int(1, 120),
  courtClaimAnswerDays: int(1, 365),
  receiptPaymentsThroughDay: int(1, 31),
  paymeTimeoutMs: int(1, 7 * 24 * 60 * 60 * 1000),
  'payment.minTiyin': int(1, Number.MAX_SAFE_INTEGER),
  'payment.maxTiyin': int(1, Number.MAX_SAFE_INTEGER),
  'bankSettlement.payme.accounts': strings(/^[0-9A-Z]{5,34}$/, 'bank accounts (5–34 digits or capitals)'),
  'bankSettlement.payme.names': strings(/^.{1,100}$/u, 'names (1–100 characters)'),
  'bankSettlement.click.accounts': strings(/^[0-9A-Z]{5,34}$/, 'bank accounts (5–34 digits or capitals)'),
  'bankSettlement.click.names': strings(/^.{1,100}$/u, 'names (1–100 characters)'),
  'reconciliation.settlementLagDays': int(0, 60),
  'reconciliation.unassignedLineDays': int(0, 366),
};
const GROUPS = new Set([
  'penalty',
  'penalty.dailyRatePpm',
  'payment',
  'reconciliation',
  'bankSettlement',
  'bankSettlement.payme',
  'bankSettlement.click',
  'reconciliation',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Overrides laid over `base` key by key; arrays (the tariff table) replace, groups merge. */
function merge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  path: string,
  problems: PolicyProblem[],
) {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const key = path ? `${path}.${k}` : k;
    if (GROUPS.has(key)) {
      if (isObject(v)) out[k] = merge(base[k] as Record<string, unknown>, v, key, problems);
      else problems.push({ key, message: 'must be an object' });
    } else if (key === 'minimumTariffs') {
      problems.push(...validateTariffTable(v, key));
      out[k] = v;
    } else if (CHECKS[key]) {
      const message = CHECKS[key](v);
      if (message) problems.push({ key, message });
      out[k] = v;
    } else problems.push({ key, message: 'is not a billing policy key' });
  }
  return out;
}

/**
 * The deployment's policy: `overrides` (the parsed JSON of BILLING_POLICY, or undefined) over the
 * defaults. Throws BillingPolicyError naming every bad key at once, so a deployment fixes its
 * JSON in one pass.
 */
export function mergeBillingPolicy(
  overrides: unknown,
  base: BillingPolicy = DEFAULT_BILLING_POLICY,
): BillingPolicy {
  if (overrides === undefined) return base;
  if (!isObject(overrides))
    throw new BillingPolicyError([{ key: '(root)', message: 'must be a JSON object' }]);
  const problems: PolicyProblem[] = [];
  const policy = merge(
    base as unknown as Record<string, unknown>,
    overrides,
    '',
    problems,
  ) as unknown as BillingPolicy;
  if (problems.length === 0) {
    if (policy.debtorHandoverDay <= policy.dueDay)
      problems.push({ key: 'debtorHandoverDay', message: `must come after dueDay (${policy.dueDay})` });
    if (policy.payment.maxTiyin < policy.payment.minTiyin)
      problems.push({ key: 'payment.maxTiyin', message: 'must not be below payment.minTiyin' });
  }
  if (problems.length > 0) throw new BillingPolicyError(problems);
  return policy;
}
