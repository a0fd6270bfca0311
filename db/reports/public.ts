// What other capabilities may use of the quarterly reports:
// - the register's periodic re-check counts an organization's reports that missed their deadline
//   (a report late twice in a year is a finding against the organization).
// Everything else in db/reports is the reports' own.
export { lateReportsOf } from './late.ts';
