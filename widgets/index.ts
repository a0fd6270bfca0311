// Entry of the embeddable bundle, the one URL portals embed. It stays small: it knows every tag
// and fetches an element's code (and its texts in the page's language) only when the tag first
// appears on the page. Chunks are resolved against this module's own URL, so a portal on another
// origin loads them from wherever it loaded this file.
import type { MuAppealDetails } from './appeals/appeal-details.ts';
import type { MuAppealForm } from './appeals/appeal-form.ts';
import type { MuAppealsBoard } from './appeals/board.ts';
import type { MuMyAppeals } from './appeals/my-appeals.ts';
import type { MuBillingViolations } from './billing/billing-violations.ts';
import type { MuBuildingAccount } from './billing/building-account.ts';
import type { MuBuildingCollection } from './billing/building-collection.ts';
import type { MuBuildingDebtors } from './billing/building-debtors.ts';
import type { MuMyBills } from './billing/my-bills.ts';
import type { MuReceiptPay } from './billing/receipt-pay.ts';
import type { MuUnmatchedPayments } from './billing/unmatched-payments.ts';
import type { MuCommissioning } from './commissioning/mu-commissioning.ts';
import type { MuContract } from './contracts/mu-contract.ts';
import { configure } from './core/config.ts';
import { defineLazily } from './core/lazy-define.ts';
import type { MuMeetingActions } from './meetings/actions.ts';
import type { MuMeetingBallot } from './meetings/ballot.ts';
import type { MuMeetingCall } from './meetings/call.ts';
import type { MuMeetingCancel } from './meetings/cancel.ts';
import type { MuMeetingDiscussion } from './meetings/discussion.ts';
import type { MuMeeting } from './meetings/mu-meeting.ts';
import type { MuMeetings } from './meetings/mu-meetings.ts';
import type { MuMeetingParticipation } from './meetings/participation.ts';
import type { MuMeetingPostpone } from './meetings/postpone.ts';
import type { MuMeetingResults } from './meetings/results.ts';
import type { MuMeetingSignOff } from './meetings/sign-off.ts';
import type { MuMeetingVoting } from './meetings/voting.ts';
import type { MuRegisterHistory } from './register/history.ts';
import type { MuRegister } from './register/mu-register.ts';
import type { MuBuildingCard } from './registry/building-card.ts';
import type { MuBuildingCondition } from './registry/building-condition.ts';
import type { MuBuildingConsumption } from './registry/building-consumption.ts';
import type { MuDistrictSummary } from './registry/district-summary.ts';
import type { MuBuildingReports } from './reports/building-reports.ts';
import type { MuReportEditor } from './reports/report-editor.ts';
import type { MuReportsBoard } from './reports/reports-board.ts';

export type { SigningKey } from './contracts/key-store.ts';
export type { ApiError, Problem, ProblemFieldError } from './core/api.ts';
export type { WidgetOptions } from './core/config.ts';
export type { MeetingChange } from './meetings/staff-element.ts';
// The classes arrive with their tags; a portal that needs one awaits customElements.whenDefined().
export type {
  MuAppealDetails,
  MuAppealForm,
  MuAppealsBoard,
  MuBillingViolations,
  MuBuildingAccount,
  MuBuildingCard,
  MuBuildingCollection,
  MuBuildingCondition,
  MuBuildingConsumption,
  MuBuildingDebtors,
  MuBuildingReports,
  MuCommissioning,
  MuContract,
  MuDistrictSummary,
  MuMeeting,
  MuMeetingActions,
  MuMeetingBallot,
  MuMeetingCall,
  MuMeetingCancel,
  MuMeetingDiscussion,
  MuMeetingParticipation,
  MuMeetingPostpone,
  MuMeetingResults,
  MuMeetingSignOff,
  MuMeetings,
  MuMeetingVoting,
  MuMyAppeals,
  MuMyBills,
  MuReceiptPay,
  MuRegister,
  MuRegisterHistory,
  MuReportEditor,
  MuReportsBoard,
  MuUnmatchedPayments,
};
export { configure };

/** The device's signing key for `userId` (see contracts/key-store.ts), fetched with its code. */
export async function getOrCreateSigningKey(
  userId: string,
): Promise<import('./contracts/key-store.ts').SigningKey> {
  const { getOrCreateSigningKey: get } = await import('./contracts/key-store.ts');
  return get(userId);
}

defineLazily({
  'mu-building-card': () => import('./registry/building-card.ts').then((m) => m.MuBuildingCard),
  // The sections of <mu-building-card>; usable alone next to a portal's own building page.
  'mu-building-condition': () =>
    import('./registry/building-condition.ts').then((m) => m.MuBuildingCondition),
  'mu-building-consumption': () =>
    import('./registry/building-consumption.ts').then((m) => m.MuBuildingConsumption),
  'mu-district-summary': () => import('./registry/district-summary.ts').then((m) => m.MuDistrictSummary),
  'mu-meetings': () => import('./meetings/mu-meetings.ts').then((m) => m.MuMeetings),
  'mu-meeting': () => import('./meetings/mu-meeting.ts').then((m) => m.MuMeeting),
  // The parts of <mu-meeting>; usable alone by a portal that lays a meeting out its own way.
  'mu-meeting-participation': () =>
    import('./meetings/participation.ts').then((m) => m.MuMeetingParticipation),
  'mu-meeting-voting': () => import('./meetings/voting.ts').then((m) => m.MuMeetingVoting),
  'mu-meeting-ballot': () => import('./meetings/ballot.ts').then((m) => m.MuMeetingBallot),
  'mu-meeting-discussion': () => import('./meetings/discussion.ts').then((m) => m.MuMeetingDiscussion),
  'mu-meeting-results': () => import('./meetings/results.ts').then((m) => m.MuMeetingResults),
  // Staff screens: calling a meeting, and changing or signing off one meeting (all three under
  // <mu-meeting-actions>, each also usable alone).
  'mu-meeting-call': () => import('./meetings/call.ts').then((m) => m.MuMeetingCall),
  'mu-meeting-actions': () => import('./meetings/actions.ts').then((m) => m.MuMeetingActions),
  'mu-meeting-postpone': () => import('./meetings/postpone.ts').then((m) => m.MuMeetingPostpone),
  'mu-meeting-cancel': () => import('./meetings/cancel.ts').then((m) => m.MuMeetingCancel),
  'mu-meeting-sign-off': () => import('./meetings/sign-off.ts').then((m) => m.MuMeetingSignOff),
  'mu-register': () => import('./register/mu-register.ts').then((m) => m.MuRegister),
  'mu-register-history': () => import('./register/history.ts').then((m) => m.MuRegisterHistory),
  'mu-contract': () => import('./contracts/mu-contract.ts').then((m) => m.MuContract),
  'mu-appeal-form': () => import('./appeals/appeal-form.ts').then((m) => m.MuAppealForm),
  'mu-my-appeals': () => import('./appeals/my-appeals.ts').then((m) => m.MuMyAppeals),
  // The part of <mu-my-appeals> behind each "Details"; usable alone for one appeal.
  'mu-appeal-details': () => import('./appeals/appeal-details.ts').then((m) => m.MuAppealDetails),
  'mu-appeals-board': () => import('./appeals/board.ts').then((m) => m.MuAppealsBoard),
  'mu-commissioning': () => import('./commissioning/mu-commissioning.ts').then((m) => m.MuCommissioning),
  'mu-my-bills': () => import('./billing/my-bills.ts').then((m) => m.MuMyBills),
  // The part of <mu-my-bills> behind each receipt's "Pay".
  'mu-receipt-pay': () => import('./billing/receipt-pay.ts').then((m) => m.MuReceiptPay),
  'mu-building-account': () => import('./billing/building-account.ts').then((m) => m.MuBuildingAccount),
  // The sections of <mu-building-account> under the statement, each also usable alone.
  'mu-building-debtors': () => import('./billing/building-debtors.ts').then((m) => m.MuBuildingDebtors),
  'mu-building-collection': () =>
    import('./billing/building-collection.ts').then((m) => m.MuBuildingCollection),
  'mu-unmatched-payments': () => import('./billing/unmatched-payments.ts').then((m) => m.MuUnmatchedPayments),
  'mu-billing-violations': () => import('./billing/billing-violations.ts').then((m) => m.MuBillingViolations),
  'mu-building-reports': () => import('./reports/building-reports.ts').then((m) => m.MuBuildingReports),
  'mu-reports-board': () => import('./reports/reports-board.ts').then((m) => m.MuReportsBoard),
  'mu-report-editor': () => import('./reports/report-editor.ts').then((m) => m.MuReportEditor),
});

declare global {
  interface Window {
    /** For pages that use a plain script tag and cannot `import` from the module. */
    MeningUyim?: { configure: typeof configure };
  }
  interface HTMLElementTagNameMap {
    'mu-building-card': MuBuildingCard;
    'mu-building-condition': MuBuildingCondition;
    'mu-building-consumption': MuBuildingConsumption;
    'mu-district-summary': MuDistrictSummary;
    'mu-meetings': MuMeetings;
    'mu-meeting': MuMeeting;
    'mu-meeting-participation': MuMeetingParticipation;
    'mu-meeting-voting': MuMeetingVoting;
    'mu-meeting-ballot': MuMeetingBallot;
    'mu-meeting-discussion': MuMeetingDiscussion;
    'mu-meeting-results': MuMeetingResults;
    'mu-meeting-call': MuMeetingCall;
    'mu-meeting-actions': MuMeetingActions;
    'mu-meeting-postpone': MuMeetingPostpone;
    'mu-meeting-cancel': MuMeetingCancel;
    'mu-meeting-sign-off': MuMeetingSignOff;
    'mu-register': MuRegister;
    'mu-register-history': MuRegisterHistory;
    'mu-contract': MuContract;
    'mu-appeal-form': MuAppealForm;
    'mu-my-appeals': MuMyAppeals;
    'mu-appeal-details': MuAppealDetails;
    'mu-appeals-board': MuAppealsBoard;
    'mu-commissioning': MuCommissioning;
    'mu-my-bills': MuMyBills;
    'mu-receipt-pay': MuReceiptPay;
    'mu-building-account': MuBuildingAccount;
    'mu-building-debtors': MuBuildingDebtors;
    'mu-building-collection': MuBuildingCollection;
    'mu-unmatched-payments': MuUnmatchedPayments;
    'mu-billing-violations': MuBillingViolations;
    'mu-building-reports': MuBuildingReports;
    'mu-reports-board': MuReportsBoard;
    'mu-report-editor': MuReportEditor;
  }
}

// A second copy of the bundle must not replace the first one's API (whose elements are the
// registered ones); configure() shares its state between copies anyway.
window.MeningUyim ??= { configure };
