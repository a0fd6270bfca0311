// What other capabilities may use of notifications: sending a notice to people, which goes by
// each person's channels with fallback for legal kinds and leaves delivery records to prove it,
// and reading those records back for a mailing of their own (by the key they sent it under).

// A notice's texts in every language from its capability's mail template, with its link beside
// them (for the contracts', commissioning's, register's, reports' and registry's notices).
export { noticeTexts, type RenderedNotice } from '../../domain/notifications/texts.ts';
export type { MessageKind, MessageText } from '../../domain/notifications/types.ts';
// Billing's receipts: which per-receipt mailings exist already, so a retry queues only the rest;
// a meeting's proof of notice: its mailing's counts by status and channel.
export { existingMailings, mailingReportByKey } from './mailing-keys.ts';
export type { MailingReport } from './preferences.ts';
export {
  type DeliveryProof,
  type MailingProgress,
  mailingProgress,
  type NoticeProof,
  proofOfNotice,
} from './proof.ts';
export {
  enqueueMailing as notify,
  type MailingInput as Notice,
  type Recipient,
} from './repository.ts';
