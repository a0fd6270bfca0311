// What a person meets on a page, read the way a browser draws it: whether anything sticks out
// sideways, and every text and accessible name, shadow roots included. Shared by the phone-width
// and the one-language checks of the widgets and the demo portal.
import type { Page } from 'playwright-core';

/**
 * Counts the page's requests still in flight, event streams aside (they stay open by design), so a
 * test can wait for the widgets' answers instead of for a time.
 */
export function trackRequests(page: Page): () => number {
  const open = new Set<unknown>();
  page.on('request', (r) => {
    if (!(r.headers().accept ?? '').includes('text/event-stream')) open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return () => open.size;
}

/**
 * Waits until no request is open and no shown widget says it is busy, twice across an animation
 * frame (a hidden one may wait for an id its page has not given it yet).
 */
export async function settle(page: Page, pending: () => number, timeout = 30_000): Promise<void> {
  const quiet = () =>
    page.evaluate(() => {
      const busy = (root: Document | ShadowRoot): boolean =>
        [...root.querySelectorAll('[aria-busy="true"]')].some((e) => e.checkVisibility()) ||
        [...root.querySelectorAll('*')].some((e) => e.shadowRoot && busy(e.shadowRoot));
      return new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(!busy(document))));
    });
  const deadline = Date.now() + timeout;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error(`page still loading after ${timeout} ms`);
    calm = pending() === 0 && (await quiet()) ? calm + 1 : 0;
    if (calm < 2) await page.waitForTimeout(100);
  }
}

export interface Overflow {
  /** Tag, id, classes and part of the element and its hosts, outermost first. */
  path: string;
  left: number;
  right: number;
  width: number;
}

/**
 * Everything drawn outside the viewport's width, and the document's own sideways scroll. Boxes
 * inside a container that scrolls or clips sideways are the container's business (a wide table in
 * a scrolling box is fine); hidden ones are not drawn.
 */
export function horizontalOverflow(
  page: Page,
): Promise<{ scrollWidth: number; clientWidth: number; boxes: Overflow[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const boxes: Overflow[] = [];
    const name = (e: Element) =>
      `${e.localName}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}${
        e.getAttribute('part') ? `[part=${e.getAttribute('part')}]` : ''
      }`;
    const walk = (root: Document | ShadowRoot, trail: string) => {
      for (const e of root.querySelectorAll('*')) {
        if (!e.checkVisibility()) continue;
        let clipped = false;
        const up = (n: Element): Element | null =>
          n.parentElement ?? ((n.getRootNode() as Partial<ShadowRoot>).host as Element | undefined) ?? null;
        for (let a = up(e); a; a = up(a)) {
          const x = getComputedStyle(a).overflowX;
          if (x !== 'visible') {
            clipped = true;
            break;
          }
        }
        const r = e.getBoundingClientRect();
        if (!clipped && r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
          boxes.push({
            path: `${trail}${name(e)}`,
            left: Math.round(r.left),
            right: Math.round(r.right),
            width: Math.round(r.width),
          });
        if (e.shadowRoot) walk(e.shadowRoot, `${trail}${name(e)} >> `);
      }
    };
    walk(document, '');
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, boxes };
  });
}

export interface Reading {
  /** Where it was read: the element path and, for an attribute, its name. */
  where: string;
  text: string;
}

/**
 * Every text a person reads or hears: drawn text nodes, and the aria-label, title, placeholder
 * and alt attributes, through open shadow roots. `skip` names subtrees left out (a selector).
 */
export function readings(page: Page, skip = ''): Promise<Reading[]> {
  return page.evaluate((skipSelector) => {
    const out: Reading[] = [];
    const name = (e: Element) =>
      `${e.localName}${e.id ? `#${e.id}` : ''}${e.getAttribute('part') ? `[part=${e.getAttribute('part')}]` : ''}`;
    const walk = (root: Document | ShadowRoot | Element, trail: string) => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          const parent = node.parentElement;
          if (text && parent?.checkVisibility() && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(parent.tagName))
            out.push({ where: trail, text });
          continue;
        }
        if (!(node instanceof Element)) continue;
        if (skipSelector && node.matches(skipSelector)) continue;
        const here = `${trail} > ${name(node)}`;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
          const value = node.getAttribute(attr)?.trim();
          if (value) out.push({ where: `${here} @${attr}`, text: value });
        }
        if (node.shadowRoot) walk(node.shadowRoot, `${here} >>`);
        walk(node, here);
      }
    };
    walk(document.body, 'body');
    return out;
  }, skip);
}

/**
 * Where a native file input is drawn, through open shadow roots: its button and "No file chosen"
 * are in the browser's language, whatever the page's (widgets draw core/file-picker.ts instead).
 */
export function nativeFileInputs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Document | ShadowRoot, trail: string) => {
      for (const e of root.querySelectorAll('*')) {
        if (
          e instanceof HTMLInputElement &&
          e.type === 'file' &&
          e.checkVisibility({ opacityProperty: true })
        )
          out.push(`${trail} input${e.id ? `#${e.id}` : ''}`);
        if (e.shadowRoot) walk(e.shadowRoot, `${trail} ${e.localName} >>`);
      }
    };
    walk(document, 'body');
    return out;
  });
}
