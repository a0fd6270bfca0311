// What embedding the widgets costs a portal, measured where it is paid: bytes a headless Chromium
// receives (gzip bodies) for a host page on another origin, under a strict CSP, that embeds the
// loader from the API's widget routes, as built and served for real. One <mu-building-card> with its data, then every
// tag at once, in each language; and every tag alone as the build counts it (its code, the widgets
// its templates name and their texts). The budgets live in scripts/lib/widget-budget.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetRoutes } from '../../api/static.ts';
import type { Language } from '../../domain/common/language.ts';
import { oneTagCeiling, oneTagPageSizes } from '../../scripts/lib/vite-bundle-report.ts';
import { WIDGET_BUDGET } from '../../scripts/lib/widget-budget.ts';
import { ensureWidgetBundle } from '../../scripts/lib/widgets.ts';
import { ELEMENTS } from '../../widgets/elements.ts';
import {
  BUILDINGS,
  FAKE_TOKEN_PREFIX,
  type FakeRegistryApi,
  startFakeRegistryApi,
} from '../registry/fake-registry-api.ts';
import { launchBrowser, newWatchedPage, textOf } from '../support/browser.ts';

const LANGS: readonly Language[] = ['uz', 'ru', 'en'];
const OTHER = (lang: Language) => LANGS.filter((l) => l !== lang);

let api: FakeRegistryApi;
let widgets: ReturnType<typeof serve>;
let widgetOrigin: string;
let host: Server;
let hostOrigin: string;
let browser: Browser;

beforeAll(async () => {
  await ensureWidgetBundle(() => undefined);
  api = await startFakeRegistryApi();
  // The API's widget routes as they are, and its /api answered by the fake registry, with the CORS
  // a real API gives a portal it allows.
  const app = new Hono()
    .route('/widgets', widgetRoutes)
    .options('*', (c) =>
      c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept-Language',
      }),
    )
    .all('*', async (c) => {
      const url = new URL(c.req.url);
      const answer = await fetch(`${api.url}${url.pathname}${url.search}`, { headers: c.req.raw.headers });
      const headers = new Headers(answer.headers);
      headers.set('Access-Control-Allow-Origin', '*');
      headers.delete('content-encoding');
      headers.delete('content-length');
      return new Response(await answer.arrayBuffer(), { status: answer.status, headers });
    });
  await new Promise<void>((resolve) => {
    widgets = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      widgetOrigin = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  host = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== '/') return void res.writeHead(404).end();
    // A strict portal: scripts only from the API's origin (plus its own, by nonce), requests only
    // to the API, no inline styles. The widgets' chunks and texts must load under it.
    res
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'self'; script-src ${widgetOrigin} 'nonce-portal'; connect-src ${widgetOrigin}; style-src 'self'; img-src 'self' data:`,
      })
      .end(
        `<!doctype html><html lang="${url.searchParams.get('lang')}"><head><meta charset="utf-8">
        <link rel="icon" href="data:,">
        <script type="module" src="${widgetOrigin}/widgets/mening-uyim.js"></script>
        <script type="module" nonce="portal">window.MeningUyim.configure({ token: '${FAKE_TOKEN_PREFIX}admin' });</script>
        </head><body>${url.searchParams.get('body')}</body></html>`,
      );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await new Promise((resolve) => widgets?.close(resolve));
  await api?.close();
});

interface Fetched {
  file: string;
  status: number;
  encoded: number;
  decoded: number;
}

/** Waits until every widget on the page, nested ones included, is defined and rendered. */
async function settle(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    type Widget = HTMLElement & { updateComplete: Promise<unknown> };
    const seen = new Set<Element>();
    for (;;) {
      const found: Element[] = [];
      const walk = (root: ParentNode) => {
        for (const element of root.querySelectorAll('*')) {
          if (element.localName.startsWith('mu-')) found.push(element);
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(document);
      const fresh = found.filter((element) => !seen.has(element));
      if (fresh.length === 0) return [...new Set(found.map((element) => element.localName))].sort();
      for (const element of fresh) {
        seen.add(element);
        await customElements.whenDefined(element.localName);
        await (element as Widget).updateComplete;
      }
    }
  });
}

/** Every widget file the page received: its path under /widgets/, status and body sizes. */
async function fetched(page: Page): Promise<Fetched[]> {
  const prefix = `${widgetOrigin}/widgets/`;
  return page.evaluate(
    (prefix) =>
      performance
        .getEntriesByType('resource')
        .filter((e): e is PerformanceResourceTiming => e.name.startsWith(prefix))
        .map((e) => ({
          file: e.name.slice(prefix.length),
          status: e.responseStatus,
          encoded: e.encodedBodySize,
          decoded: e.decodedBodySize,
        })),
    prefix,
  );
}

async function openHostPage(lang: Language, body: string) {
  const watched = await newWatchedPage(browser, { timeout: 15_000 });
  await watched.page.goto(`${hostOrigin}/?${new URLSearchParams({ lang, body })}`);
  return watched;
}

function total(files: Fetched[]): number {
  return files.reduce((sum, f) => sum + f.encoded, 0);
}

/** Every file arrived whole, gzip-compressed, and only the page's language of texts among them. */
function expectServedWell(files: Fetched[], lang: Language): void {
  expect(files.map((f) => f.file)).toContain('mening-uyim.js');
  for (const f of files) {
    expect(f.status, f.file).toBe(200);
    expect(f.encoded, f.file).toBeGreaterThan(0);
    // Sent as gzip; only a chunk of a few dozen bytes, which compression would grow, goes as it is.
    if (f.decoded > 200) expect(f.encoded, `${f.file} is compressed`).toBeLessThan(f.decoded);
  }
  const messages = files.filter((f) => /-messages\.\w\w-/.test(f.file));
  expect(messages.length).toBeGreaterThan(0);
  for (const other of OTHER(lang))
    expect(files.filter((f) => f.file.includes(`-messages.${other}-`))).toEqual([]);
}

describe('the widget bundle on a portal page', () => {
  it.each(LANGS)(
    'a page with one <mu-building-card> receives at most the one-widget budget (%s)',
    async (lang) => {
      const { context, page, errors } = await openHostPage(
        lang,
        `<mu-building-card building-id="${BUILDINGS[0]?.id}"></mu-building-card>`,
      );
      await expect
        .poll(() => textOf(page.locator('mu-building-card [part~="title"]')), { timeout: 15_000 })
        .toBe(BUILDINGS[0]?.address);
      const tags = await settle(page);
      // The card's own sections come with it; nothing else does.
      expect(tags).toEqual(['mu-building-card', 'mu-building-condition', 'mu-building-consumption']);
      const files = await fetched(page);
      expectServedWell(files, lang);
      expect(
        files.filter((f) => /meeting|appeal|billing|contract|report|commissioning/.test(f.file)),
      ).toEqual([]);
      const bytes = total(files);
      console.info(`<mu-building-card> page (${lang}): ${files.length} files, ${bytes} bytes gzip`);
      expect(bytes).toBeLessThanOrEqual(WIDGET_BUDGET.oneWidget);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it.each(LANGS)('a page with every tag receives at most the all-widgets ceiling (%s)', async (lang) => {
    const body = Object.keys(ELEMENTS)
      .map((tag) => `<${tag}></${tag}>`)
      .join('');
    const { context, page } = await openHostPage(lang, body);
    const tags = await settle(page);
    expect(tags).toEqual(expect.arrayContaining(Object.keys(ELEMENTS)));
    const files = await fetched(page);
    expectServedWell(files, lang);
    const bytes = total(files);
    console.info(`every widget (${lang}): ${files.length} files, ${bytes} bytes gzip`);
    expect(bytes).toBeLessThanOrEqual(WIDGET_BUDGET.allCeiling);
    await context.close();
  });
});

describe('a page with one tag alone', () => {
  // Built here, not fetched per tag in the browser: a tag without its data draws none of the
  // widgets it nests, and the build counts every widget a template names, drawn or not yet.
  let sizes: Record<Language, Map<string, number>>;
  beforeAll(async () => {
    const result = await build({
      configFile: fileURLToPath(new URL('../../widgets/vite.config.ts', import.meta.url)),
      logLevel: 'silent',
      build: { write: false },
    });
    const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
    const bundle: Rolldown.OutputBundle = Object.fromEntries(output.output.map((o) => [o.fileName, o]));
    sizes = {
      uz: oneTagPageSizes(bundle, 'uz'),
      ru: oneTagPageSizes(bundle, 'ru'),
      en: oneTagPageSizes(bundle, 'en'),
    };
  }, 120_000);

  it.each(LANGS)('receives at most the one-widget budget, or the ceiling its tag is held to (%s)', (lang) => {
    expect([...sizes[lang].keys()].sort()).toEqual(Object.keys(ELEMENTS).sort());
    const over = [...sizes[lang]]
      .filter(([tag, bytes]) => bytes > oneTagCeiling(tag))
      .map(([tag, bytes]) => `<${tag}> ${bytes} bytes, ceiling ${oneTagCeiling(tag)}`);
    expect(over).toEqual([]);
  });

  it('holds to a ceiling of its own only a tag still over the budget, at what it measures in Russian', () => {
    const ceilings: Readonly<Record<string, number>> = WIDGET_BUDGET.oneTagCeilings;
    for (const [tag, ceiling] of Object.entries(ceilings)) {
      const bytes = sizes.ru.get(tag);
      expect(bytes, `<${tag}> is a tag`).toBeDefined();
      // A tag that came within the budget leaves the table; one that shrank has its ceiling lowered.
      expect(bytes, `<${tag}> is still over the budget`).toBeGreaterThan(WIDGET_BUDGET.oneWidget);
      expect(
        ceiling - (bytes ?? 0),
        `<${tag}>'s ceiling is at most 300 bytes above its size`,
      ).toBeLessThanOrEqual(300);
    }
  });
});
