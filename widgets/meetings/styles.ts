// Looks shared by the meeting elements, on top of baseStyles; every colour is a --mu-* variable
// with a default, so a portal re-themes the meeting the same way as the building card. Forms,
// alerts and confirmations look as in every widget (core/styles.ts).
import { css } from 'lit';
import { cardStyles, formStyles } from '../core/styles.ts';

export const meetingStyles = [
  cardStyles,
  formStyles,
  css`
  .section {
    margin-top: 1.4rem;
    padding-top: 1.1rem;
    border-top: 1px solid var(--mu-color-border, #d6dde6);
  }
  .heading {
    margin: 0 0 0.6rem;
    font-size: 1.05rem;
    font-weight: 650;
  }
  .phase {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.2em 0.75em;
    border-radius: 999px;
    border: 1px solid transparent;
    font-size: 0.85rem;
    font-weight: 600;
    white-space: nowrap;
    background: var(--mu-phase-upcoming, #e3efff);
    color: var(--mu-phase-upcoming-text, #0b3f75);
  }
  .phase::before {
    content: '';
    width: 0.55em;
    height: 0.55em;
    border-radius: 50%;
    background: currentColor;
  }
  .phase.voting {
    background: var(--mu-phase-voting, #1a7f37);
    color: var(--mu-phase-voting-text, #fff);
  }
  .phase.counting,
  .phase.decided,
  .phase.appeal_window,
  .phase.completed {
    background: var(--mu-phase-closed, #e8ebef);
    color: var(--mu-phase-closed-text, #36414f);
  }
  .phase.cancelled,
  .phase.failed {
    background: var(--mu-phase-stopped, #fde8e7);
    color: var(--mu-phase-stopped-text, #9b1c13);
  }
  .status {
    display: flex;
    align-items: center;
    gap: 0.6em;
  }
  .hash {
    font-family: var(--mu-font-mono, ui-monospace, 'SFMono-Regular', Consolas, monospace);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0.4rem 0;
  }
`,
];
