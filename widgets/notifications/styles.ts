// What the notifications widgets share on top of the core styles.
import { css } from 'lit';
import { badgeStyles, baseStyles, cardStyles, disclosureStyles, formStyles } from '../core/styles.ts';
import { tableScrollStyles } from '../core/table-scroll.ts';

export const notificationStyles = [
  baseStyles,
  cardStyles,
  formStyles,
  disclosureStyles,
  badgeStyles,
  tableScrollStyles,
  css`
    h2 {
      margin: 0 0 0.8rem;
      font-size: var(--mu-title-size, 1.25rem);
    }
    h3 {
      margin: 1rem 0 0.4rem;
      font-size: 1.05rem;
    }
    ul.plain {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .stack > * + * {
      margin-top: 0.9rem;
    }
    .channel {
      padding: 0.6rem 0;
      border-top: 1px solid var(--mu-color-border, #d6dde6);
    }
    .channel:first-child {
      border-top: none;
    }
    .channel-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .channel-head label {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      margin: 0;
    }
    .check {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      font-weight: 600;
    }
    .check input {
      margin-top: 0.3em;
    }
    .note {
      border-inline-start: 4px solid var(--mu-color-accent, #0b5fa5);
      padding: 0.4rem 0.7rem;
      background: var(--mu-color-surface-alt, #f4f7fb);
      margin: 0.5rem 0 0;
    }
    .warn {
      color: var(--mu-color-error, #b42318);
      margin: 0.3rem 0 0;
    }
    .field-error {
      color: var(--mu-color-error, #b42318);
      margin: 0.3rem 0 0;
      font-weight: 600;
    }
    .link-panel {
      display: flex;
      flex-wrap: wrap;
      gap: 0.8rem;
      align-items: flex-start;
      margin-top: 0.6rem;
    }
    .link-panel a,
    .address {
      overflow-wrap: anywhere;
    }
    .qr {
      display: block;
      max-width: 100%;
      height: auto;
    }
    .notice {
      padding: 0.7rem 0;
      border-top: 1px solid var(--mu-color-border, #d6dde6);
    }
    .notice.unread .subject {
      font-weight: 700;
    }
    .notice .subject {
      margin: 0.2rem 0;
      overflow-wrap: anywhere;
    }
    .notice .body {
      margin: 0.2rem 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .badge.unread {
      color: var(--mu-color-accent, #0b5fa5);
    }
    .badge.legal {
      color: var(--mu-color-error, #b42318);
    }
    table {
      border-collapse: collapse;
      min-width: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 0.3rem 0.5rem;
      border-bottom: 1px solid var(--mu-color-border, #d6dde6);
    }
    td.n {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
  `,
];
