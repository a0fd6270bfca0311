// Shared by the meeting widget tests: a host page loading the bundle (tests/support/widget-bundle.ts),
// and small helpers to read inside shadow roots and to follow the keyboard focus through them.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { BUNDLE } from '../support/widget-bundle.ts';

/** A host page as a portal writes it: the module script, then configure() from a plain script. */
export function hostPage(
  body: string,
  opts: { token?: string | null; lang?: string; scripts?: string[] } = {},
) {
  const { token = null, lang = 'en', scripts = [BUNDLE] } = opts;
  const configure =
    token === null
      ? ''
      : `<script type="module">window.MeningUyim.configure({ token: '${token}' });</script>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>test</title>
    <link rel="icon" href="data:,">
    ${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('')}${configure}
    <style>body { font-family: system-ui; max-width: 60rem; margin: 1rem auto; background: #f2f5f9; }</style>
    </head><body>${body}</body></html>`;
}

export const eventually = <T>(fn: () => T | Promise<T>, timeout = 10_000) =>
  expect.poll(fn, { timeout, interval: 50 });

export async function text(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what users read.
  return (await locator.innerText()).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** The focused element, looking through every open shadow root, described for assertions. */
export function focused(
  page: Page,
): Promise<{ tag: string; id: string; name: string; value: string; text: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const input = el as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      name: input?.name ?? '',
      value: input?.value ?? '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
    };
  });
}

/** Presses a key until the focus lands where `until` says, failing after `max` presses. */
export async function tabUntil(
  page: Page,
  until: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  opts: { key?: string; max?: number } = {},
): Promise<void> {
  const { key = 'Tab', max = 40 } = opts;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (until(await focused(page))) return;
  }
  throw new Error(
    `focus never reached the target after ${max} × ${key}; now on ${JSON.stringify(await focused(page))}`,
  );
}
