// Design tokens shared by all widgets. Each is read through var(--mu-…, fallback) so the widgets
// look finished on a page that sets nothing, and a portal re-themes them from outside the shadow
// root by setting the custom properties on the element or any ancestor.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--mu-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    font-size: var(--mu-font-size, 1rem);
    line-height: 1.45;
    color: var(--mu-color-text, #1b2430);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .muted {
    color: var(--mu-color-muted, #5b6675);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--mu-radius-small, 6px);
    border: 1px solid var(--mu-color-accent, #0b5fa5);
    background: var(--mu-color-accent, #0b5fa5);
    color: var(--mu-color-on-accent, #fff);
    padding: 0.35em 0.9em;
  }
  button:focus-visible {
    outline: 3px solid var(--mu-color-focus, #f2a900);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/** The box every widget draws itself in. */
export const cardStyles = css`
  .card {
    background: var(--mu-color-surface, #fff);
    border: 1px solid var(--mu-color-border, #d6dde6);
    border-radius: var(--mu-radius, 12px);
    padding: var(--mu-space, 1.25rem);
    box-shadow: var(--mu-shadow, 0 1px 3px rgb(16 24 40 / 8%));
  }
`;

/** Quiet buttons that open a panel in place (details, history): pressed while it is open. */
export const disclosureStyles = css`
  button.secondary {
    background: transparent;
    color: var(--mu-color-accent, #0b5fa5);
    padding: 0.2em 0.7em;
  }
  button.secondary[aria-expanded='true'] {
    background: var(--mu-color-accent, #0b5fa5);
    color: var(--mu-color-on-accent, #fff);
  }
`;

/** A state or status as an outlined pill; its colour only repeats the word. */
export const badgeStyles = css`
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--mu-color-muted, #5b6675);
    white-space: nowrap;
  }
`;

/** Facts as a grid of small labels over their values (`<dl class="facts">`). */
export const factsStyles = css`
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.4rem 1rem;
    margin: 0;
  }
  .facts dt {
    font-size: 0.8rem;
    color: var(--mu-color-muted, #5b6675);
  }
  .facts dd {
    margin: 0;
  }
`;

/** The header every card shares: a kind label over a title, with a badge on the right. */
export const cardHeaderStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.75rem 1rem;
    padding-bottom: 0.9rem;
    margin-bottom: 1rem;
    border-bottom: 1px solid var(--mu-color-border, #d6dde6);
  }
  .kind {
    margin: 0 0 0.2rem;
    font-size: 0.78rem;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  .title {
    margin: 0;
    font-size: var(--mu-title-size, 1.25rem);
    font-weight: 650;
    line-height: 1.3;
  }
`;

/**
 * Forms, alerts and confirmations as every widget draws them: full-width native controls that
 * shrink with a 360 px screen, a visible focus ring, invalid fields marked by more than colour.
 */
export const formStyles = css`
  .error {
    border: 1px solid var(--mu-color-error, #b42318);
    color: var(--mu-color-error, #b42318);
    background: var(--mu-color-error-surface, #fef3f2);
    border-radius: var(--mu-radius-small, 6px);
    padding: 0.6rem 0.8rem;
  }
  .error p {
    margin: 0 0 0.4em;
  }
  .error p:last-child {
    margin: 0;
  }
  .error ul {
    margin: 0.2rem 0 0;
    padding-inline-start: 1.2rem;
  }
  .field-name {
    font-weight: 600;
  }
  .ok {
    border: 1px solid var(--mu-color-success, #1a7f37);
    background: var(--mu-color-success-surface, #ecfdf3);
    border-radius: var(--mu-radius-small, 6px);
    padding: 0.6rem 0.8rem;
  }
  button.secondary {
    background: var(--mu-color-surface, #fff);
    color: var(--mu-color-accent, #0b5fa5);
  }
  /* Greyed out, not only paler: a pale accent button still reads as one to press. */
  button[disabled] {
    opacity: 0.6;
    filter: grayscale(1);
    cursor: not-allowed;
  }
  input:not([type='radio']):not([type='checkbox']),
  select,
  textarea {
    font: inherit;
    width: 100%;
    min-width: 0;
    padding: 0.4em 0.55em;
    border: 1px solid var(--mu-color-border-strong, #8a96a6);
    border-radius: var(--mu-radius-small, 6px);
    background: var(--mu-color-surface, #fff);
    color: inherit;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--mu-color-focus, #f2a900);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  input:not([type='radio']):not([type='checkbox'])[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--mu-color-error, #b42318);
    border-width: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  fieldset {
    min-inline-size: 0;
    margin: 0;
    padding: 0.5rem 0.8rem 0.7rem;
    border: 1px solid var(--mu-color-border, #d6dde6);
    border-radius: var(--mu-radius-small, 6px);
  }
  legend {
    font-weight: 600;
  }
  .hint {
    margin: 0.2rem 0 0;
    font-size: 0.88rem;
    font-weight: 400;
    color: var(--mu-color-muted, #5b6675);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.5rem;
  }
`;
