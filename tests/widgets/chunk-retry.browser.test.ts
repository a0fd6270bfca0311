// A widget's code and texts are chunks fetched on first use. Under load one of those requests may
// fail or never be answered; seen once in the suite as a <mu-meeting-discussion> that stayed blank
// for 30 s, since its update waited for texts that never came and nothing asked again. Here the
// browser's own requests are cut or held (Playwright's routing) on the bundle as built and shipped:
// a failed or stalled chunk is asked for once more and the element draws; one that does not arrive
// then says so on the page, in the page's language, and in the console, with a "try again" button
// that draws the element once the network answers again.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../widgets/elements.ts';
import { BUILDINGS, type FakeRegistryApi, startFakeRegistryApi } from '../registry/fake-registry-api.ts';
import { launchBrowser, newWatchedPage, textOf } from '../support/browser.ts';
import { BUNDLE, buildBundle } from '../support/widget-bundle.ts';

const BUILDING = BUILDINGS[0]!;

let api: FakeRegistryApi;
let loader: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
/** Requests held unanswered, released when the test ends. */
let held: Route[];

beforeAll(async () => {
  const files = await buildBundle();
  loader = files.get(BUNDLE) ?? '';
  [api, browser] = await Promise.all([startFakeRegistryApi(files), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

beforeEach(async () => {
  // The browser logs each request cut here as a failed load; the retries are what is under test.
  ({ context, page, errors } = await newWatchedPage(browser, { timeout: 20_000, expected: /ERR_FAILED/ }));
  held = [];
});

afterEach(async () => {
  await Promise.all(held.map((route) => route.abort().catch(() => undefined)));
  await context.close();
});

/** Cuts (`abort`) or holds (`stall`) the first `times` requests whose path matches `file`. */
async function disturb(file: RegExp, how: 'abort' | 'stall', times = 1): Promise<string[]> {
  const seen: string[] = [];
  await page.route(
    (url) => file.test(url.pathname),
    (route) => {
      seen.push(new URL(route.request().url()).search);
      if (seen.length > times) return route.fallback();
      if (how === 'stall') return void held.push(route);
      return route.abort('failed');
    },
  );
  return seen;
}

async function openCard(lang: 'uz' | 'ru'): Promise<void> {
  api.pages.set(
    `/retry-${lang}`,
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script type="module" src="${BUNDLE}"></script>
    <script type="module">window.MeningUyim.configure({ token: 'fake-token-admin' });</script>
    </head><body><mu-building-card building-id="${BUILDING.id}"></mu-building-card></body></html>`,
  );
  await page.goto(`${api.url}/retry-${lang}`);
}

const card = () => page.locator('mu-building-card');
const label = () => card().locator('[data-fact="cadastralNumber"] dt');
/** The card's own notice (its sections, drawn inside it, each say so too). */
const notice = () => page.locator('mu-building-card [data-mu-unloaded]').first();
/** The notice's sentence, without its button. */
const noticeText = () => textOf(notice().locator('span'));
/** How many notices each element on the page shows at its top: one at most. */
const noticesPerElement = () =>
  page.evaluate(() => {
    const counts: number[] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const e of root.querySelectorAll('*')) {
        if (!e.localName.startsWith('mu-')) continue;
        const own = [...(e.shadowRoot ?? e).children].filter((c) => c.hasAttribute('data-mu-unloaded'));
        counts.push(own.length);
        if (e.shadowRoot) walk(e.shadowRoot);
      }
    };
    walk(document);
    return Math.max(...counts);
  });
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

describe('a chunk that does not arrive at the first request', () => {
  it("asks again for a language's texts whose request failed, and draws them", async () => {
    const requests = await disturb(/\/registry-messages\.uz-[\w-]+\.js$/, 'abort');
    await openCard('uz');
    await eventually(() => textOf(label())).toBe('Kadastr raqami');
    expect(await textOf(card().locator('[part~="title"]'))).toBe(BUILDING.address);
    expect(requests.length).toBe(2);
    expect(await notice().count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("sends a second request beside a language's texts whose first one is never answered", async () => {
    // The flake: the element's first drawing waits for its texts, so a request left hanging kept
    // it blank for good. A second import of the same URL would join the hanging one: the retry
    // must come under a URL of its own.
    const requests = await disturb(/\/registry-messages\.uz-[\w-]+\.js$/, 'stall');
    await openCard('uz');
    await eventually(() => textOf(label())).toBe('Kadastr raqami');
    expect(await textOf(card().locator('[part~="title"]'))).toBe(BUILDING.address);
    expect(requests).toEqual(['', expect.stringMatching(/^\?retry=\d+$/)]);
    expect(errors).toEqual([]);
  });

  it("asks again for an element's code whose request failed, and the element draws", async () => {
    const requests = await disturb(/\/chunks\/building-card-[\w-]+\.js$/, 'abort');
    await openCard('ru');
    await eventually(() => textOf(label())).toBe('Кадастровый номер');
    expect(requests.length).toBe(2);
    expect(errors).toEqual([]);
  });

  it("sends a second request beside an element's code whose first one is never answered", async () => {
    const requests = await disturb(/\/chunks\/building-card-[\w-]+\.js$/, 'stall');
    await openCard('ru');
    await eventually(() => textOf(label())).toBe('Кадастровый номер');
    expect(requests).toEqual(['', expect.stringMatching(/^\?retry=\d+$/)]);
    expect(errors).toEqual([]);
  });
});

describe("every tag's code", () => {
  it('loads for each tag even when the first request for its chunk fails', async () => {
    // Each tag's chunk as the built loader names it. Chunks that other chunks import too are
    // reached through one more `.then` (the module's namespace).
    const chunkOf = new Map(
      [...loader.matchAll(/"(mu-[\w-]+)":[^,]*?import\(`\.\/(chunks\/[\w.-]+\.js)`/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const tags = Object.keys(ELEMENTS);
    expect([...chunkOf.keys()].sort()).toEqual([...tags].sort());
    const defined: Record<string, { requests: string[]; drawn: boolean }> = {};
    for (const tag of tags) {
      const own = await context.newPage();
      const requests: string[] = [];
      await own.route(
        (url) => url.pathname === `/widgets/${chunkOf.get(tag)}`,
        (route) => {
          requests.push(new URL(route.request().url()).search);
          return requests.length === 1 ? route.abort('failed') : route.fallback();
        },
      );
      api.pages.set(
        `/every-${tag}`,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
        <script type="module" src="${BUNDLE}"></script></head><body><${tag}></${tag}></body></html>`,
      );
      await own.goto(`${api.url}/every-${tag}`);
      const drawn = await own
        .waitForFunction(
          (tag) => {
            const element = document.querySelector(tag) as (HTMLElement & { hasUpdated?: boolean }) | null;
            if (!customElements.get(tag) || !element?.hasUpdated || !element.shadowRoot) return false;
            return !element.shadowRoot.querySelector('[data-mu-unloaded]');
          },
          tag,
          { timeout: 15_000 },
        )
        .then(
          () => true,
          () => false,
        );
      defined[tag] = { requests, drawn };
      await own.close();
    }
    const expected = Object.fromEntries(
      tags.map((tag) => [tag, { requests: ['', expect.stringMatching(/^\?retry=\d+$/)], drawn: true }]),
    );
    expect(defined).toEqual(expected);
  });
});

describe('a chunk that never arrives', () => {
  it('says in the page language that the texts could not be loaded, and logs it', async () => {
    const requests = await disturb(/\/registry-messages\.ru-[\w-]+\.js$/, 'abort', Number.POSITIVE_INFINITY);
    await openCard('ru');
    await eventually(() => noticeText()).toBe(
      '⚠ Не удалось загрузить эту часть страницы. Проверьте подключение и повторите попытку.',
    );
    expect(await textOf(notice().getByRole('button'))).toBe('Повторить');
    expect(await notice().getAttribute('role')).toBe('alert');
    expect(await noticesPerElement()).toBe(1);
    expect(await notice().getAttribute('lang')).toBe('ru');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(errors.join('\n')).toContain('registry-messages.ru');
  });

  it('is shown only on the elements whose own texts are missing, not on others beside them', async () => {
    await disturb(/\/meetings-messages\.ru-[\w-]+\.js$/, 'abort', Number.POSITIVE_INFINITY);
    api.pages.set(
      '/retry-beside',
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <script type="module" src="${BUNDLE}"></script>
      <script type="module">window.MeningUyim.configure({ token: 'fake-token-admin' });</script>
      </head><body><mu-meetings building-id="${BUILDING.id}"></mu-meetings></body></html>`,
    );
    await page.goto(`${api.url}/retry-beside`);
    await eventually(() => page.locator('mu-meetings [data-mu-unloaded]').count()).toBe(1);
    // A card that appears now waits on every language still missing, the meetings' among them,
    // and draws its own texts, which came.
    await page.evaluate((id) => {
      const card = document.createElement('mu-building-card');
      card.setAttribute('building-id', id);
      document.body.append(card);
    }, BUILDING.id);
    await eventually(() => textOf(label())).toBe('Кадастровый номер');
    await page.evaluate(
      () =>
        (document.querySelector('mu-building-card') as HTMLElement & { updateComplete: Promise<unknown> })
          .updateComplete,
    );
    expect(await page.locator('mu-building-card [data-mu-unloaded]').count()).toBe(0);
  });

  it("says in the page language that an element's code could not be loaded, and logs it", async () => {
    const requests = await disturb(/\/chunks\/building-card-[\w-]+\.js$/, 'abort', Number.POSITIVE_INFINITY);
    await openCard('uz');
    await eventually(() => noticeText()).toBe(
      '⚠ Sahifaning bu qismini yuklab boʻlmadi. Internet aloqasini tekshirib, qayta urinib koʻring.',
    );
    expect(await textOf(notice().getByRole('button'))).toBe('Qayta urinish');
    expect(await notice().getAttribute('lang')).toBe('uz');
    expect(await noticesPerElement()).toBe(1);
    expect(requests.length).toBe(2);
    expect(errors.join('\n')).toContain('building-card');
  });

  it('draws every element on the page once the texts arrive, asked for by a “try again” or an update', async () => {
    // Every request fails until the network is back. The card's button asks anew, unless an
    // element's own next update (its data arriving) asked first; the texts that come then draw
    // every element that lacked them, the card's sections too. (The button alone: the discussion's test.)
    const requests = await disturb(/\/registry-messages\.ru-[\w-]+\.js$/, 'abort', Number.POSITIVE_INFINITY);
    await openCard('ru');
    await eventually(() => textOf(notice().getByRole('button'))).toBe('Повторить');
    expect(await textOf(card())).not.toContain('Кадастровый номер');
    await page.unrouteAll();
    const before = requests.length;
    await notice()
      .getByRole('button')
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await eventually(() => textOf(label())).toBe('Кадастровый номер');
    await eventually(() => noticesPerElement()).toBe(0);
    expect(requests.length).toBe(before);
  });

  it('defines the element when the person presses “try again” after its code failed', async () => {
    await disturb(/\/chunks\/building-card-[\w-]+\.js$/, 'abort', Number.POSITIVE_INFINITY);
    await openCard('uz');
    await eventually(() => textOf(notice().getByRole('button'))).toBe('Qayta urinish');
    await page.unrouteAll();
    await notice().getByRole('button').click();
    await eventually(() => textOf(label())).toBe('Kadastr raqami');
    expect(await page.evaluate(() => Boolean(customElements.get('mu-building-card')))).toBe(true);
  });
});

describe('<mu-meeting-discussion>, once seen blank for good', () => {
  /** A bare page with the discussion of a meeting in the voting phase, its texts' requests disturbed. */
  async function openDiscussion(times: number): Promise<string[]> {
    const requests = await disturb(/\/meetings-discussion-messages\.ru-[\w-]+\.js$/, 'abort', times);
    api.pages.set(
      '/discussion',
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <script type="module" src="${BUNDLE}"></script></head><body>
      <mu-meeting-discussion></mu-meeting-discussion></body></html>`,
    );
    await page.goto(`${api.url}/discussion`);
    await page.evaluate(async () => {
      await customElements.whenDefined('mu-meeting-discussion');
      const element = document.querySelector('mu-meeting-discussion') as HTMLElement & { meeting: unknown };
      element.meeting = { id: 'm1', phase: 'voting', agenda: [], initiator: { userId: 'u1' } };
    });
    return requests;
  }
  const discussion = () => page.locator('mu-meeting-discussion');
  const heading = () => discussion().locator('#discussion-title');

  it('draws its heading when the first request for its texts fails', async () => {
    const requests = await openDiscussion(1);
    await eventually(() => textOf(heading())).toBe('Обсуждение');
    expect(requests).toEqual(['', expect.stringMatching(/^\?retry=\d+$/)]);
    expect(await discussion().locator('[data-mu-unloaded]').count()).toBe(0);
  });

  it('says so with a “try again” button while its texts fail, and draws them on a press', async () => {
    await openDiscussion(Number.POSITIVE_INFINITY);
    const own = discussion().locator('[data-mu-unloaded]');
    await eventually(() => textOf(own.getByRole('button'))).toBe('Повторить');
    expect(await own.getAttribute('lang')).toBe('ru');
    expect(await heading().count()).toBe(1);
    expect(await textOf(heading())).toBe('');
    await page.unrouteAll();
    await own.getByRole('button').click();
    await eventually(() => textOf(heading())).toBe('Обсуждение');
    expect(await own.count()).toBe(0);
  });
});
