// Previous / next for a paged list, the same in every widget; nothing when one page holds it all.
import { html, nothing, type TemplateResult } from 'lit';

export interface PagePosition {
  page: number;
  pageSize: number;
  total: number;
}

/** The `page-size` attribute as the API takes it: a whole number from 1 to 200. */
export const pageSizeOf = (value: number, fallback: number): number =>
  Math.min(200, Math.max(1, Math.trunc(value) || fallback));

/** The place of a page's items in the whole list, for "21–40 of 57"; null when it holds none. */
export function pageRange(
  list: PagePosition & { items: readonly unknown[] },
): { from: number; to: number; total: number } | null {
  if (list.items.length === 0) return null;
  const from = (list.page - 1) * list.pageSize + 1;
  return { from, to: from + list.items.length - 1, total: list.total };
}

export function renderPager(
  list: PagePosition,
  labels: { previous: string; next: string; range?: string },
  go: (delta: -1 | 1) => void,
): TemplateResult | typeof nothing {
  if (list.total <= list.pageSize) return nothing;
  return html`<div part="pager" class="pager">
    <button type="button" class="secondary" ?disabled=${list.page <= 1} @click=${() => go(-1)}>
      ${labels.previous}
    </button>
    ${labels.range ? html`<span class="range">${labels.range}</span>` : nothing}
    <button
      type="button"
      class="secondary"
      ?disabled=${list.page * list.pageSize >= list.total}
      @click=${() => go(1)}
    >
      ${labels.next}
    </button>
  </div>`;
}
