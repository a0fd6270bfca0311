// <mu-dispatch-roster> in headless Chromium against the real stack (the API on a socket serving the
// bundle, PostgreSQL): a roster with one day's hole in the technicians' cover shows the gaps; the
// form's shift (tomorrow 09:00 to the day after, Tashkent time) closes them, after an overlap
// warning and an end-before-start check; removing it with the confirmation brings them back. A
// technician on call sees the roster but is refused a change, in words. When the confirmation's
// code cannot be fetched, nothing is removed: the roster says so in its language and its "try
// again" opens the confirmation.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { call, newKey, ok } from '../register/api-fixtures.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { horizontalOverflow } from '../support/page-audit.ts';
import { type DispatchEnv, newScene, type Scene, startDispatchEnv } from './fixtures.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

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

/** A phone-sized page whose console may hold only `expected`. */
async function openPage(expected: RegExp): Promise<void> {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, { viewport: { width: 360, height: 800 }, timeout: 10_000, expected }));
}

// The technician's refused change: the browser logs the 403 it receives.
beforeEach(() => openPage(/status of 403/));

afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

async function fits(): Promise<void> {
  const overflow = await horizontalOverflow(page);
  expect(overflow.boxes).toEqual([]);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
}

let pages = 0;
async function open(s: Scene, token: string, lang = 'en'): Promise<void> {
  const path = `/roster-test/${++pages}`;
  const body = `<mu-dispatch-roster org-id="${s.org.id}"></mu-dispatch-roster>`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
}

const add = (s: Scene, userId: string, name: string, role: string, from: number, to: number) =>
  call(env.app, 'POST', '/dispatch/roster/shifts', {
    token: s.dispatcher,
    key: newKey(),
    body: { userId, name, role, startsAt: new Date(from).toISOString(), endsAt: new Date(to).toISOString() },
  }).then((r) => ok<{ id: string }>(r, 201));

/**
 * A dispatcher round the clock and a technician for every kind of work, but for the form's default
 * shift: tomorrow 09:00 to the day after 09:00, Tashkent time (UTC+5).
 */
async function rosterWithHole(): Promise<{ s: Scene; holeFrom: number; holeTo: number }> {
  const s = await newScene(env);
  const now = Date.now();
  const today = Math.floor((now + 5 * HOUR) / DAY) * DAY - 5 * HOUR;
  const holeFrom = today + DAY + 9 * HOUR;
  const holeTo = holeFrom + DAY;
  await add(s, randomUUID(), 'Nodira Saidova', 'dispatcher', now - HOUR, now + 9 * DAY);
  await add(s, s.techId, 'Rustam Aliyev', 'technician', now - HOUR, holeFrom);
  await add(s, s.techId, 'Rustam Aliyev', 'technician', holeTo, now + 9 * DAY);
  return { s, holeFrom, holeTo };
}

describe('<mu-dispatch-roster>', () => {
  it('closes the coming days’ gap with a new shift and opens it again when the shift is removed', async () => {
    const { s } = await rosterWithHole();
    await open(s, s.dispatcher);
    const roster = page.locator('mu-dispatch-roster');
    const gaps = roster.locator('[part~="roster-gaps"]');
    await eventually(() => gaps.locator('li').count()).toBe(5);
    expect(await text(gaps.locator('li').first())).toMatch(/^No technician for /);
    expect(await roster.locator('[part~="day"]').count()).toBe(7);
    await fits();

    const form = roster.locator('[part~="add-form"]');
    await eventually(() => form.locator('select[name="userId"] option').count()).toBe(3);
    await form.locator('select[name="userId"]').selectOption({ label: 'Rustam Aliyev' });
    await form.locator('input[name="role"][value="technician"]').check();
    const ends = form.locator('input[name="endsAt"]');
    const end = await ends.inputValue();
    // An end before the start is caught before anything is sent.
    await ends.fill(await form.locator('input[name="startsAt"]').inputValue());
    await form.locator('[part~="add-button"]').click();
    await eventually(() => form.locator('[part~="error"] li[data-field="endsAt"]').count()).toBe(1);
    // Ending an hour later overlaps Rustam's next shift: a warning, then "add anyway" would add it.
    const later = `${end.slice(0, 11)}${String(Number(end.slice(11, 13)) + 1).padStart(2, '0')}${end.slice(13)}`;
    await ends.fill(later);
    await form.locator('[part~="add-button"]').click();
    await eventually(() => text(form.locator('[part~="overlap"]'))).toMatch(
      /^Rustam Aliyev already has a shift then: /,
    );
    expect(await text(form.locator('[part~="add-button"]'))).toBe('Add anyway');
    await ends.fill(end);
    await form.locator('[part~="add-button"]').click();
    await eventually(() => roster.locator('[part~="no-gaps"]').count()).toBe(1);
    expect(await gaps.count()).toBe(0);
    expect(await text(roster.locator('[part~="outcome"]'))).toBe('Shift added.');
    const coverage = await ok<{ shifts: { id: string; name: string }[]; gaps: unknown[] }>(
      await call(env.app, 'GET', '/dispatch/roster', { token: s.dispatcher }),
    );
    expect(coverage.gaps).toEqual([]);
    expect(coverage.shifts).toHaveLength(4);

    // Remove the new one (the middle of Rustam's three): asked first, then the gaps are back.
    const added = coverage.shifts.filter((x) => x.name === 'Rustam Aliyev')[1]!;
    const button = roster.locator(`[part~="shift"][data-id="${added.id}"] [part~="remove-button"]`).first();
    await button.click();
    const dialog = page.locator('mu-confirm');
    await eventually(() => text(dialog.locator('[part~="title"]'))).toBe('Remove this shift?');
    await dialog.locator('[part~="confirm-button"]').click();
    await eventually(() => gaps.locator('li').count()).toBe(5);
    expect(await text(roster.locator('[part~="outcome"]'))).toBe('Shift removed.');
    expect(await roster.locator(`[part~="shift"][data-id="${added.id}"]`).count()).toBe(0);
    await fits();
  });

  it('shows a technician on call the roster and refuses them a change in their language', async () => {
    const { s } = await rosterWithHole();
    await open(s, s.tech, 'ru');
    const roster = page.locator('mu-dispatch-roster');
    const shift = roster.locator('[part~="shift"][data-role="technician"]').first();
    await eventually(() => shift.count()).toBe(1);
    await shift.locator('[part~="remove-button"]').click();
    await page.locator('mu-confirm [part~="confirm-button"]').click();
    const error = roster.locator('[part~="error"]');
    await eventually(() => error.getAttribute('data-status')).toBe('403');
    expect(await text(error)).toContain('Не сохранено: у вас нет права на это действие.');
    const coverage = await ok<{ shifts: unknown[] }>(
      await call(env.app, 'GET', '/dispatch/roster', { token: s.dispatcher }),
    );
    expect(coverage.shifts).toHaveLength(3);
  });

  it('removes nothing while the confirmation cannot be fetched, says so in Uzbek, and asks on “try again”', async () => {
    // The failed fetches are logged by the browser and by the widget; nothing else may be.
    await context.close();
    await openPage(/ERR_FAILED|dynamically imported module/);
    const confirmChunk: string[] = [];
    await page.route(
      (url) => /\/chunks\/confirm-(?!messages)[\w-]+\.js$/.test(url.pathname),
      (route) => {
        confirmChunk.push(route.request().url());
        return route.abort('failed');
      },
    );
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    const { s } = await rosterWithHole();
    await open(s, s.dispatcher, 'uz');
    const roster = page.locator('mu-dispatch-roster');
    const before = await ok<{ shifts: { id: string; name: string }[] }>(
      await call(env.app, 'GET', '/dispatch/roster', { token: s.dispatcher }),
    );
    const target = before.shifts.find((x) => x.name === 'Rustam Aliyev')!;
    const shift = roster.locator(`[part~="shift"][data-id="${target.id}"]`).first();
    await eventually(() => shift.count()).toBe(1);
    await shift.locator('[part~="remove-button"]').click();

    const notice = roster.locator('[data-mu-unloaded]');
    await eventually(() => text(notice.locator('span'))).toBe(
      '⚠ Tasdiqlash oynasini yuklab boʻlmadi, hech narsa bajarilmadi. Internet aloqasini tekshirib, qayta urinib koʻring.',
    );
    expect(await notice.getAttribute('lang')).toBe('uz');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await text(notice.getByRole('button'))).toBe('Qayta urinish');
    expect(confirmChunk.length).toBe(2);
    expect(await page.locator('mu-confirm').count()).toBe(0);
    expect(writes).toEqual([]);
    const meanwhile = await ok<{ shifts: { id: string }[] }>(
      await call(env.app, 'GET', '/dispatch/roster', { token: s.dispatcher }),
    );
    expect(meanwhile.shifts.map((x) => x.id).sort()).toEqual(before.shifts.map((x) => x.id).sort());
    await fits();

    // The network is back: "try again" asks, and the yes removes the shift.
    await page.unrouteAll();
    await notice.getByRole('button').click();
    const dialog = page.locator('mu-confirm');
    await eventually(() => text(dialog.locator('[part~="title"]'))).toBe(
      'Bu navbatchilik olib tashlansinmi?',
    );
    expect(writes).toEqual([]);
    expect(await notice.count()).toBe(0);
    await dialog.locator('[part~="confirm-button"]').click();
    await eventually(() => text(roster.locator('[part~="outcome"]'))).toBe('Navbatchilik olib tashlandi.');
    expect(writes).toEqual([`DELETE /api/v1/dispatch/roster/shifts/${target.id}`]);
    // The roster is read again after the outcome is shown.
    await eventually(() => roster.locator(`[part~="shift"][data-id="${target.id}"]`).count()).toBe(0);
  });
});
