// Styles of <mu-commissioning>, themed from outside through the shared --mu-* custom properties.
import { css } from 'lit';
import { badgeStyles, baseStyles, cardHeaderStyles, cardStyles, factsStyles } from '../core/styles.ts';

export const commissioningStyles = [
  baseStyles,
  cardHeaderStyles,
  cardStyles,
  badgeStyles,
  factsStyles,
  css`
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0.4rem;
    }
    .badge.commissioned {
      color: var(--mu-commissioning-ok, #1a7f37);
    }
    .badge.waiting {
      color: var(--mu-commissioning-warning, #8a5a00);
    }
    .badge.rejected {
      color: var(--mu-commissioning-danger, #b42318);
    }
    .checklist,
    .acts,
    .signatures,
    .timeline ol {
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    .checklist {
      list-style: none;
      padding: 0;
    }
    .checklist li,
    .acts > li,
    .timeline li {
      margin: 0.3rem 0;
    }
    .mark.ok,
    .notice.ok {
      color: var(--mu-commissioning-ok, #1a7f37);
    }
    .mark.no,
    .why,
    .notice.error,
    .error {
      color: var(--mu-color-error, #a3161a);
    }
    .name,
    .act-title,
    .party,
    .timeline .action {
      font-weight: 600;
    }
    .why,
    .evidence {
      margin-inline-start: 1.4rem;
      font-size: 0.9rem;
    }
    .form {
      display: grid;
      /* A grid track takes its widest item's width: a long option (an organization's name) would
         push the form past a phone's screen. */
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5rem;
      margin-top: 0.6rem;
    }
    label {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.2rem;
      font-size: 0.9rem;
    }
    input,
    select,
    textarea {
      max-width: 100%;
      font: inherit;
      padding: 0.3em 0.5em;
      border: 1px solid var(--mu-color-border, #d6dde6);
      border-radius: var(--mu-radius-small, 6px);
    }
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline: 3px solid var(--mu-color-focus, #f2a900);
      outline-offset: 1px;
    }
    .form button,
    .buttons button {
      justify-self: start;
      margin-inline-end: 0.5rem;
    }
    button.danger {
      background: var(--mu-commissioning-danger, #b42318);
      border-color: var(--mu-commissioning-danger, #b42318);
    }
    button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    .notice p {
      margin: 0.4rem 0 0;
    }
  `,
];
