// Styles of the resident's and the technician's dispatch widgets: the shared looks, plus urgency
// colours (--mu-dispatch-emergency, -urgent, -routine) and big touch targets for a phone in a
// technician's hand.
import { css } from 'lit';
import { badgeStyles, baseStyles, cardStyles, factsStyles, formStyles } from '../core/styles.ts';

export const dispatchStyles = [
  baseStyles,
  cardStyles,
  badgeStyles,
  factsStyles,
  formStyles,
  css`
    h2 {
      margin: 0 0 0.8rem;
      font-size: var(--mu-title-size, 1.25rem);
    }
    h3,
    h4 {
      font-size: 1rem;
      margin: 0.9rem 0 0.4rem;
    }
    .field {
      margin: 0 0 0.9rem;
      min-width: 0;
    }
    textarea {
      min-height: 6rem;
      resize: vertical;
    }
    .number {
      font-family: var(--mu-font-mono, ui-monospace, monospace);
      font-weight: 700;
    }
    .urgency {
      display: inline-block;
      border-radius: 999px;
      padding: 0.05em 0.6em;
      font-weight: 650;
      border: 1px solid currentColor;
    }
    .urgency.emergency {
      color: var(--mu-dispatch-emergency-text, #fff);
      background: var(--mu-dispatch-emergency, #b42318);
      border-color: var(--mu-dispatch-emergency, #b42318);
    }
    .urgency.urgent {
      color: var(--mu-dispatch-urgent, #8a5a00);
    }
    .urgency.routine {
      color: var(--mu-dispatch-routine, #35506b);
    }
    .items {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .item {
      border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      padding: 0.7rem 0;
    }
    .item:last-child {
      border-bottom: none;
    }
    .item.emergency {
      border-inline-start: 4px solid var(--mu-dispatch-emergency, #b42318);
      padding-inline-start: 0.6rem;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.3rem 0.7rem;
    }
    .quote {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 0.4rem 0;
      padding: 0.4rem 0.6rem;
      border-inline-start: 3px solid var(--mu-color-border, #d6dde6);
      background: var(--mu-color-selected, #f4f7fb);
    }
    .timeline ol {
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    .timeline li {
      margin: 0.2rem 0;
    }
    .timeline time {
      color: var(--mu-color-muted, #5b6675);
      font-variant-numeric: tabular-nums;
    }
    .countdown {
      font-weight: 650;
      white-space: nowrap;
    }
    .countdown.late {
      color: var(--mu-dispatch-emergency, #b42318);
    }
    .steps {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.6rem;
    }
    .steps button,
    .big {
      min-height: 44px;
      flex: 1 1 10rem;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 1rem;
    }
    .choices label {
      display: inline-flex;
      gap: 0.3rem;
      font-weight: 400;
    }
    .files {
      list-style: none;
      margin: 0.3rem 0 0;
      padding: 0;
    }
    .files li {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      overflow-wrap: anywhere;
    }
    form + form {
      margin-top: 0.9rem;
    }
  `,
];
