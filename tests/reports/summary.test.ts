// The summary the system computes for a report, on the real app and PostgreSQL: income by kind
// from billing's ledger (a month's accrual), the expenses paid from the building's account, each
// listed with its ledger transfer, the balance, the appeals about the building received in the
// quarter and answered in time, and the organization's dispatch figures for the quarter (through
// the dispatch service's public read). The organization enters none of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payBuildingExpenses } from '../../db/billing/building-expenses.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import type { Orm } from '../../db/orm.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { firstDayOf, monthsOf, quarterOf, startsAt } from '../../domain/reports/quarters.ts';
import { accrueMonth } from '../billing/month.ts';
import { MIN, placeRequest } from '../dispatch/records.ts';
import { call, newKey, ok } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type ManagedBuilding, managedBuilding, workContent } from './fixtures.ts';

let app: TestApp;
let b: ManagedBuilding;
const QUARTER = quarterOf(tashkentDate(Date.now()));
const THIS_MONTH = tashkentDate(Date.now()).slice(0, 7);

const sign = (roles: string[], claims: { pid?: string; org?: string }) =>
  app.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Test',
    pid: claims.pid ?? null,
    roles,
    org: claims.org ?? null,
    district: null,
  });

beforeAll(async () => {
  app = await createTestApp();
  b = await managedBuilding(app.deps.orm as Orm, { from: `${monthsOf(QUARTER)[0]}-01` });
});
afterAll(async () => {
  await app?.close();
});

interface Summary {
  income: Record<string, number>;
  incomeTotal: number;
  expenses: number;
  openingBalance: number;
  closingBalance: number;
  spending: { transferId: string; amountTiyin: number; reason: string; period: string }[];
  appeals: { received: number; answered: number; answeredInTime: number };
  dispatch: {
    requests: number;
    answer: { count: number; decided: number; inTime: number; share: number | null };
    contain: { count: number; decided: number; inTime: number; share: number | null };
  } | null;
}

describe('the summary of a report', () => {
  it('comes from the ledger and the appeals of the quarter', async () => {
    const orm = app.deps.orm as Orm;
    // Income: the quarter's first month accrued (1 500 so'm per m², 50 + 62.4 m²).
    await accrueMonth(orm, b.districtId, monthsOf(QUARTER)[0]!);
    // Money on the account, then the building's electricity paid from it.
    const bank = accountId({ kind: 'building_bank', buildingId: b.buildingId });
    await postTransfers(orm.em.fork(), [
      {
        id: `test-settlement:${b.buildingId}`,
        debit: bank,
        credit: accountId({ kind: 'provider_clearing', provider: 'bank', buildingId: b.buildingId }),
        amount: 1_000_000,
        kind: 'settlement',
        reason: 'settlement',
        period: null,
      },
    ]);
    const paid = await payBuildingExpenses(orm.em.fork(), {
      buildingId: b.buildingId,
      period: THIS_MONTH,
      requests: [{ kind: 'electricity', amount: 400_000, ref: 'E-1' }],
    });
    expect(paid.paid).toHaveLength(1);

    // Two appeals about the building this quarter; one answered in time.
    const owner = await sign(['resident'], { pid: b.ownerIds[0]! });
    const ids: string[] = [];
    for (const text of ['The roof leaks over flat 2', 'The lift stops between floors']) {
      const res = await call(app, 'POST', '/appeals', {
        token: owner,
        key: newKey(),
        body: { category: 'maintenance', subject: { buildingId: b.buildingId }, text },
      });
      ids.push((await ok<{ id: string }>(res, 201)).id);
    }
    await orm.em
      .fork()
      .execute(`update appeal set answered_at = now(), answered_in_time = true where id = ?`, [ids[0]]);

    // Two emergency calls to the organization this quarter: one answered late, both contained in time.
    for (const answeredAfter of [2, 7])
      await placeRequest(() => orm.em.fork(), {
        organizationId: b.organizationId,
        buildingId: b.buildingId,
        at: startsAt(QUARTER) + MIN,
        category: 'water_leak',
        urgency: 'emergency',
        answeredAfter,
        containedAfter: 20,
      });

    const staff = await sign(['management_company'], { org: b.organizationId });
    const at = `/reports/buildings/${b.buildingId}/quarters/${QUARTER}`;
    await ok(
      await call(app, 'POST', `${at}/draft`, {
        token: staff,
        key: newKey(),
        body: workContent(firstDayOf(QUARTER)),
      }),
    );
    await ok(await call(app, 'POST', `${at}/submission`, { token: staff, key: newKey() }));

    const { summary } = await ok<{ summary: Summary }>(await call(app, 'GET', at, { token: owner }));
    expect(summary.income.contributions).toBe(16_860_000);
    expect(summary.incomeTotal).toBe(16_860_000);
    expect(summary.expenses).toBe(400_000);
    expect(summary.closingBalance - summary.openingBalance).toBe(600_000);
    expect(summary.spending).toEqual([
      expect.objectContaining({
        transferId: `expense:${b.buildingId}:${THIS_MONTH}:electricity:E-1`,
        amountTiyin: 400_000,
        period: THIS_MONTH,
      }),
    ]);
    expect(summary.appeals).toEqual({ received: 2, answered: 1, answeredInTime: 1 });
    expect(summary.dispatch).toMatchObject({
      requests: 2,
      answer: { count: 2, decided: 2, inTime: 1, share: 0.5 },
      contain: { count: 2, decided: 2, inTime: 2, share: 1 },
    });
  });
});
