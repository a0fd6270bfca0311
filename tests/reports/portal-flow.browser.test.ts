// The quarterly report's path on the demo portal, in headless Chromium against the real API and
// the demo data: the management company files the resident's building's report with a photo of
// the work and signs its act of completed works with the device key; the resident then reads the
// report with the photo and the organization's signature; the council opens last quarter on its
// board and finds the building the demo seed left without a report, suspended.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import { firstDayOf, quarterOf } from '../../domain/reports/quarters.ts';
import { loadConfig } from '../../platform/config.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';
import { newPortalPage, openPortalAs, switchPersona } from '../support/portal.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);
const QUARTER = quarterOf(tashkentDate(Date.now()));
const LAST = quarterOf(addDays(firstDayOf(QUARTER), -1));
/** A 1×1 PNG: a real image, so the browser draws it. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let db: TestDatabase;
let t: TestApp;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  // A database of its own: on the shared one another file's management contract in force may
  // make the demo resident the owners' representative, who then has the act to sign.
  db = await createTestDatabase(inject('postgres'), 'reports_portal');
  await withOrm(db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
  t = await createTestApp({ withTemporal: false, databaseUrl: db.url });
  server = await listen(t.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
  await db?.drop();
});
beforeEach(async () => {
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

describe('a quarterly report from the demo portal', () => {
  it('is filed with a photo and a signed act by the organization, read by the resident; the council sees the suspended building', async () => {
    await openPortalAs(page, server.url, 'manager');
    // The organization picks the resident's building from its list.
    const pick = page.locator(`#persona-content button[data-building-id="${DEMO_IDS.building}"]`);
    await eventually(() => pick.count()).toBe(1);
    await pick.click();
    const editor = page.getByTestId('report-editor');
    await eventually(() => editor.getAttribute('building-id')).toBe(DEMO_IDS.building);
    const work = editor.locator('[part="work"][data-index="0"]');
    await eventually(() => work.count()).toBe(1);
    await work.locator('select[name="works.0.kind"]').selectOption('planned');
    await work.locator('select[name="works.0.element"]').selectOption('roof');
    await work.locator('input[name="works.0.description"]').fill('Roof drains cleared');
    await work.locator('input[name="works.0.quantityMilli"]').fill('4');
    await work.locator('input[name="works.0.unit"]').fill('pcs');
    await work.locator('input[name="works.0.costTiyin"]').fill('350000');
    await work.locator('input[name="works.0.doneOn"]').fill(tashkentDate(Date.now()));
    await work
      .locator('input[name="works.0.photo"]')
      .setInputFiles({ name: 'drains-before.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await eventually(() => work.locator('[data-photos]').getAttribute('data-photos')).toBe('1');
    await editor.locator('[part="save-button"]').click();
    await eventually(() => text(editor.locator('[part="done"]'))).toBe('Draft saved.');
    await editor.locator('[part="submit-button"]').click();
    await eventually(() => text(editor.locator('[part="done"]'))).toBe(
      'Report submitted. Owners can read it now.',
    );

    const reader = page.getByTestId('building-reports');
    const act = reader.locator(`[part="report"][data-quarter="${QUARTER}"] [part="act"]`);
    await eventually(() => act.locator('[part="sign"]').count()).toBe(1);
    await act.locator('[part="sign"]').click();
    await eventually(() => text(act.locator('[role="status"]'))).toBe('The act is signed.');
    await eventually(() => act.locator('[data-party="organization"]').getAttribute('data-signed')).toBe(
      'true',
    );

    await switchPersona(page, 'resident');
    const owner = page.getByTestId('building-reports');
    const report = owner.locator(`[part="report"][data-quarter="${QUARTER}"]`);
    await eventually(() => report.count()).toBe(1);
    expect(await text(report.locator('[part="work"][data-element="roof"] > div').first())).toBe(
      'Roof drains cleared',
    );
    await eventually(() =>
      report
        .locator('li[data-stage="before"] mu-report-photo img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).toBe(1);
    expect(await report.locator('[part="act"] [data-party="organization"]').getAttribute('data-signed')).toBe(
      'true',
    );
    // The widget reloads for the new persona: until then it may still show the company's view.
    await eventually(() => report.locator('[part="act"] [part="sign"]').count()).toBe(0);

    await switchPersona(page, 'council');
    const board = page.getByTestId('reports-board');
    await eventually(() => board.locator('[part="quarter-select"]').count()).toBe(1);
    await board.locator('[part="quarter-select"]').selectOption(LAST);
    await eventually(() => board.locator('[part="row"][data-suspended="true"]').count()).toBe(1);
  });
});
