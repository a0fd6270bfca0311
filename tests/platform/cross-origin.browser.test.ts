// A portal on another origin embeds the widgets with one script tag from the API and calls the
// real API with the person's token, in headless Chromium: Authorization is not a simple header, so
// every call is preceded by a CORS preflight, which must be answered 2xx with the portal's origin
// allowed. A portal whose origin is not listed gets nothing: the browser refuses the answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { type Api, startApi } from '../meetings/api-fixtures.ts';
import { eventually, hostPage } from '../meetings/widget-harness.ts';
import { launchBrowser, newWatchedPage, textOf } from '../support/browser.ts';

let api: Api;
let server: RunningServer;
let browser: Browser;
const portals: http.Server[] = [];
let page = '';

/** A portal of its own origin: serves whatever page the test puts in `page`. */
async function portal(): Promise<string> {
  const s = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  portals.push(s);
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

let listed: string;
let unlisted: string;

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  listed = await portal();
  unlisted = await portal();
  api = await startApi({ env: { CORS_ORIGINS: listed } });
  server = await listen(api.t.app, '127.0.0.1', 0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await api?.t.close();
  for (const s of portals) await new Promise((resolve) => s.close(resolve));
});

async function openOn(origin: string, expected?: RegExp) {
  page = hostPage(
    `<mu-building-card building-id="${DEMO_IDS.building}" api-base="${server.url}"></mu-building-card>`,
    { token: api.tokens.resident!, scripts: [`${server.url}/widgets/mening-uyim.js`] },
  );
  const watched = await newWatchedPage(browser, expected ? { expected } : {});
  const answers: number[] = [];
  watched.page.on('response', (r) => {
    if (r.request().method() === 'GET' && r.url().startsWith(`${server.url}/api/`)) answers.push(r.status());
  });
  await watched.page.goto(`${origin}/`);
  return { ...watched, answers };
}

it('answers a listed portal: past the preflight, the card is drawn from the API', async () => {
  const { page: p, context, errors, answers } = await openOn(listed);
  try {
    await eventually(() => textOf(p.locator('mu-building-card [part~="title"]')), 30_000).toMatch(/\S/);
    expect(answers).toContain(200);
    // The preflight itself is not a page response Chromium reports; its success is the 200 above,
    // which the browser would have withheld after a failed one. No error was logged either.
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

it('refuses a portal that is not listed: the browser blocks the answer', async () => {
  const { page: p, context, errors } = await openOn(unlisted, /CORS|Failed to load resource|ERR_FAILED/);
  try {
    await eventually(() =>
      p.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .some(
            (e) => e.name.includes('/api/v1/buildings/') && (e as PerformanceResourceTiming).responseEnd > 0,
          ),
      ),
    ).toBe(true);
    expect(await p.locator('mu-building-card [part~="title"]').count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
