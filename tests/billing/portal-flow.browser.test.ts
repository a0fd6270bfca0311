// The demo's books from the portal, in headless Chromium against the real API, a billing worker on
// the Temporal dev server and PostgreSQL with the demo district: the demo seed registers the demo
// building and runs the real accrual workflow for this month, which makes and mails the receipts;
// the resident persona then sees both their receipts (apartment 12 alone, 47 by halves), and the
// management company the building's statement with contributions and the service centre's charge.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { seedDemoBilling } from '../../scripts/lib/demo-billing.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { newPortalPage, openPortalAs, switchPersona } from '../support/portal.ts';
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
  t = await createTestApp({ withTemporal: false });
  server = await listen(t.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});
afterAll(async () => {
  await expectBalancedBooks(h.orm.em.fork());
  await browser?.close();
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
