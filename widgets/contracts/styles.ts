// Styles of <mu-contract>, themed from outside through the shared --mu-* custom properties.
import { css } from 'lit';
import { badgeStyles, baseStyles, cardHeaderStyles, cardStyles, factsStyles } from '../core/styles.ts';

export const contractStyles = [
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
    .badge.active {
      color: var(--mu-contract-ok, #1a7f37);
    }
    .badge.awaiting_signatures,
    .badge.amendment_awaiting_signatures,
    .badge.termination_awaiting_signatures {
      color: var(--mu-contract-warning, #8a5a00);
    }
    .badge.terminated {
      color: var(--mu-contract-danger, #b42318);
    }
    .documents {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1rem;
      margin: 1rem 0 0;
    }
    a {
      color: var(--mu-color-accent, #0b5fa5);
    }
    a:focus-visible {
      outline: 3px solid var(--mu-color-focus, #f2a900);
      outline-offset: 2px;
    }
    .signatures,
    .timeline ol {
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    .signatures li,
    .timeline li {
      margin: 0.2rem 0;
    }
    .party {
      font-weight: 600;
    }
    .sig.verified {
      color: var(--mu-contract-ok, #1a7f37);
    }
    .sig.unverified {
      color: var(--mu-contract-warning, #8a5a00);
    }
    .actions {
      margin: 0.8rem 0 0;
    }
    button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    .sign-status p {
      margin: 0.4rem 0 0;
    }
    .sign-status.ok {
      color: var(--mu-contract-ok, #1a7f37);
    }
    .sign-status.error,
    .error,
    .flagged {
      color: var(--mu-color-error, #a3161a);
    }
    .timeline .action {
      font-weight: 600;
    }
    .detail {
      font-size: 0.9rem;
    }
  `,
];
