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
