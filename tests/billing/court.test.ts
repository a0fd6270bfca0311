// Debt claims and the court package against the real app, PostgreSQL, an SMTP server and the local
// Bot API server: only owners whose debt is older than the policy's months qualify (the boundary
// day to the day); a claim goes once as a legal notice through notifications, by the owner's
// channels in their language, however often the request or the dispatchers are retried, and its
// link opens a page naming the claim whose button records the acknowledgement; the claim's
// delivery is notifications' tracking (a claim delivered by Telegram alone is delivered; one no
// channel got through waits for a paper delivery and its package says so); the package PDF holds
// the calculation by period, the meeting's decision, the contract and the proof of delivery, and is
// refused naming what is missing; only the building's organization acts (the owner reads their own
// claim), and the books are never touched.
import { randomInt, randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispatchOnce } from '../../activities/mail/dispatcher.ts';
import {
  type NotificationDispatcher,
  startNotificationDispatcher,
} from '../../activities/notifications/dispatcher.ts';
import type { CourtClaimView } from '../../db/billing/court-claim-views.ts';
import { type QualifyingDebtor, qualifyingDebtors } from '../../db/billing/court-claims.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import { qualifiesFrom } from '../../domain/billing/court.ts';
import { tashkentStamp } from '../../domain/billing/court-package.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { addDays, addMonths, dayOf } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY as P } from '../../domain/billing/policy.ts';
import { dayName, money, periodName } from '../../domain/billing/receipt-document.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { DEFAULT_NOTIFICATION_POLICY } from '../../domain/notifications/policy.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../platform/mail.ts';
import { createTelegramSender } from '../../platform/notifications/telegram.ts';
import { startTelegramServer, type TelegramServer } from '../../platform/notifications/telegram-server.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectBalancedBooks } from './books.ts';
import { activeManagementContract, decidedManagementMethod } from './court-fixtures.ts';
import { createDistrict, registerForBilling } from './fixtures.ts';

const FROM = 'Mening Uyim <no-reply@meninguyim.uz>';
let db: TestDatabase;
let t: TestApp;
let catcher: MailCatcher;
let mailer: Mailer;
let telegram: TelegramServer;
let notifier: NotificationDispatcher;
const em = () => t.deps.orm.em.fork();

const today = tashkentDate(Date.now());
const M = today.slice(0, 7);
/** Long past due: qualifies whatever today is. */
const OLD = addMonths(M, -5);
/** Qualifies from the 16th of next month: not yet. */
const RECENT = addMonths(M, -2);

/** Text read back from a PDF has its spaces flattened, non-breaking ones too. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string } = {}) =>
  t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: `Test ${roles[0] ?? 'nobody'}`,
    pid: claims.pid ?? null,
    roles: roles as never,
    org: claims.org ?? null,
    district: claims.district ?? null,
  });

interface Owner {
  ownerId: string;
  apartmentId: string;
}
let s: {
  buildingId: string;
  address: string;
  org: string;
  /** Owes since OLD, has email, reads Russian. */
  a: Owner;
  /** Owes only since RECENT. */
  b: Owner;
  /** Owes since OLD, has no email. */
  c: Owner;
  /** Owes since OLD, has email: for the races and the mail server's outage. */
  d: Owner;
  /** Owes since OLD, reachable by Telegram alone. */
  e: Owner;
  /** c's Telegram chat, whose user blocked the bot; e's chat. */
  chats: { c: string; e: string };
  tokens: Record<'org' | 'otherOrg' | 'council' | 'admin' | 'ownerA' | 'ownerB', string>;
};

/**
 * The notices' way out: the notifications pass (Telegram sent, mail written to the outbox, the
 * unreachable put on the list), the outbox's sender, and the pass that reads the server's answer.
 */
async function dispatch() {
  await notifier.drain();
  await dispatchOnce(em(), mailer, FROM);
  await notifier.drain();
}
/** The mails of one claim the SMTP server got. */
const mailsOf = (claim: { number: string }) =>
  catcher.messages().filter((m) => m.subject?.includes(claim.number));
const account = (o: Owner) =>
  accountId({ kind: 'owner_receivable', ownerId: o.ownerId, apartmentId: o.apartmentId });

async function charge(o: Owner, period: string, amount: number) {
  await postTransfers(em(), [
    {
      id: `test-accrual:${period}:${o.apartmentId}:${o.ownerId}`,
      debit: account(o),
      credit: accountId({ kind: 'revenue', buildingId: s.buildingId, revenue: 'contributions' }),
      amount,
      kind: 'accrual',
      reason: `contributions ${period}`,
      period,
      buildingId: s.buildingId,
    },
  ]);
}

async function ledgerSnapshot() {
  const [row] = await em().execute<{ transfers: string; balances: string }[]>(
    `select (select count(*) from ledger_transfer)::text as transfers,
            (select string_agg(id || '=' || balance, ',' order by id) from ledger_account) as balances`,
  );
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'billing_court');
  [t, catcher, telegram] = await Promise.all([
    createTestApp({ withTemporal: false, databaseUrl: db.url }),
    startMailCatcher(),
    startTelegramServer(),
  ]);
  mailer = createMailer(t.deps.config, catcher.url);
  notifier = startNotificationDispatcher({
    orm: t.deps.orm,
    policy: DEFAULT_NOTIFICATION_POLICY,
    adapters: {
      telegram: createTelegramSender(
        { token: telegram.token, apiUrl: telegram.url },
        DEFAULT_NOTIFICATION_POLICY.telegram,
      ),
    },
    intervalMs: 60_000,
  });
  const orm = t.deps.orm;
  const d = await createDistrict(orm);
  const org = await d.organization();
  const otherOrg = await d.organization();
  const b = await d.building([
    { number: '1', area: 50, shares: [[1, 1]] },
    { number: '2', area: 50, shares: [[1, 1]] },
    { number: '3', area: 50, shares: [[1, 1]] },
    { number: '4', area: 50, shares: [[1, 1]] },
    { number: '5', area: 50, shares: [[1, 1]] },
  ]);
  await em().execute(`update building set management_organization_id = ? where id = ?`, [org, b.buildingId]);
  await registerForBilling(orm, b.buildingId, dayOf(OLD, 1));
  const owner = (i: number): Owner => ({ ownerId: b.ownerIds[i]![0]!, apartmentId: b.apartmentIds[i]! });
  await em().execute(
    `update person set email = ?, language = 'ru', full_name = 'Ғайратов Азиз' where id = ?`,
    [`owner-a-${randomUUID()}@example.uz`, owner(0).ownerId],
  );
  for (const i of [1, 3])
    await em().execute(`update person set email = ? where id = ?`, [
      `owner-${i}-${randomUUID()}@example.uz`,
      owner(i).ownerId,
    ]);
  const chats = {
    c: String(randomInt(10 ** 9, 2 * 10 ** 9)),
    e: String(randomInt(2 * 10 ** 9, 3 * 10 ** 9)),
  };
  // c chose Telegram and has blocked the bot since; e is reachable by Telegram alone.
  for (const [i, chat] of [
    [2, chats.c],
    [4, chats.e],
  ] as const)
    await em().execute(
      `insert into notification_preference (person_id, channel_order, language, opt_out, telegram_chat_id, unreachable, updated_at)
       values (?, '["telegram"]'::jsonb, 'en', false, ?, '[]'::jsonb, now())`,
      [owner(i).ownerId, chat],
    );
  telegram.block(chats.c);
  const [building] = await em().execute<{ address: string }[]>(`select address from building where id = ?`, [
    b.buildingId,
  ]);
  s = {
    buildingId: b.buildingId,
    address: building!.address,
    org,
    a: owner(0),
    b: owner(1),
    c: owner(2),
    d: owner(3),
    e: owner(4),
    chats,
    tokens: {
      org: await sign(['management_company'], { org }),
      otherOrg: await sign(['management_company'], { org: otherOrg }),
      council: await sign(['council'], { district: d.districtId }),
      admin: await sign(['admin']),
      ownerA: await sign(['resident'], { pid: owner(0).ownerId }),
      ownerB: await sign(['resident'], { pid: owner(1).ownerId }),
    },
  };
  await charge(s.a, OLD, 500_000);
  await charge(s.a, addMonths(M, -1), 600_000);
  // Part of OLD paid on time: the claim is for the rest.
  await postTransfers(em(), [
    {
      id: `test-payment:${randomUUID()}`,
      debit: accountId({ kind: 'provider_clearing', provider: 'payme', buildingId: s.buildingId }),
      credit: account(s.a),
      amount: 100_000,
      kind: 'payment',
      reason: 'payment',
      period: null,
      buildingId: s.buildingId,
      detail: { paidOn: dayOf(OLD, 10) },
    },
  ]);
  await charge(s.b, RECENT, 700_000);
  await charge(s.c, OLD, 300_000);
  await charge(s.d, OLD, 250_000);
  await charge(s.e, OLD, 200_000);
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(async () => {
  await notifier?.stop();
  mailer?.close();
  await Promise.all([catcher?.stop(), telegram?.close(), t?.close()]);
  await db?.drop();
});

const debtors = (asOf: string) => qualifyingDebtors(em(), s.buildingId, asOf, P);
const start = (o: Owner, key = newKey(), token = s.tokens.org) =>
  call(t, 'POST', `/billing/buildings/${s.buildingId}/court/claims`, { token, key, body: o });

describe('court claims', () => {
  it("lists owners whose debt is older than the policy's months, to the boundary day", async () => {
    const from = qualifiesFrom(RECENT, P);
    expect(from).toBe(dayOf(addMonths(RECENT, P.courtDebtAgeMonths), P.dueDay + 1));
    const before = await debtors(addDays(from, -1));
    expect(before.map((d) => d.ownerId)).toEqual([s.a.ownerId, s.c.ownerId, s.d.ownerId, s.e.ownerId]);
    const on = await debtors(from);
    expect(on.map((d) => d.ownerId)).toEqual([
      s.a.ownerId,
      s.b.ownerId,
      s.c.ownerId,
      s.d.ownerId,
      s.e.ownerId,
    ]);
    expect(on.find((d) => d.ownerId === s.b.ownerId)).toMatchObject({
      oldestPeriod: RECENT,
      qualifiesFrom: from,
    });

    const list = await ok<{ asOf: string; items: QualifyingDebtor[] }>(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/court/debtors`, { token: s.tokens.org }),
    );
    expect(list.asOf).toBe(today);
    expect(list.items.map((d) => [d.apartmentNumber, d.hasEmail, d.oldestPeriod])).toEqual([
      ['1', true, OLD],
      ['3', false, OLD],
      ['4', true, OLD],
      ['5', false, OLD],
    ]);
    const a = list.items[0]!;
    // 400 000 left of OLD and all of last month's 600 000, with penalties beside.
    expect(a.contributionOwed).toBe(1_000_000);
    expect(a.penaltyOwed).toBeGreaterThan(0);
    expect(a.owed).toBe(a.contributionOwed + a.penaltyOwed);
    expect(a.personalAccount).toMatch(/^\d{10}$/);
  });

  it('refuses a claim for an owner whose debt does not qualify yet, naming the day it will', async () => {
    const body = await problem(await start(s.b), 422, 'body.ownerId');
    expect(body.detail).toContain(qualifiesFrom(RECENT, P));
    await problem(await start({ ownerId: randomUUID(), apartmentId: s.a.apartmentId }), 404, 'body.ownerId');
    await problem(
      await call(t, 'POST', `/billing/buildings/${s.buildingId}/court/claims`, {
        token: s.tokens.org,
        key: newKey(),
        body: { ownerId: 'nobody', apartmentId: s.a.apartmentId },
      }),
      400,
      'body.ownerId',
    );
    await problem(
      await call(t, 'POST', `/billing/buildings/${s.buildingId}/court/claims`, {
        token: s.tokens.org,
        body: s.a,
      }),
      400,
    );
  });

  it('sends the claim once by the owner’s channel in their language, with a link that opens the claim and records the acknowledgement', async () => {
    const before = await ledgerSnapshot();
    const key = newKey();
    const claim = await ok<CourtClaimView>(await start(s.a, key), 201);
    expect(claim).toMatchObject({ ownerId: s.a.ownerId, asOf: today, language: 'ru' });
    expect(claim.delivery).toMatchObject({ status: 'sending', recorded: false, mail: null });
    expect(claim.answerBy).toBe(addDays(today, P.courtClaimAnswerDays));
    expect(claim.calculation.rows.map((r) => [r.period, r.contributionOwed, r.qualifies])).toEqual([
      [OLD, 400_000, true],
      [addMonths(M, -1), 600_000, false],
    ]);
    // The same request again answers the same claim; a new request the same day is refused.
    const again = await ok<CourtClaimView>(await start(s.a, key), 200);
    expect(again.id).toBe(claim.id);
    const twice = await problem(await start(s.a), 409, { detail: 'already started today' });
    expect(twice.claimId).toBe(claim.id);
    await problem(await start(s.c, key), 409, { detail: 'Idempotency-Key' });

    // The dispatchers send it; a second pass (a retry) sends nothing more.
    await dispatch();
    await dispatch();
    const mails = mailsOf(claim);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.envelope.to).toEqual([expect.stringMatching(/^owner-a-/)]);
    expect(mail.subject).toContain(`Претензия о задолженности № ${claim.number}`);
    expect(mail.text).toContain('Уважаемый(ая) Ғайратов Азиз!');
    expect(mail.text).toContain(
      `${periodName('ru', OLD)} (срок оплаты ${dayName(dayOf(OLD, 15))}): взнос ${money('ru', 400_000)}`,
    );
    expect(mail.text).toContain(`до ${dayName(claim.answerBy)} включительно`);
    expect(mail.text).toContain(`лицевой счёт ${claim.personalAccount}`);

    const accepted = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim.id}`, { token: s.tokens.org }),
    );
    // The server's acceptance is the mail's proof, as notifications tracked it.
    expect(accepted.delivery).toMatchObject({
      status: 'delivered',
      recorded: true,
      mail: null,
      notice: {
        status: 'done',
        delivered: { channel: 'email', address: mail.envelope.to[0], at: expect.any(String) },
        printedAt: null,
        attempts: [{ channel: 'email', state: 'sent', address: mail.envelope.to[0] }],
      },
      acknowledged: null,
    });

    // The link opens a page naming the claim; following it records nothing, the button does.
    const link = /(https?:\/\/\S+\/court-claims\/\S+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.pathname).toBe(`/court-claims/${claim.id}/acknowledge`);
    const opened = await t.app.request(`${url.pathname}${url.search}`);
    const html = await opened.text();
    expect(opened.status, html).toBe(200);
    expect(html).toContain('Подтверждение получения претензии о задолженности');
    expect(html).toContain(claim.number);
    expect(html).toContain(money('ru', claim.calculation.totals.owed));
    expect(html).not.toContain('Ғайратов');
    const still = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim.id}`, { token: s.tokens.org }),
    );
    expect(still.delivery.acknowledged).toBeNull();

    const token = url.searchParams.get('t')!;
    const wrong = await t.app.request(`${url.pathname}?t=${'x'.repeat(token.length)}`);
    expect(wrong.status).toBe(404);
    const confirm = (t_: string) =>
      t.app.request(url.pathname, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ t: t_, lang: 'ru' }).toString(),
      });
    expect((await confirm('y'.repeat(token.length))).status).toBe(404);
    const confirmed = await confirm(token);
    const confirmedHtml = await confirmed.text();
    expect(confirmed.status, confirmedHtml).toBe(200);
    expect(confirmedHtml).toContain('Получение претензии записано');
    const acked = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim.id}`, { token: s.tokens.ownerA }),
    );
    expect(acked.delivery.status).toBe('acknowledged');
    const at = acked.delivery.acknowledged!.at;
    // A second confirmation keeps the first.
    expect((await confirm(token)).status).toBe(200);
    const kept = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim.id}`, { token: s.tokens.org }),
    );
    expect(kept.delivery.acknowledged!.at).toBe(at);
    // The delivery records are hash-chained evidence, verifiable by the organization and the owner.
    for (const token of [s.tokens.org, s.tokens.ownerA])
      expect(
        await ok(await call(t, 'GET', `/audit/court-claims/${claim.id}/verification`, { token })),
      ).toMatchObject({ valid: true, rows: 1 });
    await problem(
      await call(t, 'GET', `/audit/court-claims/${claim.id}/verification`, { token: s.tokens.otherOrg }),
      403,
    );
    await expect(
      em().execute(`update court_claim_delivery set at = now() where claim_id = ?`, [claim.id]),
    ).rejects.toThrow(/append-only/);
    await expect(em().execute(`delete from court_claim where id = ?`, [claim.id])).rejects.toThrow(
      /append-only/,
    );

    // Nothing of this touches the books.
    expect(await ledgerSnapshot()).toEqual(before);
  });

  it('records a claim no channel got through as undelivered, on the building’s list, waiting for a paper delivery', async () => {
    const claim = await ok<CourtClaimView>(await start(s.c), 201);
    expect(claim.delivery).toMatchObject({ status: 'sending', recorded: false, mail: null });
    await dispatch();
    // Telegram refused (the bot is blocked) and no other channel reaches the owner: the printed list.
    const undelivered = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim.id}`, { token: s.tokens.org }),
    );
    expect(undelivered.delivery).toMatchObject({
      status: 'undelivered',
      recorded: false,
      notice: {
        status: 'printed',
        delivered: null,
        printedAt: expect.any(String),
        attempts: [{ channel: 'telegram', address: s.chats.c, state: 'failed' }],
      },
    });
    expect(telegram.sent.filter((m) => m.chatId === s.chats.c)).toEqual([]);
    const [outbox] = await em().execute<{ n: string }[]>(
      `select count(*)::text as n from mail_outbox where subject like ?`,
      [`%${claim.number}%`],
    );
    expect(outbox!.n).toBe('0');
    const missing = await problem(
      await call(t, 'GET', `/billing/court/claims/${claim.id}/package`, { token: s.tokens.org }),
      409,
      { detail: 'delivery is not recorded' },
    );
    expect(missing.missing).toContain('delivery');
    // Another organization learns nothing of the claim's state: 403, never the 409 of a missing part.
    await problem(
      await call(t, 'GET', `/billing/court/claims/${claim.id}/package`, { token: s.tokens.otherOrg }),
      403,
    );

    const paper = (body: unknown, key = newKey()) =>
      call(t, 'POST', `/billing/court/claims/${claim.id}/paper-delivery`, { token: s.tokens.org, key, body });
    await problem(
      await paper({ deliveredOn: addDays(today, 1), scanReference: 'x' }),
      400,
      'body.deliveredOn',
    );
    await problem(await paper({ deliveredOn: today, scanReference: '' }), 400, 'body.scanReference');
    const key = newKey();
    const body = { deliveredOn: today, scanReference: `archive/claims/${claim.number}.pdf` };
    const recorded = await ok<CourtClaimView>(await paper(body, key), 201);
    expect(recorded.delivery).toMatchObject({
      status: 'paper_delivered',
      recorded: true,
      paper: { deliveredOn: today, scanReference: body.scanReference },
    });
    expect((await ok<CourtClaimView>(await paper(body, key), 200)).delivery.paper).toEqual(
      recorded.delivery.paper,
    );
    await problem(await paper({ ...body, scanReference: 'another' }), 409, { detail: 'already recorded' });
  });

  it('makes the package PDF only with the meeting decision, the contract and a recorded delivery, naming what is missing', async () => {
    const [claim] = await em().execute<{ id: string }[]>(
      `select id from court_claim where person_id = ? and as_of = ?`,
      [s.a.ownerId, today],
    );
    const pkg = (token = s.tokens.org, lang = 'ru') =>
      t.app.request(`/api/v1/billing/court/claims/${claim!.id}/package?lang=${lang}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    // A decision that was not accepted is no decision.
    await decidedManagementMethod(t.deps.orm, s.buildingId, false);
    const none = await problem(await pkg(), 409, { detail: 'management method' });
    expect(none.missing).toEqual(['meeting_decision', 'management_contract']);
    const meeting = await decidedManagementMethod(t.deps.orm, s.buildingId);
    const noContract = await problem(await pkg(), 409, { detail: 'management contract' });
    expect(noContract.missing).toEqual(['management_contract']);
    const contract = await activeManagementContract(t.deps.orm, {
      buildingId: s.buildingId,
      organizationId: s.org,
      address: s.address,
    });

    const res = await pkg();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = (
      await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true })
    ).text.replace(/\s+/g, ' ');
    const view = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim!.id}`, { token: s.tokens.org }),
    );
    // 1. The calculation by period.
    expect(text).toContain('Расчёт задолженности по периодам');
    for (const r of view.calculation.rows) {
      expect(text).toContain(periodName('ru', r.period));
      expect(text).toContain(flat(money('ru', r.contributionOwed)));
      expect(text).toContain(flat(money('ru', r.owed)));
    }
    expect(text).toContain(flat(money('ru', view.calculation.totals.owed)));
    expect(text).toContain(
      flat(`Предъявлено в претензии (${dayName(today)}): ${money('ru', view.calculation.totals.owed)}`),
    );
    // 2. The decision, 3. the contract, 4. the proofs of delivery.
    expect(text).toContain(meeting.title);
    expect(text).toContain('Boshqaruv usuli: boshqaruv tashkiloti');
    expect(text).toContain(meeting.protocolSha256);
    expect(text).toContain('Договор управления многоквартирным домом');
    expect(text).toContain(contract.number);
    expect(text).toContain('Rahimov Sardor');
    const byMail = view.delivery.notice!.delivered!;
    expect(text).toContain(flat(`Претензия доставлена: Электронная почта, ${tashkentStamp(byMail.at)}`));
    expect(text).toContain(byMail.address);
    expect(text).toContain(`Электронная почта (${byMail.address}): отправлено`);
    expect(text).toContain('Должник подтвердил получение по ссылке');
    // The same claim and records give the same bytes (pdf.js takes over the buffer it reads, hence
    // the copy above); Uzbek prints with its own letters.
    const again = new Uint8Array(await (await pkg()).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const uz = (
      await extractText(
        await getDocumentProxy(new Uint8Array(await (await pkg(s.tokens.org, 'uz')).arrayBuffer())),
        {
          mergePages: true,
        },
      )
    ).text.replace(/\s+/g, ' ');
    expect(uz).toContain('Qarzdorlik hisob-kitobi davrlar boʻyicha');
    expect(uz).toContain('Koʻp kvartirali uyni boshqarish shartnomasi');

    // The paper-delivered claim's package carries the scan reference instead.
    const [paperClaim] = await em().execute<{ id: string; number: string }[]>(
      `select id, number from court_claim where person_id = ?`,
      [s.c.ownerId],
    );
    const paperPdf = await t.app.request(`/api/v1/billing/court/claims/${paperClaim!.id}/package?lang=en`, {
      headers: { Authorization: `Bearer ${s.tokens.org}` },
    });
    expect(paperPdf.status).toBe(200);
    const paperText = (
      await extractText(await getDocumentProxy(new Uint8Array(await paperPdf.arrayBuffer())), {
        mergePages: true,
      })
    ).text.replace(/\s+/g, ' ');
    expect(paperText).toContain('Debt calculation by period');
    expect(paperText).toContain(`archive/claims/${paperClaim!.number}.pdf`);
    // Undelivered on every channel, and said so: the attempt, and the day the owner was listed.
    expect(paperText).toContain('The claim was delivered by no channel');
    expect(paperText).toContain(`Telegram (${s.chats.c}): not delivered`);
    expect(paperText).not.toContain('The claim was delivered:');
    expect(paperText).toContain('Multi-apartment building management contract');
  });

  it('proves a claim delivered by Telegram alone, in the package too', async () => {
    const claim = await ok<CourtClaimView>(await start(s.e), 201);
    expect(claim.delivery).toMatchObject({ status: 'sending', recorded: false });
    await dispatch();
    await dispatch();
    const sent = telegram.sent.filter((m) => m.chatId === s.chats.e);
    // Once, in the owner's chosen language, with the link that opens the claim.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`Debt claim No. ${claim.number}`);
    expect(sent[0]!.text).toContain(`/court-claims/${claim.id}/acknowledge?t=`);
    expect(mailsOf(claim)).toEqual([]);
    const view = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${claim.id}`, { token: s.tokens.org }),
    );
    expect(view.delivery).toMatchObject({
      status: 'delivered',
      recorded: true,
      mail: null,
      notice: {
        status: 'done',
        delivered: { channel: 'telegram', address: s.chats.e, at: expect.any(String) },
        attempts: [{ channel: 'telegram', state: 'delivered' }],
      },
    });
    const res = await t.app.request(`/api/v1/billing/court/claims/${claim.id}/package?lang=en`, {
      headers: { Authorization: `Bearer ${s.tokens.org}` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const text = (
      await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true })
    ).text.replace(/\s+/g, ' ');
    expect(text).toContain(
      flat(`The claim was delivered: Telegram, ${tashkentStamp(view.delivery.notice!.delivered!.at)}`),
    );
    expect(text).toContain(`Telegram (${s.chats.e}): delivered`);
    expect(text).not.toContain('delivered by no channel');
  });

  it('admits only the building’s organization, and the owner to their own claim; scope before state', async () => {
    const [claim] = await em().execute<{ id: string }[]>(
      `select id from court_claim where person_id = ? and as_of = ?`,
      [s.a.ownerId, today],
    );
    const paths = {
      list: `/billing/buildings/${s.buildingId}/court/debtors`,
      claim: `/billing/court/claims/${claim!.id}`,
    };
    await problem(await call(t, 'GET', paths.list), 401);
    await problem(await call(t, 'GET', paths.claim), 401);
    await problem(
      await call(t, 'POST', `/billing/buildings/${s.buildingId}/court/claims`, { key: newKey(), body: s.a }),
      401,
    );
    for (const token of [s.tokens.council, s.tokens.admin, s.tokens.ownerA, s.tokens.otherOrg]) {
      await problem(await call(t, 'GET', paths.list, { token }), 403);
      await problem(await start(s.a, newKey(), token), 403);
      await problem(await call(t, 'GET', `${paths.claim}/package`, { token }), 403);
      await problem(
        await call(t, 'POST', `${paths.claim}/paper-delivery`, {
          token,
          key: newKey(),
          body: { deliveredOn: today, scanReference: 'x' },
        }),
        403,
      );
    }
    for (const token of [s.tokens.otherOrg, s.tokens.council, s.tokens.ownerB])
      await problem(await call(t, 'GET', paths.claim, { token }), 403);
    expect((await call(t, 'GET', paths.claim, { token: s.tokens.ownerA })).status).toBe(200);
    const mine = await ok<{ items: CourtClaimView[] }>(
      await call(t, 'GET', '/billing/me/court-claims', { token: s.tokens.ownerA }),
    );
    expect(mine.items.map((x) => x.id)).toEqual([claim!.id]);
    const notMine = await ok<{ items: CourtClaimView[] }>(
      await call(t, 'GET', '/billing/me/court-claims', { token: s.tokens.ownerB }),
    );
    expect(notMine.items).toEqual([]);
    await problem(await call(t, 'GET', '/billing/me/court-claims', { token: s.tokens.org }), 403);
    await problem(await call(t, 'GET', '/billing/me/court-claims'), 401);
    await problem(
      await call(t, 'GET', `/billing/court/claims/${randomUUID()}`, { token: s.tokens.org }),
      404,
    );
    await problem(
      await call(t, 'GET', `/billing/buildings/${randomUUID()}/court/debtors`, { token: s.tokens.org }),
      404,
    );
  });
  it('starts one claim when requests race, and records the mail as delivered only once the server accepts it', async () => {
    const key = newKey();
    const same = await Promise.all([start(s.d, key), start(s.d, key)]);
    const others = await Promise.all([start(s.d), start(s.d)]);
    const statuses = [...same, ...others].map((r) => r.status).sort();
    expect(statuses).toEqual([200, 201, 409, 409]);
    const created = await ok<CourtClaimView>(same.find((r) => r.status === 201)!, 201);
    const [count] = await em().execute<{ n: string }[]>(
      `select count(*)::text as n from court_claim where person_id = ?`,
      [s.d.ownerId],
    );
    expect(count!.n).toBe('1');

    // The mail server is down: the claim stays queued, and the package is refused for it.
    const gone = await startMailCatcher();
    await gone.stop();
    const down = createMailer(t.deps.config, gone.url);
    await notifier.drain();
    const pass = await dispatchOnce(em(), down, FROM);
    await notifier.drain();
    down.close();
    expect(pass.serverDown).toBe(true);
    const queued = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${created.id}`, { token: s.tokens.org }),
    );
    expect(queued.delivery).toMatchObject({
      status: 'sending',
      recorded: false,
      notice: { status: 'pending', delivered: null, attempts: [{ channel: 'email', state: 'queued' }] },
    });
    const refused = await problem(
      await call(t, 'GET', `/billing/court/claims/${created.id}/package`, { token: s.tokens.org }),
      409,
    );
    expect(refused.missing).toContain('delivery');

    await dispatch();
    const sent = await ok<CourtClaimView>(
      await call(t, 'GET', `/billing/court/claims/${created.id}`, { token: s.tokens.org }),
    );
    expect(sent.delivery).toMatchObject({
      status: 'delivered',
      recorded: true,
      notice: { delivered: { channel: 'email' } },
    });
    expect(mailsOf(created)).toHaveLength(1);

    // Paid in full since the claim: the package is refused, nothing is left for a court order.
    await postTransfers(em(), [
      {
        id: `test-payment:${randomUUID()}`,
        debit: accountId({ kind: 'provider_clearing', provider: 'click', buildingId: s.buildingId }),
        credit: account(s.d),
        amount: created.calculation.totals.owed,
        kind: 'payment',
        reason: 'payment',
        period: null,
        buildingId: s.buildingId,
        detail: { paidOn: today },
      },
    ]);
    const paid = await problem(
      await call(t, 'GET', `/billing/court/claims/${created.id}/package`, { token: s.tokens.org }),
      409,
      { detail: 'paid since the claim' },
    );
    expect(paid.missing).toEqual(['debt_paid']);
  });
});
