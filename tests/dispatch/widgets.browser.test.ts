// The resident's and the technician's dispatch widgets in headless Chromium on a 360 px screen,
// against the real API, the trained triage model, PostgreSQL and the dispatch workflows: a resident
// reports a leak in Uzbek Cyrillic and reads its number, the "emergency" label and its timeline at
// once; the technician on call, on a phone, accepts the job, arrives, contains the leak and
// finishes it with a note; the resident confirms the work and rates it. And the resident's own
// list refuses anyone but a resident.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import { loadTriageModel } from '../../platform/triage/model.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { call, ok } from '../register/api-fixtures.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { type DispatchEnv, get, newScene, onDuty, type Scene, startDispatchEnv, submit } from './fixtures.ts';

const LEAK = 'Ошхонада қувур ёрилди, шифтдан сув оқяпти, пастки қўшнига ўтяпти! Тез келинглар!';

let env: DispatchEnv;
let server: RunningServer;
let browser: Browser;
let scene: Scene;
const opened: { context: BrowserContext; errors: string[] }[] = [];
let pages = 0;

beforeAll(async () => {
  env = await startDispatchEnv(undefined, { model: loadTriageModel() });
  scene = await newScene(env);
  await ok(await onDuty(env, scene), 201);
  server = await listen(env.app.app, '127.0.0.1', 0);
  // An English browser: a native file input would say "Choose Files" on these Uzbek and Russian pages.
  browser = await launchBrowser(['--lang=en-US']);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

afterEach(async () => {
  for (const { context, errors } of opened.splice(0)) {
    await context.close();
    expect(errors).toEqual([]);
  }
});

/** A phone-sized page of the API's origin with `body` and the bundle, signed in with `token`. */
async function phone(body: string, token: string, lang: string): Promise<Page> {
  const { context, page, errors } = await newWatchedPage(browser, {
    viewport: { width: 360, height: 800 },
    timeout: 20_000,
  });
  opened.push({ context, errors });
  const path = `/dispatch-test/${++pages}`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(body, { token, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Nothing wider than the phone: the page never scrolls sideways. */
const fitsScreen = (page: Page) =>
  expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

describe('dispatch widgets on a phone', () => {
  let requestId = '';
  let number = '';

  it('a resident reports a leak in Uzbek Cyrillic and at once reads its number, "emergency" and its timeline', async () => {
    const page = await phone(
      `<mu-dispatch-request building-id="${scene.buildingId}" apartment-id="${scene.apartmentId}"></mu-dispatch-request>
       <mu-dispatch-requests></mu-dispatch-requests>`,
      scene.owner,
      'uz',
    );
    const form = page.locator('mu-dispatch-request');
    await expect
      .poll(() => form.locator('#apartment').inputValue(), { timeout: 20_000 })
      .toBe(scene.apartmentId);
    await eventually(() => text(page.locator('mu-dispatch-requests [part~="status"]'))).toBe(
      'Siz hali hech qanday nosozlik haqida xabar bermagansiz.',
    );
    expect(await text(form.locator('.fp'))).toBe('Fayl tanlang Fayl tanlanmagan');
    await form.locator('#text').fill(LEAK);
    await form.locator('[part~="submit-button"]').click();

    const shown = form.locator('[part~="request-number"]');
    await eventually(() => text(shown), 20_000).toMatch(/^\d{4}-\d{6}$/);
    number = await text(shown);
    expect(await text(form.locator('[part~="status"]'))).toContain(
      `№ ${number} raqami bilan roʻyxatga olindi`,
    );
    const urgency = form.locator('[part~="urgency"]');
    expect(await urgency.getAttribute('data-urgency')).toBe('emergency');
    expect(await text(urgency)).toBe('Avariya');
    expect(await text(form.locator('[data-category]'))).toBe('Suv oqishi');

    // The list beside the form hears of the new request and shows its timeline.
    const item = page.locator('mu-dispatch-requests [part~="request"]');
    await eventually(() => item.count(), 20_000).toBe(1);
    requestId = (await item.getAttribute('data-request-id')) ?? '';
    expect(await text(item.locator('[part~="request-number"]'))).toBe(`№ ${number}`);
    expect(await text(item.locator('[part~="urgency"]'))).toBe('Avariya');
    const received = item.locator('[part~="timeline"] li[data-step="register"]');
    expect(await text(received)).toContain('Murojaat qabul qilindi');
    expect(await received.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The technician on call has it already.
    expect(await text(item.locator('[part~="status-badge"]'))).toBe('Ustaga biriktirilgan');
    await fitsScreen(page);
    // What the widget showed is what the API stored.
    const stored = await get(env, scene.owner, requestId);
    expect(stored).toMatchObject({
      number,
      urgency: 'emergency',
      status: 'assigned',
      assigneeUserId: scene.techId,
    });
  });

  it('the technician on a 360 px phone accepts, goes on site, contains and finishes the job', async () => {
    const page = await phone('<mu-my-jobs></mu-my-jobs>', scene.tech, 'ru');
    const job = page.locator(`mu-my-jobs [part~="job"][data-request-id="${requestId}"]`);
    await eventually(() => job.count(), 20_000).toBe(1);
    expect(await text(job.locator('[part~="urgency"]'))).toBe('Аварийная');
    expect(await text(job.locator('[part~="request-number"]'))).toBe(`№ ${number}`);
    expect(await job.locator('[part~="countdown"]').getAttribute('data-clock')).toBe('contain');
    expect(await text(job.locator('[part~="countdown"]'))).toMatch(/^осталось \d+ мин$/);
    expect(await text(job.locator('.quote'))).toBe(LEAK);
    await fitsScreen(page);

    const status = job.locator('[part~="status-badge"]');
    await job.locator('[part~="step-accept"]').click();
    await eventually(() => status.getAttribute('data-status')).toBe('accepted');
    expect(await text(status)).toBe('Мастер принял');
    await job.locator('[part~="step-on_site"]').click();
    await eventually(() => status.getAttribute('data-status')).toBe('on_site');
    await job.locator('[part~="step-contain"]').click();
    await eventually(() => status.getAttribute('data-status')).toBe('contained');
    // Finishing asks what was done first.
    await job.locator('[part~="done-button"]').click();
    await eventually(() => text(job.locator('[part~="done-form"] [role="alert"]'))).toBe(
      'Напишите, что сделано.',
    );
    await job.locator('[part~="note"]').fill('Қувур алмаштирилди, стояк ёпилди');
    // A photo of the work, as a phone's camera gives it: JPEG, recognised by its content.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
    const picker = job.locator('.fp');
    expect(await text(picker)).toBe('Выбрать файл Файл не выбран');
    await job
      .locator('[part~="photo-input"]')
      .setInputFiles({ name: 'truba.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await eventually(() => text(job.locator('.files'))).toBe('truba.jpg');
    expect(await text(picker)).toBe('Выбрать файл');
    await fitsScreen(page);
    await job.locator('[part~="done-button"]').click();
    await eventually(() => status.getAttribute('data-status')).toBe('done');
    expect(await text(job.locator('[part~="action-status"]'))).toBe(
      `Работа № ${number} выполнена. Жителя попросят подтвердить.`,
    );
    await fitsScreen(page);
    const stored = await get(env, scene.tech, requestId);
    expect(stored.status).toBe('done');
    expect(stored.clocks.find((c) => c.kind === 'contain')?.metAt).not.toBeNull();
    const photos = await env
      .em()
      .getConnection()
      .execute<{ size: number; media_type: string }[]>(
        "select size, media_type from dispatch_photo where request_id = ? and part = 'done'",
        [requestId],
      );
    expect(photos).toEqual([{ size: jpeg.length, media_type: 'image/jpeg' }]);
  });

  it('the resident confirms the work and rates it', async () => {
    const page = await phone('<mu-dispatch-requests></mu-dispatch-requests>', scene.owner, 'uz');
    const item = page.locator(`mu-dispatch-requests [part~="request"][data-request-id="${requestId}"]`);
    await eventually(() => item.locator('[part~="confirm-button"]').count(), 20_000).toBe(1);
    const steps = await item
      .locator('[part~="timeline"] li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')));
    expect(steps).toEqual(expect.arrayContaining(['register', 'accept', 'on_site', 'contain', 'done']));
    expect(await text(item.locator('[part~="timeline"] li[data-step="done"]'))).toContain(
      'Қувур алмаштирилди, стояк ёпилди',
    );
    await item.locator('[part~="confirm-button"]').click();
    const status = item.locator('[part~="status-badge"]');
    await eventually(() => status.getAttribute('data-status')).toBe('confirmed');
    expect(await text(item.locator('[part~="action-status"]'))).toBe('Rahmat: ish tasdiqlandi.');
    expect(await text(item.locator('[part~="timeline"] li[data-step="confirm"]'))).toContain(
      'Yashovchi ishni tasdiqladi',
    );
    await item.locator('[part~="rate-form"] input[value="5"]').check();
    await item.locator('[part~="rate-button"]').click();
    await eventually(() => text(item.locator('.summary'))).toContain('Sizning bahoingiz: 5 dan 5');
    await fitsScreen(page);
    const stored = await get(env, scene.owner, requestId);
    expect(stored).toMatchObject({ status: expect.stringMatching(/^(confirmed|closed)$/), rating: 5 });
  });
});

describe('GET /dispatch/requests', () => {
  it('lists a resident’s own requests and refuses everyone else', async () => {
    const [s, other] = [await newScene(env), await newScene(env)];
    const r = await submit(env, s);
    const mine = await ok<{ items: { id: string; availableActions: string[] }[] }>(
      await call(env.app, 'GET', '/dispatch/requests', { token: s.owner }),
    );
    expect(mine.items.map((i) => i.id)).toEqual([r.id]);
    const theirs = await ok<{ items: unknown[] }>(
      await call(env.app, 'GET', '/dispatch/requests', { token: other.owner }),
    );
    expect(theirs.items).toEqual([]);
    expect((await call(env.app, 'GET', '/dispatch/requests', { token: scene.tech })).status).toBe(403);
    expect((await call(env.app, 'GET', '/dispatch/requests', {})).status).toBe(401);
  });
});
