// A district's month as the accrual workflow does it, without Temporal: open the gate, accrue
// every batch. For tests of what follows the accrual (receipts, statements) on the real database.
import { accrueBatch, openDistrictMonth } from '../../db/billing/accrual.ts';
import type { Orm } from '../../db/orm.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';

export async function accrueMonth(orm: Orm, districtId: string, period: string): Promise<void> {
  await orm.em.fork().transactional((tx) => openDistrictMonth(tx, districtId, period));
  let after: string | null = null;
  do {
    const batch = await accrueBatch(
      orm.em.fork(),
      { districtId, period, after, limit: 100 },
      DEFAULT_BILLING_POLICY,
    );
    after = batch.next;
  } while (after !== null);
}

/** This Tashkent month: movements posted now are dated in it. */
export const thisMonth = (): string => tashkentDate(Date.now()).slice(0, 7);
