// Shared by the sections of <mu-building-card> and <mu-district-summary>: a small heading, and
// which failures mean "no data yet" rather than an error worth an alert.
import { css } from 'lit';
import type { ApiError } from '../core/api.ts';

/**
 * Not found (no assessment, an API without the endpoint yet), forbidden and unauthorised are
 * shown as "no data": the card around them already says whether the building itself is visible.
 */
export const isQuiet = (error: ApiError): boolean => [401, 403, 404].includes(error.status);

export const sectionStyles = css`
  section {
    margin-top: 1.1rem;
    padding-top: 0.9rem;
    border-top: 1px solid var(--mu-color-border, #d6dde6);
  }
  :host([standalone]) section {
    margin-top: 0;
    border-top: 0;
  }
  .section-title {
    margin: 0 0 0.5rem;
    font-size: 1rem;
    font-weight: 650;
  }
  p {
    margin: 0 0 0.5rem;
  }
  table {
    border-collapse: collapse;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.75rem 0.25rem 0;
    border-bottom: 1px solid var(--mu-color-border, #d6dde6);
  }
  td.num,
  th.num {
    text-align: end;
  }
`;
