// Every list of objects tells its host page which object the person wants, the same way: each row
// has an "Open" link in the `?open=<kind>:<id>` pattern (widgets/core/navigate.ts openLink), whose
// click fires `mu-navigate` with { kind, id, href }. A bare host page (not the demo portal), with
// the demo's own data for the persona who reads each list, receives the event and routes it
// (preventDefault keeps the page); a host that does not listen gets the plain link followed.
// <mu-building-reports> has the same link on each submitted report; the demo submits none, so it
// is not among these scenes. The demo portal's own lists of contracts and commissioning
// applications carry the same link (widgets/demo/portal-contracts.js openLinkNode).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { type DemoPlatform, startDemoPlatform } from '../support/demo-platform.ts';
import { openPortalAs } from '../support/portal.ts';

interface ListScene {
  tag: string;
  persona: string;
  attributes?: Record<string, string>;
  kind: string;
  /** The row's attribute(s) that name the object the link must open. */
  idOf: string;
}

let demo: DemoPlatform;
let browser: Browser;
let scenes: ListScene[];

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemoPlatform(), launchBrowser()]);
  const resident = await demo.tokenFor('resident');
  const view = await demo.api<{ district: { id: string } }>(resident, `/buildings/${DEMO_IDS.building}`);
  const district = { 'district-id': view.district.id };
  scenes = [
    { tag: 'mu-my-appeals', persona: 'resident', kind: 'appeal', idOf: 'data-appeal-id' },
    {
      tag: 'mu-appeals-board',
      persona: 'council',
      attributes: district,
      kind: 'appeal',
      idOf: 'data-appeal-id',
    },
    { tag: 'mu-register', persona: 'inspector', kind: 'register', idOf: 'data-org-id' },
    { tag: 'mu-reports-board', persona: 'inspector', attributes: district, kind: 'report', idOf: 'board' },
    { tag: 'mu-my-bills', persona: 'resident', kind: 'receipt', idOf: 'data-receipt-id' },
    { tag: 'mu-dispatch-requests', persona: 'resident', kind: 'request', idOf: 'data-request-id' },
  ];
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A host page of the platform's origin with one list on it, its `mu-navigate` events recorded. */
async function hostPage(scene: ListScene, routes: boolean): Promise<{ page: Page; close(): Promise<void> }> {
  const token = await demo.tokenFor(scene.persona);
  const { page, context, errors } = await newWatchedPage(browser, { timeout: 60_000 });
  await page.route(`${demo.url}/host.html*`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><main></main></body></html>',
    }),
  );
  await page.goto(`${demo.url}/host.html`);
  await page.addScriptTag({ url: '/widgets/mening-uyim.js', type: 'module' });
  await page.evaluate(
    async ({ scene, token, routes }) => {
      const seen: unknown[] = [];
      (window as unknown as { navigated: unknown[] }).navigated = seen;
      document.addEventListener('mu-navigate', (event) => {
        seen.push((event as CustomEvent).detail);
        if (routes) event.preventDefault();
      });
      window.MeningUyim!.configure({ token, lang: 'en' });
      const element = document.createElement(scene.tag);
      for (const [name, value] of Object.entries(scene.attributes ?? {})) element.setAttribute(name, value);
      document.querySelector('main')!.append(element);
      await customElements.whenDefined(scene.tag);
    },
    { scene, token, routes },
  );
  return {
    page,
    async close() {
      expect(errors).toEqual([]);
      await context.close();
    },
  };
}

/** The object the row holding the link shows, read from the row itself. */
const rowObject = (page: Page, scene: ListScene) =>
  page.evaluate(
    ({ tag, idOf }) => {
      const link = document.querySelector(tag)!.shadowRoot!.querySelector('a[part~="open-link"]')!;
      if (idOf === 'board') {
        const row = link.closest('[data-building]')!;
        return `${row.getAttribute('data-building')}:`;
      }
      return link.closest(`[${idOf}]`)!.getAttribute(idOf);
    },
    { tag: scene.tag, idOf: scene.idOf },
  );

describe('lists of objects fire mu-navigate for their host page', () => {
  it.each([
    'mu-my-appeals',
    'mu-appeals-board',
    'mu-register',
    'mu-reports-board',
    'mu-my-bills',
    'mu-dispatch-requests',
  ])(
    '%s: the row’s Open link names its object',
    async (tag) => {
      const scene = scenes.find((s) => s.tag === tag)!;
      const { page, close } = await hostPage(scene, true);
      try {
        const link = page.locator(`${tag} a[part~="open-link"]`).first();
        await link.waitFor({ state: 'visible' });
        expect(await link.textContent()).toBe('Open');
        const href = await link.getAttribute('href');
        const object = await rowObject(page, scene);
        await link.click();
        const navigated = await page.evaluate(
          () => (window as unknown as { navigated: unknown[] }).navigated,
        );
        expect(navigated).toHaveLength(1);
        const detail = navigated[0] as { kind: string; id: string; href: string };
        expect(detail.kind).toBe(scene.kind);
        expect(detail.href).toBe(`?open=${scene.kind}:${encodeURIComponent(detail.id)}`);
        expect(href).toBe(detail.href);
        // The report board's rows are one quarter's: the id is the building's and that quarter.
        if (scene.idOf === 'board') expect(detail.id).toMatch(new RegExp(`^${object}\\d{4}-Q[1-4]$`));
        else expect(detail.id).toBe(object);
        // The host routed it: the page stayed where it was.
        expect(new URL(page.url()).search).toBe('');
      } finally {
        await close();
      }
    },
    120_000,
  );

  it('a host that does not route the event gets the plain link followed', async () => {
    const scene = scenes.find((s) => s.tag === 'mu-my-bills')!;
    const { page, close } = await hostPage(scene, false);
    try {
      const link = page.locator(`${scene.tag} a[part~="open-link"]`).first();
      await link.waitFor({ state: 'visible' });
      const id = await rowObject(page, scene);
      await Promise.all([page.waitForURL(/open=/), link.click()]);
      expect(new URL(page.url()).searchParams.get('open')).toBe(`receipt:${id}`);
    } finally {
      await close();
    }
  }, 120_000);
});

describe('the demo portal’s contracts and commissioning lists', () => {
  // The demo seeds neither, so the lists' answers are given here; what is under test is the row.
  const CONTRACT = '3f1c2a4e-7b7d-4c55-9a11-0d2f3e4a5b6c';
  const APPLICATION = '8e2d4c1a-5f6b-4a3c-8d9e-1f2a3b4c5d6e';

  it.each([
    ['contract', '#contracts-list', 'contract-item', '#contract', 'contract-id', CONTRACT],
    [
      'commissioning',
      '[data-testid="commissioning-list"]',
      'commissioning-item',
      '#commissioning',
      'application-id',
      APPLICATION,
    ],
  ])(
    '%s rows carry the Open link and fire mu-navigate, which the portal routes to the object',
    async (kind, list, item, widget, attribute, id) => {
      const { page, context } = await newWatchedPage(browser, { timeout: 60_000 });
      try {
        await page.route(/\/api\/v1\/contracts\?mine=1$/, (route) =>
          route.fulfill({
            json: {
              items: [
                {
                  id: CONTRACT,
                  number: 'MU-2027-0001',
                  state: 'awaiting_signatures',
                  organization: { name: 'Obod Uy' },
                },
              ],
            },
          }),
        );
        await page.route(/\/api\/v1\/commissioning\/applications$/, (route) =>
          route.request().method() === 'GET'
            ? route.fulfill({
                json: {
                  items: [
                    {
                      id: APPLICATION,
                      cadastralNumber: '10:09:01:02:0345',
                      state: 'checking',
                      appliedAt: '2027-03-01T09:00:00.000Z',
                      developer: { name: 'Yangi Shahar' },
                    },
                  ],
                },
              })
            : route.fallback(),
        );
        await openPortalAs(page, demo.url, 'manager');
        await page.evaluate(() => {
          const seen: unknown[] = [];
          (window as unknown as { navigated: unknown[] }).navigated = seen;
          document.addEventListener('mu-navigate', (event) => seen.push((event as CustomEvent).detail), true);
        });
        const link = page.locator(`${list} li:has([data-testid="${item}"]) a.open-link`).first();
        await link.waitFor({ state: 'visible' });
        expect(await link.textContent()).toBe('Open');
        const href = `?open=${kind}:${id}`;
        expect(await link.getAttribute('href')).toBe(href);
        expect(await link.getAttribute('aria-label')).toMatch(/^Open \S/);
        const before = page.url();
        await link.click();
        const navigated = await page.evaluate(
          () => (window as unknown as { navigated: unknown[] }).navigated,
        );
        expect(navigated).toEqual([{ kind, id, href }]);
        // The portal routed it (portal-open.js): the object opened in its widget, the page stayed.
        await expect.poll(() => page.locator(widget).getAttribute(attribute)).toBe(id);
        expect(new URL(page.url()).searchParams.get('open')).toBeNull();
        expect(new URL(page.url()).pathname).toBe(new URL(before).pathname);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
