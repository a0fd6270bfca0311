// How much of a month's contributions came in: per period, what was charged to the building's
// owners, what of it has been paid so far (payments settled oldest month first, as the penalty and
// the electricity block count them, domain/billing/arrears.ts) and what was paid by the due day.
// The rate is in basis points of the charge, rounded down, so 100 % means every tiyin came in.
import type { PeriodSettlement } from './arrears.ts';
import { dueDate } from './penalties.ts';
import type { BillingPolicy } from './policy.ts';

export interface CollectionMonth {
  period: string;
  dueDate: string;
  /** Contributions charged for the period, tiyin. */
  accrued: number;
  /** Of them, paid by now. */
  collected: number;
  /** Of them, paid by the due day. */
  onTime: number;
  /** collected / accrued in basis points, rounded down; null when nothing was charged. */
  rateBp: number | null;
}

export interface Collection {
  from: string;
  to: string;
  months: CollectionMonth[];
  totals: { accrued: number; collected: number; onTime: number; rateBp: number | null };
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);

/** Every month from `from` to `to` (YYYY-MM), months with no charge included with zeros. */
export function collectionByMonth(
  accounts: readonly (readonly PeriodSettlement[])[],
  months: readonly string[],
  policy: Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset'>,
): Collection {
  const by = new Map(
    months.map((period) => [
      period,
      { period, dueDate: dueDate(period, policy), accrued: 0, collected: 0, onTime: 0 },
    ]),
  );
  for (const settlements of accounts)
    for (const s of settlements) {
      const m = by.get(s.period);
      if (!m) continue;
      m.accrued += s.charged;
      for (const p of s.settledBy) {
        m.collected += p.amount;
        if (p.date <= m.dueDate) m.onTime += p.amount;
      }
    }
  const list = [...by.values()].map((m) => ({ ...m, rateBp: rate(m.collected, m.accrued) }));
  const sum = (k: 'accrued' | 'collected' | 'onTime') => list.reduce((s, m) => s + m[k], 0);
  const totals = { accrued: sum('accrued'), collected: sum('collected'), onTime: sum('onTime') };
  return {
    from: months[0] ?? '',
    to: months.at(-1) ?? '',
    months: list,
    totals: { ...totals, rateBp: rate(totals.collected, totals.accrued) },
  };
}
