// The building's own electricity is paid first from its account: another expense of the month
// waits until the electricity is paid and the balance covers it; paying a bill twice posts once.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { payBuildingExpenses } from '../../db/billing/building-expenses.ts';
import { balanceOf, postTransfers } from '../../db/billing/ledger.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { expectBalancedBooks } from './books.ts';
import { type DebtorsWorld, owners, startDebtorsWorld } from './debtors-support.ts';
import { createDistrict } from './fixtures.ts';

let w: DebtorsWorld;
const em = () => w.h.orm.em.fork();

beforeAll(async () => {
  w = await startDebtorsWorld('billing-expenses', inject('postgres'), inject('temporalAddress'));
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(() => w?.stop());

describe("the building's expenses", () => {
  it('pays the electricity before the management fee, and each bill once', async () => {
    const { buildingId } = await owners(w.h, 1);
    const organizationId = await (await createDistrict(w.h.orm)).organization();
    const bank = accountId({ kind: 'building_bank', buildingId });
    const deposit = (id: string, amount: number) =>
      postTransfers(em(), [
        {
          id,
          debit: bank,
          credit: accountId({ kind: 'provider_clearing', provider: 'bank', buildingId }),
          amount,
          kind: 'settlement',
          reason: 'settlement',
          period: null,
        },
      ]);
    await deposit(`test-settlement:${buildingId}:1`, 1_000_000);
    const bill = { buildingId, period: '2027-11', organizationId };
    const management = { kind: 'management' as const, amount: 600_000, ref: 'fee-11' };
    const electricity = { kind: 'electricity' as const, amount: 500_000, ref: 'E-2027-11' };

    const early = await payBuildingExpenses(em(), { ...bill, requests: [management] });
    expect(early.paid).toEqual([]);
    const first = await payBuildingExpenses(em(), { ...bill, requests: [management, electricity] });
    expect(first.paid).toEqual([electricity]);
    expect(first.deferred).toEqual([management]);
    expect(await balanceOf(em(), bank)).toBe(500_000n);

    await deposit(`test-settlement:${buildingId}:2`, 200_000);
    const second = await payBuildingExpenses(em(), { ...bill, requests: [management, electricity] });
    expect(second).toMatchObject({ paid: [management], deferred: [], alreadyPaid: 1 });
    expect(await balanceOf(em(), bank)).toBe(100_000n);
    expect(
      await balanceOf(em(), accountId({ kind: 'building_expense', buildingId, expense: 'electricity' })),
    ).toBe(500_000n);
  });
});
