// Headless Chromium for widget and portal tests: the Debian build at /usr/bin/chromium, never a
// downloaded one, with everything that would reach the network at start-up switched off.
import { type Browser, chromium, type Locator } from 'playwright-core';

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
 * refuses `--user-data-dir` in `args` (that is launchPersistentContext's job).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
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
