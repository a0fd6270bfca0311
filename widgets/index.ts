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
import type { MuConfirm } from './core/confirm.ts';
import type { Forms } from './core/forms.ts';
import { defineLazily } from './core/lazy-define.ts';
import type { MuDispatchBoard } from './dispatch/board.ts';
import type { MuDispatchFigures } from './dispatch/figures.ts';
import type { MuMyJobs } from './dispatch/my-jobs.ts';
import type { MuDispatchRequests } from './dispatch/my-requests.ts';
import type { MuDispatchRequest } from './dispatch/request-form.ts';
import type { MuDispatchRoster } from './dispatch/roster.ts';
import { ELEMENTS } from './elements.ts';
import type { MuLot } from './lots/lot.ts';
import type { MuLots } from './lots/lots.ts';
import type { MuMeetingActions } from './meetings/actions.ts';
import type { MuMeetingBallot } from './meetings/ballot.ts';
import type { MuMeetingCall } from './meetings/call.ts';
import type { MuMeetingCancel } from './meetings/cancel.ts';
import type { MuMeetingDiscussion } from './meetings/discussion.ts';
import type { MuMeeting } from './meetings/mu-meeting.ts';
import type { MuMeetings } from './meetings/mu-meetings.ts';
import type { MuMeetingNoticeProof } from './meetings/notice-proof.ts';
import type { MuMeetingParticipation } from './meetings/participation.ts';
import type { MuMeetingPostpone } from './meetings/postpone.ts';
import type { MuMeetingResults } from './meetings/results.ts';
import type { MuMeetingSignOff } from './meetings/sign-off.ts';
import type { MuMeetingVoting } from './meetings/voting.ts';
import type { MuInbox } from './notifications/inbox.ts';
import type { MuMailingReport } from './notifications/mailing-report.ts';
import type { MuNotificationSettings } from './notifications/settings.ts';
import type { MuRegisterApplication } from './register/application.ts';
import type { MuRegisterHistory } from './register/history.ts';
import type { MuRegister } from './register/mu-register.ts';
import type { MuRegisterOrganization } from './register/organization-card.ts';
import type { MuBuildingCard } from './registry/building-card.ts';
import type { MuBuildingCondition } from './registry/building-condition.ts';
import type { MuBuildingConsumption } from './registry/building-consumption.ts';
import type { MuConditionAssessment } from './registry/condition-assessment.ts';
import type { MuDistrictSummary } from './registry/district-summary.ts';
import type { MuBuildingReports } from './reports/building-reports.ts';
import type { MuReportEditor } from './reports/report-editor.ts';
import type { MuReportPhoto } from './reports/report-photo.ts';
import type { MuReportsBoard } from './reports/reports-board.ts';

export type { SigningKey } from './contracts/key-store.ts';
export type { ApiError, Problem, ProblemFieldError } from './core/api.ts';
export type { WidgetOptions } from './core/config.ts';
export type { FieldIssue } from './core/field-issues.ts';
export type { FieldRule } from './core/form-checks.ts';
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
  MuConditionAssessment,
  MuConfirm,
  MuContract,
  MuDispatchBoard,
  MuDispatchFigures,
  MuDistrictSummary,
  MuInbox,
  MuLot,
  MuLots,
  MuMailingReport,
  MuMeeting,
  MuMeetingActions,
  MuMeetingBallot,
  MuMeetingCall,
  MuMeetingCancel,
  MuMeetingDiscussion,
  MuMeetingNoticeProof,
  MuMeetingParticipation,
  MuMeetingPostpone,
  MuMeetingResults,
  MuMeetingSignOff,
  MuMeetings,
  MuMeetingVoting,
  MuMyAppeals,
  MuMyBills,
  MuNotificationSettings,
  MuReceiptPay,
  MuRegister,
  MuRegisterApplication,
  MuRegisterHistory,
  MuRegisterOrganization,
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

defineLazily(ELEMENTS);

declare global {
  interface Window {
    /** For pages that use a plain script tag and cannot `import` from the module. */
    MeningUyim?: { configure: typeof configure; loadForms?: typeof loadForms };
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
    'mu-meeting-notice-proof': MuMeetingNoticeProof;
    'mu-register': MuRegister;
    'mu-register-history': MuRegisterHistory;
    'mu-register-application': MuRegisterApplication;
    'mu-confirm': MuConfirm;
    'mu-register-organization': MuRegisterOrganization;
    'mu-condition-assessment': MuConditionAssessment;
    'mu-contract': MuContract;
    'mu-appeal-form': MuAppealForm;
    'mu-my-appeals': MuMyAppeals;
    'mu-appeal-details': MuAppealDetails;
    'mu-appeals-board': MuAppealsBoard;
    'mu-dispatch-request': MuDispatchRequest;
    'mu-dispatch-requests': MuDispatchRequests;
    'mu-my-jobs': MuMyJobs;
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
    'mu-report-photo': MuReportPhoto;
    'mu-report-editor': MuReportEditor;
    'mu-dispatch-board': MuDispatchBoard;
    'mu-dispatch-figures': MuDispatchFigures;
    'mu-dispatch-roster': MuDispatchRoster;
    'mu-notification-settings': MuNotificationSettings;
    'mu-inbox': MuInbox;
    'mu-mailing-report': MuMailingReport;
    'mu-lots': MuLots;
    'mu-lot': MuLot;
  }
}

/**
 * For a portal's own forms: the widgets' checks before sending and their words for a refused
 * field (by the problem's `code`), so a person reads the same sentences in the portal's forms.
 */
const loadForms = (): Promise<Forms> => import('./core/forms.ts').then((m) => m.loadForms());

// A second copy of the bundle must not replace the first one's API (whose elements are the
// registered ones); configure() shares its state between copies anyway.
window.MeningUyim ??= { configure, loadForms };
