// <mu-register-application> in headless Chromium against the real API: the applicant attaches an
// evidence file to a requirement (checked in the browser first, in the reader's language), the
// district's reviewer sees it under that requirement and opens it; at 360 px nothing overflows.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../api/server.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { eventually, hostPage, text } from '../meetings/widget-harness.ts';
import { launchBrowser } from '../support/browser.ts';
import { newPortalPage } from '../support/portal.ts';
import { apply, newOrganization, type Org, type RegisterEnv, startRegisterEnv } from './api-fixtures.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let env: RegisterEnv;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let org: Org;
let application: ApplicationView;

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  env = await startRegisterEnv();
  server = await listen(env.slow.app, '127.0.0.1', 0);
  // An English browser: a native file input would say "Choose File" on the Uzbek page.
  browser = await launchBrowser(['--lang=en-US']);
  org = await newOrganization(env);
  application = await apply(env.slow, org);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

beforeEach(async () => {
  ({ context, page } = await newPortalPage(browser));
});

afterEach(async () => {
  await context.close();
});

/** The element on a host page signed in with `token`, given the application as the page would. */
async function open(token: string, lang: string, attach: boolean): Promise<void> {
  const path = `/evidence-test-${crypto.randomUUID()}.html`;
  const tag = `<mu-register-application ${attach ? 'can-attach' : ''}></mu-register-application>`;
  await page.route(`${server.url}${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: hostPage(tag, { token, lang }) }),
  );
  await page.goto(`${server.url}${path}`);
  await page.evaluate(async (a) => {
    await customElements.whenDefined('mu-register-application');
    Object.assign(document.querySelector('mu-register-application')!, { application: a });
  }, application);
}

const host = () => page.locator('mu-register-application');
const noOverflow = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('<mu-register-application> evidence files', () => {
  it('lets the applicant attach a file to a requirement, checked first in the reader’s words', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await open(org.tokens.manager, 'uz', true);
    const form = host().locator('[part~="attach"]');
    await eventually(() => host().locator('[part~="evidence"]').getAttribute('data-state')).toBe('ready');
    expect(await text(host().locator('[part~="evidence"] p'))).toBe('Dalil fayllari biriktirilmagan.');
    // The picker's own words are Uzbek, whatever the browser's language.
    const picker = form.locator('.fp');
    expect(await text(picker)).toBe('Fayl tanlang Fayl tanlanmagan');
    // Nothing chosen: named in Uzbek, nothing sent.
    await form.getByRole('button', { name: 'Faylni biriktirish' }).click();
    const check = form.locator('[data-status="check"]');
    await eventually(() => check.locator('li').count()).toBe(2);
    expect(
      await check.locator('li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.field)),
    ).toEqual(['requirement', 'file']);
    // A "PDF" whose bytes are not a PDF is refused before upload.
    await form.getByLabel('Fayl isbotlaydigan talab').selectOption('own_funds');
    await form.locator('input[type="file"]').setInputFiles({
      name: 'balans.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await form.getByRole('button', { name: 'Faylni biriktirish' }).click();
    // The content check reads the file first: wait for the list to become the file's alone (the
    // earlier list also named the file).
    await eventually(() =>
      check.locator('li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.field)),
    ).toEqual(['file']);
    await form
      .locator('input[type="file"]')
      .setInputFiles({ name: 'balans.pdf', mimeType: 'application/pdf', buffer: PDF });
    await eventually(() => text(picker)).toBe('Fayl tanlang balans.pdf');
    await form.getByRole('button', { name: 'Faylni biriktirish' }).click();
    const file = host().locator('[part~="verdict"][data-requirement="own_funds"] [part~="evidence-file"]');
    await eventually(() => file.count()).toBe(1);
    expect(await text(file)).toBe('balans.pdf');
    expect(await form.locator('[part~="error"]').count()).toBe(0);
    // The form starts afresh: no file chosen, as the emptied input says.
    await eventually(() => text(picker)).toBe('Fayl tanlang Fayl tanlanmagan');
    expect(
      await form.locator('input[type="file"]').evaluate((i) => (i as HTMLInputElement).files?.length),
    ).toBe(0);
    expect(await noOverflow()).toBe(true);
  });

  it('shows the reviewer each file under its requirement and opens it', async () => {
    await open(org.tokens.council, 'ru', false);
    const file = host().locator('[part~="verdict"][data-requirement="own_funds"] [part~="evidence-file"]');
    await eventually(() => file.count()).toBe(1);
    expect(await host().locator('[part~="attach"]').count()).toBe(0);
    expect(await text(file)).toBe('balans.pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename()).toBe('balans.pdf');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
  });

  it('wraps the technical base’s headings between words on a 360 px phone in Russian, the table scrolling in its own box', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await open(org.tokens.council, 'ru', false);
    const table = host().locator('[part~="technical-base"]');
    await eventually(() => table.count()).toBe(1);
    expect(await host().locator('[part~="table-scroll"] [part~="technical-base"]').count()).toBe(1);
    const headings = await table.locator('th').evaluateAll((cells) =>
      cells.map((th) => {
        // A word split across lines has a box on each line.
        const node = [...th.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
        const split: string[] = [];
        for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if (range.getClientRects().length > 1) split.push(m[0]);
        }
        const style = getComputedStyle(th);
        return { text: th.textContent, split, wrap: style.overflowWrap, word: style.wordBreak };
      }),
    );
    expect(headings.map((h) => h.text)).toEqual(['Категория', 'Описание', 'Количество']);
    for (const h of headings)
      expect(h, h.text ?? '').toMatchObject({ split: [], wrap: 'normal', word: 'normal' });
    expect(await noOverflow()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(360);
  });

  it('says in the reader’s language, not the list, that another district’s reviewer may not read them', async () => {
    const other = await newOrganization(env);
    await open(other.tokens.council, 'en', false);
    await eventually(() => host().locator('[part~="evidence"]').getAttribute('data-state')).toBe('error');
    expect(await text(host().locator('[part~="evidence"] p'))).toBe(
      'The evidence files could not be loaded.',
    );
    expect(await host().locator('[part~="evidence-file"]').count()).toBe(0);
  });
});
