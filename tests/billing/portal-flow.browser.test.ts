// The demo's books from the portal, in headless Chromium against the real API, a billing worker on
// the Temporal dev server and PostgreSQL with the demo district: the demo seed registers the demo
// building and runs the real accrual workflow for this month, which makes and mails the receipts;
// the resident persona then sees both their receipts (apartment 12 alone, 47 by halves), and the
// management company the building's statement with contributions and the service centre's charge.
// The seed leaves last month unpaid for a few apartments, the resident's apartment 12 among them,
// and the resident blocked at the electricity supplier: the resident pays both receipts from the
// portal, one through the Payme sandbox's checkout and one through Click's (the links come from the
// API, built from the configured checkout addresses), comes back to the portal and sees nothing
// owed and the block lifted; the company sees the remaining debtors, the collection by month, and
// assigns the bank payment the seed left in its queue of unmatched payments.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { addMonths } from '../../domain/billing/period.ts';
import { periodName } from '../../domain/billing/receipt-document.ts';
import { type ClickSandbox, startClickSandbox } from '../../platform/payments/click-sandbox.ts';
import { type PaymeSandbox, startPaymeSandbox } from '../../platform/payments/payme-sandbox.ts';
import { seedDemoBilling } from '../../scripts/lib/demo-billing.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { newPortalPage, openPortalAs, PERSONA_NAMES, switchPersona } from '../support/portal.ts';
import type { WorkerHarness } from '../support/worker-harness.ts';
import { expectBalancedBooks } from './books.ts';
import { startBillingHarness } from './harness.ts';
import { thisMonth } from './month.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

let h: WorkerHarness;
let t: TestApp;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let payme: PaymeSandbox;
let click: ClickSandbox;
const PAYME_KEY = 'portal-flow-payme-key';
const CLICK = { serviceId: '4242', secretKey: 'portal-flow-click-secret' };

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  h = await startBillingHarness({
    databaseUrl: inject('databaseUrl'),
    temporalAddress: inject('temporalAddress'),
  });
  const seeded = await seedDemoBilling(h.orm.em.fork(), h.client, {
    batchSize: 50,
    taskQueue: h.taskQueue,
  });
  expect(seeded?.started).toBe(true);
  const summary = await h.client.workflow.getHandle(seeded!.workflowId).result();
  expect(summary.receipts.made).toBeGreaterThan(0);
  t = await createTestApp({
    withTemporal: false,
    env: {
      PAYME_KEY,
      PAYME_MERCHANT_ID: 'sandbox',
      CLICK_SERVICE_ID: CLICK.serviceId,
      CLICK_SECRET_KEY: CLICK.secretKey,
      CLICK_MERCHANT_ID: '1',
    },
  });
  server = await listen(t.app, '127.0.0.1', 0);
  // As npm start does: the sandboxes call this server, and the configuration points the payment
  // links at their checkout pages.
  const payments = `${server.url}/api/v1/payments`;
  payme = await startPaymeSandbox({ merchantUrl: `${payments}/payme`, key: PAYME_KEY });
  click = await startClickSandbox({ merchantUrl: `${payments}/click`, ...CLICK });
  t.deps.config.billing.payme.checkoutUrl = `${payme.url}/checkout`;
  t.deps.config.billing.click.checkoutUrl = `${click.url}/checkout`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await expectBalancedBooks(h.orm.em.fork());
  await browser?.close();
  await payme?.close();
  await click?.close();
  await server?.close();
  await t?.close();
  await h?.stop();
});
beforeEach(async () => {
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

describe('the demo month in the portal', () => {
  it("shows the resident their receipts and the company the building's statement", async () => {
    await openPortalAs(page, server.url, 'resident');
    const bills = page.getByTestId('my-bills');
    await eventually(() => bills.locator('[part="receipt"]').count()).toBe(2);
    const receipts = await Promise.all([0, 1].map((i) => text(bills.locator('[part="receipt"]').nth(i))));
    expect(receipts.join(' ')).toMatch(/To pay: UZS [\d,]+\.\d\d/);
    expect(await text(bills.locator('[part="accounts"]'))).toContain('share 1/2');

    await switchPersona(page, 'manager');
    // The company manages many demo buildings; the demo building is the one registered for billing.
    await page.locator(`#persona-content [data-building-id="${DEMO_IDS.building}"]`).click();
    const account = page.getByTestId('building-account');
    const row = account.locator(`tr[data-period="${thisMonth()}"]`);
    await eventually(() => text(row.locator('[data-kind="household_service_centre"]'))).toBe(
      'UZS 1,200,000.00',
    );
    expect(await text(row.locator('[data-kind="contributions"]'))).toMatch(/^UZS [1-9][\d,]*\.\d\d$/);
  });
});

describe('paying from the portal', () => {
  it('the resident pays through the Payme and Click sandboxes and sees the debt gone and the block lifted; the company sees its debtors', async () => {
    await openPortalAs(page, server.url, 'resident');
    const bills = page.getByTestId('my-bills');
    await eventually(() => text(bills.locator('[part="electricity"]'))).toMatch(
      /^Electricity: blocked since .* for unpaid contributions/,
    );
    // One story: the block is dated the day the ledger posted the unpaid charge it stands on, not
    // before it (the demo records last month's contributions on the day it starts).
    const since = (await text(bills.locator('[part="electricity"]'))).match(/since (\d\d\.\d\d\.\d{4})/)?.[1];
    const charge = bills
      .locator('[part="movement"][data-kind="accrual"]')
      .filter({ hasText: periodName('en', addMonths(thisMonth(), -1)) });
    await eventually(() => charge.count()).toBe(1);
    expect((await text(charge)).match(/\d\d\.\d\d\.\d{4}/)?.[0]).toBe(since);
    expect(await text(bills.locator('[part="overdue"]'))).toMatch(/^Overdue: UZS [\d,]+\.\d\d for /);
    await eventually(() => bills.locator('[part="receipt"]').count()).toBe(2);

    for (const [i, provider, sandbox] of [
      [0, 'payme', payme],
      [1, 'click', click],
    ] as const) {
      const receipt = bills.locator('[part="receipt"]').nth(i);
      await receipt.locator('[part="pay-button"]').click();
      const link = receipt.locator(`[part="pay-link"][data-provider="${provider}"]`);
      await eventually(() => link.count()).toBe(1);
      const asked = await text(receipt.locator('mu-receipt-pay p'));
      expect(asked).toMatch(/^To pay now: UZS [\d,]+\.\d\d$/);
      await link.click();
      await page.waitForURL((url) => url.href.startsWith(`${sandbox.url}/checkout`));
      // The provider's page shows the amount the portal asked for, in so'm.
      const som = asked.replace(/^To pay now: UZS /, '').replaceAll(',', '');
      expect(await text(page.locator('body'))).toContain(`Amount ${som} so'm`);
      await page.getByRole('button', { name: 'Pay' }).click();
      await eventually(() => text(page.locator('#outcome'))).toMatch(/^Paid\./);
      await page.locator('#return').click();
      await eventually(() => text(page.getByTestId('whoami'))).toBe(`Signed in: ${PERSONA_NAMES.resident}`);
      await eventually(() => bills.locator('[part="receipt"]').count()).toBe(2);
    }
    await eventually(() => bills.locator('[part="balance"]').allInnerTexts()).toEqual([
      'Nothing owed',
      'Nothing owed',
    ]);
    await eventually(() => text(bills.locator('[part="electricity"]'))).toMatch(
      /^Electricity: the block was lifted on /,
    );
    expect(await bills.locator('[part="overdue"]').count()).toBe(0);
    // Paid: the receipt reads as paid, with nothing left, and offers no payment.
    const first = bills.locator('[part="receipt"]').first();
    await eventually(() => first.locator('[part="standing"]').getAttribute('data-status')).toBe('paid');
    expect(await text(first.locator('[part="standing"]'))).toContain('Remaining: UZS 0.00');
    expect(await first.locator('[part="pay-button"]').count()).toBe(0);

    await switchPersona(page, 'manager');
    await page.locator(`#persona-content [data-building-id="${DEMO_IDS.building}"]`).click();
    const account = page.getByTestId('building-account');
    const debtors = account.locator('[part="debtor"]');
    // Last month unpaid in apartments 3, 18, 25 and 61; 12 was paid off above.
    await eventually(() =>
      debtors.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-apartment')).sort()),
    ).toEqual(['18', '25', '3', '61'].sort());
    expect(await text(debtors.first().locator('[data-column="months"]'))).toMatch(/^[12]$/);
    expect(await text(account.locator('mu-building-debtors [part="total"]'))).toMatch(
      /^Overdue in total: UZS /,
    );
    const last = addMonths(thisMonth(), -1);
    const rate = account.locator(`mu-building-collection tr[data-month="${last}"] [data-column="rate"]`);
    await eventually(() => text(rate)).toMatch(/^\d+(\.\d)? %$/);
    expect(
      await account.locator('mu-building-collection svg[part="collection-chart"] rect.accrued').count(),
    ).toBeGreaterThan(0);

    // The bank statement's payment that names only an apartment waits for the company to assign it,
    // in the work queue the company opens (its element is fetched then).
    expect(await account.locator('mu-unmatched-payments').count()).toBe(0);
    await account.locator('[part="unmatched-section"] summary').click();
    const queue = account.locator('mu-unmatched-payments');
    const line = queue.locator('[part="payment"]');
    await eventually(() => line.count()).toBe(1);
    expect(await text(line)).toMatch(/Suggestions: apartment \d+/);
    await eventually(() => line.locator('option').count()).toBeGreaterThan(2);
    // Sent with nothing chosen: said under the list, nothing assigned.
    const choice = line.locator('select[name="apartmentId"]');
    const suggested = await choice.inputValue();
    await choice.selectOption('');
    await line.locator('[part="assign-button"]').click();
    await eventually(() => line.locator('[data-status="check"] li').getAttribute('data-field')).toBe(
      'apartmentId',
    );
    expect(await choice.getAttribute('aria-invalid')).toBe('true');
    await choice.selectOption(suggested);
    expect(await line.locator('[data-status="check"]').count()).toBe(0);
    await line.locator('[part="assign-button"]').click();
    await eventually(() => text(queue.locator('[part="notice"]'))).toMatch(
      /^The payment of UZS 100,000\.00 was assigned to apartment \d+\.$/,
    );
    await eventually(() => text(queue.locator('[part="status"]'))).toBe('No unmatched payments.');
    await account.locator('[part="violations-section"] summary').click();
    await eventually(() => text(account.locator('mu-billing-violations [part="status"]'))).toBe(
      'No violations found.',
    );
  });
});
