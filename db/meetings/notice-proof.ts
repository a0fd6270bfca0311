// A meeting's notices go out through notifications, one mailing per meeting and notice kind; this
// names that mailing and reads its tracking back as the meeting's proof of notice: who was
// notified, by which channel, when it was sent and delivered, and who is on the notice board.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type MailingProgress,
  type MessageKind,
  mailingProgress,
  type NoticeProof,
  proofOfNotice,
} from '../notifications/public.ts';

/** The notifications mailing of one kind of a meeting's notices (notice, reminder-24, result…). */
export const meetingMailingKey = (meetingId: string, kind: string): string => `meeting:${meetingId}:${kind}`;

/**
 * Notices that a law requires to reach the owner (the notice itself, its repetition, a
 * postponement, a cancellation) go as legal notices: no opt-out, fallback, the notice board.
 * A reminder to vote and the result are information.
 */
export function messageKindOf(kind: string): MessageKind {
  if (kind.startsWith('reminder-')) return 'meeting_reminder';
  if (kind === 'result') return 'meeting_result';
  return 'meeting_notice';
}

export function noticeProgress(em: EntityManager, meetingId: string, kind: string): Promise<MailingProgress> {
  return mailingProgress(em, meetingMailingKey(meetingId, kind));
}

export function noticeProof(
  em: EntityManager,
  meetingId: string,
  kind: string,
  page?: { afterPersonId?: string; limit: number },
): Promise<NoticeProof[]> {
  return proofOfNotice(em, meetingMailingKey(meetingId, kind), page);
}
