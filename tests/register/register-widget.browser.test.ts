// <mu-register> in headless Chromium against the real API, with no token anywhere on the page: the
// seeded register, the status filter (compared with the API's own answer), the history of an
// organization the test registers and removes through the API, languages, the keyboard, and the
// demo portal's "Register" panel.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { ORGANIZATIONS } from '../../db/seed/plan.ts';
import type { Page as ListPage } from '../../domain/common/page.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import type { RegisterHistory, RegisterListItem } from '../../widgets/register/client.ts';
import { eventually, focused, hostPage, tabUntil, text } from '../meetings/widget-harness.ts';
import { launchBrowser } from '../support/browser.ts';
import { newPortalPage } from '../support/portal.ts';
import { apply, call, newOrganization, ok, type RegisterEnv, startRegisterEnv } from './api-fixtures.ts';

let env: RegisterEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  env = await startRegisterEnv();
  server = await listen(env.slow.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

beforeEach(async () => {
  ({ context, page, errors: pageErrors } = await newPortalPage(browser));
});

afterEach(async () => {
  await context.close();
});

const SHOTS = process.env.MU_SCREENSHOTS ?? '';
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/register-${name}.png`, fullPage: true });
};

/** A host page without any token: the register is public. */
async function open(body: string, lang = 'en'): Promise<void> {
  const path = `/register-test-${crypto.randomUUID()}.html`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token: null, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
  // The loader fetches <mu-register>'s code when the tag appears; its methods exist once defined.
  await page.evaluate(() => customElements.whenDefined('mu-register'));
}

const list = (query: string) =>
  call(env.slow, 'GET', `/register/organizations?${query}`).then((r) => ok<ListPage<RegisterListItem>>(r));

const rows = () => page.locator('mu-register tbody tr[data-org-id]');
const rowIds = () => rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.orgId ?? ''));
const row = (id: string) => page.locator(`mu-register tr[data-org-id="${id}"]`);

/** Tashkent wall-clock time of an instant, as the widget prints it: "HH:MM". */
const tashkentTime = (iso: string) => new Date(Date.parse(iso) + 5 * 3_600_000).toISOString().slice(11, 16);

describe('<mu-register> on the real API', () => {
  it('lists the seeded organizations with their statuses, without a token, and filters by keyboard', async () => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) requests.push(r.headers().authorization ?? 'none');
    });
    await open('<mu-register page-size="200"></mu-register>');
    await eventually(() => rows().count()).toBeGreaterThan(0);
    const all = await list('pageSize=200');
    await eventually(rowIds).toEqual(all.items.map((o) => o.id));
    expect(await text(page.locator('mu-register caption'))).toBe(
      `Register of management organizations 1–${all.items.length} of ${all.total}`,
    );
    expect(await page.locator('mu-register thead th[scope="col"]').allInnerTexts()).toEqual([
      'Organization',
      'TIN',
      'Status',
      'History',
    ]);
    const label = {
      registered: 'Registered',
      suspended: 'Suspended',
      removed: 'Removed',
      applicant: 'Applicant',
    };
    for (const seeded of ORGANIZATIONS) {
      const entry = all.items.find((o) => o.name === seeded.name);
      expect(entry, seeded.name).toBeDefined();
      const r = row(entry!.id);
      expect(await text(r.locator('th[scope="row"]'))).toBe(seeded.name);
      expect(await text(r.locator('td').nth(0))).toBe(entry!.tin);
      expect(await text(r.locator('[part~="status-badge"]'))).toBe(label[seeded.status]);
    }
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((a) => a === 'none')).toBe(true);

    // The filter by keyboard: Tab to the native select, arrows choose "Suspended".
    await tabUntil(page, (f) => f.tag === 'select');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).value).toBe('suspended');
    await eventually(() => page.locator('mu-register').getAttribute('status')).toBe('suspended');
    const suspended = await list('status=suspended&pageSize=200');
    await eventually(rowIds).toEqual(suspended.items.map((o) => o.id));
    expect(suspended.total).toBeLessThan(all.total);
    expect(suspended.items.map((o) => o.name)).toContain('"Toza Hovli Xizmat" XK');
    const badges = await page.locator('mu-register [part~="status-badge"]').allInnerTexts();
    expect(new Set(badges)).toEqual(new Set(['Suspended']));

    // Back to "All" with the keyboard.
    await page.keyboard.press('Home');
    await eventually(() => page.locator('mu-register').getAttribute('status')).toBeNull();
    // Other test files register organizations meanwhile: every one listed before is listed again.
    await eventually(async () => {
      const shown = new Set(await rowIds());
      return all.items.every((o) => shown.has(o.id));
    }).toBe(true);
    // A status the page sets afterwards shows in the select the user already changed.
    await page.locator('mu-register').evaluate((el) => el.setAttribute('status', 'removed'));
    await eventually(() => page.locator('mu-register select').inputValue()).toBe('removed');
    expect(pageErrors).toEqual([]);
  });

  it('pages through the register with previous and next', async () => {
    // Other test files add organizations to the shared database meanwhile: the ranges are what is stable.
    await open('<mu-register page-size="2"></mu-register>');
    const caption = () => text(page.locator('mu-register caption'));
    await eventually(caption).toMatch(/^Register of management organizations 1–2 of \d+$/);
    const previous = page.locator('mu-register [part~="pager"] button').first();
    const next = page.locator('mu-register [part~="pager"] button').last();
    expect(await previous.isDisabled()).toBe(true);
    const firstPage = await rowIds();
    await next.click();
    await eventually(caption).toMatch(/ 3–4 of \d+$/);
    expect(await rowIds()).not.toEqual(firstPage);
    expect(await previous.isDisabled()).toBe(false);
    await previous.click();
    await eventually(caption).toMatch(/ 1–2 of \d+$/);
    expect(pageErrors).toEqual([]);
  });

  it('shows the history of an organization removed through the API, and opens it by keyboard', async () => {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org);
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
    );
    await ok(
      await call(env.slow, 'POST', `/register/organizations/${org.id}/remove`, {
        token: org.tokens.council,
        body: { reason: 'false_data' },
      }),
    );
    const history = await ok<RegisterHistory>(
      await call(env.slow, 'GET', `/register/organizations/${org.id}/history`),
    );
    expect(history.events.map((e) => e.action)).toEqual(['submit', 'register', 'remove']);

    await open('<mu-register status="removed" page-size="200"></mu-register>', 'ru');
    const r = row(org.id);
    await eventually(() => r.count()).toBe(1);
    expect(await text(r.locator('[part~="status-badge"]'))).toBe('Исключена');
    expect(await text(page.locator('mu-register label'))).toBe('Статус');
    expect(await page.locator('mu-register thead th').allInnerTexts()).toEqual([
      'Организация',
      'ИНН',
      'Статус',
      'История',
    ]);
    const button = r.getByRole('button');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    const panelId = (await button.getAttribute('aria-controls'))!;
    const panel = page.locator(`mu-register [id="${panelId}"]`);
    expect(await panel.isVisible()).toBe(false);

    // Keyboard: Tab to this organization's button, Enter opens, Space closes, Enter opens again.
    await tabUntil(page, (f) => f.tag === 'button' && f.text.includes(history.organization.name), {
      max: 400,
    });
    await page.keyboard.press('Enter');
    await eventually(() => button.getAttribute('aria-expanded')).toBe('true');
    const events = panel.locator('mu-register-history tbody tr');
    await eventually(() => events.count()).toBe(3);
    expect(await panel.getAttribute('role')).toBe('region');
    expect(await panel.locator('mu-register-history thead th').allInnerTexts()).toEqual([
      'Дата (время Ташкента)',
      'Действие',
      'Причина',
    ]);
    for (const [i, e] of history.events.entries()) {
      const tr = events.nth(i);
      expect(await tr.getAttribute('data-action')).toBe(e.action);
      expect(await tr.locator('time').getAttribute('datetime')).toBe(e.at);
      expect(await text(tr.locator('time'))).toContain(tashkentTime(e.at));
    }
    expect(await text(events.nth(2).locator('td').nth(1))).toBe('Исключена из реестра (Исключена)');
    expect(await text(events.nth(2).locator('td').nth(2))).toBe('Представлены недостоверные сведения');
    expect(await text(events.nth(1).locator('td').nth(1))).toBe('Внесена в реестр (Зарегистрирована)');
    expect((await focused(page)).tag).toBe('button');
    await shot('history');
    await page.keyboard.press('Space');
    await eventually(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.isVisible()).toBe(false);

    // English labels when the page switches language, the open history included.
    await page.keyboard.press('Enter');
    await eventually(() => events.count()).toBe(3);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await page.evaluate(() => document.querySelector('mu-register')?.removeAttribute('lang'));
    await eventually(() => text(r.locator('[part~="status-badge"]'))).toBe('Removed');
    await eventually(() => text(events.nth(2).locator('td').nth(2))).toBe('False data submitted');
    expect(await text(events.nth(2).locator('td').nth(1))).toBe('Removed from the register (Removed)');
    expect(await text(events.nth(1).locator('td').nth(1))).toBe('Entered in the register (Registered)');
    expect(pageErrors).toEqual([]);
  });

  it('fires mu-error with the problem when the API cannot be reached', async () => {
    await open('<mu-register api-base="http://127.0.0.1:9"></mu-register>');
    const problem = await page.evaluate(
      () =>
        new Promise<{ status: number }>((resolve) => {
          const el = document.querySelector('mu-register');
          const seen = el?.shadowRoot?.querySelector('[part~="error"]');
          if (seen) resolve({ status: 0 });
          el?.addEventListener('mu-error', (e) => resolve((e as CustomEvent).detail.problem), { once: true });
          el?.refresh();
        }),
    );
    expect(problem.status).toBe(0);
    await eventually(() => text(page.locator('mu-register [part~="error"] p'))).toBe(
      'Could not reach the service. Check your connection.',
    );
  });

  it('is in the demo portal before choosing a persona and for the management company and the council', async () => {
    const panel = page.getByTestId('register-panel');
    await page.goto(`${server.url}/?lang=en`);
    await eventually(() => panel.isVisible()).toBe(true);
    await eventually(() => rows().count()).toBeGreaterThan(0);
    expect(await text(panel.locator('h2'))).toBe('Register');
    await shot('portal');
    for (const [persona, visible] of [
      ['manager', true],
      ['council', true],
      ['resident', false],
    ] as const) {
      await page.goto(`${server.url}/?persona=${persona}&lang=en`);
      await eventually(() => page.getByTestId('whoami').textContent()).toMatch(/^Signed in/);
      await eventually(() => panel.isVisible()).toBe(visible);
    }
  });
});
