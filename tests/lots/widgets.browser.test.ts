// The lots widgets on the demo portal, in headless Chromium against the real API, the Temporal dev
// server and the demo data: the council officer has the free buildings proposed as lots, moves a
// building until a lot falls under the minimum (the rule worded live, the save held back), merges
// it away and saves the drafts; opens a lot, drafts its programme from the condition assessments,
// edits a line and sees the totals follow, submits it; the council member reads the act of the
// decision in the document panel and approves by signing it with the device key after a
// confirmation (going back approves nothing); a resident reads the lot of
// their building and its programme without any control to change it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { confirm, goBack } from '../support/confirm.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openPortalAs } from '../support/portal.ts';
import { type LotsEnv, startLotsEnv } from './approval-fixtures.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

let db: TestDatabase;
let env: LotsEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  db = await createTestDatabase(inject('postgres'), 'lots_widgets');
  env = await startLotsEnv(
    { reviewDays: 30 },
    { databaseUrl: db.url, temporalAddress: inject('temporalAddress') },
  );
  // Every building of the district assessed: the roof worn past the urgent threshold.
  await env.em().execute(
    `insert into element_assessment (id, building_id, element, wear_percent, defects, inspector_id, assessed_at, created_at)
     select gen_random_uuid(), b.id, 'roof', 75, '[]'::jsonb, 'inspector', now(), now()
       from building b where b.district_id = ?`,
    [env.districtId],
  );
  server = await listen(env.app.app, '127.0.0.1', 0);
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
  await db?.drop();
});
beforeEach(async () => {
  // The one refusal the test provokes (a cost that is not a number) is the only error allowed.
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 1100, height: 900 },
    timeout: 10_000,
    expected: /status of 400/,
  }));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

describe('the lots widgets on the demo portal', () => {
  it('form lots with live rules, then draft, edit, submit and approve a lot by signing its act; the owner reads it', async () => {
    await openPortalAs(page, server.url, 'council');
    const lots = page.getByTestId('lots');
    await lots.locator('[part="propose"]').click();
    const proposed = lots.locator('[part="proposed-lot"]');
    await eventually(() => proposed.count()).toBeGreaterThanOrEqual(2);
    const count = await proposed.count();
    const violations = lots.locator('[part="violations"]');
    expect(await violations.getAttribute('data-count')).toBe('0');
    expect(await text(violations)).toBe('Every lot meets the rules.');
    // Buildings of lot 1 move to lot 2 until lot 1 is under the minimum: the rule says so at once.
    for (let moved = 0; (await violations.getAttribute('data-count')) === '0'; moved++) {
      expect(moved).toBeLessThan(500);
      const first = proposed.first();
      await first.locator('details').evaluate((d) => {
        (d as HTMLDetailsElement).open = true;
      });
      await first.locator('li[data-building] select').first().selectOption('1');
    }
    await eventually(() => text(violations.locator('li[data-code="lot_too_small"]'))).toMatch(
      /^Lot 1 has \d+ apartments, fewer than the minimum of 7000\.$/,
    );
    expect(await lots.locator('[part="save"]').isDisabled()).toBe(true);
    // Lot 1 merged with lot 2: nothing is too small any more, and there is one lot fewer.
    await proposed.first().locator('[data-action="merge"]').click();
    await eventually(() => proposed.count()).toBe(count - 1);
    await eventually(() => violations.getAttribute('data-count')).toBe('0');
    await lots.locator('[part="save"]').click();
    await eventually(() => text(lots.locator('[part="status"]'))).toBe(`${count - 1} draft lots saved.`);
    const listed = lots.locator('[part="lots"] li');
    await eventually(() => listed.count()).toBe(count - 1);
    expect(await text(listed.first())).toContain('Draft; choice not started');

    // The first lot opened: its programme drafted from the assessments, a line edited.
    await listed.first().locator('button').click();
    const lot = page.getByTestId('lot');
    await eventually(() => text(lot.locator('h2'))).toBe('Lot 1, version 1');
    await eventually(() => text(lot.locator('[part="programme"]'))).toContain(
      'No works in the programme yet.',
    );
    await lot.locator('[data-action="draft-programme"]').click();
    const rows = lot.locator('tbody tr');
    await eventually(() => rows.count()).toBeGreaterThan(0);
    expect(await text(rows.first())).toContain('Roof');
    const row = rows.first();
    const lineId = await row.getAttribute('data-line');
    const year3 = lot.locator('[part="totals"] li[data-year="3"]');
    const before = await text(year3);
    // A cost that is not a number is refused by the API, naming the field by its label.
    await row.locator('input[name="cost"]').fill('a lot');
    await row.locator('[data-action="save-line"]').click();
    await eventually(() => text(lot.locator('[part="error"]'))).toContain('Cost, soʻm');
    await row.locator('select[name="year"]').selectOption('3');
    await row.locator('input[name="cost"]').fill('1000000');
    await row.locator('select[name="source"]').selectOption('building_account');
    await row.locator('[data-action="save-line"]').click();
    await eventually(() => text(lot.locator('[part="status"]'))).toBe('Line saved.');
    // The totals follow the line: year 3 changed, the building's account holds exactly its cost.
    await eventually(() => text(year3)).not.toBe(before);
    expect(await text(lot.locator('[part="totals"] li[data-source="building_account"]'))).toBe(
      'The building’s account: UZS 1,000,000',
    );
    const edited = lot.locator(`tr[data-line="${lineId}"]`);
    expect(await edited.locator('select[name="year"]').inputValue()).toBe('3');
    expect(await edited.locator('input[name="cost"]').inputValue()).toBe('1000000');

    await lot.locator('[data-action="submit"]').click();
    await eventually(() => text(lot.locator('[part="status"]'))).toBe('Submitted to the council.');
    // Approving is signing the act of the decision: read in the document panel first, then signed
    // with the device key after a confirmation; going back approves nothing.
    await eventually(() => lot.locator('[data-action="read-approval-act"]').count()).toBe(1);
    expect(await lot.locator('[data-action="approve"]').count()).toBe(0);
    await lot.locator('[data-action="read-approval-act"]').click();
    const panel = lot.locator('mu-document-panel[part="approval-act"]');
    await eventually(() => panel.locator('code[data-sha256]').count()).toBe(1);
    const sha = await panel.locator('code[data-sha256]').getAttribute('data-sha256');
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await lot.locator('[data-action="approve"]').click();
    await goBack(page);
    expect(await text(lot.locator('header .badge'))).toBe('Before the council; choice not started');
    await lot.locator('[data-action="approve"]').click();
    const asked = await confirm(page);
    expect(asked.title).toContain('by signing the act');
    await eventually(() => text(lot.locator('[part="status"]'))).toBe('The decision is recorded.');
    await eventually(() => text(lot.locator('header .badge'))).toBe('Approved; choice not started');
    // Approved: the programme is read-only now, and the act approved is the act signed.
    await eventually(() => lot.locator('[data-action="save-line"]').count()).toBe(0);
    await eventually(() =>
      lot.locator('[part="versions"] li[data-version="1"]').getAttribute('data-signed'),
    ).toBe('true');
    const [signature] = await env
      .em()
      .execute<{ document: string }[]>('select document from lot_act_signature');
    expect(signature!.document).toBe(`sha256:${sha}`);
    const [version] = await env
      .em()
      .execute<{ document: string }[]>(
        'select decision_document as document from lot_version where approved_at is not null',
      );
    expect(version!.document).toBe(`sha256:${sha}`);
    // The act reads as signed: nothing is left to sign.
    await lot.locator('[data-action="read-act"]').click();
    await eventually(() => lot.locator('mu-document-panel[part="act-document"]').count()).toBe(1);
    expect(await lot.locator('[data-action="sign"]').count()).toBe(0);

    // The resident reads the lot of their building: the programme, and nothing to change it with.
    await openPortalAs(page, server.url, 'resident');
    const owner = page.getByTestId('building-lot');
    await eventually(() => text(owner.locator('[part="programme"]'))).toContain('Five-year programme');
    expect(await text(owner.locator('header'))).toContain('For reading');
    expect(await owner.locator('button, select, input').count()).toBe(0);
  });
});
