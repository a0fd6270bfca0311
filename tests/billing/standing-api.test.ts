// Debts, penalties and paying, against the real app and database: a resident reads their own
// overdue contributions, penalties and electricity block; the staff overseeing a building read its
// debtors (largest debt first, months overdue, penalty, block) and its collection rate by month,
// others get 401/403 and bad input 400 by field; a receipt's owner gets the configured providers'
// checkout links (Payme's and Click's formats, for what the personal account owes now, back to where they asked),
// nobody else does; the receipt's payment page offers the same links.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDistrictReceipts } from '../../activities/billing/receipts.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import { parseClickLink, parsePaymeLink } from '../../domain/billing/checkout-links.ts';
import type { Collection } from '../../domain/billing/collection.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { dueDate } from '../../domain/billing/penalties.ts';
import { addMonths, firstDay } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import type {
  DebtorView,
  ElectricityView,
  OwnerAccountView,
  PaymentLinksView,
  ReceiptSummary,
} from '../../domain/billing/views.ts';
import type { Page } from '../../domain/common/page.ts';
import { call, ok, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { expectBalancedBooks } from './books.ts';
import { charge, payment } from './debtors-support.ts';
import { concluded, createDistrict, registerForBilling } from './fixtures.ts';
import { accrueMonth, thisMonth } from './month.ts';

const P0 = thisMonth();
const [P2, P1] = [addMonths(P0, -2), addMonths(P0, -1)];
const CHECKOUT = { payme: 'http://payme.test/checkout', click: 'http://click.test/checkout' };

let t: TestApp;
const em = () => t.deps.orm.em.fork();
const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string } = {}) =>
  t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Test',
    pid: claims.pid ?? null,
    roles: roles as never,
    org: claims.org ?? null,
    district: claims.district ?? null,
  });

const w = {} as {
  buildingId: string;
  receiptBuildingId: string;
  payer: { ownerId: string; apartmentId: string };
  debtor: { ownerId: string; apartmentId: string };
  receiptOwner: { ownerId: string; apartmentId: string };
  tokens: Record<
    'payer' | 'debtor' | 'receiptOwner' | 'staff' | 'council' | 'inspector' | 'otherStaff' | 'roleless',
    string
  >;
};

beforeAll(async () => {
  t = await createTestApp({
    withTemporal: false,
    env: {
      PAYME_KEY: 'standing-payme-key',
      PAYME_MERCHANT_ID: 'merchant-1',
      PAYME_CHECKOUT_URL: CHECKOUT.payme,
      CLICK_SERVICE_ID: '31337',
      CLICK_SECRET_KEY: 'standing-click-secret',
      CLICK_MERCHANT_ID: '777',
      CLICK_CHECKOUT_URL: CHECKOUT.click,
    },
  });
  const orm = t.deps.orm;
  const d = await createDistrict(orm);
  const org = await d.organization();
  const otherOrg = await (await createDistrict(orm)).organization();
  const b = await d.building([
    { number: '1', area: 50, shares: [[1, 1]] },
    { number: '2', area: 50, shares: [[1, 1]] },
  ]);
  w.buildingId = b.buildingId;
  await em().execute(`update building set management_organization_id = ? where id = ?`, [org, b.buildingId]);
  w.payer = { ownerId: b.ownerIds[0]![0]!, apartmentId: b.apartmentIds[0]! };
  w.debtor = { ownerId: b.ownerIds[1]![0]!, apartmentId: b.apartmentIds[1]! };
  // charge() needs only the harness's ORM.
  const hh = { orm } as Parameters<typeof charge>[0];
  for (const o of [w.payer, w.debtor])
    for (const p of [P2, P1]) await charge(hh, o, b.buildingId, p, 100_000);
  // The payer paid P2 on its due day and nothing since; the debtor never paid, has a penalty on
  // the ledger and is blocked at the electricity supplier.
  await postTransfers(em(), [payment(w.payer, 100_000, dueDate(P2, DEFAULT_BILLING_POLICY))]);
  await postTransfers(em(), [
    {
      id: `test-penalty:${randomUUID()}`,
      debit: accountId({ kind: 'owner_receivable', ...w.debtor }),
      credit: accountId({ kind: 'revenue', buildingId: b.buildingId, revenue: 'penalties' }),
      amount: 5_000,
      kind: 'penalty',
      reason: 'penalty',
      period: P2,
      buildingId: b.buildingId,
    },
  ]);
  await em().execute(
    `insert into electricity_block (owner_id, status, blocked_on, overdue, periods, lifted_at, updated_at)
     values (?, 'blocked', ?, 200000, ?, null, now())`,
    [w.debtor.ownerId, `${P1}-16`, JSON.stringify([P2, P1])],
  );

  // Another district's building with a real accrual and receipts, for the payment links.
  const d2 = await createDistrict(orm);
  const org2 = await d2.organization();
  const b2 = await d2.building([{ number: '9', area: 40, shares: [[1, 1]] }]);
  w.receiptBuildingId = b2.buildingId;
  w.receiptOwner = { ownerId: b2.ownerIds[0]![0]!, apartmentId: b2.apartmentIds[0]! };
  await registerForBilling(orm, b2.buildingId, firstDay(addMonths(P0, -1)));
  await concluded(orm, {
    buildingId: b2.buildingId,
    organizationId: org2,
    from: firstDay(addMonths(P0, -1)),
    to: firstDay(addMonths(P0, 24)),
    somPerM2: 1500,
  });
  await accrueMonth(orm, d2.districtId, P0);
  await makeDistrictReceipts(
    {
      orm,
      publicUrl: 'http://portal.test',
      portalUrl: 'http://portal.test',
      policy: () => DEFAULT_BILLING_POLICY,
    },
    { districtId: d2.districtId, period: P0 },
  );

  w.tokens = {
    payer: await sign(['resident'], { pid: w.payer.ownerId }),
    debtor: await sign(['resident'], { pid: w.debtor.ownerId }),
    receiptOwner: await sign(['resident'], { pid: w.receiptOwner.ownerId }),
    staff: await sign(['management_company'], { org }),
    council: await sign(['council'], { district: d.districtId }),
    inspector: await sign(['inspector'], { district: d.districtId }),
    otherStaff: await sign(['management_company'], { org: otherOrg }),
    roleless: await sign([]),
  };
});
afterEach(() => expectBalancedBooks(em()));
afterAll(() => t?.close());

type Accounts = { items: OwnerAccountView[]; electricity: ElectricityView };
type Debtors = Page<DebtorView> & { totalOverdue: number };

describe("a resident's standing", () => {
  it('shows overdue contributions, penalties and the electricity block, their own only', async () => {
    const debtor = await ok<Accounts>(
      await call(t, 'GET', '/billing/me/accounts', { token: w.tokens.debtor }),
    );
    expect(debtor.electricity).toMatchObject({ status: 'blocked', blockedOn: `${P1}-16`, liftedAt: null });
    const s = debtor.items[0]!.standing;
    expect(s).toMatchObject({ overdue: 200_000, overduePeriods: [P2, P1], penaltyDue: 5_000 });
    expect(s.penalties.map((p) => [p.period, p.growing])).toEqual([
      [P2, true],
      [P1, true],
    ]);
    for (const p of s.penalties) expect(p.amount).toBeGreaterThan(0);

    const payer = await ok<Accounts>(await call(t, 'GET', '/billing/me/accounts', { token: w.tokens.payer }));
    expect(payer.electricity.status).toBe('none');
    expect(payer.items[0]!.standing).toMatchObject({ overdue: 100_000, overduePeriods: [P1], penaltyDue: 0 });
    // P2 was paid on its due day: no penalty for it.
    expect(payer.items[0]!.standing.penalties.map((p) => p.period)).toEqual([P1]);

    await problem(await call(t, 'GET', '/billing/me/accounts'), 401);
    await problem(await call(t, 'GET', '/billing/me/accounts', { token: w.tokens.staff }), 403);
  });
});

describe("a building's debtors", () => {
  const path = () => `/billing/buildings/${w.buildingId}/debtors`;

  it('lists them largest debt first with months, penalty and block, for the staff overseeing it', async () => {
    for (const token of [w.tokens.staff, w.tokens.council, w.tokens.inspector]) {
      const list = await ok<Debtors>(await call(t, 'GET', path(), { token }));
      expect(list.total).toBe(2);
      expect(list.totalOverdue).toBe(300_000);
      expect(
        list.items.map((d) => [d.apartmentNumber, d.overdue, d.overduePeriods.length, d.electricity]),
      ).toEqual([
        ['2', 200_000, 2, 'blocked'],
        ['1', 100_000, 1, 'none'],
      ]);
      expect(list.items[0]).toMatchObject({
        ownerName: 'Karimova Nodira',
        penaltyDue: 5_000,
        balance: 205_000,
      });
      expect(list.items[0]!.personalAccount).toMatch(/^\d{10}$/);
    }
    const second = await ok<Debtors>(
      await call(t, 'GET', `${path()}?pageSize=1&page=2`, { token: w.tokens.staff }),
    );
    expect(second.items.map((d) => d.apartmentNumber)).toEqual(['1']);
  });

  it('refuses 401 without a token or a known role, 403 to residents and other organizations, 400 by field', async () => {
    await problem(await call(t, 'GET', path()), 401);
    await problem(await call(t, 'GET', path(), { token: w.tokens.debtor }), 403);
    await problem(await call(t, 'GET', path(), { token: w.tokens.roleless }), 401);
    await problem(await call(t, 'GET', path(), { token: w.tokens.otherStaff }), 403);
    await problem(
      await call(t, 'GET', '/billing/buildings/not-a-uuid/debtors', { token: w.tokens.staff }),
      400,
      'param.buildingId',
    );
    await problem(
      await call(t, 'GET', `${path()}?pageSize=0`, { token: w.tokens.staff }),
      400,
      'query.pageSize',
    );
  });
});

describe("a building's collection rate", () => {
  const path = () => `/billing/buildings/${w.buildingId}/collection`;

  it('shows charged, collected and on time by month, with the rate', async () => {
    const c = await ok<Collection>(
      await call(t, 'GET', `${path()}?from=${P2}&to=${P0}`, { token: w.tokens.council }),
    );
    expect(c.months.map((m) => [m.period, m.accrued, m.collected, m.onTime, m.rateBp])).toEqual([
      [P2, 200_000, 100_000, 100_000, 5000],
      [P1, 200_000, 0, 0, 0],
      [P0, 0, 0, 0, null],
    ]);
    expect(c.totals).toEqual({ accrued: 400_000, collected: 100_000, onTime: 100_000, rateBp: 2500 });
    // Without a range: from the first booked month to this one.
    const d = await ok<Collection>(await call(t, 'GET', path(), { token: w.tokens.staff }));
    expect([d.from, d.to]).toEqual([P2, P0]);
  });

  it('refuses 401, 403 and a backwards or too long range by field', async () => {
    await problem(await call(t, 'GET', path()), 401);
    await problem(await call(t, 'GET', path(), { token: w.tokens.payer }), 403);
    await problem(await call(t, 'GET', path(), { token: w.tokens.otherStaff }), 403);
    await problem(
      await call(t, 'GET', `${path()}?from=${P0}&to=${P2}`, { token: w.tokens.staff }),
      400,
      'query.to',
    );
    await problem(
      await call(t, 'GET', `${path()}?from=2000-01&to=${P0}`, { token: w.tokens.staff }),
      400,
      'query.from',
    );
    await problem(
      await call(t, 'GET', `${path()}?from=2026-13`, { token: w.tokens.staff }),
      400,
      'query.from',
    );
  });
});

describe("a receipt's payment links", () => {
  const receipt = async () =>
    (
      await ok<Page<ReceiptSummary>>(
        await call(t, 'GET', '/billing/me/receipts', { token: w.tokens.receiptOwner }),
      )
    ).items[0]!;
  const links = (id: string, query = '') =>
    call(t, 'GET', `/billing/receipts/${id}/payment-links${query}`, { token: w.tokens.receiptOwner });

  it("point at each configured provider's checkout in its format, for what the personal account owes now", async () => {
    const r = await receipt();
    expect(r.toPay).toBeGreaterThan(0);
    const back = 'http://portal.test/?persona=resident';
    const v = await ok<PaymentLinksView>(await links(r.id, `?lang=ru&returnUrl=${encodeURIComponent(back)}`));
    expect(v.amount).toBe(r.toPay);
    expect(v.links.map((l) => l.provider)).toEqual(['payme', 'click']);
    const payme = v.links[0]!.url;
    expect(payme.startsWith(`${CHECKOUT.payme}/`)).toBe(true);
    expect(atob(payme.slice(CHECKOUT.payme.length + 1))).toContain('m=merchant-1;');
    expect(parsePaymeLink(payme.slice(CHECKOUT.payme.length + 1))).toEqual({
      account: v.personalAccount,
      amount: r.toPay,
      returnUrl: back,
    });
    const click = new URL(v.links[1]!.url);
    expect(`${click.origin}${click.pathname}`).toBe(CHECKOUT.click);
    expect(click.searchParams.get('merchant_id')).toBe('777');
    expect(parseClickLink(click.searchParams)).toEqual({
      account: v.personalAccount,
      amount: r.toPay,
      returnUrl: back,
    });

    // Part paid: the links ask for the rest; an earlier month charged since: for it too; all
    // paid: no links.
    expect(r).toMatchObject({ paidSince: 0, remaining: r.toPay, settledAt: null });
    await postTransfers(em(), [payment(w.receiptOwner, 1_000, '2026-01-01')]);
    expect((await ok<PaymentLinksView>(await links(r.id))).amount).toBe(r.toPay - 1_000);
    expect(await receipt()).toMatchObject({ toPay: r.toPay, paidSince: 1_000, remaining: r.toPay - 1_000 });
    await charge(
      { orm: t.deps.orm } as Parameters<typeof charge>[0],
      w.receiptOwner,
      w.receiptBuildingId,
      P2,
      5_000,
    );
    expect((await ok<PaymentLinksView>(await links(r.id))).amount).toBe(r.toPay + 4_000);
    // The later month's charge is not this receipt's: what is left of it stays.
    expect((await receipt()).remaining).toBe(r.toPay - 1_000);
    await postTransfers(em(), [payment(w.receiptOwner, r.toPay + 4_000, '2026-01-01')]);
    expect(await ok<PaymentLinksView>(await links(r.id))).toMatchObject({ amount: 0, links: [] });
    // Paid: the receipt (in the list and by id) says what was due, what was paid since, when, and
    // that nothing is left, beside the frozen figure it was made with.
    const paid = await receipt();
    expect(paid).toMatchObject({ toPay: r.toPay, paidSince: r.toPay + 5_000, remaining: 0 });
    expect(Date.parse(paid.settledAt!)).toBeGreaterThanOrEqual(Date.parse(r.createdAt));
    expect(
      await ok<ReceiptSummary>(
        await call(t, 'GET', `/billing/receipts/${r.id}`, { token: w.tokens.receiptOwner }),
      ),
    ).toMatchObject({ remaining: 0, settledAt: paid.settledAt });
  });

  it("refuses 401, 403 to someone else's receipt or a staff role, 400 by field, 404 for no receipt", async () => {
    const r = await receipt();
    await problem(await call(t, 'GET', `/billing/receipts/${r.id}/payment-links`), 401);
    await problem(
      await call(t, 'GET', `/billing/receipts/${r.id}/payment-links`, { token: w.tokens.payer }),
      403,
    );
    await problem(
      await call(t, 'GET', `/billing/receipts/${r.id}/payment-links`, { token: w.tokens.staff }),
      403,
    );
    await problem(await links(r.id, '?returnUrl=javascript:alert(1)'), 400, 'query.returnUrl');
    await problem(
      await links(r.id, `?returnUrl=${encodeURIComponent('http://x.test/;a=1')}`),
      400,
      'query.returnUrl',
    );
    await problem(await links(r.id, '?lang=de'), 400, 'query.lang');
    await problem(await links(randomUUID()), 404);
  });
});

describe('the payment page', () => {
  it("offers the providers' links back to itself, and says when nothing is owed", async () => {
    const d3 = await createDistrict(t.deps.orm);
    const org = await d3.organization();
    const b = await d3.building([{ number: '3', area: 30, shares: [[1, 1]] }]);
    await registerForBilling(t.deps.orm, b.buildingId, firstDay(addMonths(P0, -1)));
    await concluded(t.deps.orm, {
      buildingId: b.buildingId,
      organizationId: org,
      from: firstDay(addMonths(P0, -1)),
      to: firstDay(addMonths(P0, 24)),
      somPerM2: 1500,
    });
    await accrueMonth(t.deps.orm, d3.districtId, P0);
    await makeDistrictReceipts(
      {
        orm: t.deps.orm,
        publicUrl: 'http://portal.test',
        portalUrl: 'http://portal.test',
        policy: () => DEFAULT_BILLING_POLICY,
      },
      { districtId: d3.districtId, period: P0 },
    );
    const [row] = await em().execute<{ number: string; pay_token: string }[]>(
      `select number, pay_token from billing_receipt where building_id = ?`,
      [b.buildingId],
    );
    const page = async (lang: string) => {
      const res = await t.app.request(`/pay/${row!.number}?t=${row!.pay_token}&lang=${lang}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const html = await page('en');
    expect(html).toContain('Pay with Payme');
    expect(html).toContain('Pay with Click');
    const url = /href="([^"]+)" data-provider="payme"/.exec(html)![1]!.replaceAll('&amp;', '&');
    const asked = parsePaymeLink(url.slice(CHECKOUT.payme.length + 1))!;
    expect(asked.returnUrl).toBe(`${t.deps.config.publicUrl}/pay/${row!.number}?t=${row!.pay_token}&lang=en`);
    expect(await page('ru')).toContain('Оплатить через Payme');
    expect(await page('uz')).toContain('Payme orqali toʻlash');

    const [acc] = await em().execute<{ balance: string; owner_id: string; apartment_id: string }[]>(
      `select balance::text as balance, owner_id, apartment_id from ledger_account where kind = 'owner_receivable' and building_id = ?`,
      [b.buildingId],
    );
    await postTransfers(em(), [
      payment({ ownerId: acc!.owner_id, apartmentId: acc!.apartment_id }, Number(acc!.balance), '2026-01-01'),
    ]);
    const paid = await page('en');
    expect(paid).toContain('Nothing is owed on this receipt now.');
    expect(paid).not.toContain('data-provider');
  });
});
