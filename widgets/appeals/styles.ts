// Styles of the appeals widgets, themed from outside through the shared --mu-* custom properties
// (plus --mu-appeals-ok / -warning / -danger for states and --mu-appeals-bar for the chart).
import { css } from 'lit';
import {
  badgeStyles,
  baseStyles,
  cardHeaderStyles,
  cardStyles,
  disclosureStyles,
  factsStyles,
} from '../core/styles.ts';

export const appealStyles = [
  baseStyles,
  cardHeaderStyles,
  cardStyles,
  badgeStyles,
  factsStyles,
  disclosureStyles,
  css`
    h2 {
      margin: 0 0 0.8rem;
      font-size: var(--mu-title-size, 1.25rem);
    }
    h3,
    h4 {
      font-size: 1rem;
      margin: 1rem 0 0.4rem;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin: 0 0 0.9rem;
      /* A long option (a category, an organization's name) must not widen the form past a phone. */
      min-width: 0;
      max-width: 100%;
    }
    fieldset {
      border: 1px solid var(--mu-color-border, #d6dde6);
      border-radius: var(--mu-radius-small, 6px);
      margin: 0 0 0.9rem;
      padding: 0.4rem 0.8rem 0.6rem;
    }
    legend,
    label.title {
      font-weight: 600;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 1.2rem;
    }
    select,
    textarea {
      font: inherit;
      color: inherit;
      padding: 0.3em 0.5em;
      border: 1px solid var(--mu-color-border, #d6dde6);
      border-radius: var(--mu-radius-small, 6px);
      background: var(--mu-color-surface, #fff);
      max-width: 100%;
    }
    textarea {
      min-height: 7rem;
      resize: vertical;
    }
    select:focus-visible,
    textarea:focus-visible,
    input:focus-visible,
    a:focus-visible,
    [tabindex='-1']:focus-visible {
      outline: 3px solid var(--mu-color-focus, #f2a900);
      outline-offset: 2px;
    }
    [aria-invalid='true'] {
      border-color: var(--mu-color-error, #a3161a);
      border-width: 2px;
    }
    .hint {
      font-size: 0.88rem;
    }
    .error,
    .field-error {
      color: var(--mu-color-error, #a3161a);
    }
    .field-error {
      margin: 0;
      font-size: 0.9rem;
      font-weight: 600;
    }
    .error ul {
      margin: 0.2rem 0 0;
      padding-inline-start: 1.2rem;
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
      margin: 0.2rem 0;
    }
    button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    .ok {
      color: var(--mu-appeals-ok, #1a7f37);
    }
    .result {
      font-size: 1.05rem;
    }
    .number {
      font-family: var(--mu-font-mono, ui-monospace, monospace);
      font-weight: 700;
    }
    .badge.answered,
    .badge.closed {
      color: var(--mu-appeals-ok, #1a7f37);
    }
    .badge.reopened,
    .badge.escalated {
      color: var(--mu-appeals-warning, #8a5a00);
    }
    .countdown {
      white-space: nowrap;
    }
    .countdown.overdue,
    .overdue-flag {
      color: var(--mu-appeals-danger, #b42318);
      font-weight: 700;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    caption {
      text-align: start;
      font-weight: 650;
      padding-bottom: 0.4rem;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.4rem 0.5rem;
      border-bottom: 1px solid var(--mu-color-border, #d6dde6);
    }
    thead th {
      font-size: 0.85rem;
      color: var(--mu-color-muted, #5b6675);
    }
    td.num,
    th.num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    tr.overdue > * {
      background: var(--mu-appeals-overdue-bg, #fdf0ef);
    }
    tr.overdue > :first-child {
      box-shadow: inset 4px 0 0 var(--mu-appeals-danger, #b42318);
    }
    .pager {
      display: flex;
      justify-content: space-between;
      margin-top: 0.7rem;
    }
    .timeline ol {
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    .timeline li {
      margin: 0.25rem 0;
    }
    .timeline .action {
      font-weight: 600;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0 1rem;
    }
    .check {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      margin: 0 0 0.9rem;
    }
    .export {
      margin: 0 0 0.6rem;
    }
    form + form {
      margin-top: 1.2rem;
    }
    .appeals {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .appeal {
      border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      padding: 0.6rem 0;
    }
    .appeal.overdue {
      border-inline-start: 4px solid var(--mu-appeals-danger, #b42318);
      padding-inline-start: 0.6rem;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.3rem 0.8rem;
    }
    .summary button {
      margin-inline-start: auto;
    }
    .panel {
      margin-top: 0.6rem;
      padding: 0.6rem 0.8rem;
      background: var(--mu-color-selected, #f4f7fb);
      border-radius: var(--mu-radius-small, 6px);
    }
    .quote {
      white-space: pre-wrap;
      margin: 0;
      padding: 0.5rem 0.7rem;
      border-inline-start: 3px solid var(--mu-color-border, #d6dde6);
      background: var(--mu-color-selected, #f4f7fb);
    }
    .attachments ul {
      list-style: none;
      margin: 0.3rem 0 0;
      padding: 0;
    }
    .attachments button {
      max-width: 100%;
      overflow-wrap: anywhere;
      text-align: start;
    }
  `,
];
