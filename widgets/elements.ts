// Every tag of the bundle and where its element's code lives. The loader (index.ts) defines each
// tag when it first appears; the build report and the size test read the same table.
import type { ElementLoader } from './core/lazy-define.ts';

export const ELEMENTS: Readonly<Record<string, ElementLoader>> = {
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
  // What an application to the register declared, for its reviewer.
  'mu-register-application': () => import('./register/application.ts').then((m) => m.MuRegisterApplication),
  // A registered organization's public data: on the ballot of a "choose the organization" item.
  'mu-register-organization': () =>
    import('./register/organization-card.ts').then((m) => m.MuRegisterOrganization),
  // The inspector's form for one element's assessment, under the building card.
  'mu-condition-assessment': () =>
    import('./registry/condition-assessment.ts').then((m) => m.MuConditionAssessment),
  'mu-contract': () => import('./contracts/mu-contract.ts').then((m) => m.MuContract),
  'mu-appeal-form': () => import('./appeals/appeal-form.ts').then((m) => m.MuAppealForm),
  'mu-my-appeals': () => import('./appeals/my-appeals.ts').then((m) => m.MuMyAppeals),
  // The part of <mu-my-appeals> behind each "Details"; usable alone for one appeal.
  'mu-appeal-details': () => import('./appeals/appeal-details.ts').then((m) => m.MuAppealDetails),
  // The 24-hour dispatch service: a resident reports and follows, a technician works the job.
  'mu-dispatch-request': () => import('./dispatch/request-form.ts').then((m) => m.MuDispatchRequest),
  'mu-dispatch-requests': () => import('./dispatch/my-requests.ts').then((m) => m.MuDispatchRequests),
  'mu-my-jobs': () => import('./dispatch/my-jobs.ts').then((m) => m.MuMyJobs),
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
  'mu-report-photo': () => import('./reports/report-photo.ts').then((m) => m.MuReportPhoto),
  'mu-report-editor': () => import('./reports/report-editor.ts').then((m) => m.MuReportEditor),
  // The dispatcher's live board, and the council's response-time figures of the dispatch service.
  'mu-dispatch-board': () => import('./dispatch/board.ts').then((m) => m.MuDispatchBoard),
  'mu-dispatch-figures': () => import('./dispatch/figures.ts').then((m) => m.MuDispatchFigures),
  'mu-notification-settings': () =>
    import('./notifications/settings.ts').then((m) => m.MuNotificationSettings),
  'mu-inbox': () => import('./notifications/inbox.ts').then((m) => m.MuInbox),
  'mu-mailing-report': () => import('./notifications/mailing-report.ts').then((m) => m.MuMailingReport),
  // The widgets' confirmation dialog, for a portal's own legally meaningful buttons.
  'mu-confirm': () => import('./core/confirm.ts').then((m) => m.MuConfirm),
};
