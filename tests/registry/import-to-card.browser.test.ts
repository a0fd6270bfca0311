// The registry's first promise end to end: a building imported from CSV, assessed by the district's
// inspector, classified with its reasons, and shown by <mu-building-card> in headless Chromium
// against the real API (listening on a socket and serving the bundle it built).
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { Building } from '../../db/registry/entities.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { call, ok } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { REQUIRED } from './condition-fixtures.ts';
import { importClient } from './import-client.ts';
import { BUILDING_HEADER, cadastral, csv, newDistrict } from './import-fixtures.ts';

let app: TestApp;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  app = await createTestApp({ withTemporal: false, env: { LOG_LEVEL: 'silent' } });
  server = await listen(app.app, '127.0.0.1', 0);
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

describe('a building from import to the card', () => {
  it('is imported, assessed, classified red for a critical facade defect, and shown with its reason', async () => {
    const district = await newDistrict(app.deps.orm);
    const number = cadastral();
    const client = await importClient(app);
    const report = await client.imported(
      'buildings',
      csv(BUILDING_HEADER, [
        [number, district.code, "Bog'ishamol ko'chasi 7", 1978, 9, 4, 6400, 5200, district.organizationTin],
      ]),
    );
    expect(report).toMatchObject({ status: 'imported', created: 1 });
    const building = await app.deps.orm.em.fork().findOneOrFail(Building, { cadastralNumber: number });

    const inspector = await client.sign(['inspector'], district.id);
    for (const element of REQUIRED) {
      const defects =
        element === 'facade' ? [{ description: 'Cracked load-bearing panel', critical: true }] : [];
      await ok(
        await call(app, 'POST', `/buildings/${building.id}/assessments`, {
          token: inspector,
          key: `test-${randomUUID()}`,
          body: { element, wearPercent: 20, defects },
        }),
        201,
      );
    }
    const classification = await ok<{ outcome: string; reasons: { rule: string; element?: string }[] }>(
      await call(app, 'GET', `/buildings/${building.id}/classification`, { token: inspector }),
    );
    expect(classification.outcome).toBe('red');
    expect(classification.reasons).toEqual([
      expect.objectContaining({ rule: 'critical_defect', element: 'facade' }),
    ]);

    const path = `/card-${randomUUID()}.html`;
    await page.route(`${server.url}${path}`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: hostPage(`<mu-building-card building-id="${building.id}"></mu-building-card>`, {
          token: inspector,
        }),
      }),
    );
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}${path}`);
    const card = page.locator('mu-building-card');
    await eventually(() => card.locator('[part~="badge"]').getAttribute('part')).toContain('badge-red');
    const reasons = page.locator('mu-building-condition [part~="reasons"] li');
    await eventually(() => reasons.count()).toBe(1);
    expect(await reasons.first().getAttribute('data-rule')).toBe('critical_defect');
    expect((await text(reasons.first())).toLowerCase()).toContain('facade');
    expect(errors).toEqual([]);
  });
});
