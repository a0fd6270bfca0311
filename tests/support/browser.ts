// Headless Chromium for widget and portal tests: the Debian build at /usr/bin/chromium, never a
// downloaded one, with everything that would reach the network at start-up switched off.
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type FileChooser,
  type Locator,
  type Page,
} from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Each launch gets a fresh temporary profile, created and removed by Playwright itself: it
 * refuses `--user-data-dir` in `args` (that is launchPersistentContext's job). `args` adds to
 * CHROMIUM_ARGS (`--lang=en-US`: the browser's own words, a native file input's, are English).
 */
export function launchBrowser(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    timeout: 30_000,
  });
}

/**
 * Rendered text of an element, whitespace collapsed. Locators pierce open shadow roots, so
 * `page.locator('mu-building-card [part~="title"]')` already reaches inside a widget.
 */
export async function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, which is what users read.
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Texts of every match, in document order, whitespace collapsed. */
export async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors, in order; a test fails on any it did not expect. */
  errors: string[];
}

/**
 * A fresh context and page that collect what the browser reports as errors. `expected` matches
 * console errors a test causes on purpose (the browser logs every 4xx/5xx answer it receives).
 */
export async function newWatchedPage(
  browser: Browser,
  options: BrowserContextOptions & { timeout?: number; expected?: RegExp } = {},
): Promise<WatchedPage> {
  const { timeout = 15_000, expected, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...contextOptions });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A failed resource's message does not name it; its location does, so a failure says which.
    const where = message.location().url;
    const said =
      message.text().startsWith('Failed to load resource') && where
        ? `${message.text()} ${where}`
        : message.text();
    if (message.type() === 'error' && !expected?.test(said)) errors.push(said);
  });
  return { context, page, errors };
}

/**
 * The file choosers a page opens, in order, each handed to one `next()`. Subscribed once, before
 * anything opens one: Playwright turns Chromium's chooser interception on when the first listener
 * is added without waiting for it (and off when the last goes), so a `waitForEvent('filechooser')`
 * raced against the key or click that opens it can miss the chooser. The round trip after
 * subscribing comes back after the interception is on. `next()` has no clock of its own: the
 * test's timeout bounds it.
 */
export async function fileChoosers(page: Page): Promise<{ next(): Promise<FileChooser> }> {
  const opened: FileChooser[] = [];
  const waiting: ((chooser: FileChooser) => void)[] = [];
  page.on('filechooser', (chooser) => {
    const waiter = waiting.shift();
    if (waiter) waiter(chooser);
    else opened.push(chooser);
  });
  await page.evaluate(() => 0);
  return {
    next: () => {
      const chooser = opened.shift();
      return chooser ? Promise.resolve(chooser) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}
