// Entry of the embeddable bundle: one <script type="module"> registers every element.
import { MuAppealDetails } from './appeals/appeal-details.ts';
import { MuAppealForm } from './appeals/appeal-form.ts';
import { MuAppealsBoard } from './appeals/board.ts';
import { MuMyAppeals } from './appeals/my-appeals.ts';
import { MuBillingViolations } from './billing/billing-violations.ts';
import { MuBuildingAccount } from './billing/building-account.ts';
import { MuBuildingCollection } from './billing/building-collection.ts';
import { MuBuildingDebtors } from './billing/building-debtors.ts';
import { MuMyBills } from './billing/my-bills.ts';
import { MuReceiptPay } from './billing/receipt-pay.ts';
import { MuUnmatchedPayments } from './billing/unmatched-payments.ts';
import { MuCommissioning } from './commissioning/mu-commissioning.ts';
import { getOrCreateSigningKey } from './contracts/key-store.ts';
import { MuContract } from './contracts/mu-contract.ts';
import { configure } from './core/config.ts';
import { MuConfirm } from './core/confirm.ts';
import { defineElement } from './core/define.ts';
import { MuMeetingActions } from './meetings/actions.ts';
import { MuMeetingBallot } from './meetings/ballot.ts';
import { MuMeetingCall } from './meetings/call.ts';
import { MuMeetingCancel } from './meetings/cancel.ts';
import { MuMeetingDiscussion } from './meetings/discussion.ts';
import { MuMeeting } from './meetings/mu-meeting.ts';
import { MuMeetings } from './meetings/mu-meetings.ts';
import { MuMeetingParticipation } from './meetings/participation.ts';
import { MuMeetingPostpone } from './meetings/postpone.ts';
import { MuMeetingResults } from './meetings/results.ts';
import { MuMeetingSignOff } from './meetings/sign-off.ts';
import { MuMeetingVoting } from './meetings/voting.ts';
import { MuRegisterApplication } from './register/application.ts';
import { MuRegisterHistory } from './register/history.ts';
import { MuRegister } from './register/mu-register.ts';
import { MuBuildingCard } from './registry/building-card.ts';
import { MuBuildingCondition } from './registry/building-condition.ts';
import { MuBuildingConsumption } from './registry/building-consumption.ts';
import { MuDistrictSummary } from './registry/district-summary.ts';
import { MuBuildingReports } from './reports/building-reports.ts';
import { MuReportEditor } from './reports/report-editor.ts';
import { MuReportsBoard } from './reports/reports-board.ts';

export type { SigningKey } from './contracts/key-store.ts';
export type { ApiError, Problem, ProblemFieldError } from './core/api.ts';
export type { WidgetOptions } from './core/config.ts';
export type { MeetingChange } from './meetings/staff-element.ts';
export {
  configure,
  getOrCreateSigningKey,
  MuAppealDetails,
  MuAppealForm,
  MuAppealsBoard,
  MuBuildingAccount,
  MuBuildingCard,
  MuBuildingCondition,
  MuBuildingConsumption,
  MuBuildingReports,
  MuCommissioning,
  MuConfirm,
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
  MuRegister,
  MuRegisterApplication,
  MuRegisterHistory,
  MuReportEditor,
  MuReportsBoard,
};

defineElement('mu-building-card', MuBuildingCard);
// The sections of <mu-building-card>; usable alone next to a portal's own building page.
defineElement('mu-building-condition', MuBuildingCondition);
defineElement('mu-building-consumption', MuBuildingConsumption);
defineElement('mu-district-summary', MuDistrictSummary);
defineElement('mu-meetings', MuMeetings);
defineElement('mu-meeting', MuMeeting);
// The parts of <mu-meeting>; usable alone by a portal that lays a meeting out its own way.
defineElement('mu-meeting-participation', MuMeetingParticipation);
defineElement('mu-meeting-voting', MuMeetingVoting);
defineElement('mu-meeting-ballot', MuMeetingBallot);
defineElement('mu-meeting-discussion', MuMeetingDiscussion);
defineElement('mu-meeting-results', MuMeetingResults);
// Staff screens: calling a meeting, and changing or signing off one meeting (all three under
// <mu-meeting-actions>, each also usable alone).
defineElement('mu-meeting-call', MuMeetingCall);
defineElement('mu-meeting-actions', MuMeetingActions);
defineElement('mu-meeting-postpone', MuMeetingPostpone);
defineElement('mu-meeting-cancel', MuMeetingCancel);
defineElement('mu-meeting-sign-off', MuMeetingSignOff);
defineElement('mu-register', MuRegister);
defineElement('mu-register-history', MuRegisterHistory);
// What an application to the register declared, for its reviewer.
defineElement('mu-register-application', MuRegisterApplication);
defineElement('mu-contract', MuContract);
defineElement('mu-appeal-form', MuAppealForm);
defineElement('mu-my-appeals', MuMyAppeals);
// The part of <mu-my-appeals> behind each "Details"; usable alone for one appeal.
defineElement('mu-appeal-details', MuAppealDetails);
defineElement('mu-appeals-board', MuAppealsBoard);
defineElement('mu-commissioning', MuCommissioning);
defineElement('mu-my-bills', MuMyBills);
// The part of <mu-my-bills> behind each receipt's "Pay".
defineElement('mu-receipt-pay', MuReceiptPay);
defineElement('mu-building-account', MuBuildingAccount);
// The sections of <mu-building-account> under the statement, each also usable alone.
defineElement('mu-building-debtors', MuBuildingDebtors);
defineElement('mu-building-collection', MuBuildingCollection);
defineElement('mu-unmatched-payments', MuUnmatchedPayments);
defineElement('mu-billing-violations', MuBillingViolations);
defineElement('mu-building-reports', MuBuildingReports);
defineElement('mu-reports-board', MuReportsBoard);
defineElement('mu-report-editor', MuReportEditor);

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
