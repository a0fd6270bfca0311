// The notification widgets in headless Chromium against the API over HTTP with its real
// surroundings (the local Bot API server playing the resident's Telegram, the SMS gateway sandbox,
// the mail catcher and the dispatcher): a resident links Telegram by the deep link (its QR code
// drawn), is told plainly when a phone number is not Uzbek, changes the language, opts out and
// sends a test message; the inbox shows a notice and marks it read; the management company reads a
// mailing's delivery report with its unreachable owners and their printable list.
import { randomInt, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { executeBound } from '../../db/sql.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { launchBrowser, newWatchedPage, textOf } from '../support/browser.ts';
import { type NotificationStack, startNotificationStack, texts } from './harness.ts';

let s: NotificationStack;
let browser: Browser;

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  [s, browser] = await Promise.all([startNotificationStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function person(email: string | null = null): Promise<string> {
  const id = randomUUID();
  const pinfl = String(randomInt(10 ** 13, 10 ** 14 - 1)).padStart(14, '1');
  await executeBound(
    s.em(),
    'insert into person (id, pinfl, full_name, language, email) values ($1, $2, $3, $4, $5)',
    [id, pinfl, `Qodirova Dilnoza ${pinfl.slice(-4)}`, 'uz', email],
  );
  return id;
}

const tokenOf = (claims: { pid?: string; roles: string[]; org?: string }) =>
  s.t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Test user',
    pid: claims.pid ?? null,
    roles: claims.roles,
    org: claims.org ?? null,
  });

/** A bare page of the API's origin with the bundle and one element, as a portal would place it. */
async function open(markup: string, token: string, lang: string, expected?: RegExp, width = 390) {
  const watched = await newWatchedPage(browser, {
    viewport: { width, height: 900 },
    timeout: 20_000,
    acceptDownloads: true,
    expected,
  });
  const { page } = watched;
  await page.route(`${s.apiUrl}/widget-test.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${markup}</body></html>`,
    }),
  );
  await page.goto(`${s.apiUrl}/widget-test.html`);
  await page.addScriptTag({ url: '/widgets/mening-uyim.js', type: 'module' });
  await page.evaluate((token) => window.MeningUyim!.configure({ token }), token);
  return watched;
}

const part = (page: Page, tag: string, name: string) => page.locator(`${tag} [part~="${name}"]`);

describe('<mu-notification-settings>', () => {
  it('links Telegram by the deep link and its QR code, checks the phone, changes the language, opts out and sends a test message', async () => {
    const resident = await person();
    const token = await tokenOf({ pid: resident, roles: ['resident'] });
    const tag = 'mu-notification-settings';
    // The opted-out test message is refused with 422, which the browser logs.
    const { page, context, errors } = await open(`<${tag}></${tag}>`, token, 'en', /status of 422/);
    try {
      // Not on the page before a link is asked for: the QR encoder is fetched with the link.
      await part(page, tag, 'telegram-link-button').waitFor();
      const qrFetched = () =>
        page.evaluate(() =>
          performance.getEntriesByType('resource').some((e) => /\/qr-[\w-]+\.js$/.test(e.name)),
        );
      expect(await qrFetched()).toBe(false);

      // A phone that is not Uzbek is refused before sending, with words that say what to type.
      await page.locator(`${tag} #phone`).fill('+7 900 123 45 67');
      await part(page, tag, 'save-button').click();
      const phoneError = page.locator(`${tag} #phone-error`);
      expect(await textOf(phoneError)).toContain('+998 and nine digits');
      expect(await page.locator(`${tag} #phone`).getAttribute('aria-invalid')).toBe('true');

      // Telegram: the deep link shows and its QR code is drawn; the bot's user presses Start.
      await part(page, tag, 'telegram-link-button').click();
      const href = await part(page, tag, 'deep-link').getAttribute('href');
      expect(href).toMatch(new RegExp(`^https://t\\.me/${s.telegram.username}\\?start=[\\w-]+$`));
      const qr = part(page, tag, 'qr');
      await qr.waitFor();
      expect(Number(await qr.getAttribute('data-modules'))).toBeGreaterThanOrEqual(21);
      expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d/);
      expect(await qrFetched()).toBe(true);
      const chat = String(randomInt(10_000_000, 99_999_999));
      expect(await s.telegram.userSays(chat, `/start ${new URL(href!).searchParams.get('start')}`)).toBe(200);
      await part(page, tag, 'check-linked-button').click();
      await page.locator(`${tag} [data-linked="true"]`).waitFor();

      // Language, a good phone and opting out, saved in one form; the legal notices stay.
      expect(await textOf(part(page, tag, 'legal-note'))).toContain('cannot be turned off');
      await page.locator(`${tag} #phone`).fill('+998 90 555 12 34');
      await part(page, tag, 'language-select').selectOption('ru');
      await page.locator(`${tag} input[name="optOut"]`).check();
      await part(page, tag, 'save-button').click();
      await part(page, tag, 'saved').waitFor();
      const preferences = async () =>
        (await (
          await fetch(`${s.apiUrl}/api/v1/notifications/preferences`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { optOut: boolean };
      expect(await preferences()).toMatchObject({
        language: 'ru',
        optOut: true,
        phone: '+998905551234',
        telegramLinked: true,
      });

      // Opted out: no test message, and the reason in words.
      await part(page, tag, 'test-button').click();
      expect(await part(page, tag, 'test-result').getAttribute('data-reason')).toBe('optedOut');

      // Back in: the test message goes by Telegram, the first channel, in Russian.
      // The first save's confirmation and the first test's result are still on the page: wait for
      // what the second save and the second test change, not for the parts to be there.
      await page.locator(`${tag} input[name="optOut"]`).uncheck();
      await part(page, tag, 'save-button').click();
      await expect.poll(async () => (await preferences()).optOut).toBe(false);
      await part(page, tag, 'test-button').click();
      await expect.poll(() => part(page, tag, 'test-result').getAttribute('data-channel')).toBe('telegram');
      await s.drain();
      await expect
        .poll(() => s.telegram.sent.filter((m) => m.chatId === chat && m.text.includes('тестовое')).length)
        .toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('<mu-notification-settings> phone confirmation', () => {
  for (const [lang, words] of [
    ['uz', { unverified: 'tasdiqlanmagan', wrong: 'Qolgan urinishlar: 4', verified: 'Raqam tasdiqlangan' }],
    ['ru', { unverified: 'не подтверждён', wrong: 'Осталось попыток: 4', verified: 'Номер подтверждён' }],
    ['en', { unverified: 'not confirmed yet', wrong: 'Tries left: 4', verified: 'Number confirmed' }],
  ] as const)
    it(`confirms a saved number by the code the SMS gateway got, in ${lang} at 360 px`, async () => {
      const resident = await person();
      const token = await tokenOf({ pid: resident, roles: ['resident'] });
      const tag = 'mu-notification-settings';
      const phone = `+99897${String(randomInt(0, 1e7)).padStart(7, '0')}`;
      // The wrong code is refused with 422, which the browser logs.
      const { page, context, errors } = await open(`<${tag}></${tag}>`, token, lang, /status of 422/, 360);
      try {
        await page.locator(`${tag} #phone`).fill(phone);
        await part(page, tag, 'save-button').click();
        await part(page, tag, 'saved').waitFor();
        expect(await textOf(part(page, tag, 'phone-unverified'))).toContain(words.unverified);

        await part(page, tag, 'send-code-button').click();
        await part(page, tag, 'code-sent').waitFor();
        const code = s.lastCodeTo(phone);
        const input = part(page, tag, 'code-input');
        // The code input has the focus, so a phone's keyboard offers the SMS's code.
        expect(await input.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(
          true,
        );
        await input.fill(code === '000000' ? '000001' : '000000');
        await part(page, tag, 'verify-button').click();
        expect(await textOf(part(page, tag, 'code-error'))).toContain(words.wrong);

        await input.fill(code);
        await part(page, tag, 'verify-button').click();
        expect(await textOf(part(page, tag, 'phone-verified'))).toContain(words.verified);
        const prefs = (await (
          await fetch(`${s.apiUrl}/api/v1/notifications/preferences`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { phone: string; phoneVerified: boolean };
        expect(prefs).toMatchObject({ phone, phoneVerified: true });
        // Nothing wider than a 360 px phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        expect(
          await page.locator(tag).evaluate((el) => el.shadowRoot!.firstElementChild!.scrollWidth),
        ).toBeLessThanOrEqual(360);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
});

describe('<mu-inbox>', () => {
  it('shows a notice unread, newest first, and marks it read for good', async () => {
    const resident = await person();
    const token = await tokenOf({ pid: resident, roles: ['resident'] });
    for (const [subject, at] of [
      ['Yigʻilish haqida xabarnoma', '2030-03-02T09:00:00Z'],
      ['Kvitansiya', '2030-03-01T09:00:00Z'],
    ] as const)
      await enqueueMailing(
        s.em(),
        {
          kind: subject === 'Kvitansiya' ? 'receipt' : 'meeting_notice',
          texts: texts(subject),
          idempotencyKey: `inbox-widget-${randomUUID()}`,
          recipients: [{ personId: resident }],
        },
        new Date(at),
      );
    const tag = 'mu-inbox';
    const { page, context, errors } = await open(`<${tag}></${tag}>`, token, 'uz');
    try {
      const notices = part(page, tag, 'notice');
      await notices.first().waitFor();
      expect(await notices.count()).toBe(2);
      expect(await textOf(notices.first().locator('.subject'))).toBe('Yigʻilish haqida xabarnoma');
      expect(await notices.first().getAttribute('data-read')).toBe('false');
      await part(page, tag, 'legal-badge').first().waitFor();
      expect(await part(page, tag, 'unread-count').getAttribute('data-unread')).toBe('2');
      await notices.first().locator('[part~="mark-read-button"]').click();
      await page.locator(`${tag} [part~="notice"][data-read="true"]`).waitFor();
      expect(await part(page, tag, 'unread-count').getAttribute('data-unread')).toBe('1');
      // The server kept it: a fresh page shows it read.
      await page.reload();
      await page.addScriptTag({ url: '/widgets/mening-uyim.js', type: 'module' });
      await page.evaluate((token) => window.MeningUyim!.configure({ token }), token);
      await page.locator(`${tag} [part~="notice"][data-read="true"]`).waitFor();
      expect(await part(page, tag, 'mark-read-button').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('<mu-mailing-report>', () => {
  it("shows the organization's mailing by outcome and channel, its unreachable owners and their printable list", async () => {
    const [building] = await executeBound<{ id: string; org: string }>(
      s.em(),
      'select id, management_organization_id as org from building where management_organization_id is not null limit 1',
      [],
    );
    const reached = await person(`owner-${randomUUID().slice(0, 8)}@example.uz`);
    const unreachable = await person();
    const mailingId = await enqueueMailing(
      s.em(),
      {
        kind: 'meeting_notice',
        organizationId: building!.org,
        buildingId: building!.id,
        texts: texts('Umumiy yigʻilish'),
        idempotencyKey: `report-widget-${randomUUID()}`,
        recipients: [
          { personId: reached, place: '5' },
          { personId: unreachable, place: '9' },
        ],
      },
      new Date(),
    );
    await s.drain();
    const token = await tokenOf({ roles: ['management_company'], org: building!.org });
    const tag = 'mu-mailing-report';
    const { page, context, errors } = await open(`<${tag} mailing-id="${mailingId}"></${tag}>`, token, 'ru');
    try {
      await part(page, tag, 'recipients').waitFor();
      expect(await part(page, tag, 'recipients').getAttribute('data-count')).toBe('2');
      expect(await textOf(page.locator(`${tag} [data-status="printed"]`))).toContain('1');
      expect(await textOf(page.locator(`${tag} [part~="by-channel"] [data-channel="email"]`))).toContain(
        'Эл. почта',
      );
      const rows = part(page, tag, 'unreachable-row');
      await rows.first().waitFor();
      expect(await textsOfRows(rows)).toEqual([expect.stringMatching(/^9 Q\. ?D\./)]);
      const download = page.waitForEvent('download');
      await part(page, tag, 'pdf-button').click();
      expect((await download).suggestedFilename()).toBe(`unreachable-${building!.id}.pdf`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
    // By the organization: its mailings in a list, the newest chosen.
    const byOrg = await open(`<${tag} org-id="${building!.org}"></${tag}>`, token, 'uz');
    try {
      const select = part(byOrg.page, tag, 'mailing-select');
      await select.waitFor();
      expect(await select.inputValue()).toBe(mailingId);
      await part(byOrg.page, tag, 'recipients').waitFor();
      expect(byOrg.errors).toEqual([]);
    } finally {
      await byOrg.context.close();
    }
  });
});

async function textsOfRows(rows: ReturnType<Page['locator']>): Promise<string[]> {
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}
