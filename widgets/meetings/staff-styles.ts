// Looks of the staff elements: the meeting widgets' forms and alerts (styles.ts), laid out in one
// column that fits a 360 px screen without scrolling sideways.
import { css } from 'lit';
import { meetingStyles } from './styles.ts';

export const staffStyles = [
  meetingStyles,
  css`
    .form {
      display: grid;
      gap: 0.7rem;
    }
    .field,
    fieldset {
      display: grid;
      gap: 0.2rem;
    }
    .heading {
      margin-bottom: 0;
    }
    .notice {
      margin: 0 0 0.7rem;
    }
  `,
];
