// <mu-building-card> in headless Chromium, built exactly as shipped (vite library build) and served
// next to a fake API that speaks the contract, so only the widget is under test here.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newWatchedPage, textOf } from '../support/browser.ts';
import { BUNDLE, buildBundle } from '../support/widget-bundle.ts';
import {
  BUILDINGS,
  type FakeRegistryApi,
  FLAKY_BUILDING_ID,
  FORBIDDEN_BUILDING_ID,
  startFakeRegistryApi,
} from './fake-registry-api.ts';

const [GREEN, RED, UNASSESSED] = BUILDINGS as [
  (typeof BUILDINGS)[number],
  (typeof BUILDINGS)[number],
  (typeof BUILDINGS)[number],
];

let api: FakeRegistryApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let pageCount = 0;

beforeAll(async () => {
  const files = await buildBundle();
  // The loader at its stable path, everything else hashed chunks it fetches beside itself.
  const scripts = [...files.keys()].filter((f) => f.endsWith('.js'));
  expect(scripts).toContain(BUNDLE);
  expect(scripts.filter((f) => f !== BUNDLE && !/^\/widgets\/chunks\/[\w.-]+-[\w-]{8}\.js$/.test(f))).toEqual(
    [],
  );
  [api, browser] = await Promise.all([startFakeRegistryApi(files), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

beforeEach(async () => {
  ({
    context,
    page,
    errors: pageErrors,
  } = await newWatchedPage(browser, {
    viewport: { width: 900, height: 700 },
  }));
  api.requests.length = 0;
});

afterEach(async () => {
  api.release();
  await context.close();
});

interface PageOptions {
  htmlLang?: string;
  /** Token passed to MeningUyim.configure() by the page; null for none. */
  token?: string | null;
  head?: string;
  scripts?: string[];
}

/** Serves a host page and opens it. Portals call configure() from a plain script, as here. */
async function open(body: string, options: PageOptions = {}): Promise<void> {
  const { htmlLang = 'uz', token = 'fake-token-admin', head = '', scripts = [BUNDLE] } = options;
  const path = `/t/${++pageCount}`;
  const configure =
    token === null
      ? ''
      : `<script type="module">window.MeningUyim.configure({ token: '${token}' });</script>`;
  api.pages.set(
    path,
    `<!doctype html><html lang="${htmlLang}"><head><meta charset="utf-8"><title>test</title><link rel="icon" href="data:,">
    ${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('')}
    ${configure}${head}</head><body>${body}</body></html>`,
  );
  await page.goto(api.url + path);
}

// Widgets render asynchronously; wait for the answer instead of sleeping.
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 50 });
const card = (selector = 'mu-building-card') => page.locator(selector);
const fact = (name: string, selector?: string) => card(selector).locator(`[data-fact="${name}"] dd`);
const title = (selector?: string) => card(selector).locator('[part~="title"]');
const badge = (selector?: string) => card(selector).locator('[part~="badge"]');
const error = (selector?: string) => card(selector).locator('[part~="error"]');
// Uzbek and Russian group digits with (narrow) no-break spaces; the assertions read plain spaces.
const normalized = async (locator: ReturnType<typeof card>) =>
  (await textOf(locator)).replace(/[\u00a0\u202f]/g, ' ');
// The building itself, not its condition and consumption sections (tests/registry/building-condition.browser.test.ts).
const buildingRequests = () => api.requests.filter((r) => /^\/api\/v1\/buildings\/[^/?]+$/.test(r.path));

describe('<mu-building-card>', () => {
  it("renders the building's data in Uzbek by default", async () => {
    await open(`<mu-building-card building-id="${GREEN.id}"></mu-building-card>`);
    await eventually(() => textOf(title())).toBe(GREEN.address);
    expect(await textOf(fact('cadastralNumber'))).toBe('10:01:04:12:0012');
    expect(await textOf(fact('yearBuilt'))).toBe('1978');
    expect(await textOf(fact('floors'))).toBe('9');
    expect(await textOf(fact('entrances'))).toBe('4');
    expect(await normalized(fact('totalArea'))).toBe('12 480,5 m²');
    expect(await normalized(fact('livingArea'))).toBe('8 715,25 m²');
    expect(await textOf(fact('apartments'))).toBe('144');
    expect(await textOf(fact('district'))).toBe('Yunusobod tumani');
    const org = await textOf(fact('managementOrganization'));
    expect(org).toContain('“Obod Yunusobod” MChJ');
    expect(org).toContain('305123456');
    expect(await textOf(card().locator('[part~="register-status"]'))).toBe('Reyestrga kiritilgan');
    expect(await textOf(card().locator('[data-fact="cadastralNumber"] dt'))).toBe('Kadastr raqami');
    expect(await textOf(badge())).toBe('Yashil — yaxshi holatda');
    expect(buildingRequests().map((r) => r.acceptLanguage)).toEqual(['uz']);
    expect(pageErrors).toEqual([]);
  });

  it('renders Russian and English labels and numbers from the lang attribute', async () => {
    await open(`
      <mu-building-card id="ru" lang="ru" building-id="${GREEN.id}"></mu-building-card>
      <mu-building-card id="en" lang="en" building-id="${RED.id}"></mu-building-card>`);
    await eventually(() => textOf(title('#ru'))).toBe(GREEN.address);
    expect(await textOf(card('#ru').locator('[data-fact="cadastralNumber"] dt'))).toBe('Кадастровый номер');
    expect(await textOf(card('#ru').locator('[data-fact="yearBuilt"] dt'))).toBe('Год постройки');
    expect(await normalized(fact('totalArea', '#ru'))).toBe('12 480,5 м²');
    expect(await textOf(card('#ru').locator('[part~="register-status"]'))).toBe('Внесена в реестр');
    expect(await textOf(badge('#ru'))).toBe('Зелёный — хорошее состояние');

    await eventually(() => textOf(title('#en'))).toBe(RED.address);
    expect(await textOf(card('#en').locator('[data-fact="cadastralNumber"] dt'))).toBe('Cadastral number');
    expect(await textOf(card('#en').locator('[data-fact="managementOrganization"] dt'))).toBe(
      'Management organization',
    );
    expect(await textOf(fact('totalArea', '#en'))).toBe('4,380 m²');
    expect(await textOf(fact('livingArea', '#en'))).toBe('3,012.4 m²');
    expect(await textOf(card('#en').locator('[part~="register-status"]'))).toBe('Suspended');
    expect(await textOf(badge('#en'))).toBe('Red — poor condition');
    expect(pageErrors).toEqual([]);
  });

  it('follows the attribute, then configure(), then <html lang>, and re-fetches on each change', async () => {
    await open(`<mu-building-card building-id="${GREEN.id}"></mu-building-card>`, { htmlLang: 'ru-RU' });
    const label = card().locator('[data-fact="district"] dt');
    await eventually(() => textOf(label)).toBe('Район');
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await eventually(() => textOf(label)).toBe('District');
    await page.evaluate(() => window.MeningUyim?.configure({ lang: 'uz' }));
    await eventually(() => textOf(label)).toBe('Tuman');
    await page.evaluate(() => document.querySelector('mu-building-card')?.setAttribute('lang', 'ru'));
    await eventually(() => textOf(label)).toBe('Район');
    await eventually(() => buildingRequests().map((r) => r.acceptLanguage)).toEqual(['ru', 'en', 'uz', 'ru']);
  });

  it('shows an unassessed building and a missing management organization as text', async () => {
    await open(`<mu-building-card lang="en" building-id="${UNASSESSED.id}"></mu-building-card>`);
    await eventually(() => textOf(badge())).toBe('Not assessed');
    expect(await badge().getAttribute('data-condition')).toBe('none');
    expect(await textOf(fact('managementOrganization'))).toBe('Not assigned');
  });

  it('loads another building when building-id changes', async () => {
    await open(`<mu-building-card lang="en" building-id="${GREEN.id}"></mu-building-card>`);
    await eventually(() => textOf(title())).toBe(GREEN.address);
    await card().evaluate((el, id) => el.setAttribute('building-id', id), RED.id);
    await eventually(() => textOf(title())).toBe(RED.address);
    expect(await textOf(badge())).toBe('Red — poor condition');
  });

  it('shows localised errors for 404, 403 and 401, with an mu-error event', async () => {
    await open(
      `<mu-building-card id="nf" lang="ru" building-id="no-such-building"></mu-building-card>
       <mu-building-card id="fb" lang="en" building-id="${FORBIDDEN_BUILDING_ID}"></mu-building-card>`,
      {
        head: `<script>window.muErrors = [];
          addEventListener('mu-error', (e) => muErrors.push([e.target.id, e.detail.problem.status]));</script>`,
      },
    );
    await eventually(() => textOf(error('#nf'))).toBe('Дом не найден.');
    await eventually(() => textOf(error('#fb'))).toBe('You do not have access to this building.');
    expect(await error('#nf').getAttribute('role')).toBe('alert');
    expect(await card('#nf').locator('[part~="retry-button"]').count()).toBe(0);
    const events = await page.evaluate(() => (window as unknown as { muErrors: unknown[] }).muErrors);
    expect(events).toEqual(
      expect.arrayContaining([
        ['nf', 404],
        ['fb', 403],
      ]),
    );

    await open(`<mu-building-card building-id="${GREEN.id}"></mu-building-card>`, { token: 'expired' });
    await eventually(() => textOf(error())).toBe('Bu maʼlumotni koʻrish uchun tizimga kiring.');
    expect(buildingRequests().at(-1)?.authorization).toBe('Bearer expired');
  });

  it('asks nothing until it has a token, then loads', async () => {
    await open(`<mu-building-card lang="en" building-id="${GREEN.id}"></mu-building-card>`, { token: null });
    await eventually(() => textOf(error())).toBe('Sign in to see this information.');
    expect(buildingRequests()).toEqual([]);
    await page.evaluate(() => window.MeningUyim?.configure({ token: 'fake-token-admin' }));
    await eventually(() => textOf(title())).toBe(GREEN.address);
    expect(pageErrors).toEqual([]);
  });

  it('sends the configure() token as a bearer, lets the token attribute win, and re-fetches on change', async () => {
    await open(`
      <mu-building-card id="a" building-id="${GREEN.id}"></mu-building-card>
      <mu-building-card id="b" token="fake-token-inspector" building-id="${RED.id}"></mu-building-card>`);
    await eventually(() => textOf(title('#a'))).toBe(GREEN.address);
    await eventually(() => textOf(title('#b'))).toBe(RED.address);
    const auth = (id: string) =>
      buildingRequests()
        .filter((r) => r.path.endsWith(id))
        .map((r) => r.authorization);
    expect(auth(GREEN.id)).toEqual(['Bearer fake-token-admin']);
    expect(auth(RED.id)).toEqual(['Bearer fake-token-inspector']);

    await page.evaluate(() => window.MeningUyim?.configure({ token: 'fake-token-council' }));
    await eventually(() => auth(GREEN.id)).toEqual(['Bearer fake-token-admin', 'Bearer fake-token-council']);
    // The card with its own token has nothing new to ask for.
    expect(auth(RED.id)).toHaveLength(1);
  });

  it('tolerates the script being loaded twice', async () => {
    await open(`<mu-building-card lang="en" building-id="${GREEN.id}"></mu-building-card>`, {
      scripts: [BUNDLE, `${BUNDLE}?copy=2`],
    });
    await eventually(() => textOf(title())).toBe(GREEN.address);
    // A third copy arriving late, after elements exist, must not throw either.
    await page.addScriptTag({ type: 'module', url: `${BUNDLE}?copy=3` });
    await page.evaluate(() => window.MeningUyim?.configure({ lang: 'ru' }));
    await eventually(() => textOf(title())).toBe(GREEN.address);
    const copies = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/mening-uyim.js')).length,
    );
    expect(copies).toBe(3);
    expect(pageErrors).toEqual([]);
  });

  it('takes its badge colour from a CSS custom property and exposes parts', async () => {
    await open(
      `<mu-building-card id="default" building-id="${GREEN.id}"></mu-building-card>
       <mu-building-card id="themed" building-id="${GREEN.id}"></mu-building-card>`,
      {
        head: `<style>
          #themed { --mu-condition-green: rgb(1, 2, 3); }
          #themed::part(title) { color: rgb(4, 5, 6); }
        </style>`,
      },
    );
    await eventually(() => textOf(badge('#themed'))).not.toBe('');
    const background = (id: string) => badge(id).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background('#default')).toBe('rgb(26, 127, 55)');
    expect(await background('#themed')).toBe('rgb(1, 2, 3)');
    expect(await title('#themed').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(4, 5, 6)');
  });

  it('has a heading, a labelled badge, a busy state and a keyboard-reachable retry', async () => {
    api.held.add(GREEN.id);
    await open(
      `<mu-building-card id="one" lang="en" building-id="${GREEN.id}"></mu-building-card>
       <mu-building-card id="two" lang="en" heading-level="3" building-id="${FLAKY_BUILDING_ID}"></mu-building-card>`,
    );
    const loading = card('#one').getByRole('status');
    await eventually(() => textOf(loading)).toBe('Loading…');
    expect(await loading.getAttribute('aria-busy')).toBe('true');
    api.release();

    const heading = card('#one').getByRole('heading', { level: 2 });
    await eventually(() => textOf(heading)).toBe(GREEN.address);
    expect(await card('#one').getByRole('article', { name: GREEN.address }).count()).toBe(1);
    expect(
      await card('#one').getByRole('img', { name: 'Condition class: Green — good condition' }).count(),
    ).toBe(1);

    const retry = card('#two').getByRole('button', { name: 'Try again' });
    await eventually(() => retry.count()).toBe(1);
    // The first card's sections (resource picker, table toggle) come first in the tab order.
    for (let i = 0; i < 10 && !(await retry.evaluate((el) => el.matches(':focus'))); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await retry.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(() => textOf(card('#two').getByRole('heading', { level: 3 }))).toBe(GREEN.address);
  });
});
