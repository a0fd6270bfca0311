// <mu-dispatch-board> and <mu-dispatch-figures> in headless Chromium against the real stack: the
// API listening on a socket and serving the bundle, a dispatch worker, the Temporal dev server and
// PostgreSQL. A dispatcher sees a request arrive without reloading, confirms its unsure triage with
// a correction and assigns it to the technician on duty; the council reads the quarter's figures
// and downloads the API's CSV.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { Building } from '../../db/registry/entities.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { ok } from '../register/api-fixtures.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { horizontalOverflow } from '../support/page-audit.ts';
import {
  classification,
  type DispatchEnv,
  get,
  newScene,
  onDuty,
  type Scene,
  startDispatchEnv,
  submit,
} from './fixtures.ts';

let env: DispatchEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  env = await startDispatchEnv();
  server = await listen(env.app.app, '127.0.0.1', 0);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

beforeEach(async () => {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
    timeout: 10_000,
  }));
});

afterEach(async () => {
  await context.close();
});

let pages = 0;
async function open(body: string, token: string, lang = 'en'): Promise<void> {
  const path = `/dispatch-test/${++pages}`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
}

async function sceneOnDuty(): Promise<Scene> {
  const s = await newScene(env);
  await ok(await onDuty(env, s), 201);
  // A plot on record: the board draws the building on its map.
  await env.em().nativeUpdate(Building, { id: s.buildingId }, { plotLon: 69.2797, plotLat: 41.3111 });
  return s;
}

describe('<mu-dispatch-board>', () => {
  it('shows a new request live, confirms its unsure triage with a correction and assigns it', async () => {
    const s = await sceneOnDuty();
    await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher);
    const board = page.locator('mu-dispatch-board');
    await eventually(() => board.locator('[part~="live-status"]').getAttribute('data-live')).toBe('true');
    await eventually(() => text(board.locator('[part~="queue"], [part~="status"]').first())).toBe(
      'No open requests.',
    );
    // The scene's roster has a technician for a day and no dispatcher: the holes are named.
    const gaps = board.locator('[part~="roster-gaps"]');
    await eventually(() => gaps.locator('li').count()).toBe(5);
    expect(await text(gaps.locator('li').first())).toMatch(/^No dispatcher on duty: /);
    expect(await gaps.locator('li[data-role="technician"]').count()).toBeGreaterThan(0);
    expect(await text(gaps.locator('p'))).toMatch(/^and \d+ more$/);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });

    env.triage.next = classification('water_leak', 'urgent', 0.4);
    const r = await submit(env, s, 'Ertalabdan beri kanalizatsiya tiqilib qoldi');
    expect(r).toMatchObject({ status: 'queued', needsConfirmation: true });

    const card = board.locator(`[part~="request"][data-number="${r.number}"]`);
    await eventually(() => card.count(), 15_000).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // Brought by the stream: the board polls only once the stream has dropped.
    expect(await board.locator('[part~="live-status"]').getAttribute('data-live')).toBe('true');
    const shown = await text(card);
    expect(shown).toContain(`No. ${r.number}`);
    expect(shown).toContain('Water leak');
    expect(shown).toContain('Urgent');
    expect(shown).toContain('apt. 1');
    expect(shown).toContain('Suggested categories: Water leak: 40 %, Other: 60 %');
    expect(shown).not.toContain('water_leak');
    expect(await text(card.locator('[part~="countdown"]'))).toMatch(/^Finish the work: \d+ h \d+ min left$/);

    // The map draws the building at its plot; the list says the same in words.
    expect(await board.locator(`svg [data-building-id="${s.buildingId}"]`).count()).toBe(1);
    expect(await text(board.locator('[part~="by-building"]'))).toMatch(/: 1 open$/);

    // Correct the category, confirm: the clocks follow the confirmed triage, the form gives way to assignment.
    await card.locator('[part~="triage-form"]').getByLabel('Category').selectOption('sewerage');
    await card.locator('[part~="confirm-button"]').click();
    await eventually(() => text(card.locator('[data-category]'))).toBe('Sewerage blockage');
    await eventually(() => card.locator('[part~="assign-form"]').count()).toBe(1);
    expect(await card.locator('[part~="triage-form"]').count()).toBe(0);

    await card
      .locator('[part~="assign-form"]')
      .getByLabel('Technician on duty')
      .selectOption({ label: 'Technician' });
    await card.locator('[part~="assign-button"]').click();
    await eventually(() => text(card.locator('[data-status]'))).toBe('Assigned to a technician');
    expect(await text(card)).toContain('Technician: Technician');
    const stored = await get(env, s.dispatcher, r.id);
    expect(stored).toMatchObject({
      category: 'sewerage',
      urgency: 'urgent',
      needsConfirmation: false,
      assigneeUserId: s.techId,
    });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('counts down to the next legal time each second without reading the board again', async () => {
    const s = await sceneOnDuty();
    env.triage.next = classification('water_leak', 'emergency');
    const r = await submit(env, s, 'Shiftdan suv oqyapti, tez keling!');
    const reads: string[] = [];
    page.on('request', (q) => {
      if (new URL(q.url()).pathname === '/api/v1/dispatch/board') reads.push(q.url());
    });
    await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher);
    const countdown = page.locator(`mu-dispatch-board [data-number="${r.number}"] [part~="countdown"]`);
    await eventually(() => countdown.count()).toBe(1);
    expect(await text(countdown)).toMatch(/^Contain the emergency: \d+ min \d\d s left$/);
    // The words change while no read of the board is under way. The request's workflow may still
    // write (and the stream then make the board read itself): such a tick does not count.
    const shownNow = (number: string) =>
      document
        .querySelector('mu-dispatch-board')
        ?.shadowRoot?.querySelector(`[data-number="${number}"] [part~="countdown"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim();
    const tickWithoutRead = async (): Promise<boolean> => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const reads0 = reads.length;
        const before = await page.evaluate(shownNow, r.number);
        const changed = await eventually(() => page.evaluate(shownNow, r.number), 5_000)
          .not.toBe(before)
          .then(
            () => true,
            () => false,
          );
        if (changed && reads.length === reads0) return true;
      }
      return false;
    };
    expect(await tickWithoutRead()).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe('<mu-dispatch-board> registering a phone call', () => {
  it('registers a call about a leak: its number and urgency at once, then in the queue as a phone call', async () => {
    const s = await sceneOnDuty();
    await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher);
    const board = page.locator('mu-dispatch-board');
    await eventually(() => text(board.locator('[part~="queue"], [part~="status"]').first())).toBe(
      'No open requests.',
    );
    const calls: { body: Record<string, unknown>; key: string | undefined }[] = [];
    page.on('request', (q) => {
      if (new URL(q.url()).pathname === '/api/v1/dispatch/calls')
        calls.push({ body: q.postDataJSON(), key: q.headers()['idempotency-key'] });
    });

    await board.locator('[part~="call-section"] summary').click();
    const form = board.locator('[part~="call-form"]');
    await eventually(() => form.count()).toBe(1);
    const building = form.getByRole('combobox', { name: /^Building/ });
    await eventually(() => building.locator(`option[value="${s.buildingId}"]`).count()).toBe(1);
    await building.selectOption(s.buildingId);
    const apartment = form.getByLabel('Apartment (if the caller named one)');
    await eventually(() => apartment.locator('option').count()).toBeGreaterThan(1);
    await apartment.selectOption({ label: 'apt. 1' });
    await form.getByLabel('Caller’s phone').fill('+998 90 123-45-67');
    await form.getByLabel('What the caller said').fill('Yuqori qavatdan suv oqyapti, shiftdan tomchilayapti');
    // The times default to now; the dispatcher says the phone rang a few minutes earlier.
    const answered = await form.getByLabel('Answered (Tashkent time)').inputValue();
    expect(answered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const rang = new Date(Date.parse(`${answered}:00Z`) - 3 * 60_000).toISOString().slice(0, 16);
    await form.getByLabel('The phone rang (Tashkent time)').fill(rang);

    env.triage.next = classification('water_leak', 'emergency');
    await form.locator('[part~="call-submit-button"]').click();
    const number = board.locator('[part~="call-number"]');
    await eventually(() => number.count(), 15_000).toBe(1);
    const n = await text(number);
    const result = board.locator('[part~="call-result"]');
    expect(await text(result)).toContain(`Registered as request No. ${n}.`);
    expect(await text(result.locator('[data-urgency]'))).toBe('⚠ Emergency');
    expect(await text(result.locator('[data-category]'))).toBe('Water leak');
    expect(await text(result)).not.toContain('water_leak');

    expect(calls).toHaveLength(1);
    expect(calls[0]!.key).toBeTruthy();
    expect(calls[0]!.body).toMatchObject({
      buildingId: s.buildingId,
      callerPhone: '+998901234567',
      callReceivedAt: `${rang}:00+05:00`,
      callAnsweredAt: `${answered}:00+05:00`,
    });

    const card = board.locator(`[part~="request"][data-number="${n}"]`);
    await eventually(() => card.count(), 15_000).toBe(1);
    expect(await text(card.locator('[data-channel="phone"]'))).toBe('(phone call, +998901234567)');
    expect(await text(card)).toContain('apt. 1');
    expect(await text(card.locator('[data-urgency]'))).toBe('⚠ Emergency');
    const stored = await get(env, s.dispatcher, (await card.getAttribute('data-request-id'))!);
    expect(stored).toMatchObject({
      channel: 'phone',
      call: {
        receivedAt: Date.parse(`${rang}:00+05:00`),
        answeredAt: Date.parse(`${answered}:00+05:00`),
        callerPhone: '+998901234567',
      },
    });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  /** The dispatcher's call form, opened on the board with the building chosen; `sent` counts the calls posted. */
  async function callForm(lang: 'uz' | 'ru') {
    const s = await sceneOnDuty();
    await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher, lang);
    const board = page.locator('mu-dispatch-board');
    const posted = { count: 0 };
    page.on('request', (q) => {
      if (new URL(q.url()).pathname === '/api/v1/dispatch/calls') posted.count++;
    });
    await board.locator('[part~="call-section"] summary').click();
    const form = board.locator('[part~="call-form"]');
    const building = form.locator('select[name="buildingId"]');
    await eventually(() => building.locator(`option[value="${s.buildingId}"]`).count()).toBe(1);
    await building.selectOption(s.buildingId);
    return { form, sent: () => posted.count };
  }

  it('names a bad phone number and a call answered before it rang, and sends nothing', async () => {
    const { form, sent } = await callForm('uz');
    await form.locator('input[name="callerPhone"]').fill('90 123 45');
    await form.locator('textarea[name="text"]').fill('Yuqoridan suv oqyapti');
    const answered = await form.locator('input[name="callAnsweredAt"]').inputValue();
    const later = new Date(Date.parse(`${answered}:00Z`) - 10 * 60_000).toISOString().slice(0, 16);
    await form.locator('input[name="callAnsweredAt"]').fill(later);
    await form.locator('[part~="call-submit-button"]').click();

    const alert = form.locator('[part~="error"][data-status="check"]');
    await eventually(() => alert.count()).toBe(1);
    expect(await text(alert.locator('li[data-field="callerPhone"]'))).toBe(
      'Qoʻngʻiroq qiluvchining telefoni: telefon raqamini kiriting, masalan +998 71 200 00 00',
    );
    expect(await text(alert.locator('li[data-field="callAnsweredAt"]'))).toMatch(
      /^Javob berilgan vaqt \(Toshkent vaqti\): .*Telefon jiringlagan vaqt \(Toshkent vaqti\)/,
    );
    expect(await form.locator('input[name="callerPhone"]').getAttribute('aria-invalid')).toBe('true');
    expect(await alert.locator('li').count()).toBe(2);
    expect(sent()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('names a ring from another day (a mistyped date) in the reader’s language, and sends nothing', async () => {
    const { form, sent } = await callForm('ru');
    await form.locator('input[name="callerPhone"]').fill('+998 90 123 45 67');
    await form.locator('textarea[name="text"]').fill('Yuqoridan suv oqyapti');
    const answered = await form.locator('input[name="callAnsweredAt"]').inputValue();
    await form.locator('input[name="callReceivedAt"]').fill(`2025${answered.slice(4)}`);
    await form.locator('[part~="call-submit-button"]').click();

    const alert = form.locator('[part~="error"][data-status="check"]');
    await eventually(() => alert.count()).toBe(1);
    expect(await text(alert.locator('li[data-field="callReceivedAt"]'))).toMatch(/не раньше/);
    expect(await alert.locator('li').count()).toBe(1);
    expect(sent()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe('<mu-dispatch-board> without its stream', () => {
  it('says the live connection dropped and still shows a new request by refreshing', async () => {
    const s = await sceneOnDuty();
    await page.route('**/api/v1/dispatch/board/stream', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, detail: 'down' }),
      }),
    );
    await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher);
    const board = page.locator('mu-dispatch-board');
    await eventually(() => text(board.locator('[part~="live-status"]'))).toMatch(
      /^The live connection dropped: the board refreshes every \d+ seconds\. Refresh$/,
    );
    env.triage.next = classification('heating', 'urgent');
    const r = await submit(env, s, 'Batareyalar sovuq');
    await eventually(
      () => board.locator(`[part~="request"][data-number="${r.number}"]`).count(),
      30_000,
    ).toBe(1);
    expect(await board.locator('[part~="live-status"]').getAttribute('data-live')).toBe('false');
    // The browser logs each refused stream; nothing else went wrong.
    expect(pageErrors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  }, 60_000);
});

describe('<mu-dispatch-board> mass incidents', () => {
  it('lists an incident with its linked requests and resolves it with a note', async () => {
    const s = await sceneOnDuty();
    env.triage.next = classification('electricity', 'urgent');
    await submit(env, s, 'Svet yo‘q butun podyezdda');
    await submit(env, s, 'Электричества нет во всём подъезде');
    const third = await submit(env, s, 'No power in the whole entrance');
    const id = third.massIncident!.id;
    await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher);
    const incident = page.locator(`mu-dispatch-board [part~="incident"][data-incident-id="${id}"]`);
    await eventually(() => incident.count()).toBe(1);
    expect(await text(incident)).toContain('Electricity');
    expect(await text(incident)).toContain('Linked requests: 3');

    await incident.locator('[part~="resolve-button"]').click();
    await eventually(() => text(incident)).toContain('Say what was done.');
    await incident.getByLabel('What was done').fill('Feeder cable replaced');
    await incident.locator('[part~="resolve-button"]').click();
    // Resolved, the incident leaves the board with its requests, brought by the stream.
    await eventually(() => incident.count(), 20_000).toBe(0);
    await eventually(() => page.locator('mu-dispatch-board [part~="request"]').count(), 20_000).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe('<mu-dispatch-board> on a phone', () => {
  it('fits 360 px in Uzbek and Russian with an unsure request, an assignable one, an incident, the map and the call form', async () => {
    const s = await sceneOnDuty();
    env.triage.next = classification('electricity', 'urgent');
    await submit(env, s, 'Svet yo‘q butun podyezdda');
    await submit(env, s, 'Электричества нет во всём подъезде');
    await submit(env, s, 'No power in the whole entrance');
    env.triage.next = classification('facade_entrance', 'routine', 0.3);
    await submit(env, s, 'Podyezd eshigi singan, yopilmayapti, uzoq vaqtdan beri shunday holatda turibdi');
    for (const lang of ['uz', 'ru']) {
      await page.setViewportSize({ width: 360, height: 740 });
      await open(`<mu-dispatch-board org-id="${s.org.id}"></mu-dispatch-board>`, s.dispatcher, lang);
      const board = page.locator('mu-dispatch-board');
      await eventually(() => board.locator('[part~="request"]').count()).toBe(4);
      await eventually(() => board.locator('[part~="incident"]').count()).toBe(1);
      expect(await board.locator('[part~="triage-form"]').count()).toBe(1);
      expect(await board.locator('[part~="assign-form"]').count()).toBe(3);
      await board.locator('[part~="call-section"] summary').click();
      const building = board.locator('[part~="call-form"] select[name="buildingId"]');
      await eventually(() => building.locator(`option[value="${s.buildingId}"]`).count()).toBe(1);
      await building.selectOption(s.buildingId);
      await board.locator('[part~="call-submit-button"]').click();
      await eventually(() => board.locator('[part~="call-form"] [data-status="check"]').count()).toBe(1);
      const overflow = await horizontalOverflow(page);
      expect(overflow.boxes, lang).toEqual([]);
      expect(overflow.scrollWidth, lang).toBeLessThanOrEqual(overflow.clientWidth);
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe('<mu-dispatch-figures>', () => {
  it('shows the quarter per organization as bars and a table, and downloads the API’s CSV', async () => {
    const s = await sceneOnDuty();
    env.triage.next = classification('elevator', 'urgent');
    await submit(env, s, 'Lift ishlamayapti');
    await open(
      `<mu-dispatch-figures district-id="${s.org.districtId}"></mu-dispatch-figures>`,
      s.org.tokens.council,
    );
    const figures = page.locator('mu-dispatch-figures');
    const row = figures.locator(`[part~="figures-table"] tr[data-organization-id="${s.org.id}"]`);
    await eventually(() => row.count()).toBe(1);
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells[0]).toMatch(/^Obod Uy .+ MChJ$/);
    expect(cells[1]).toBe('1');
    expect(await figures.locator(`[part~="chart"] [data-organization-id="${s.org.id}"]`).count()).toBe(1);

    const [response, download] = await Promise.all([
      page.waitForResponse(
        (q) => q.url().includes('/api/v1/dispatch/figures') && q.url().includes('format=csv'),
      ),
      page.waitForEvent('download'),
      figures.locator('[part~="download-button"]').click(),
    ]);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(download.suggestedFilename()).toMatch(/^dispatch-\d{4}-Q[1-4]\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    // In the page's language (English here), each organization by its name and its identifier.
    const lines = csv.replace(/^\ufeff/, '').split(/\r?\n/);
    expect(lines[0]).toMatch(/^Organization,Organization ID,Quarter,Requests,Calls answered in time \(%\),/);
    expect(lines.find((l) => l.includes(s.org.id))).toMatch(
      new RegExp(`^${cells[0]},${s.org.id},Q[1-4] \\d{4},1,`),
    );
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
