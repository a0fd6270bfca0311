// Styles the report widgets share: works stacked as cards on a 360 px phone, wide tables inside a
// scroll box of their own, statuses told apart by words, not only colour.
import { css } from 'lit';
import { badgeStyles, baseStyles, cardStyles, formStyles } from '../core/styles.ts';

export const reportsStyles = [
  baseStyles,
  cardStyles,
  badgeStyles,
  formStyles,
  css`
    h2 {
      font-size: 1.2em;
      margin: 0 0 0.75em;
    }
    h3 {
      font-size: 1.05em;
      margin: 1.25em 0 0.5em;
    }
    h4 {
      font-size: 1em;
      margin: 0.75em 0 0.35em;
    }
    ul.works {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    ul.works > li {
      padding: 0.5em 0;
      border-top: 1px solid var(--mu-color-border, #d6dde6);
      overflow-wrap: anywhere;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2em 1em;
      font-size: 0.9em;
    }
    .scroll {
      overflow-x: auto;
      max-width: 100%;
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
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 1em;
      list-style: none;
      padding: 0;
      font-size: 0.9em;
    }
    .swatch {
      display: inline-block;
      width: 0.9em;
      height: 0.9em;
      border-radius: 2px;
      margin-inline-end: 0.3em;
      vertical-align: -0.1em;
    }
    .suspended {
      color: var(--mu-color-danger, #a4262c);
      font-weight: 600;
    }
    .small {
      font-size: 0.875em;
    }
    .photos {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      list-style: none;
      padding: 0;
      margin: 0.25em 0;
    }
    .photos figure {
      margin: 0;
      max-width: 9em;
    }
    .photo {
      display: block;
      max-width: 100%;
      height: auto;
      border-radius: 4px;
    }
    .act {
      border-inline-start: 3px solid var(--mu-color-border, #d0d5dd);
      padding-inline-start: 0.75em;
    }
  `,
];
