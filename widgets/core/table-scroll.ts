// A wide table on a phone: it scrolls sideways inside its own box, so the page around it keeps the
// screen's width. The box is a named, focusable region, so a keyboard can scroll it too.
import { css, html, type TemplateResult } from 'lit';

/** `table` in a box that scrolls sideways when the table is wider than the widget. */
export const tableScroll = (label: string, table: TemplateResult): TemplateResult =>
  html`<div part="table-scroll" class="table-scroll" role="region" aria-label=${label} tabindex="0">${table}</div>`;

export const tableScrollStyles = css`
  .table-scroll {
    /* Also the box of the table's visually hidden texts, which would otherwise stick out of the page. */
    position: relative;
    max-width: 100%;
    overflow-x: auto;
  }
  .table-scroll:focus-visible {
    outline: 3px solid var(--mu-color-focus, #f2a900);
    outline-offset: 2px;
  }
`;
