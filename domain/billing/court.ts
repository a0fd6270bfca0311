// The court order for a debt (ZRU-993): which owners' debts qualify, and the debt calculation by
// period the claim attaches. A period's debt qualifies once its contribution has stayed unpaid
// for more than courtDebtAgeMonths after its due day: due 15 Jul, 3 months → from 16 Oct. The
// calculation then lists every period still owing on the day, qualifying or not, since the
// claim is for the whole debt; penalties are shown beside, as they are claimed with it.
import { assertTiyin, sumTiyin } from './money.ts';
import { dueDate } from './penalties.ts';
import { addDays, addMonths, dayOf, periodOf } from './period.ts';
import type { BillingPolicy } from './policy.ts';

type CourtRules = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'courtDebtAgeMonths'>;

export interface PeriodBalance {
  period: string;
  /** Contribution accrued for the period, corrections included, tiyin. */
  accrued: number;
  /** Paid against that contribution. */
  paid: number;
  /** Penalty charged on it up to the calculation day, and paid against that. */
  penalty: number;
  penaltyPaid: number;
}

export interface DebtRow extends PeriodBalance {
  dueDate: string;
  /** The first day the period's unpaid contribution may go to court. */
  qualifiesFrom: string;
  contributionOwed: number;
  penaltyOwed: number;
  owed: number;
  qualifies: boolean;
}

export interface DebtCalculation {
  asOf: string;
  rows: DebtRow[];
  totals: { accrued: number; paid: number; penalty: number; penaltyPaid: number; owed: number };
  /** Some period qualifies: the claim may be sent. */
  qualifies: boolean;
}

/** The day after the due day plus the policy's months. */
export function qualifiesFrom(period: string, policy: CourtRules): string {
  const due = dueDate(period, policy);
  const day = dayOf(addMonths(periodOf(due), policy.courtDebtAgeMonths), Number(due.slice(8)));
  return addDays(day, 1);
}

function check(b: PeriodBalance): void {
  for (const k of ['accrued', 'paid', 'penalty', 'penaltyPaid'] as const) {
    assertTiyin(b[k], `${b.period} ${k}`);
    if (b[k] < 0) throw new RangeError(`${b.period} ${k} must not be negative`);
  }
  if (b.paid > b.accrued) throw new RangeError(`${b.period}: paid exceeds accrued; the excess is an advance`);
  if (b.penaltyPaid > b.penalty) throw new RangeError(`${b.period}: penalty paid exceeds penalty`);
}

export function debtCalculation(
  balances: readonly PeriodBalance[],
  asOf: string,
  policy: CourtRules,
): DebtCalculation {
  const rows = [...balances]
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((b): DebtRow => {
      check(b);
      const contributionOwed = b.accrued - b.paid;
      const penaltyOwed = b.penalty - b.penaltyPaid;
      const from = qualifiesFrom(b.period, policy);
      return {
        ...b,
        dueDate: dueDate(b.period, policy),
        qualifiesFrom: from,
        contributionOwed,
        penaltyOwed,
        owed: contributionOwed + penaltyOwed,
        qualifies: contributionOwed > 0 && asOf >= from,
      };
    })
    .filter((r) => r.owed > 0);
  const total = (k: 'accrued' | 'paid' | 'penalty' | 'penaltyPaid' | 'owed') =>
    sumTiyin(rows.map((r) => r[k]));
  return {
    asOf,
    rows,
    totals: {
      accrued: total('accrued'),
      paid: total('paid'),
      penalty: total('penalty'),
      penaltyPaid: total('penaltyPaid'),
      owed: total('owed'),
    },
    qualifies: rows.some((r) => r.qualifies),
  };
}
