// A read the API answers "busy" (503 with Retry-After: its database is out of connections) or
// that is lost on the way is asked again twice before the element shows a problem: under load a
// single busy answer used to leave an error on screen, or, for GET /me, fewer buttons than the
// caller has. The browser's own requests to the API are answered here (Playwright's routing) on
// the bundle as built and shipped.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILDINGS, type FakeRegistryApi, startFakeRegistryApi } from '../registry/fake-registry-api.ts';
import { launchBrowser, newWatchedPage, textOf } from '../support/browser.ts';
import { BUNDLE, buildBundle } from '../support/widget-bundle.ts';

const BUILDING = BUILDINGS[0]!;

let api: FakeRegistryApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const files = await buildBundle();
  [api, browser] = await Promise.all([startFakeRegistryApi(files), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

beforeEach(async () => {
  // The browser logs each busy answer as a failed load; what the element does then is under test.
  ({ context, page, errors } = await newWatchedPage(browser, {
    timeout: 20_000,
    expected: /\b50[34]\b|ERR_FAILED/,
  }));
});

afterEach(async () => {
  await context.close();
});

type Answer = 'busy' | 'gateway' | 'cut';

/** Answers the first `answers.length` reads of the building with these, then lets them through. */
async function disturb(answers: Answer[]): Promise<string[]> {
  const seen: string[] = [];
  await page.route(
    (url) => url.pathname === `/api/v1/buildings/${BUILDING.id}`,
    (route) => {
      const answer = answers[seen.length];
      seen.push(answer ?? 'answered');
      if (answer === 'cut') return route.abort('failed');
      if (answer === 'busy')
        return route.fulfill({
          status: 503,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '0' },
          body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }),
        });
      if (answer === 'gateway') return route.fulfill({ status: 504, body: 'Gateway Timeout' });
      return route.fallback();
    },
  );
  return seen;
}

async function openCard(): Promise<void> {
  api.pages.set(
    '/read-retry',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script type="module" src="${BUNDLE}"></script>
    <script type="module">window.MeningUyim.configure({ token: 'fake-token-admin' });</script>
    </head><body><mu-building-card building-id="${BUILDING.id}"></mu-building-card></body></html>`,
  );
  await page.goto(`${api.url}/read-retry`);
}

const card = () => page.locator('mu-building-card');
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

describe('a read answered busy or lost', () => {
  it('is asked again and the element draws what the second or third answer holds', async () => {
    const seen = await disturb(['busy', 'gateway']);
    await openCard();
    await eventually(() => textOf(card().locator('[part~="title"]'))).toBe(BUILDING.address);
    expect(seen).toEqual(['busy', 'gateway', 'answered']);
    expect(await card().locator('[role="alert"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('is asked again after a request that never got an answer', async () => {
    const seen = await disturb(['cut']);
    await openCard();
    await eventually(() => textOf(card().locator('[part~="title"]'))).toBe(BUILDING.address);
    expect(seen).toEqual(['cut', 'answered']);
  });

  it('shows the problem, with a way to try again, after three busy answers, and asks no more', async () => {
    const seen = await disturb(['busy', 'busy', 'busy']);
    await openCard();
    const alert = card().locator('[role="alert"]');
    await eventually(() => alert.count()).toBe(1);
    expect(seen).toEqual(['busy', 'busy', 'busy']);
    expect(await textOf(alert)).not.toMatch(/503|Service Unavailable/);
    await alert.getByRole('button').click();
    await eventually(() => textOf(card().locator('[part~="title"]'))).toBe(BUILDING.address);
    expect(seen).toEqual(['busy', 'busy', 'busy', 'answered']);
    expect(errors).toEqual([]);
  });
});
