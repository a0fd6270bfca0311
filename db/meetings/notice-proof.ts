// A meeting's notices go out through notifications, one mailing per meeting and notice kind; this
// names that mailing and reads its tracking back as the meeting's proof of notice: who was
// notified, by which channel, when it was sent and delivered, and who is on the notice board.

import type { EntityManager } from '@mikro-orm/postgresql';
import type { MeetingNoticeProof } from '../../domain/meetings/notice-proof.ts';
import {
  type MailingProgress,
  type MessageKind,
  mailingProgress,
  mailingReportByKey,
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

/** A page of the proof of notice of one kind of a meeting's notices, in person-id order. */
export async function meetingNoticeProof(
  em: EntityManager,
  meetingId: string,
  kind: string,
  page: { after?: string; limit: number },
): Promise<MeetingNoticeProof> {
  const key = meetingMailingKey(meetingId, kind);
  const [report, proofs] = await Promise.all([
    mailingReportByKey(em, key),
    proofOfNotice(em, key, { ...(page.after ? { afterPersonId: page.after } : {}), limit: page.limit + 1 }),
  ]);
  const items = proofs.slice(0, page.limit).map((p) => ({
    personId: p.personId,
    fullName: p.fullName,
    place: p.place,
    status: p.status,
    printedAt: p.printedAt,
    deliveries: p.deliveries.map((d) => ({
      channel: d.channel,
      state: d.state,
      queuedAt: d.queuedAt,
      sentAt: d.sentAt,
      deliveredAt: d.deliveredAt,
    })),
  }));
  return {
    meetingId,
    kind,
    messages: report?.messages ?? 0,
    byStatus: report?.byStatus ?? {},
    byChannel: report?.byChannel ?? {},
    items,
    next: proofs.length > page.limit ? (items.at(-1)?.personId ?? null) : null,
  };
}
