// Previous / next for a paged list, the same in every widget; nothing when one page holds it all.
import { html, nothing, type TemplateResult } from 'lit';

export interface PagePosition {
  page: number;
  pageSize: number;
  total: number;
}

export function renderPager(
  list: PagePosition,
  labels: { previous: string; next: string },
  go: (delta: -1 | 1) => void,
): TemplateResult | typeof nothing {
  if (list.total <= list.pageSize) return nothing;
  return html`<div part="pager" class="pager">
    <button type="button" class="secondary" ?disabled=${list.page <= 1} @click=${() => go(-1)}>
      ${labels.previous}
    </button>
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
