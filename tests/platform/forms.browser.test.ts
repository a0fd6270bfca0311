// Forms that help, in headless Chromium against the real API and the demo portal: bad input is
// caught before sending with words in the person's language under the form's own labels, the
// service's refusal of what got through is said the same way (never the validator's English),
// what was said about a field goes as soon as it is edited, and nothing is chosen for the person
// (no district, no building, no amount) that they did not choose.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { loadConfig } from '../../platform/config.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { text, eventually as within } from '../meetings/widget-harness.ts';
import { call, ok } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';
import { openPortalAs, type Persona } from '../support/portal.ts';

const eventually = <T>(fn: () => T | Promise<T>) => within(fn, 30_000);

let browser: Browser;
let db: TestDatabase;
let app: TestApp;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let posted: Request[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  browser = await launchBrowser();
  // A demo of its own: other files' portal tests file the applicant's application in the shared one.
  db = await createTestDatabase(inject('postgres'), 'forms');
  await withOrm(db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
  app = await createTestApp({ databaseUrl: db.url });
  server = await listen(app.app, '127.0.0.1', 0);
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  await db?.drop();
  await browser?.close();
});

beforeEach(async () => {
  // The refusals these tests provoke are answers, not faults: the browser logs each 400 it gets.
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 1100, height: 900 },
    timeout: 10_000,
    expected: /status of 400/,
  }));
  posted = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/v1/')) posted.push(r);
  });
});

afterEach(async () => {
  await context.close();
});

const openAs = async (persona: Persona, lang: 'uz' | 'ru' | 'en') => {
  await openPortalAs(page, server.url, persona);
  if (lang !== 'en') {
    await page.goto(`${server.url}/?lang=${lang}&persona=${persona}`);
    await eventually(() => page.getAttribute('html', 'lang')).toBe(lang);
  }
};

const postsTo = (path: string) => posted.filter((r) => new URL(r.url()).pathname === `/api/v1${path}`);

/**
 * The next POST to `path` leaves the browser with `change` applied to its JSON body; the body the
 * form wrote is kept in the answer's `sent`.
 */
async function tamperNext(
  path: string,
  change: (body: Record<string, unknown>) => void,
): Promise<{ sent: Record<string, unknown>[] }> {
  const seen = { sent: [] as Record<string, unknown>[] };
  await page.route(
    (url) => url.pathname === `/api/v1${path}`,
    async (route) => {
      seen.sent.push(route.request().postDataJSON() as Record<string, unknown>);
      const body = route.request().postDataJSON() as Record<string, unknown>;
      change(body);
      await route.continue({ postData: JSON.stringify(body) });
    },
    { times: 1 },
  );
  return seen;
}

/** The validator's own English, which must never reach a person. */
const VALIDATOR_WORDS = /Too small|Too big|Invalid input|expected string|Invalid UUID|Invalid option/;

describe('forms in the demo portal', () => {
  it('the appeal form: checked before sending in Russian, the service’s refusal by field in Russian, gone on edit', async () => {
    await openAs('resident', 'ru');
    const form = page.getByTestId('appeal-form');
    await eventually(() => form.locator('[part~="form"]').count()).toBe(1);
    await form.getByRole('button', { name: 'Отправить обращение' }).click();
    const errors = form.locator('[part~="errors"]');
    await eventually(() => errors.locator('li').allInnerTexts()).toEqual([
      'Выберите категорию.',
      'Опишите проблему.',
    ]);
    expect(postsTo('/appeals')).toEqual([]);

    await form.getByLabel('Категория').selectOption('heating');
    await form.getByLabel('Текст обращения', { exact: true }).fill('Батареи холодные в третьем подъезде');
    expect(await errors.locator('li').count()).toBe(0);
    // What the check let through, the service refuses: here an emptied text.
    await tamperNext('/appeals', (body) => {
      body.text = '';
    });
    await form.getByRole('button', { name: 'Отправить обращение' }).click();
    const alert = form.locator('[part~="error"]');
    await eventually(() => text(alert.locator('p').first())).toBe('Не сохранено: исправьте отмеченные поля.');
    expect(await alert.locator('li').allInnerTexts()).toEqual(['Текст обращения: заполните это поле']);
    expect(await text(alert)).not.toMatch(VALIDATOR_WORDS);
    expect(postsTo('/appeals')).toHaveLength(1);

    await form.getByLabel('Текст обращения', { exact: true }).press('End');
    await page.keyboard.type('.');
    await eventually(() => alert.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the register application: no district, no amount chosen for the company; Uzbek words for each field', async () => {
    await openAs('applicant', 'uz');
    const form = page.getByTestId('apply-form');
    await eventually(() => form.count()).toBe(1);
    const district = form.getByLabel('Tuman (koʻrib chiqadi)');
    expect(await district.inputValue()).toBe('');
    expect(await form.getByLabel('Oʻz mablagʻlari, soʻm').inputValue()).toBe('');
    await form.getByLabel('Haftasiga kun').fill('9');

    await form.getByRole('button', { name: 'Reyestrga ariza berish' }).click();
    const alert = form.getByTestId('form-error');
    await eventually(() => alert.locator('li').allInnerTexts()).toEqual([
      'Tuman (koʻrib chiqadi): birini tanlang',
      'Oʻz mablagʻlari, soʻm: toʻldiring',
      'Haftasiga kun: koʻpi bilan 7',
    ]);
    expect(await text(alert.locator('p'))).toBe('Quyidagi maydonlarni tekshiring:');
    expect(await district.getAttribute('aria-invalid')).toBe('true');
    expect(postsTo('/register/applications')).toEqual([]);

    // Each fix takes its line away at once.
    const { districtId } = await ok<{ districtId: string }>(
      await call(app, 'GET', '/me', { token: await app.tokenFor('inspector') }),
    );
    await district.selectOption({ value: districtId });
    await form.getByLabel('Haftasiga kun').fill('7');
    await eventually(() => alert.locator('li').allInnerTexts()).toEqual([
      'Oʻz mablagʻlari, soʻm: toʻldiring',
    ]);
    expect(await district.getAttribute('aria-invalid')).toBeNull();

    // The service's refusal of what got past the check, in Uzbek under the form's labels.
    await form.getByLabel('Oʻz mablagʻlari, soʻm').fill('60000000');
    await eventually(() => alert.count()).toBe(0);
    const tampered = await tamperNext('/register/applications', (body) => {
      body.districtId = 'not-a-district';
      (body.dispatch as Record<string, unknown>).phone = 'x'.repeat(40);
    });
    await form.getByRole('button', { name: 'Reyestrga ariza berish' }).click();
    const refusal = form.getByTestId('form-error');
    await eventually(() => refusal.locator('li').allInnerTexts()).toEqual([
      'Tuman (koʻrib chiqadi): roʻyxatdan tanlang',
      'Dispetcher telefoni: koʻpi bilan 32 ta belgi',
    ]);
    expect(await text(refusal)).not.toMatch(VALIDATOR_WORDS);
    // What the form itself sent: the chosen district and the amount typed, nothing defaulted.
    expect(postsTo('/register/applications')).toHaveLength(1);
    expect(tampered.sent).toEqual([
      expect.objectContaining({
        districtId,
        ownFundsUzs: 60_000_000,
        dispatch: expect.objectContaining({ daysPerWeek: 7 }),
      }),
    ]);
    // Nothing was filed.
    const mine = await ok<{ items: unknown[] }>(
      await call(app, 'GET', '/register/applications', { token: await app.tokenFor('applicant') }),
    );
    expect(mine.items).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('the meeting call: no building chosen for the caller, dates in order before sending, in English', async () => {
    await openAs('manager', 'en');
    await page.getByTestId('initiate-panel').locator('summary').click();
    const form = page.locator('mu-meeting-call');
    await eventually(() => form.locator('[part~="form"]').count()).toBe(1);
    const building = form.getByLabel('Building');
    const options = await building.locator('option').count();
    // The manager's home building is named by the portal; with none named, none would be chosen.
    expect(await text(building.locator('option').first())).toBe('— choose —');
    expect(options).toBeGreaterThan(1);
    await form.getByLabel('Meeting title').fill('Courtyard meeting');
    await building.selectOption(DEMO_IDS.building);
    const opens = Date.now() + 20 * 86_400_000;
    const tashkent = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 19);
    await form.getByLabel('Voting opens (Tashkent time)').fill(tashkent(opens));
    await form.getByLabel('Voting closes (Tashkent time)').fill(tashkent(opens - 86_400_000));
    const item = form.locator('[part~="item"]').nth(0);
    await item.getByLabel('Question', { exact: true }).fill('Light the courtyard');
    await item.getByLabel('Type of question').selectOption('management_organization');
    await form.getByRole('button', { name: 'Call the meeting' }).click();

    const alert = form.locator('[part~="error"]');
    await eventually(() => alert.locator('li').allInnerTexts()).toEqual([
      'Voting closes (Tashkent time): must come after “Voting opens (Tashkent time)”',
      'Item 1: Management organization (from the register): choose one',
    ]);
    expect(postsTo('/meetings')).toEqual([]);
    await form.getByLabel('Voting closes (Tashkent time)').fill(tashkent(opens + 14 * 86_400_000));
    await eventually(() => alert.locator('li').allInnerTexts()).toEqual([
      'Item 1: Management organization (from the register): choose one',
    ]);
    expect(pageErrors).toEqual([]);
  });
});
