// Receipts on the real database after a real accrual: every owner's receipt (co-owners' lines
// summing to the apartment's charge, numbers in apartment order, payments through the cut-off
// day, the opening of a first receipt), each handed to notifications once under its own key (the
// mail with the PDF attached, the other channels what is due and the pay link); a receipt as a
// snapshot (a correction after it changes nothing, the database refuses to rewrite it, the next
// month lists the correction with its reason and opens with the last closing); and the books
// balanced after every scenario.
import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeDistrictReceipts, type ReceiptActivityDeps } from '../../activities/billing/receipts.ts';
import { balanceOf, postTransfers } from '../../db/billing/ledger.ts';
import { suspendMonth } from '../../db/billing/public.ts';
import { receiptById, receiptsOfBuilding } from '../../db/billing/receipt-views.ts';
import { planDueMessages } from '../../db/notifications/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { quarterlyReportRule } from '../../domain/billing/gate.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { addMonths, dayOf, daysInMonth, endOf, firstDay } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { dayName, money, periodName, receiptNotes } from '../../domain/billing/receipt-document.ts';
import { DEFAULT_NOTIFICATION_POLICY } from '../../domain/notifications/policy.ts';
import type { MessageText } from '../../domain/notifications/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectBalancedBooks } from './books.ts';
import { concluded, createDistrict, registerForBilling } from './fixtures.ts';
import { accrueMonth, thisMonth } from './month.ts';

let db: TestDatabase;
let orm: Orm;
let deps: ReceiptActivityDeps;
const em = () => orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'billing_receipts');
  orm = await createOrm({ url: db.url, poolMax: 4 });
  deps = {
    orm,
    publicUrl: 'http://portal.test',
    portalUrl: 'http://portal.test',
    policy: () => DEFAULT_BILLING_POLICY,
  };
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const P0 = thisMonth();
const P1 = addMonths(P0, 1);

/** A registered building of two apartments: '2' with co-owners by halves, '10' with one owner (who has email). */
async function scene() {
  const d = await createDistrict(orm);
  const org = await d.organization();
  const b = await d.building([
    { number: '10', area: 70.01, shares: [[1, 1]] },
    {
      number: '2',
      area: 54.37,
      shares: [
        [1, 2],
        [1, 2],
      ],
    },
  ]);
  await em().execute(`update building set cadastral_number = ? where id = ?`, [
    `10:01:${randomUUID().replace(/\D/g, '').padEnd(8, '7').slice(0, 8)}`,
    b.buildingId,
  ]);
  await registerForBilling(orm, b.buildingId, firstDay(addMonths(P0, -1)));
  await concluded(orm, {
    buildingId: b.buildingId,
    organizationId: org,
    from: firstDay(addMonths(P0, -1)),
    to: firstDay(addMonths(P0, 24)),
    somPerM2: 1650,
  });
  const single = { owner: b.ownerIds[0]![0]!, apartment: b.apartmentIds[0]! };
  const halves = b.ownerIds[1]!.map((owner) => ({ owner, apartment: b.apartmentIds[1]! }));
  await em().execute(`update person set email = ?, language = 'ru' where id = ?`, [
    `owner-${randomUUID()}@example.uz`,
    single.owner,
  ]);
  return { ...d, ...b, org, single, halves };
}

const account = (o: { owner: string; apartment: string }) =>
  accountId({ kind: 'owner_receivable', ownerId: o.owner, apartmentId: o.apartment });

async function receiptOf(buildingId: string, period: string, owner: string) {
  const list = await receiptsOfBuilding(em(), buildingId, period, { page: 1, pageSize: 100 });
  const mine = [];
  for (const s of list.items) {
    const r = await receiptById(em(), s.id);
    if (r?.personId === owner) mine.push(r);
  }
  expect(mine).toHaveLength(1);
  return mine[0]!;
}

describe('receipts', () => {
  it("makes each owner's receipt after the accrual, numbered by apartment, and mails it with its PDF", async () => {
    const s = await scene();
    // A payment dated the last day before the month counts; one made today waits for the next receipt.
    const lastDayBefore = dayOf(addMonths(P0, -1), 31);
    await postTransfers(em(), [
      {
        id: `test-payment/${randomUUID()}`,
        debit: `clearing/payme/${s.buildingId}`,
        credit: account(s.single),
        amount: 500_000,
        kind: 'payment',
        reason: 'Payme',
        period: null,
        buildingId: s.buildingId,
        detail: { date: lastDayBefore, reference: 'P-42' },
      },
      {
        id: `test-payment/${randomUUID()}`,
        debit: `clearing/click/${s.buildingId}`,
        credit: account(s.single),
        amount: 100_000,
        kind: 'payment',
        reason: 'Click',
        period: null,
        buildingId: s.buildingId,
      },
    ]);
    await accrueMonth(orm, s.districtId, P0);
    const made = await makeDistrictReceipts(deps, { districtId: s.districtId, period: P0 });
    // Every owner's receipt goes to notifications, whatever channels the owner has.
    expect(made).toEqual({ buildings: 1, made: 3, existing: 0, mailed: 3 });

    const list = await receiptsOfBuilding(em(), s.buildingId, P0, { page: 1, pageSize: 10 });
    expect(list.items.map((r) => [r.apartmentNumber, r.number.slice(-6)])).toEqual([
      ['2', '000001'],
      ['2', '000002'],
      ['10', '000003'],
    ]);
    // 54.37 m² × 1 650 so'm over the whole month, split in halves that sum exactly.
    const apartment2 = 5437 * 165_000;
    const halves = await Promise.all(s.halves.map((h) => receiptOf(s.buildingId, P0, h.owner)));
    expect(halves[0]!.accrued + halves[1]!.accrued).toBe(Math.round(apartment2 / 100));
    for (const h of halves) {
      expect(h.snapshot.receipt.accruals).toEqual([
        expect.objectContaining({ areaHundredths: 5437, tiyinPerM2: 165_000, days: daysInMonth(P0) }),
      ]);
      expect(h.snapshot.parties.share).toBe('1/2');
      expect(h.snapshot.receipt.opening).toEqual({ debt: 0, advance: 0 });
    }

    const single = await receiptOf(s.buildingId, P0, s.single.owner);
    const r = single.snapshot.receipt;
    expect(r.payments.map((p) => [p.date, p.amount, p.channel, p.reference])).toEqual([
      [lastDayBefore, 500_000, 'payme', 'P-42'],
    ]);
    expect(r.opening).toEqual({ debt: 0, advance: 0 });
    expect(r.closing).toBe(r.accrued - 500_000);
    // What the receipt leaves for the next one is exactly what the account holds beyond it.
    expect(Number(await balanceOf(em(), account(s.single)))).toBe(r.closing - 100_000);
    expect(single.snapshot.payUrl).toMatch(
      new RegExp(`^http://portal.test/pay/${r.number}\\?t=[0-9a-f]{32}$`),
    );
    expect(single.snapshot.parties.organizationName).toMatch(/Obod Uy/);
    expect(single.snapshot.parties.payee?.bankAccount).toMatch(/^\d{20}$/);

    // One notice per receipt, under the receipt's key: the mail keeps its text and the PDF in the
    // owner's language; Telegram, SMS and the inbox get what is due, by when, and the pay link.
    const [notice] = await em().execute<
      { kind: string; texts: Record<string, MessageText>; person_id: string }[]
    >(
      `select g.kind, g.texts, m.person_id from notification_mailing g
         join notification_message m on m.mailing_id = g.id where g.idempotency_key = ?`,
      [`billing-receipt:${single.id}`],
    );
    expect(notice).toMatchObject({ kind: 'receipt', person_id: s.single.owner });
    for (const lang of ['uz', 'ru', 'en'] as const) {
      const t = notice!.texts[lang]!;
      expect(t.link).toBe(single.snapshot.payUrl);
      expect(t.body).toContain(money(lang, r.toPay));
      expect(t.body).toContain(dayName(r.dueDate));
      expect(t.text).toContain(single.snapshot.payUrl);
      expect(Boolean(t.attachments)).toBe(lang === 'ru');
    }
    // The owner has an address and no other channel: the notifications pass writes the mail.
    await planDueMessages(em(), DEFAULT_NOTIFICATION_POLICY, new Date(), 100);
    const [mail] = await em().execute<
      { to: string; subject: string; text: string; attachments: { filename: string; content: string }[] }[]
    >(
      `select o."to", o.subject, o.text, o.attachments from mail_outbox o
         join notification_delivery d on o.idempotency_key = 'notify:' || d.outbox_key
         join notification_message m on m.id = d.message_id join notification_mailing g on g.id = m.mailing_id
        where g.idempotency_key = ?`,
      [`billing-receipt:${single.id}`],
    );
    expect(mail!.subject).toContain(`№ ${r.number}`);
    expect(mail!.text).toContain(single.snapshot.payUrl);
    const pdf = Buffer.from(mail!.attachments[0]!.content, 'base64');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;
    expect(text).toContain('Квитанция по обязательным взносам');
    expect(text).toContain(r.number);

    // Again: nothing new is made or mailed.
    expect(await makeDistrictReceipts(deps, { districtId: s.districtId, period: P0 })).toEqual({
      buildings: 1,
      made: 0,
      existing: 3,
      mailed: 0,
    });
  });

  it('keeps a receipt as made: a later correction shows on the next month’s receipt with its reason', async () => {
    const s = await scene();
    await accrueMonth(orm, s.districtId, P0);
    await makeDistrictReceipts(deps, { districtId: s.districtId, period: P0 });
    const first = await receiptOf(s.buildingId, P0, s.single.owner);

    const [accrual] = await em().execute<{ id: string }[]>(
      `select id from ledger_transfer where kind = 'accrual' and period = ? and debit_account_id = ?`,
      [P0, account(s.single)],
    );
    await postTransfers(em(), [
      {
        id: `test-correction/${randomUUID()}`,
        debit: accountId({ kind: 'revenue', buildingId: s.buildingId, revenue: 'contributions' }),
        credit: account(s.single),
        amount: 12_345,
        kind: 'correction',
        reason: 'area re-measured: 69.95 m²',
        period: P0,
        buildingId: s.buildingId,
        correctsId: accrual!.id,
      },
    ]);
    // Re-making the month changes nothing, and the database refuses to rewrite a receipt.
    expect((await makeDistrictReceipts(deps, { districtId: s.districtId, period: P0 })).made).toBe(0);
    // What the receipt says is kept; only how it stands now (what is left of it, never more than
    // the account owes) follows the correction's credit.
    const { remaining, ...kept } = (await receiptById(em(), first.id))!;
    const { remaining: remainingBefore, ...made } = first;
    expect(kept).toEqual(made);
    expect(remaining).toBe(remainingBefore - 12_345);
    await expect(
      em().execute(`update billing_receipt set to_pay = 0 where id = ?`, [first.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      em().execute(`delete from billing_receipt_item where receipt_id = ?`, [first.id]),
    ).rejects.toThrow(/append-only/);

    await accrueMonth(orm, s.districtId, P1);
    await makeDistrictReceipts(deps, { districtId: s.districtId, period: P1 });
    const next = await receiptOf(s.buildingId, P1, s.single.owner);
    const r = next.snapshot.receipt;
    expect(r.opening).toEqual({ debt: first.closing, advance: 0 });
    expect(r.corrections).toEqual([
      expect.objectContaining({ amount: -12_345, reason: 'area re-measured: 69.95 m²' }),
    ]);
    expect(r.closing).toBe(first.closing + r.accrued - 12_345);
    expect(Number(await balanceOf(em(), account(s.single)))).toBe(r.closing);
    expect(r.countedThrough).toBe(dayOf(P0, 31));
    expect(endOf(P0) > r.corrections[0]!.date).toBe(true);
  });

  it('lists a transfer between two co-owners on the next receipt of each', async () => {
    const s = await scene();
    await accrueMonth(orm, s.districtId, P0);
    await makeDistrictReceipts(deps, { districtId: s.districtId, period: P0 });
    const [a, b] = s.halves;
    const [accrual] = await em().execute<{ id: string }[]>(
      `select id from ledger_transfer where kind = 'accrual' and period = ? and debit_account_id = ?`,
      [P0, account(a!)],
    );
    // A payment credited to the wrong co-owner, moved to the other one.
    await postTransfers(em(), [
      {
        id: `test-move/${randomUUID()}`,
        debit: account(a!),
        credit: account(b!),
        amount: 50_000,
        kind: 'correction',
        reason: 'payment credited to the other co-owner',
        period: null,
        buildingId: s.buildingId,
        correctsId: accrual!.id,
      },
    ]);
    await accrueMonth(orm, s.districtId, P1);
    await makeDistrictReceipts(deps, { districtId: s.districtId, period: P1 });
    for (const [who, amount] of [
      [a!, 50_000],
      [b!, -50_000],
    ] as const) {
      const r = (await receiptOf(s.buildingId, P1, who.owner)).snapshot.receipt;
      expect(r.corrections.map((c) => [c.amount, c.reason])).toEqual([
        [amount, 'payment credited to the other co-owner'],
      ]);
      expect(Number(await balanceOf(em(), account(who)))).toBe(r.closing);
    }
  });

  it('tells the owners of a suspended month why their receipt has no contribution line, in their language', async () => {
    const s = await scene();
    const before = addMonths(P0, -1);
    await accrueMonth(orm, s.districtId, before);
    await makeDistrictReceipts(deps, { districtId: s.districtId, period: before });
    const y = Number(before.slice(0, 4));
    const quarter = `${y - 1}-Q4`;
    // The gate's stop as the quarterly reports record it: billing's rule name and a stored reason.
    await suspendMonth(em(), {
      buildingId: s.buildingId,
      period: P0,
      rule: quarterlyReportRule(quarter),
      reason: `no quarterly report on completed work for ${quarter}`,
    });
    await accrueMonth(orm, s.districtId, P0);
    const made = await makeDistrictReceipts(deps, { districtId: s.districtId, period: P0 });
    expect(made.made).toBe(3);

    const single = await receiptOf(s.buildingId, P0, s.single.owner);
    const r = single.snapshot.receipt;
    expect(r.accruals).toEqual([]);
    expect(r.accrued).toBe(0);
    expect(r.notes).toEqual([
      {
        kind: 'suspended',
        period: P0,
        rule: `quarterly_report:${quarter}`,
        reason: `no quarterly report on completed work for ${quarter}`,
      },
    ]);
    const ruQuarter = `IV квартал ${y - 1} г.`;
    const ruNote = `Взнос за ${periodName('ru', P0)} не начислен: управляющая организация не сдала квартальный отчёт за ${ruQuarter}`;
    expect(receiptNotes(r, 'en')).toEqual([
      `No contribution is charged for ${periodName('en', P0)}: the management organization did not submit its quarterly report for Q4 ${y - 1}`,
    ]);
    expect(receiptNotes(r, 'uz')[0]).toContain(
      `${y - 1}-yil IV chorak uchun choraklik hisobotini topshirmadi`,
    );

    const [notice] = await em().execute<{ texts: Record<string, MessageText> }[]>(
      `select texts from notification_mailing where idempotency_key = ?`,
      [`billing-receipt:${single.id}`],
    );
    const mail = notice!.texts.ru!;
    expect(mail.text).toContain(ruNote);
    // Telegram, SMS and the inbox say why too.
    expect(mail.body).toContain(ruNote);
    const pdf = Buffer.from(mail.attachments![0]!.content, 'base64');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;
    expect(text.replace(/\s+/g, ' ')).toContain('не сдала квартальный отчёт');

    // An open month's receipt carries no note.
    const earlier = await receiptOf(s.buildingId, before, s.single.owner);
    expect(earlier.snapshot.receipt.notes).toBeUndefined();
  });
});
