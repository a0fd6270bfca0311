// <mu-meeting-notice-proof> in headless Chromium against a small fake of the API: the meeting's
// proof of notice in each language at a phone's 360 px (counts by status and channel, each owner's
// channel, state and time, no raw code on screen, nothing past the right edge), the next page by
// its cursor, and the element hidden for a caller the API refuses with 403.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeProofView } from '../../widgets/meetings/client.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { horizontalOverflow } from '../support/page-audit.ts';
import { buildBundle } from '../support/widget-bundle.ts';
import { eventually, hostPage, text } from './widget-harness.ts';

const MEETING = 'd3e40000-0000-4000-8000-0000000000aa';
const P = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const at = '2026-12-01T07:30:00.000Z';

const owner = (n: number, status: string, deliveries: NoticeProofView['items'][number]['deliveries']) => ({
  personId: P(n),
  fullName: `Ғайратова Мухаббат Абдурахмоновна ${n}`,
  place: String(n),
  status,
  printedAt: status === 'printed' ? at : null,
  deliveries,
});

const FIRST: NoticeProofView = {
  meetingId: MEETING,
  kind: 'notice',
  messages: 3,
  byStatus: { done: 2, printed: 1 },
  byChannel: { telegram: { delivered: 1 }, email: { sent: 1 }, sms: {} },
  items: [
    owner(1, 'done', [
      { channel: 'telegram', state: 'delivered', queuedAt: at, sentAt: at, deliveredAt: at },
    ]),
    owner(2, 'done', [{ channel: 'email', state: 'sent', queuedAt: at, sentAt: at, deliveredAt: null }]),
  ],
  next: P(2),
};
const SECOND: NoticeProofView = { ...FIRST, items: [owner(3, 'printed', [])], next: null };

let files: Map<string, string>;
let browser: Browser;
let server: Server;
let url: string;
const pages = new Map<string, string>();

beforeAll(async () => {
  [files, browser] = await Promise.all([buildBundle(), launchBrowser()]);
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const file = files.get(u.pathname) ?? pages.get(u.pathname);
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': u.pathname.endsWith('.js') ? 'text/javascript' : 'text/html' });
      return res.end(file);
    }
    if (u.pathname === `/api/v1/meetings/${MEETING}/notice-proof`) {
      if (req.headers.authorization === 'Bearer resident') {
        res.writeHead(403, { 'content-type': 'application/problem+json' });
        return res.end(
          JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'no' }),
        );
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(u.searchParams.get('after') === P(2) ? SECOND : FIRST));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const WORDS = {
  uz: [
    'Xabardor qilinganlik dalili',
    'Telegram: yetkazildi',
    'Elektron pochta: yuborildi',
    'eʼlonlar taxtasi',
  ],
  ru: ['Доказательство уведомления', 'Telegram: доставлено', 'Эл. почта: отправлено', 'доски объявлений'],
  en: ['Proof of notice', 'Telegram: delivered', 'Email: sent', 'notice board list'],
} as const;

describe('<mu-meeting-notice-proof>', () => {
  it.each(['uz', 'ru', 'en'] as const)('shows the proof at 360 px in %s and pages on', async (lang) => {
    const { page, context } = await newWatchedPage(browser, { viewport: { width: 360, height: 740 } });
    try {
      const path = `/proof-${lang}`;
      pages.set(
        path,
        hostPage(`<mu-meeting-notice-proof meeting-id="${MEETING}"></mu-meeting-notice-proof>`, {
          token: 'council',
          lang,
        }),
      );
      await page.goto(url + path);
      const proof = page.locator('mu-meeting-notice-proof [part="notice-proof"]');
      await eventually(async () => (await proof.count()) > 0 && (await text(proof))).toContain(
        WORDS[lang][0],
      );
      const shown = await text(proof);
      expect(shown).toContain(WORDS[lang][1]);
      expect(shown).toContain(WORDS[lang][2]);
      // No code the API speaks reaches the reader.
      for (const code of ['printed', 'given_up', 'queued', 'status_', 'channel_', 'state_'])
        expect(shown).not.toContain(code);
      const overflow = await horizontalOverflow(page);
      expect(overflow.boxes).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
      await proof.locator('button').last().click();
      // The next page's owner, not the printed status, which the counts above name on page 1 too.
      await eventually(async () => text(proof)).toContain('Абдурахмоновна 3');
      expect(await text(proof)).toContain(WORDS[lang][3]);
      expect(await text(proof)).not.toContain('Абдурахмоновна 1');
    } finally {
      await context.close();
    }
  });

  it('hides itself for a caller the API refuses', async () => {
    const { page, context } = await newWatchedPage(browser, {
      viewport: { width: 360, height: 740 },
      expected: /status of 403/,
    });
    try {
      pages.set(
        '/proof-refused',
        hostPage(`<mu-meeting-notice-proof meeting-id="${MEETING}"></mu-meeting-notice-proof>`, {
          token: 'resident',
        }),
      );
      await page.goto(`${url}/proof-refused`);
      await eventually(() =>
        page.locator('mu-meeting-notice-proof').evaluate((e) => e.hasAttribute('empty')),
      ).toBe(true);
      expect(await page.locator('mu-meeting-notice-proof [part="notice-proof"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
