// The condition sections of <mu-building-card> (reasons, consumption chart) and
// <mu-district-summary> in headless Chromium, built as shipped, against the fake registry API
// (fake-condition-data.ts): the reasons in plain words, the chart and its table, "no data yet"
// for a building without any, and the three languages.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { launchBrowser, newWatchedPage, textsOf } from '../support/browser.ts';
import { buildBundle } from '../support/widget-bundle.ts';
import { BUILDINGS, type FakeRegistryApi, startFakeRegistryApi } from './fake-registry-api.ts';

const [GREEN, RED, UNASSESSED] = [BUILDINGS[0]!, BUILDINGS[1]!, BUILDINGS[2]!];

let api: FakeRegistryApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pageCount = 0;

beforeAll(async () => {
  [api, browser] = await Promise.all([buildBundle().then(startFakeRegistryApi), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

beforeEach(async () => {
  // A deliberately absent endpoint is logged by the browser as a failed resource.
  ({ context, page, errors: pageErrors } = await newWatchedPage(browser, { expected: /status of 404/ }));
  api.conditionAbsent = false;
});

afterEach(async () => {
  await context.close();
});

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/registry-${name}.png`, fullPage: true });
};

async function open(body: string, lang = 'en'): Promise<void> {
  const path = `/t/${++pageCount}`;
  const errors = `<script>window.muErrors = []; addEventListener('mu-error', (e) => muErrors.push(e.detail.problem.status));</script>`;
  api.pages.set(path, hostPage(errors + body, { token: 'fake-token-admin', lang }));
  await page.goto(api.url + path);
}

/** Locators inside one element; they pierce the nested shadow roots of its sections. */
const within =
  (selector: string) =>
  (sub = '') =>
    page.locator(`${selector} ${sub}`.trim());
const card = within('mu-building-card');
const reasons = () => card('mu-building-condition [part~="reasons"] li');
const muErrors = () => page.evaluate(() => (window as unknown as { muErrors: number[] }).muErrors);

describe('<mu-building-card> condition and consumption', () => {
  it('shows the class with every reason in plain words', async () => {
    await open(`<mu-building-card building-id="${RED.id}"></mu-building-card>`);
    await eventually(() => reasons().count()).toBe(4);
    expect(await text(card('[part~="badge"]'))).toBe('Red — poor condition');
    expect(await textsOf(reasons())).toEqual([
      '✕ Red Foundation: critical defect in a load-bearing element (diagonal cracks in the basement wall).',
      '✕ Red Roof: wear 75% reaches the threshold of 70%.',
      '✕ Red Average wear of the building 62.5% reaches the threshold of 60%.',
      '! Yellow Heating: critical defect (leaking riser).',
    ]);
    expect(await reasons().first().getAttribute('data-class')).toBe('red');
    expect(await text(card('[part~="average-wear"]'))).toBe('Average wear: 62.5%');
    expect(await card().getByRole('heading', { level: 3, name: 'Technical condition' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('draws the last 12 months per resource, marks incomplete months, and shows the table', async () => {
    await open(`<mu-building-card building-id="${GREEN.id}"></mu-building-card>`);
    const section = card('mu-building-consumption');
    const bars = section.locator('[part~="chart"] [role="listitem"]');
    await eventually(() => bars.count()).toBe(12);
    const select = section.getByLabel('Resource');
    expect(await select.locator('option').allInnerTexts()).toEqual(['Electricity', 'Cold water']);
    const labels = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels[0]).toMatch(/^\w{3} \d{4}: 4,000 kWh \(incomplete\)$/);
    expect(labels[11]).toMatch(/^\w{3} \d{4}: 5,100 kWh$/);
    expect(await section.locator('.bar.incomplete').count()).toBe(1);
    expect(await text(section.locator('figcaption'))).toContain('Incomplete month');
    expect(await section.locator('[part~="chart"]').getAttribute('aria-label')).toMatch(
      /^Electricity, kWh, /,
    );

    const table = section.locator('[part~="table"]');
    expect(await table.isVisible()).toBe(false);
    const toggle = section.getByRole('button', { name: 'Show as table' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await eventually(() => table.isVisible()).toBe(true);
    expect(await text(table.locator('thead'))).toBe('Month Consumption, kWh');
    expect(await table.locator('tbody tr').count()).toBe(12);
    expect(await text(table.locator('tbody tr').first().locator('td'))).toBe('4,000 * (incomplete)');
    await shot('consumption-table');

    await select.selectOption('cold_water');
    await eventually(() => text(table.locator('thead'))).toBe('Month Consumption, m³');
    expect(await text(table.locator('tbody tr').first().locator('td'))).toBe('no data');
    expect(await text(table.locator('tbody tr').last().locator('td'))).toBe('321.5');
    expect(await section.locator('[part~="chart"] rect:not(pattern rect)').count()).toBe(3);
    expect(pageErrors).toEqual([]);
  });

  it('says "no data yet" for a building without assessments or readings', async () => {
    await open(`<mu-building-card building-id="${UNASSESSED.id}"></mu-building-card>`);
    await eventually(() => text(card('mu-building-condition [part~="empty"]'))).toBe(
      'No condition assessment yet.',
    );
    await eventually(() => text(card('mu-building-consumption [part~="empty"]'))).toBe(
      'No consumption data yet.',
    );
    expect(await card('[part~="chart"]').count()).toBe(0);
    expect(await muErrors()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('keeps the passport and says "no data" while the API lacks the condition endpoints', async () => {
    api.conditionAbsent = true;
    await open(`<mu-building-card building-id="${RED.id}"></mu-building-card>`, 'ru');
    await eventually(() => text(card('mu-building-condition [part~="empty"]'))).toBe(
      'Техническое состояние ещё не оценено.',
    );
    await eventually(() => text(card('mu-building-consumption [part~="empty"]'))).toBe(
      'Данных о потреблении пока нет.',
    );
    expect(await text(card('[part~="title"]'))).toBe(RED.address);
    expect(await card('[role="alert"]').count()).toBe(0);
    expect(await muErrors()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('switches the reasons, element names and chart to Uzbek and Russian', async () => {
    await open(`<mu-building-card building-id="${RED.id}"></mu-building-card>`, 'uz');
    await eventually(() => textsOf(reasons())).toContain('✕ Qizil Tom: eskirish 75%, chegara 70% ga yetdi.');
    expect(await text(reasons().first())).toBe(
      '✕ Qizil Poydevor: yuk koʻtaruvchi elementda jiddiy nuqson (diagonal cracks in the basement wall).',
    );
    await page.evaluate(() => window.MeningUyim?.configure({ lang: 'ru' }));
    await eventually(() => text(reasons().nth(1))).toBe('✕ Красный Кровля: износ 75% достиг порога 70%.');
    expect(await text(reasons().last())).toBe('! Жёлтый Отопление: критический дефект (leaking riser).');
    expect(await text(card('[part~="average-wear"]'))).toBe('Средний износ: 62,5%');

    await card().evaluate((el, id) => el.setAttribute('building-id', id), GREEN.id);
    const select = card('mu-building-consumption').getByLabel('Ресурс');
    await eventually(() => select.locator('option').allInnerTexts()).toEqual([
      'Электроэнергия',
      'Холодная вода',
    ]);
    await eventually(() =>
      card('mu-building-consumption [part~="chart"]').getAttribute('aria-label'),
    ).toMatch(/^Электроэнергия, кВт·ч, /);
    await eventually(() => text(card('mu-building-condition section'))).toContain(
      'Ни одно правило не сработало',
    );
    await shot('card-ru');
    expect(pageErrors).toEqual([]);
  });
});

describe('<mu-district-summary>', () => {
  const summary = within('mu-district-summary');

  it('shows counts by class as a stacked bar and a table, in three languages', async () => {
    await open(`<mu-district-summary district-id="${GREEN.district.id}"></mu-district-summary>`);
    const segments = summary('[part~="segment"]');
    await eventually(() => segments.count()).toBe(4);
    expect(await textsOf(segments)).toEqual(['✓ 12', '! 5', '✕ 2', '– 1']);
    expect(await summary('[part~="bar"]').getAttribute('aria-label')).toBe(
      '12 green, 5 yellow, 2 red, 1 not assessed, of 20',
    );
    expect(await textsOf(summary('tbody tr'))).toEqual([
      '✓ Green — good condition 12 60%',
      '! Yellow — needs repair 5 25%',
      '✕ Red — poor condition 2 10%',
      '– Not assessed 1 5%',
    ]);
    expect(await text(summary('tfoot tr'))).toBe('Total 20 100%');
    expect(await summary().getByRole('heading', { level: 2 }).count()).toBe(1);
    await shot('summary-en');

    await page.evaluate(() => window.MeningUyim?.configure({ lang: 'uz' }));
    await eventually(() => text(summary('tbody tr').first())).toBe('✓ Yashil — yaxshi holatda 12 60%');
    expect(await text(summary('[role="heading"]'))).toBe('Uylar texnik holat sinfi boʻyicha');
    await page.evaluate(() => window.MeningUyim?.configure({ lang: 'ru' }));
    await eventually(() => text(summary('tfoot tr'))).toBe('Всего 20 100%');
    expect(await summary('[part~="bar"]').getAttribute('aria-label')).toBe(
      '12 зелёных, 5 жёлтых, 2 красных, 1 не оценено, всего 20',
    );
    expect(pageErrors).toEqual([]);
  });

  it('says so for a district without buildings and for an unknown district', async () => {
    await open(
      `<mu-district-summary id="empty" district-id="${RED.district.id}"></mu-district-summary>
       <mu-district-summary id="nf" district-id="d1000000-0000-4000-8000-000000000099"></mu-district-summary>`,
    );
    await eventually(() => text(page.locator('#empty [part~="empty"]'))).toBe(
      'No buildings in this district yet.',
    );
    await eventually(() => text(page.locator('#nf [part~="error"]'))).toBe('District not found.');
    expect(await muErrors()).toEqual([404]);
    expect(pageErrors).toEqual([]);
  });
});
