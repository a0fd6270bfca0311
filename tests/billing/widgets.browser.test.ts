// <mu-my-bills> and <mu-building-account> in headless Chromium on a 360 px screen, against the
// real API and database after a real accrual: the resident sees their own balance, receipt and
// history and downloads the receipt's PDF (read back with unpdf); the management company sees
// the building's income by kind, expenses and balance as a chart and a table, and exports the
// CSV; a resident gets no building statement. Russian, Uzbek and English on the way.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeDistrictReceipts, postDistrictRevenueSources } from '../../activities/billing/receipts.ts';
import { listen, type RunningServer } from '../../api/server.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import { addMonths, firstDay } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { periodName } from '../../domain/billing/receipt-document.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { call, newKey, ok } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { expectBalancedBooks } from './books.ts';
import { charge, payment } from './debtors-support.ts';
import { concluded, createDistrict, registerForBilling } from './fixtures.ts';
import { accrueMonth, thisMonth } from './month.ts';

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pages = 0;
const P0 = thisMonth();
const tokens: Record<string, string> = {};
let buildingId: string;
/** The resident's own account: apartment 7, sole owner. */
let residentAccount: { ownerId: string; apartmentId: string };

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/billing-${name}.png`, fullPage: true });
};

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  t = await createTestApp({
    withTemporal: false,
    env: {
      PAYME_KEY: 'widgets-payme-key',
      PAYME_MERCHANT_ID: 'm-widgets',
      PAYME_CHECKOUT_URL: 'http://payme.test/checkout',
      CLICK_SERVICE_ID: '77',
      CLICK_SECRET_KEY: 'widgets-click-secret',
      CLICK_MERCHANT_ID: '88',
      CLICK_CHECKOUT_URL: 'http://click.test/checkout',
    },
  });
  const orm = t.deps.orm;
  const d = await createDistrict(orm);
  const org = await d.organization();
  const b = await d.building([
    { number: '7', area: 48.5, shares: [[1, 1]] },
    {
      number: '8',
      area: 61.2,
      shares: [
        [1, 2],
        [1, 2],
      ],
    },
  ]);
  buildingId = b.buildingId;
  await t.deps.orm.em
    .fork()
    .execute(`update building set management_organization_id = ? where id = ?`, [org, buildingId]);
  await registerForBilling(orm, buildingId, firstDay(addMonths(P0, -1)));
  await concluded(orm, {
    buildingId,
    organizationId: org,
    from: firstDay(addMonths(P0, -1)),
    to: firstDay(addMonths(P0, 24)),
    somPerM2: 1500,
  });
  await accrueMonth(orm, d.districtId, P0);
  await makeDistrictReceipts(
    {
      orm,
      publicUrl: 'http://portal.test',
      portalUrl: 'http://portal.test',
      policy: () => DEFAULT_BILLING_POLICY,
    },
    { districtId: d.districtId, period: P0 },
  );
  const sign = (roles: string[], claims: { pid?: string; org?: string }) =>
    t.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: 'Test',
      pid: claims.pid ?? null,
      roles: roles as never,
      org: claims.org ?? null,
      district: null,
    });
  tokens.resident = await sign(['resident'], { pid: b.ownerIds[0]![0]! });
  residentAccount = { ownerId: b.ownerIds[0]![0]!, apartmentId: b.apartmentIds[0]! };
  // Apartment 8's first co-owner did not pay last month and was blocked on its handover day.
  const debtor = { ownerId: b.ownerIds[1]![0]!, apartmentId: b.apartmentIds[1]! };
  await charge({ orm } as Parameters<typeof charge>[0], debtor, buildingId, addMonths(P0, -1), 4_000_000);
  await orm.em.fork().execute(
    `insert into electricity_block (owner_id, status, blocked_on, overdue, periods, lifted_at, updated_at)
     values (?, 'blocked', ?, 4000000, ?, null, now())`,
    [debtor.ownerId, `${addMonths(P0, -1)}-16`, JSON.stringify([addMonths(P0, -1)])],
  );
  tokens.debtor = await sign(['resident'], { pid: debtor.ownerId });
  tokens.staff = await sign(['management_company'], { org });
  await ok(
    await call(t, 'POST', `/billing/buildings/${buildingId}/revenue-sources`, {
      token: tokens.staff,
      key: newKey(),
      body: {
        kind: 'household_service_centre',
        partyName: 'Sartaroshxona',
        partyId: '301234567',
        contractNumber: 'MXK-1',
        monthlyCharge: 120_000_000,
        from: firstDay(addMonths(P0, -1)),
      },
    }),
    201,
  );
  await postDistrictRevenueSources({ orm }, { districtId: d.districtId, period: P0 });
  await postTransfers(orm.em.fork(), [
    {
      id: `test-expense/${randomUUID()}`,
      debit: `org/${org}`,
      credit: `bank/${buildingId}`,
      amount: 30_000_000,
      kind: 'expense',
      reason: 'cleaning',
      period: P0,
      buildingId,
    },
  ]);
  server = await listen(t.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});
afterAll(async () => {
  await expectBalancedBooks(t.deps.orm.em.fork());
  await browser?.close();
  await server?.close();
  await t?.close();
});

beforeEach(async () => {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 360, height: 800 },
    acceptDownloads: true,
    timeout: 15_000,
    // A resident asking for a building's statement is refused on purpose.
    expected: /status of 403/,
  }));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

async function open(body: string, token: string, lang: string): Promise<void> {
  const path = `/billing-test/${++pages}`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
}

/** Nothing wider than the phone: the page never scrolls sideways. */
const fitsScreen = () =>
  expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

describe('<mu-my-bills>', () => {
  it('shows the resident’s balance, receipt and history, and downloads the receipt as a PDF', async () => {
    await open('<mu-my-bills></mu-my-bills>', tokens.resident!, 'ru');
    const w = page.locator('mu-my-bills');
    // 48.50 m² × 1 500 so'm = 72 750 so'm.
    await eventually(() => text(w.locator('[part="balance"]'))).toBe('К оплате: 72 750,00 сум');
    await eventually(() => w.locator('[part="receipt"]').count()).toBe(1);
    const receipt = w.locator('[part="receipt"]');
    expect(await text(receipt)).toContain(periodName('ru', P0));
    await eventually(() => text(w.locator('[part="movement"]'))).toContain('Ежемесячный взнос');
    await fitsScreen();
    await shot('my-bills-ru');

    const download = page.waitForEvent('download');
    await receipt.getByRole('button', { name: /Скачать квитанцию .* \(русский\)/ }).click();
    const file = await download;
    const bytes = await readFile((await file.path())!);
    const pdf = (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;
    expect(pdf).toContain('Квитанция по обязательным взносам');
    expect(pdf.replace(/\s+/g, ' ')).toContain('72 750,00 сум');
    expect(file.suggestedFilename()).toMatch(/^receipt-\d{6}-.+-ru\.pdf$/);
  });

  it('speaks Uzbek and English too', async () => {
    await open('<mu-my-bills></mu-my-bills>', tokens.resident!, 'uz');
    await eventually(() => text(page.locator('mu-my-bills [part="balance"]'))).toBe(
      'Toʻlash kerak: 72 750,00 soʻm',
    );
    await open('<mu-my-bills lang="en"></mu-my-bills>', tokens.resident!, 'uz');
    await eventually(() => text(page.locator('mu-my-bills [part="balance"]'))).toBe('To pay: UZS 72,750.00');
  });
});

describe('<mu-building-account>', () => {
  it('shows income by kind, expenses and balance as a chart and a table, and exports them as CSV', async () => {
    await open(
      `<mu-building-account building-id="${buildingId}"></mu-building-account>`,
      tokens.staff!,
      'uz',
    );
    const w = page.locator('mu-building-account');
    const row = w.locator(`tr[data-period="${P0}"]`);
    // Contributions: 72 750 + 91 800 so'm; the service centre: 1 200 000; expenses 300 000.
    await eventually(() => text(row.locator('[data-kind="contributions"]'))).toBe('164 550,00 soʻm');
    expect(await text(row.locator('[data-kind="household_service_centre"]'))).toBe('1 200 000,00 soʻm');
    expect(await text(row.locator('[data-column="expenses"]'))).toBe('300 000,00 soʻm');
    expect(await text(row.locator('[data-column="balance"]'))).toBe('900 000,00 soʻm');
    expect(await text(w.locator('[part="legend"]'))).toContain('Maishiy xizmat koʻrsatish shoxobchalari');
    const bars = w.locator(`svg[part="chart"] g[data-period="${P0}"] rect.income`);
    expect(await bars.count()).toBe(2);
    expect(await w.locator('svg[part="chart"] rect.expense').count()).toBe(1);
    expect(await w.locator('svg[part="chart"] circle.balance').count()).toBeGreaterThan(0);
    await fitsScreen();
    await shot('building-account-uz');

    const download = page.waitForEvent('download');
    await w.locator('[part="export-button"]').click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    // The API's CSV in the page's language: months by name, so'm in the header, plain amounts.
    expect(lines[0]).toMatch(/^Oy,Badallar \(soʻm\),Ijara \(soʻm\),/);
    expect(lines.find((l) => l.startsWith(periodName('uz', P0)))).toBe(
      `${periodName('uz', P0)},164550.00,0.00,1200000.00,0.00,0.00,1364550.00,300000.00,900000.00`,
    );
    // A CSV the API refuses is said under the button, in the reader's words; nothing is saved.
    expect(await w.locator('[part="export-status"]').count()).toBe(0);
    await page.route('**/statement.csv?*', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403 }),
      }),
    );
    let saved = false;
    page.once('download', () => {
      saved = true;
    });
    await w.locator('[part="export-button"]').click();
    await eventually(() => text(w.locator('[part="export-status"]'))).toBe(
      'Sizda bu maʼlumotni koʻrish huquqi yoʻq.',
    );
    expect(saved).toBe(false);
    await page.unroute('**/statement.csv?*');
  });

  it('tells a resident the building’s books are not theirs to see', async () => {
    await open(
      `<mu-building-account building-id="${buildingId}" lang="en"></mu-building-account>`,
      tokens.resident!,
      'en',
    );
    await eventually(() => text(page.locator('mu-building-account [part="error"]'))).toBe(
      'You do not have access to this information.',
    );
  });
});

describe('the account statement’s range', () => {
  it('names an empty month or an end before the start under its field, in the reader’s words', async () => {
    await open(
      `<mu-building-account building-id="${buildingId}"></mu-building-account>`,
      tokens.staff!,
      'uz',
    );
    const form = page.locator('mu-building-account form[part="range"]');
    await eventually(() => form.count()).toBe(1);
    const alert = page.locator('mu-building-account [data-status="check"]');
    await form.locator('input[name="from"]').fill('');
    await form.locator('button[type="submit"]').click();
    await eventually(() => alert.locator('li').count()).toBe(1);
    expect(await alert.locator('li').getAttribute('data-field')).toBe('from');
    expect(await alert.getAttribute('role')).toBe('alert');
    await form.locator('input[name="from"]').fill('2026-06');
    await form.locator('input[name="to"]').fill('2026-03');
    await form.locator('button[type="submit"]').click();
    await eventually(() => alert.locator('li').getAttribute('data-field')).toBe('to');
    // "must come after" the start month, named by its label: no English, no raw code.
    expect(await alert.locator('[lang="en"]').count()).toBe(0);
    expect(await text(alert.locator('li'))).toMatch(/dan keyin boʻlishi kerak$/);
    await form.locator('input[name="to"]').fill('2026-09');
    await form.locator('button[type="submit"]').click();
    await eventually(() => alert.count()).toBe(0);
  });
});

describe('debts and paying', () => {
  it('shows a debtor the block, what is overdue and the penalty, and the providers’ links for a receipt', async () => {
    await open('<mu-my-bills lang="en"></mu-my-bills>', tokens.debtor!, 'en');
    const w = page.locator('mu-my-bills');
    await eventually(() => text(w.locator('[part="electricity"]'))).toMatch(
      /^Electricity: blocked since \d\d\.\d\d\.\d{4} for unpaid contributions\./,
    );
    expect(await text(w.locator('[part="overdue"]'))).toBe(
      `Overdue: UZS 40,000.00 for ${periodName('en', addMonths(P0, -1))}`,
    );
    await w.locator('[part="penalties"] summary').click();
    expect(await text(w.locator('[part="penalty"]'))).toMatch(
      new RegExp(
        `^${periodName('en', addMonths(P0, -1))}: \\d+ days late, UZS [\\d,]+\\.\\d\\d · grows every day until paid$`,
      ),
    );
    const receipt = w.locator('[part="receipt"]');
    await receipt.getByRole('button', { name: /^Pay receipt / }).click();
    const links = receipt.locator('[part="pay-link"]');
    await eventually(() => links.count()).toBe(2);
    // 91 800 so'm ÷ 2 this month, 40 000 last month.
    expect(await text(receipt.locator('mu-receipt-pay p'))).toBe('To pay now: UZS 85,900.00');
    expect(await links.allInnerTexts()).toEqual(['Pay with Payme', 'Pay with Click']);
    const payme = (await links.first().getAttribute('href'))!;
    expect(payme.startsWith('http://payme.test/checkout/')).toBe(true);
    expect(atob(payme.split('/').at(-1)!)).toMatch(
      /^m=m-widgets;ac\.personal_account=\d{10};a=8590000;l=en;c=http/,
    );
    const click = new URL((await links.nth(1).getAttribute('href'))!);
    expect(click.searchParams.get('amount')).toBe('85900.00');
    await fitsScreen();
    await shot('my-bills-debtor-en');
  });

  it('speaks Russian and Uzbek about the block and the payment', async () => {
    await open('<mu-my-bills></mu-my-bills>', tokens.debtor!, 'ru');
    await eventually(() => text(page.locator('mu-my-bills [part="electricity"]'))).toMatch(
      /^Электроэнергия: заблокирована с /,
    );
    await page.locator('mu-my-bills [part="pay-button"]').click();
    await eventually(() => page.locator('mu-my-bills [part="pay-link"]').allInnerTexts()).toEqual([
      'Оплатить через Payme',
      'Оплатить через Click',
    ]);
    await open('<mu-my-bills></mu-my-bills>', tokens.debtor!, 'uz');
    await eventually(() => text(page.locator('mu-my-bills [part="overdue"]'))).toMatch(
      /^Muddati oʻtgan: 40 000,00 soʻm/,
    );
  });

  it('shows the company its debtors, the collection rate and the empty queues', async () => {
    await open(
      `<mu-building-account building-id="${buildingId}" lang="en"></mu-building-account>`,
      tokens.staff!,
      'en',
    );
    const w = page.locator('mu-building-account');
    const debtor = w.locator('mu-building-debtors [part="debtor"]');
    await eventually(() => debtor.count()).toBe(1);
    expect(await debtor.getAttribute('data-apartment')).toBe('8');
    expect(await text(debtor.locator('[data-column="overdue"]'))).toBe('UZS 40,000.00');
    expect(await text(debtor.locator('[data-column="months"]'))).toBe('1');
    expect(await text(debtor.locator('[data-column="electricity"]'))).toBe('Blocked');
    expect(await text(w.locator('mu-building-debtors [part="total"]'))).toBe(
      'Overdue in total: UZS 40,000.00 · debtor accounts: 1',
    );
    const last = w.locator(`mu-building-collection tr[data-month="${addMonths(P0, -1)}"]`);
    await eventually(() => text(last.locator('[data-column="accrued"]'))).toBe('UZS 40,000.00');
    expect(await text(last.locator('[data-column="rate"]'))).toBe('0 %');
    const now = w.locator(`mu-building-collection tr[data-month="${P0}"]`);
    expect(await text(now.locator('[data-column="accrued"]'))).toBe('UZS 164,550.00');
    expect(await w.locator('mu-building-collection svg[part="collection-chart"] rect.accrued').count()).toBe(
      2,
    );
    // The work queues are sections the company opens, named in the reader's language, their
    // elements fetched only then.
    const unmatched = w.locator('[part="unmatched-section"]');
    expect(await text(unmatched.locator('summary'))).toBe('Unmatched payments');
    expect(await text(w.locator('[part="violations-section"] summary'))).toBe('Accounting violations');
    expect(await w.locator('mu-unmatched-payments, mu-billing-violations').count()).toBe(0);
    await unmatched.locator('summary').click();
    await eventually(() => text(w.locator('mu-unmatched-payments [part="status"]'))).toBe(
      'No unmatched payments.',
    );
    await w.locator('[part="violations-section"] summary').click();
    await eventually(() => text(w.locator('mu-billing-violations [part="status"]'))).toBe(
      'No violations found.',
    );
    await fitsScreen();
    await shot('building-account-debts-en');

    await open(
      `<mu-building-account building-id="${buildingId}"></mu-building-account>`,
      tokens.staff!,
      'ru',
    );
    await eventually(() => text(page.locator('mu-building-debtors [data-column="electricity"]'))).toBe(
      'Заблокирована',
    );
    expect(await text(page.locator('mu-building-collection h3'))).toBe('Собираемость взносов');
    await open(
      `<mu-building-account building-id="${buildingId}"></mu-building-account>`,
      tokens.staff!,
      'uz',
    );
    await eventually(() => text(page.locator('mu-building-debtors h3'))).toBe('Qarzdorlar');
    await page.locator('mu-building-account [part="unmatched-section"] summary').click();
    await eventually(() => text(page.locator('mu-unmatched-payments h3'))).toBe('Aniqlanmagan toʻlovlar');
    await fitsScreen();
  });
});

// Runs last: it pays the resident's receipt, which the tests above read as owed.
describe('a paid receipt', () => {
  it('reads as paid in every language: what was due, what was paid and when, nothing left, no payment offered', async () => {
    await postTransfers(t.deps.orm.em.fork(), [payment(residentAccount, 7_275_000, firstDay(P0))]);
    const words = {
      en: ['Paid', 'Was due: UZS 72,750.00', 'Paid UZS 72,750.00 on ', 'Remaining: UZS 0.00'],
      ru: ['Оплачена', 'Было к оплате: 72 750,00 сум', 'Оплачено 72 750,00 сум ', 'Осталось: 0,00 сум'],
      uz: [
        'Toʻlangan',
        'Toʻlash kerak edi: 72 750,00 soʻm',
        ' kuni 72 750,00 soʻm toʻlandi',
        'Qoldiq: 0,00 soʻm',
      ],
    } as const;
    // What the receipt asked, as a claim of now, must not stand beside "paid".
    const owing = /To pay|К оплате|Toʻlash kerak:|Due by|Срок:|Muddat:/;
    for (const lang of ['en', 'ru', 'uz'] as const) {
      await open(`<mu-my-bills lang="${lang}"></mu-my-bills>`, tokens.resident!, lang);
      const standing = page.locator('mu-my-bills [part="receipt"] [part="standing"]');
      await eventually(() => standing.getAttribute('data-status')).toBe('paid');
      const said = await text(standing);
      for (const w of words[lang]) expect(said).toContain(w);
      expect(said).not.toMatch(owing);
      // The receipt's own frozen figure is dated, so it does not read as "paid nothing" beside it.
      const line = await text(
        page.locator('mu-my-bills [part="receipt"]').first().locator('.grow > .small').last(),
      );
      expect(line).toContain(
        {
          en: 'Paid by the receipt date UZS 0.00',
          ru: 'Оплачено на дату квитанции 0,00 сум',
          uz: 'Kvitansiya sanasigacha toʻlandi 0,00 soʻm',
        }[lang],
      );
      expect(await page.locator('mu-my-bills mu-receipt-pay').count()).toBe(0);
      await fitsScreen();
    }
    await shot('my-bills-paid-uz');
  });
});
