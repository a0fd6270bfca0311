// What other capabilities may use of the dispatch service's tables:
// - a quarterly report's summary shows the reporting organization's response-time figures for its
//   quarter (the share of each legal time met, the median minutes);
// - the register's periodic re-check measures the organization's dispatch service by what it did:
//   the roster's round-the-clock coverage and the share of legal times met.
// Everything else in db/dispatch is the dispatch service's own.
export type { MeasureFigure, ResponseFigures } from '../../domain/dispatch/figures.ts';
export { type DispatchRecord, dispatchRecordOf, quarterFiguresOf } from './figures.ts';
