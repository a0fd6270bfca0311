// The server's own HTML pages (a receipt's pay page, a court claim's acknowledgement, the API
// reference) name their icon, as the demo portal does: without one the browser asks for
// /favicon.ico, which nothing serves, and logs the 404 as an error on a page a person opened.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';

let app: TestApp;
let server: RunningServer;
let browser: Browser | undefined;

beforeAll(async () => {
  app = await createTestApp({ withTemporal: false, env: { LOG_LEVEL: 'silent' } });
  server = await listen(app.app, '127.0.0.1', 0);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

describe('the server’s own pages', () => {
  it.each([
    ['a receipt’s pay page', `/pay/202612-000000000000-000001?t=${'0'.repeat(32)}&lang=uz`],
    ['a court claim’s acknowledgement', `/court-claims/${randomUUID()}/acknowledge?t=x&lang=ru`],
    ['the API reference', '/docs'],
  ])('%s asks for no /favicon.ico', async (_, path) => {
    // A browser asks for a server's icon once: each page gets a browser of its own.
    await browser?.close();
    browser = await launchBrowser();
    const { context, page, errors } = await newWatchedPage(browser, {
      viewport: { width: 360, height: 740 },
      // The unknown receipt and claim are answered 404 on purpose; only the icon's is counted.
      expected: new RegExp(`status of 404 \\(Not Found\\) ${server.url}/(pay|court-claims)/`),
    });
    // The icon is asked for after the page has loaded; its answer is the last request to finish.
    const icon = page.waitForEvent('console', {
      predicate: (m) => m.location().url.endsWith('/favicon.ico'),
      timeout: 3_000,
    });
    await page.goto(`${server.url}${path}`);
    await icon.catch(() => undefined);
    await context.close();
    expect(errors.filter((e) => e.includes('/favicon.ico'))).toEqual([]);
  });
});
