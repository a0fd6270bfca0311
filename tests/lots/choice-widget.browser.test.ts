// <mu-lot>'s owners' choice and <mu-lots>'s map in headless Chromium against the real API, the
// Temporal dev server and the demo data: the council opens the choice from the widget; a
// management company types its tariff in soʻm, is refused for a tariff that is no number (the
// field named by its label), then applies and sees its offer; the council sees the candidate with
// the tariff in soʻm. On the demo portal the management company finds the lot on its lots page and
// applies there; the council opens a lot nobody applied for and sees its competition. The
// district's map draws each land plot's outline in its lot's colour and pattern and each building's
// condition as an icon's shape, and its table lists every building.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { DEFAULT_COMPETITION_CRITERIA } from '../../domain/lots/competition.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { lotChoiceWorkflow, lotChoiceWorkflowId } from '../../workflows/lots/contract.ts';
import { hostPage, text, eventually as within } from '../meetings/widget-harness.ts';
import { call, ok } from '../support/api-client.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openPortalAs } from '../support/portal.ts';
import { SECOND_IN_DAYS } from './approval-fixtures.ts';
import {
  approvedLots,
  type ChoiceEnv,
  type ChoiceLot,
  choice,
  inSelection,
  smallOwnedBuildings,
  startChoiceEnv,
} from './choice-fixtures.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

let db: TestDatabase;
let env: ChoiceEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let lot: ChoiceLot;
let portalLot: ChoiceLot;
let silentLot: ChoiceLot;

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  db = await createTestDatabase(inject('postgres'), 'lots_choice_widget');
  // A window long enough for a person in a browser; it never closes during the test.
  env = await startChoiceEnv(
    { databaseUrl: db.url, temporalAddress: inject('temporalAddress') },
    { applicationDays: 3_600 * SECOND_IN_DAYS },
  );
  [lot, portalLot, silentLot] = (await approvedLots(env, await smallOwnedBuildings(env, 3))) as [
    ChoiceLot,
    ChoiceLot,
    ChoiceLot,
  ];
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
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 1000, height: 900 },
    timeout: 10_000,
    // The refusal the test provokes and the answer it loses on purpose.
    expected: /status of 400|ERR_CONNECTION_RESET/,
  }));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

async function open(body: string, token: string): Promise<void> {
  const path = `/lots-choice-${crypto.randomUUID()}.html`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang: 'en' }) }),
  );
  await page.goto(`${server.url}${path}`);
}

describe("<mu-lot>: the owners' choice", () => {
  it('the council opens it, a company applies from the widget and the candidate appears', async () => {
    await open(`<mu-lot lot-id="${lot.id}"></mu-lot>`, env.tokens.council);
    const section = page.locator('mu-lot [part="choice"]');
    await eventually(() => text(section)).toContain('The choice has not started yet.');
    await section.locator('[data-action="open-choice"]').click();
    await eventually(() => section.getAttribute('data-selection')).toBe('applications');
    expect(await text(page.locator('mu-lot [part="status"]'))).toBe(
      "The owners' choice is open: organizations may apply.",
    );
    expect(await text(section.locator('[part="window"]'))).toMatch(/^Organizations apply until .+\.$/);

    await open(`<mu-lot lot-id="${lot.id}"></mu-lot>`, env.tokens.manager);
    const apply = page.locator('mu-lot [part="apply"]');
    await eventually(() => apply.count()).toBe(1);
    // What is not a number goes to the API as it is, which names the field by its label.
    await apply.locator('input[name="tariff"]').fill('cheap');
    await apply.locator('[data-action="apply"]').click();
    await eventually(() => text(page.locator('mu-lot [part="error"]'))).toContain(
      'Tariff, soʻm per m² a month',
    );
    expect((await choice(env, lot.id)).candidateCount).toBe(0);
    // The first attempt is lost on the way; the retry of the same offer carries the same key.
    const keys: string[] = [];
    await page.route('**/api/v1/lots/*/application', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) await route.abort('connectionreset');
      else await route.continue();
    });
    await apply.locator('input[name="tariff"]').fill('1 250,5');
    await apply.locator('[data-action="apply"]').click();
    await eventually(() => keys.length).toBe(1);
    await eventually(() => apply.locator('[data-action="apply"]').isDisabled()).toBe(false);
    await apply.locator('[data-action="apply"]').click();
    await eventually(() => text(page.locator('mu-lot [part="status"]'))).toBe(
      'Your application is recorded.',
    );
    const me = await ok<{ organizationId: string }>(
      await call(env.app, 'GET', '/me', { token: env.tokens.manager }),
    );
    const ownRow = page.locator(`mu-lot [part="candidates"] li[data-organization="${me.organizationId}"]`);
    await eventually(() => text(ownRow)).toMatch(/: UZS 1,250\.5 per m² a month$/);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).not.toBe('');
    await expect.poll(() => text(apply)).toMatch(/^Your offer: /);
    // The company's form and its candidate row fit a phone (the phone-width scene shows a lot
    // whose choice has not started).
    await page.setViewportSize({ width: 360, height: 740 });
    await eventually(() =>
      page.locator('mu-lot').evaluate((el) => {
        const card = el.shadowRoot!.querySelector('section')!;
        return card.scrollWidth <= card.clientWidth && el.getBoundingClientRect().right <= 360;
      }),
    ).toBe(true);
    // Sent in tiyin: 1 250,5 soʻm is 125 050.
    const seen = await choice(env, lot.id);
    expect(seen.candidates.map((c) => [c.organizationId, c.tariff])).toEqual([[me.organizationId, 125_050]]);

    await open(`<mu-lot lot-id="${lot.id}"></mu-lot>`, env.tokens.council);
    const row = page.locator(`mu-lot [part="candidates"] li[data-organization="${me.organizationId}"]`);
    await eventually(() => text(row)).toContain(seen.candidates[0]!.organizationName);
    expect(await page.locator('mu-lot [part="apply"]').count()).toBe(0);
  });
});

/**
 * The silent lot's choice started as the API starts it, but with a window of a second and a
 * competition of an hour: nobody applies, so it is in competition while the council looks.
 */
async function startSilentChoice(): Promise<void> {
  const { lots } = env.app.deps.config;
  const queues = env.app.deps.taskQueues as Record<string, string>;
  const council = await ok<{ userId: string; name: string }>(
    await call(env.app, 'GET', '/me', { token: env.tokens.council }),
  );
  await startWorkflowOnce(env.app.deps.temporal!, lotChoiceWorkflow, {
    taskQueue: queues.lots!,
    workflowId: lotChoiceWorkflowId(silentLot.id, 1),
    args: [
      {
        lotId: silentLot.id,
        version: 1,
        openedBy: { userId: council.userId, name: council.name, districtId: env.districtId },
        policy: { ...lots.policy, applicationDays: SECOND_IN_DAYS, competitionDays: 3_600 * SECOND_IN_DAYS },
        criteria: DEFAULT_COMPETITION_CRITERIA,
        queues: { meetings: queues.meetings!, contracts: queues.contracts! },
      },
    ],
  });
}

describe('the demo portal: the choice from the company and the council', () => {
  it("the company applies from its lots page; the council sees a silent lot's competition", async () => {
    await ok(
      await call(env.app, 'POST', `/lots/${portalLot.id}/choice`, {
        token: env.tokens.council,
        key: crypto.randomUUID(),
      }),
      202,
    );
    await inSelection(env, portalLot.id, ['applications']);
    await startSilentChoice();
    await inSelection(env, silentLot.id, ['competition']);

    await openPortalAs(page, server.url, 'manager');
    const open = page.getByTestId('open-lots');
    const item = open.locator(`li[data-lot="${portalLot.id}"]`);
    await eventually(() => text(item)).toMatch(
      new RegExp(`lot ${portalLot.number}: 1 buildings, \\d+ apartments; applications until .+`),
    );
    // The silent lot takes bids, not applications: listed as the competition it is.
    await eventually(() => text(open.locator(`li[data-lot="${silentLot.id}"]`))).toContain(
      'open competition',
    );
    await item.locator('button').click();
    const mine = page.getByTestId('open-lot');
    // The company reads the programme it would commit to, then applies in soʻm.
    await eventually(() => mine.locator('[part="programme"]').count()).toBe(1);
    const apply = mine.locator('[part="apply"]');
    await apply.locator('input[name="tariff"]').fill('2400');
    await apply.locator('[data-action="apply"]').click();
    await eventually(() => text(mine.locator('[part="status"]'))).toBe('Your application is recorded.');
    const seen = await choice(env, portalLot.id);
    expect(seen.candidates.map((c) => c.tariff)).toEqual([240_000]);

    await openPortalAs(page, server.url, 'council');
    const lots = page.getByTestId('lots');
    await lots.locator(`li[data-lot="${silentLot.id}"] button`).click();
    const competition = page.getByTestId('lot').locator('[part="competition"]');
    await eventually(() => text(competition)).toMatch(/^Nobody applied\. Open competition until .+\.$/);
    // The list beside the map gives each lot's programme cost.
    expect(
      await lots
        .locator(`li[data-lot="${silentLot.id}"] [data-programme-cost]`)
        .getAttribute('data-programme-cost'),
    ).toMatch(/^\d+$/);
  }, 180_000);
});

describe('<mu-lots>: the map', () => {
  it('draws one shape per building with a land plot, and lists every building in its table', async () => {
    const { buildings } = await ok<{
      buildings: { id: string; lon: number | null; lotId: string | null; outline: unknown[] | null }[];
    }>(
      await call(env.app, 'GET', `/districts/${env.districtId}/lot-buildings`, { token: env.tokens.council }),
    );
    const placed = buildings.filter((b) => b.lon !== null);
    expect(placed.length).toBeGreaterThan(0);
    await open(`<mu-lots district-id="${env.districtId}"></mu-lots>`, env.tokens.council);
    const shapes = page.locator('mu-lots [part="map-building"]');
    await eventually(() => shapes.count()).toBe(placed.length);
    const drawn = await shapes.evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.building));
    expect(new Set(drawn)).toEqual(new Set(placed.map((b) => b.id)));
    // Each land plot is drawn as its outline; the lot's plot is filled with the lot's pattern, and
    // the condition class is the icon's shape, not its colour.
    const outlined = buildings.filter((b) => b.outline !== null);
    expect(outlined.length).toBeGreaterThan(0);
    expect(await page.locator('mu-lots [part="map-plot"]').count()).toBe(outlined.length);
    const inLot = page.locator(`mu-lots [part="map-building"][data-building="${lot.buildingIds[0]}"]`);
    expect(await inLot.getAttribute('data-lot')).toBe(lot.id);
    const plot = inLot.locator('[part="map-plot"]');
    if (await plot.count()) {
      expect(await plot.getAttribute('fill')).toMatch(/^url\(#lot-\d+\)$/);
      expect((await plot.getAttribute('d'))!.split('M').length - 1).toBeGreaterThanOrEqual(1);
    } else
      expect(await inLot.locator(':is(circle, rect, path)').getAttribute('fill')).toMatch(
        /^url\(#lot-\d+\)$/,
      );
    const icons = await page
      .locator('mu-lots [part="map-building"]')
      .evaluateAll((gs) =>
        gs.map((g) => [(g as SVGGElement).dataset.class, g.lastElementChild!.tagName.toLowerCase()] as const),
      );
    const shapeOf = { green: 'circle', red: 'rect', yellow: 'path', unassessed: 'path' } as Record<
      string,
      string
    >;
    for (const [cls, tag] of icons) expect(tag).toBe(shapeOf[cls!]);
    // The legend names each lot beside its colour and pattern.
    expect(await page.locator('mu-lots [part="map-legend"] li[data-lot]').count()).toBeGreaterThan(0);
    expect(await page.locator('mu-lots [part="map-table"] tbody tr').count()).toBe(buildings.length);
  });
});
