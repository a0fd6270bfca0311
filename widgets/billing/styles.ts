// Styles the billing widgets share: lists that stack on a 360 px phone, amounts aligned right in
// tabular figures, owed amounts and advances told apart by words, not only colour.
import { css } from 'lit';
import { baseStyles, cardStyles } from '../core/styles.ts';

export const billingStyles = [
  baseStyles,
  cardStyles,
  css`
    h2 {
      font-size: 1.2em;
      margin: 0 0 0.75em;
    }
    h3 {
      font-size: 1.02em;
      margin: 1.25em 0 0.5em;
    }
    ul.rows {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    ul.rows > li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      justify-content: space-between;
      padding: 0.6em 0;
      border-top: 1px solid var(--mu-color-border, #d6dde6);
    }
    .grow {
      flex: 1 1 12em;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .amount,
    .num {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      text-align: right;
    }
    .owed {
      font-weight: 600;
      color: var(--mu-color-danger, #a4262c);
    }
    .advance {
      font-weight: 600;
      color: var(--mu-color-success, #1e7b34);
    }
    .small {
      font-size: 0.875em;
    }
    .buttons {
      display: flex;
      gap: 0.4em;
      flex-wrap: wrap;
    }
    button.pdf {
      padding: 0.15em 0.6em;
      font-size: 0.875em;
    }
    .pager {
      display: flex;
      gap: 0.5em;
      justify-content: flex-end;
      margin-top: 0.5em;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.9em;
    }
    th,
    td {
      padding: 0.35em 0.5em;
      border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      text-align: left;
      vertical-align: top;
    }
    th.num,
    td.num {
      text-align: right;
    }
    .error {
      color: var(--mu-color-danger, #a4262c);
    }
  `,
];

/** A chart with its legend (the statement's and the collection rate's): scales to the card's width. */
export const chartStyles = css`
  figure {
    margin: 0;
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
  }
  svg text {
    font-size: 20px;
    fill: var(--mu-color-muted, #5b6675);
  }
  .legend {
    list-style: none;
    padding: 0;
    margin: 0.5em 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    font-size: 0.875em;
  }
  svg.swatch {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-right: 0.35em;
    vertical-align: -0.1em;
  }
`;
