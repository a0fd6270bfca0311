// How a widget tells its page that the person wants another object: a `mu-navigate` event whose
// detail is the same { kind, id } a mail link carries (domain/common/links.ts), plus `href`, the
// link in the pattern `?open=<kind>:<id>` relative to the page. A host portal listens once on its
// document and routes every kind its own way; the demo portal does that in portal-open.js.
import { type LinkKind, OPEN_PARAM } from '../../domain/common/links.ts';

export interface NavigateDetail {
  kind: LinkKind;
  id: string;
  href: string;
}

/** Dispatches `mu-navigate` (bubbling, composed); false when a listener called preventDefault(). */
export function emitNavigate(from: HTMLElement, kind: LinkKind, id: string): boolean {
  const href = `?${OPEN_PARAM}=${kind}:${encodeURIComponent(id)}`;
  return from.dispatchEvent(
    new CustomEvent<NavigateDetail>('mu-navigate', {
      detail: { kind, id, href },
      bubbles: true,
      composed: true,
      cancelable: true,
    }),
  );
}
