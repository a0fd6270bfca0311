// Styles the register's elements share: an organization's status badge and TIN as the register
// list shows them, and the term–value rows its cards list facts in.
import { css } from 'lit';

export const registerStatusStyles = css`
  .tin {
    font-family: var(--mu-font-mono, ui-monospace, monospace);
  }
  .badge.registered {
    color: var(--mu-register-ok, #1a7f37);
  }
  .badge.suspended {
    color: var(--mu-register-warning, #8a5a00);
  }
  .badge.removed {
    color: var(--mu-register-danger, #b42318);
  }
`;

export const factRowStyles = css`
  dt {
    color: var(--mu-color-muted, #5b6675);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
