// How a widget tells its page that the person wants another object: a `mu-navigate` event whose
// detail is the same { kind, id } a mail link carries (domain/common/links.ts), plus `href`, the
// link in the pattern `?open=<kind>:<id>` relative to the page. A host portal listens once on its
// document and routes every kind its own way; the demo portal does that in portal-open.js.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { type LinkKind, OPEN_PARAM } from '../../domain/common/links.ts';
import { translate } from './i18n.ts';
import { navigateMessages } from './navigate-messages.ts';

export interface NavigateDetail {
  kind: LinkKind;
  id: string;
  href: string;
}

/** Dispatches `mu-navigate` (bubbling, composed); false when a listener called preventDefault(). */
export function emitNavigate(from: HTMLElement, kind: LinkKind, id: string): boolean {
  const href = openHref(kind, id);
  return from.dispatchEvent(
    new CustomEvent<NavigateDetail>('mu-navigate', {
      detail: { kind, id, href },
      bubbles: true,
      composed: true,
      cancelable: true,
    }),
  );
}

/** The address of an object in the page's own `?open=` pattern. */
export const openHref = (kind: LinkKind, id: string): string =>
  `?${OPEN_PARAM}=${kind}:${encodeURIComponent(id)}`;

/**
 * The click handler of any link to an object in the `?open=` pattern: fires `mu-navigate`, and
 * keeps the page when a portal routed it. A click for a new tab or window follows the link as it is.
 */
export function navigateOnClick(from: HTMLElement, kind: LinkKind, id: string): (e: MouseEvent) => void {
  return (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    if (!emitNavigate(from, kind, id)) e.preventDefault();
  };
}

/**
 * A list row's way to the object it shows, the one every list uses: a plain link in the `?open=`
 * pattern (so a host portal that maps the parameter, or a new tab, needs nothing more) whose click
 * first fires `mu-navigate`; a portal that routes it itself calls preventDefault and the page stays.
 * `what` names the object for a screen reader, as the visible word alone ("Open") would not.
 */
export function openLink(
  from: HTMLElement,
  lang: Language,
  kind: LinkKind,
  id: string,
  what: string,
): TemplateResult {
  const click = navigateOnClick(from, kind, id);
  return html`<a part="open-link" class="open-link" href=${openHref(kind, id)} data-kind=${kind} data-id=${id}
    aria-label=${translate(navigateMessages, lang, 'openWhat', { what })} @click=${click}
    >${translate(navigateMessages, lang, 'open')}</a
  >`;
}
