// The quarterly report widgets in headless Chromium on a 360 px screen, against the real API and
// PostgreSQL: an owner reads the building's submitted report (works by kind, a correction's
// reason, spending as a chart and a table); the organization fills in a report, saves the draft
// and submits it, and a work dated outside the quarter is refused next to its date field in the
// reader's language; the district's board shows a building whose accrual was suspended, and
// downloads as CSV. Uzbek, Russian and English on the way.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import type { Orm } from '../../db/orm.ts';
import { stopForMissingReport } from '../../db/reports/repository.ts';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import { DEFAULT_REPORT_POLICY } from '../../domain/reports/policy.ts';
import { firstDayOf, quarterOf } from '../../domain/reports/quarters.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { call, newKey, ok } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { type ManagedBuilding, managedBuilding, workContent } from './fixtures.ts';

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pages = 0;
const tokens: Record<string, string> = {};
const QUARTER = quarterOf(tashkentDate(Date.now()));
const DONE_ON = firstDayOf(QUARTER);
/** The quarter before: its deadline has passed, so a missing report stops the accrual. */
const PAST = quarterOf(addDays(firstDayOf(QUARTER), -1));
let reported: ManagedBuilding;
let photoId = '';
/** A 1×1 PNG: a real image, so the browser draws it. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
let missing: ManagedBuilding;
let editing: ManagedBuilding;
/** The months the deadline stopped for the missing building. */
let suspended: string[] = [];

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reports-${name}.png`, fullPage: true });
};

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  t = await createTestApp({ withTemporal: false });
  const orm = t.deps.orm as Orm;
  [reported, missing, editing] = [
    await managedBuilding(orm),
    await managedBuilding(orm),
    await managedBuilding(orm),
  ];
  const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string }) =>
    t.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: 'Test',
      pid: claims.pid ?? null,
      roles: roles as never,
      org: claims.org ?? null,
      district: claims.district ?? null,
    });
  tokens.owner = await sign(['resident'], { pid: reported.ownerIds[0]! });
  tokens.staff = await sign(['management_company'], { org: reported.organizationId });
  tokens.editor = await sign(['management_company'], { org: editing.organizationId });
  tokens.council = await sign(['council'], { district: missing.districtId });
  tokens.reportedCouncil = await sign(['council'], { district: reported.districtId });

  // A photo before the roof work, named on the corrected version's line.
  const upload = await t.app.request(`/api/v1/reports/buildings/${reported.buildingId}/photos`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tokens.staff}`,
      'Content-Type': 'image/png',
      'X-Filename': 'roof-before.png',
      'Idempotency-Key': newKey(),
    },
    body: PIXEL_PNG,
  });
  photoId = (await ok<{ id: string }>(upload, 201)).id;
  const corrected = workContent(DONE_ON, 1_000_000_00);
  corrected.works[0]!.photos = [{ id: photoId, stage: 'before' }];

  // The reported building: submitted, then corrected with a reason.
  const at = `/reports/buildings/${reported.buildingId}/quarters/${QUARTER}`;
  await ok(
    await call(t, 'POST', `${at}/draft`, { token: tokens.staff, key: newKey(), body: workContent(DONE_ON) }),
  );
  await ok(await call(t, 'POST', `${at}/submission`, { token: tokens.staff, key: newKey() }));
  await ok(
    await call(t, 'POST', `${at}/corrections`, {
      token: tokens.staff,
      key: newKey(),
      body: { ...corrected, reason: 'the invoice was lower' },
    }),
  );
  // The missing one: the past quarter's deadline stopped its accrual.
  const stop = await stopForMissingReport(orm.em.fork(), {
    buildingId: missing.buildingId,
    quarter: PAST,
    policy: DEFAULT_REPORT_POLICY,
    requestId: 'deadline',
  });
  suspended = stop.months;
  expect(suspended.length).toBeGreaterThan(0);
  server = await listen(t.app, '127.0.0.1', 0);
  // An English browser: a native file input would say "Choose File" on these Russian and Uzbek pages.
  browser = await launchBrowser(['--lang=en-US']);
});
afterAll(async () => {
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
    // The editor asks for a report not written yet (404), and a refused write is a 400.
    expected: /status of (404|400)/,
  }));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

async function open(body: string, token: string, lang: string): Promise<void> {
  const path = `/reports-test/${++pages}`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
}

/** Nothing wider than the phone: the page never scrolls sideways. */
const fitsScreen = () =>
  expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

const [year, n] = QUARTER.split('-Q');

describe('<mu-building-reports>', () => {
  it('shows an owner the submitted report: works by kind, versions with the correction’s reason, spending', async () => {
    await open(
      `<mu-building-reports building-id="${reported.buildingId}"></mu-building-reports>`,
      tokens.owner!,
      'en',
    );
    const w = page.locator('mu-building-reports');
    const r = w.locator(`[part="report"][data-quarter="${QUARTER}"]`);
    await eventually(() => r.count()).toBe(1);
    expect(await text(r.locator('h3'))).toBe(`Q${n} ${year}`);
    const roof = r.locator('[part="work"][data-element="roof"]');
    expect(await text(roof)).toBe(
      `Roof membrane patched over entrance 1 Roof 12.5 m² UZS 1,000,000 ${DONE_ON.slice(8, 10)}.${DONE_ON.slice(5, 7)}.${DONE_ON.slice(0, 4)} Before`,
    );
    expect(await r.locator('h4').allInnerTexts()).toEqual([
      'Planned',
      'Emergency',
      'The quarter in figures',
      'Payments from the building’s account',
      'Act of completed works, version 2',
      'Versions',
    ]);
    expect(await text(r.locator('[part="work"][data-kind="emergency"] [data-column="element"]'))).toBe(
      'Water supply',
    );
    const versions = r.locator('[part="version"]');
    expect(await versions.count()).toBe(2);
    expect(await text(versions.first())).toMatch(
      /^Version 2: Correction of \d\d\.\d\d\.\d{4}\. Reason: the invoice was lower · UZS 1,430,000$/,
    );
    expect(await text(versions.nth(1))).toMatch(/^Version 1: First submission, .* · UZS 1,680,000$/);
    const row = w.locator(`[part="spending-table"] tr[data-quarter="${QUARTER}"]`);
    expect(await text(row.locator('[data-kind="planned"]'))).toBe('UZS 1,000,000');
    expect(await text(row.locator('[data-kind="emergency"]'))).toBe('UZS 430,000');
    expect(await text(row.locator('[data-column="total"]'))).toBe('UZS 1,430,000');
    expect(await w.locator(`svg[part="chart"] g[data-quarter="${QUARTER}"] rect.spent`).count()).toBe(2);
    // No code reaches the reader.
    expect(await text(w)).not.toMatch(/planned|emergency|water_supply|submitted/);
    await fitsScreen();
    await shot('building-reports-en');
  });

  it('speaks Uzbek and Russian', async () => {
    await open(
      `<mu-building-reports building-id="${reported.buildingId}"></mu-building-reports>`,
      tokens.owner!,
      'uz',
    );
    const w = page.locator('mu-building-reports');
    await eventually(() => text(w.locator('h2'))).toBe('Bajarilgan ishlar haqida hisobotlar');
    await eventually(() => w.locator('[part="report"] h4').allInnerTexts()).toEqual([
      'Rejali',
      'Avariya',
      'Chorak raqamlarda',
      'Uy hisobidan toʻlovlar',
      'Bajarilgan ishlar dalolatnomasi, 2-versiya',
      'Versiyalar',
    ]);
    expect(await text(w.locator('[part="work"][data-element="roof"] [data-column="cost"]'))).toBe(
      '1 000 000 soʻm',
    );
    await fitsScreen();
    await open(
      `<mu-building-reports building-id="${reported.buildingId}"></mu-building-reports>`,
      tokens.owner!,
      'ru',
    );
    await eventually(() => w.locator('[part="report"] h4').allInnerTexts()).toEqual([
      'Плановые',
      'Аварийные',
      'Квартал в цифрах',
      'Платежи со счёта дома',
      'Акт выполненных работ, версия 2',
      'Версии',
    ]);
    expect(await text(w.locator('[part="version"]').first())).toContain('Причина: the invoice was lower');
    expect(await text(w.locator('[part="report"] h3'))).toBe(`${n} квартал ${year} г.`);
  });
});

describe('<mu-building-reports> with the act, its photos and the summary', () => {
  it('shows owners the photo and the summary, and lets the organization and then the council sign the act here', async () => {
    const host = `<mu-building-reports building-id="${reported.buildingId}"></mu-building-reports>`;
    await open(host, tokens.owner!, 'en');
    const w = page.locator('mu-building-reports');
    const act = w.locator('[part="act"][data-version="2"]');
    await eventually(() => act.count()).toBe(1);
    // The owner reads who signed; there is nothing for an owner to sign.
    expect(await text(act.locator('[data-party="organization"]'))).toBe(
      'Management organization: not signed yet',
    );
    expect(await act.locator('[part="sign"]').count()).toBe(0);
    const photo = w.locator('[part="work"][data-element="roof"] li[data-stage="before"]');
    await eventually(() =>
      photo
        .locator('mu-report-photo img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).toBe(1);
    expect(await photo.locator('mu-report-photo img').getAttribute('alt')).toBe(
      'Before: Roof membrane patched over entrance 1',
    );
    expect(await text(w.locator('[part="summary"] tr[data-row="appeals"] td'))).toBe('0');
    expect(await text(w.locator('[part="summary"] tr[data-row="expenses"] td'))).toBe('UZS 0');
    await fitsScreen();
    await shot('building-reports-act-en');

    for (const [token, party] of [
      [tokens.staff!, 'organization'],
      [tokens.reportedCouncil!, 'owners'],
    ] as const) {
      await open(host, token, 'en');
      const sign = act.locator('[part="sign"]');
      await eventually(() => sign.count()).toBe(1);
      await sign.click();
      await eventually(() => text(act.locator('[role="status"]'))).toBe('The act is signed.');
      await eventually(() => act.locator(`[data-party="${party}"]`).getAttribute('data-signed')).toBe('true');
    }
    await eventually(() => act.getAttribute('data-complete')).toBe('true');
    expect(await text(act.locator('.badge'))).toBe('Signed by both sides');
  });
});

describe('<mu-report-editor>', () => {
  it('lets the organization fill in works, save the draft and submit; a bad date is refused at its field', async () => {
    const at = `/reports/buildings/${editing.buildingId}/quarters/${QUARTER}`;
    await open(
      `<mu-report-editor building-id="${editing.buildingId}" quarter="${QUARTER}"></mu-report-editor>`,
      tokens.editor!,
      'ru',
    );
    const w = page.locator('mu-report-editor');
    const work = w.locator('[part="work"][data-index="0"]');
    await eventually(() => work.count()).toBe(1);
    // Nothing chosen or typed: the form names every field before sending anything.
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes('/api/')) writes.push(r.url());
    });
    await w.locator('[part="save-button"]').click();
    await eventually(() => w.locator('[part="error"]').getAttribute('data-status')).toBe('check');
    expect(await text(w.locator('[part="error"]'))).toBe('Проверьте отмеченные поля.');
    expect(
      await w
        .locator('[part="field-error"]')
        .evaluateAll((ps) => ps.map((p) => (p as HTMLElement).dataset.field)),
    ).toEqual([
      'works.0.kind',
      'works.0.element',
      'works.0.description',
      'works.0.quantityMilli',
      'works.0.unit',
      'works.0.costTiyin',
      'works.0.doneOn',
    ]);
    expect(await text(w.locator('[part="field-error"][data-field="works.0.kind"]'))).toBe(
      'Выберите из списка.',
    );
    expect(await work.locator('select[name="works.0.kind"]').getAttribute('aria-invalid')).toBe('true');
    expect(writes).toEqual([]);
    // No silent default: the kind and the element start on the prompt.
    expect(await text(work.locator('select[name="works.0.kind"] option:checked'))).toBe('— выберите —');
    await work.locator('select[name="works.0.kind"]').selectOption('emergency');
    expect(await work.locator('select[name="works.0.kind"] option').allInnerTexts()).toEqual([
      '— выберите —',
      'Плановые',
      'Внеплановые',
      'Аварийные',
    ]);
    await work.locator('select[name="works.0.element"]').selectOption('heating');
    await work.locator('input[name="works.0.description"]').fill('Замена задвижки на вводе отопления');
    await work.locator('input[name="works.0.quantityMilli"]').fill('2,5');
    await work.locator('input[name="works.0.unit"]').fill('шт');
    await work.locator('input[name="works.0.costTiyin"]').fill('1 250 000,50');
    await work.locator('input[name="works.0.doneOn"]').fill('2020-01-15');
    await w.locator('[part="save-button"]').click();
    // The API refuses the date; the message stands under that field, in Russian.
    const fieldError = w.locator('[part="field-error"][data-field="works.0.doneOn"]');
    await eventually(() => text(fieldError)).toBe('Укажите дату внутри квартала и не в будущем.');
    expect(await work.locator('input[name="works.0.doneOn"]').getAttribute('aria-invalid')).toBe('true');
    expect(await text(w.locator('[part="error"]'))).toBe('Проверьте отмеченные поля.');
    await fitsScreen();
    await shot('report-editor-error-ru');

    await work.locator('input[name="works.0.doneOn"]').fill(DONE_ON);
    // The photo picker speaks Russian; the chosen photo is uploaded at once and named by its stage.
    const picker = work.locator('.fp');
    expect(await text(picker)).toBe('Выбрать файл Файл не выбран');
    await work
      .locator('input[name="works.0.photo"]')
      .setInputFiles({ name: 'zadvizhka.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await eventually(() => text(work.locator('[data-photos]'))).toBe('До');
    expect(await text(picker)).toBe('Выбрать файл');
    await w.locator('[part="save-button"]').click();
    await eventually(() => text(w.locator('[part="done"]'))).toBe('Черновик сохранён.');
    expect(await fieldError.count()).toBe(0);
    const draft = await ok<{ status: string; draft: { works: unknown[] } }>(
      await call(t, 'GET', at, { token: tokens.editor }),
    );
    expect(draft.status).toBe('draft');
    expect(draft.draft.works).toEqual([
      {
        kind: 'emergency',
        element: 'heating',
        description: 'Замена задвижки на вводе отопления',
        quantityMilli: 2500,
        unit: 'шт',
        costTiyin: 125_000_050,
        doneOn: DONE_ON,
        photos: [{ id: expect.any(String), stage: 'before' }],
      },
    ]);

    await w.locator('[part="submit-button"]').click();
    await eventually(() => text(w.locator('[part="done"]'))).toBe(
      'Отчёт сдан. Собственники уже могут его прочитать.',
    );
    await eventually(() => w.locator('[part="correct-button"]').count()).toBe(1);
    const submitted = await ok<{ status: string; versions: { totalCostTiyin: number }[] }>(
      await call(t, 'GET', at, { token: tokens.editor }),
    );
    expect(submitted.status).toBe('submitted');
    expect(submitted.versions.map((v) => v.totalCostTiyin)).toEqual([125_000_050]);

    // A correction without a reason is refused at the reason; with one it is version 2.
    await w.locator('[part="correct-button"]').click();
    await eventually(() => text(w.locator('[part="field-error"][data-field="reason"]'))).toBe(
      'Укажите, почему отчёт исправляется.',
    );
    await work.locator('input[name="works.0.costTiyin"]').fill('1 100 000');
    await w.locator('textarea#reason').fill('Счёт поставщика уточнён');
    await w.locator('[part="correct-button"]').click();
    await eventually(() => text(w.locator('[part="done"]'))).toBe('Исправление подано как версия 2.');
    const corrected = await ok<{ versions: { reason: string | null; totalCostTiyin: number }[] }>(
      await call(t, 'GET', at, { token: tokens.editor }),
    );
    expect(corrected.versions.map((v) => [v.reason, v.totalCostTiyin])).toEqual([
      [null, 125_000_050],
      ['Счёт поставщика уточнён', 110_000_000],
    ]);
    await fitsScreen();
  });

  it('speaks Uzbek and English', async () => {
    await open(
      `<mu-report-editor building-id="${editing.buildingId}" quarter="${QUARTER}"></mu-report-editor>`,
      tokens.editor!,
      'uz',
    );
    const w = page.locator('mu-report-editor');
    await eventually(() => text(w.locator('[part="correct-button"]'))).toBe('Tuzatishni topshirish');
    expect(await text(w.locator('h2'))).toBe(`${year}-yil ${n}-chorak hisoboti`);
    expect(await text(w.locator('[part="work"][data-index="0"] .fp'))).toBe('Fayl tanlang');
    await open(
      `<mu-report-editor building-id="${editing.buildingId}" quarter="${QUARTER}"></mu-report-editor>`,
      tokens.editor!,
      'en',
    );
    await eventually(() => text(w.locator('[part="correct-button"]'))).toBe('File the correction');
    expect(await text(w.locator('select[name="works.0.element"] option:checked'))).toBe('Heating');
    await fitsScreen();
  });
});

describe('<mu-reports-board>', () => {
  it('shows the council a building whose accrual is suspended, since when, and exports the table', async () => {
    await open(
      `<mu-reports-board district-id="${missing.districtId}" quarter="${PAST}"></mu-reports-board>`,
      tokens.council!,
      'en',
    );
    const w = page.locator('mu-reports-board');
    const row = w.locator(`[part="row"][data-building="${missing.buildingId}"]`);
    await eventually(() => row.count()).toBe(1);
    expect(await row.getAttribute('data-suspended')).toBe('true');
    expect(await text(row.locator('[data-column="status"]'))).toBe('Not reported');
    const months = suspended;
    const since = `${months[0]!.slice(5)}.${months[0]!.slice(0, 4)}`;
    expect(await text(row.locator('[data-column="suspension"]'))).toBe(
      `Suspended since ${since} (${months.length} months)`,
    );
    expect(await text(w.locator('[part="counts"]'))).toBe('Reported: 0 of 1 · suspended: 1');
    await fitsScreen();
    await shot('board-en');

    // The download is the API's own CSV in the reader's language, with what each building lost.
    const download = page.waitForEvent('download');
    await w.locator('[part="export-button"]').click();
    const saved = await readFile((await (await download).path())!);
    const served = await fetch(
      `${server.url}/api/v1/reports/districts/${missing.districtId}/board.csv?quarter=${PAST}&lang=en`,
      { headers: { Authorization: `Bearer ${tokens.council}` } },
    );
    expect(served.status).toBe(200);
    // Byte for byte: text() would drop the byte-order mark that spreadsheets read the UTF-8 by.
    expect(saved.equals(Buffer.from(await served.arrayBuffer()))).toBe(true);
    const csv = saved.toString('utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'Building ID,Address,Management organization,Management organization ID,Report,Late,Submitted (Tashkent time),Months without contributions,Months held back,Accrual resumed from,Months lost,Lost (UZS)',
    );
    expect(lines[1]).toContain(`${missing.buildingId},`);
    expect(lines[1]).toContain(',Not reported,');
    expect(lines[1]).toContain(`,${months.join(' ')},`);
  });

  it('speaks Uzbek and Russian', async () => {
    await open(
      `<mu-reports-board district-id="${missing.districtId}" quarter="${PAST}"></mu-reports-board>`,
      tokens.council!,
      'ru',
    );
    const w = page.locator('mu-reports-board');
    await eventually(() => text(w.locator('[part="row"] [data-column="status"]'))).toBe('Отчёт не сдан');
    expect(await text(w.locator('[part="row"] [data-column="suspension"]'))).toMatch(
      /^Приостановлено с \d\d\.\d{4} \(\d+ мес\.\)$/,
    );
    await open(
      `<mu-reports-board district-id="${missing.districtId}" quarter="${PAST}"></mu-reports-board>`,
      tokens.council!,
      'uz',
    );
    await eventually(() => text(w.locator('[part="row"] [data-column="status"]'))).toBe('Hisobot berilmagan');
    expect(await text(w.locator('h2'))).toBe('Tumandagi choraklik hisobotlar');
    await fitsScreen();
  });
});
