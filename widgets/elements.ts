// Every tag of the bundle and where its element's code lives. The loader (index.ts) defines each
// tag when it first appears and takes from its module the class named after it (mu-inbox → MuInbox);
// the build report and the size test read the same table.
export const ELEMENTS = {
  'mu-building-card': () => import('./registry/building-card.ts'),
  // The sections of <mu-building-card>; usable alone next to a portal's own building page.
  'mu-building-condition': () => import('./registry/building-condition.ts'),
  'mu-building-consumption': () => import('./registry/building-consumption.ts'),
  'mu-district-summary': () => import('./registry/district-summary.ts'),
  // Lots: the district's lots and the council's partition editor; one lot's programme and approval.
  'mu-lots': () => import('./lots/lots.ts'),
  'mu-lot': () => import('./lots/lot.ts'),
  'mu-meetings': () => import('./meetings/mu-meetings.ts'),
  'mu-meeting': () => import('./meetings/mu-meeting.ts'),
  // The parts of <mu-meeting>; usable alone by a portal that lays a meeting out its own way.
  'mu-meeting-participation': () => import('./meetings/participation.ts'),
  'mu-meeting-voting': () => import('./meetings/voting.ts'),
  'mu-meeting-ballot': () => import('./meetings/ballot.ts'),
  'mu-meeting-discussion': () => import('./meetings/discussion.ts'),
  'mu-meeting-results': () => import('./meetings/results.ts'),
  // Staff screens: calling a meeting, and changing or signing off one meeting (all three under
  // <mu-meeting-actions>, each also usable alone).
  'mu-meeting-call': () => import('./meetings/call.ts'),
  'mu-meeting-actions': () => import('./meetings/actions.ts'),
  'mu-meeting-postpone': () => import('./meetings/postpone.ts'),
  'mu-meeting-cancel': () => import('./meetings/cancel.ts'),
  'mu-meeting-sign-off': () => import('./meetings/sign-off.ts'),
  // The meeting's proof of notice for its initiator, the council and inspection.
  'mu-meeting-notice-proof': () => import('./meetings/notice-proof.ts'),
  'mu-register': () => import('./register/mu-register.ts'),
  'mu-register-history': () => import('./register/history.ts'),
  // What an application to the register declared, for its reviewer.
  'mu-register-application': () => import('./register/application.ts'),
  // A registered organization's public data: on the ballot of a "choose the organization" item.
  'mu-register-organization': () => import('./register/organization-card.ts'),
  // The inspector's form for one element's assessment, under the building card.
  'mu-condition-assessment': () => import('./registry/condition-assessment.ts'),
  'mu-contract': () => import('./contracts/mu-contract.ts'),
  'mu-appeal-form': () => import('./appeals/appeal-form.ts'),
  'mu-my-appeals': () => import('./appeals/my-appeals.ts'),
  // The part of <mu-my-appeals> behind each "Details"; usable alone for one appeal.
  'mu-appeal-details': () => import('./appeals/appeal-details.ts'),
  // The 24-hour dispatch service: a resident reports and follows, a technician works the job.
  'mu-dispatch-request': () => import('./dispatch/request-form.ts'),
  'mu-dispatch-requests': () => import('./dispatch/my-requests.ts'),
  'mu-my-jobs': () => import('./dispatch/my-jobs.ts'),
  'mu-appeals-board': () => import('./appeals/board.ts'),
  'mu-commissioning': () => import('./commissioning/mu-commissioning.ts'),
  'mu-my-bills': () => import('./billing/my-bills.ts'),
  // The part of <mu-my-bills> behind each receipt's "Pay".
  'mu-receipt-pay': () => import('./billing/receipt-pay.ts'),
  'mu-building-account': () => import('./billing/building-account.ts'),
  // The sections of <mu-building-account> under the statement, each also usable alone.
  'mu-building-debtors': () => import('./billing/building-debtors.ts'),
  'mu-building-collection': () => import('./billing/building-collection.ts'),
  'mu-unmatched-payments': () => import('./billing/unmatched-payments.ts'),
  'mu-billing-violations': () => import('./billing/billing-violations.ts'),
  'mu-building-reports': () => import('./reports/building-reports.ts'),
  'mu-reports-board': () => import('./reports/reports-board.ts'),
  'mu-report-photo': () => import('./reports/report-photo.ts'),
  'mu-report-editor': () => import('./reports/report-editor.ts'),
  // The dispatcher's live board, and the council's response-time figures of the dispatch service.
  'mu-dispatch-board': () => import('./dispatch/board.ts'),
  'mu-dispatch-figures': () => import('./dispatch/figures.ts'),
  'mu-dispatch-roster': () => import('./dispatch/roster.ts'),
  'mu-notification-settings': () => import('./notifications/settings.ts'),
  'mu-inbox': () => import('./notifications/inbox.ts'),
  'mu-mailing-report': () => import('./notifications/mailing-report.ts'),
  // The widgets' confirmation dialog, for a portal's own legally meaningful buttons.
  'mu-confirm': () => import('./core/confirm.ts'),
};
