// Notices, reminders and results to every owner of the electorate, by email and in-app, in one
// activity that pages through the owners in batches and heartbeats after each: the workflow's
// history gets one activity per notice kind, whatever the electorate's size.
//
// Exactly once per owner, kind and channel, under retries: each mail is claimed in the outbox
// under `${meetingId}:${kind}:${personId}` before it is sent (a retry finds it sent), and a batch's
// delivery rows and inbox messages are written in one transaction, after its mails; the next page
// asks only for owners without a delivery row, so a retried batch neither mails nor posts twice.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { AuditEvent } from '../../db/audit/entities.ts';
import {
  addNotifications,
  getMeeting,
  nonVotersToRemind,
  ownersToNotify,
  recordDeliveries,
} from '../../db/meetings/repository.ts';
import { Building } from '../../db/registry/entities.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { MAIL_REJECTED } from '../../workflows/common/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { failure, type MeetingActivityDeps, materialsUrl, meetingRow } from './common.ts';
import { icsAttachment } from './ics.ts';
import { type MeetingMailData, type NoticeKind, renderMeetingNotice } from './templates.ts';

export interface SendNoticesInput {
  meetingId: string;
  /** The delivery kind: notice | repeat | reminder-<hours> | postponed[-<n>] | cancelled | result. */
  kind: string;
  /** Shown in cancellation and postponement notices. */
  reason?: string;
}

export interface NoticeSummary {
  kind: string;
  /** Owners reached in this execution (a retry counts only those it handled). */
  owners: number;
  emailed: number;
  /** Owners with no email address: they get the in-app notice only. */
  withoutEmail: number;
  /** Addresses the mail server refused for good. */
  failed: number;
  /** Stopped early because the meeting moved on (cancelled, or voting closed before a reminder). */
  stopped: boolean;
}

/** Owners per page; each page is one query, one delivery transaction and one heartbeat. */
export const NOTICE_BATCH = 500;
/** Mails in flight at once; each holds a pooled connection while SMTP answers. */
const MAIL_CONCURRENCY = 4;

export const KIND_PATTERN = /^(notice|repeat|result|cancelled|postponed(-\d+)?|reminder-\d+(\.\d+)?)$/;

export function templateKind(kind: string): NoticeKind {
  if (kind.startsWith('reminder-')) return 'reminder';
  if (kind.startsWith('postponed')) return 'postponed';
  return kind as NoticeKind;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Still worth sending? A cancellation overtakes the notice; a closed vote makes a reminder moot. */
function stillRelevant(kind: NoticeKind, phase: MeetingView['phase']): boolean {
  switch (kind) {
    case 'notice':
    case 'repeat':
    case 'postponed':
      return phase === 'notice' || phase === 'discussion';
    case 'reminder':
      return phase === 'voting';
    case 'cancelled':
    case 'result':
      return true;
  }
}

export function createNoticeActivities({
  orm,
  mailer,
  from,
  portalUrl,
  noticeBatchSize = NOTICE_BATCH,
}: MeetingActivityDeps) {
  async function mailData(
    meetingId: string,
    reason?: string,
  ): Promise<MeetingMailData & { view: MeetingView }> {
    const em = orm.em;
    const view = await getMeeting(em, meetingId);
    if (!view) throw failure('not_found', `Meeting ${meetingId} does not exist`);
    const buildings = await em.find(
      Building,
      { id: { $in: view.buildingIds } },
      { fields: ['address'], orderBy: { address: 'asc' } },
    );
    const m = await meetingRow(em, meetingId);
    return {
      view,
      meetingId,
      title: view.title,
      form: view.form,
      attempt: view.attempt,
      initiatorName: view.initiator.name,
      addresses: buildings.map((b) => b.address),
      votingOpensAt: new Date(view.votingOpensAt),
      votingClosesAt: new Date(view.votingClosesAt),
      agenda: view.agenda.map(({ id, position, title }) => ({ id, position, title })),
      materialsUrl: materialsUrl({ portalUrl }, meetingId),
      reason: reason ?? (view.cancelledReason || undefined),
      decision: view.decision,
      protocolSha256: view.protocol?.sha256 ?? null,
      ballotSetSha256: m.ballotSetSha256 ?? null,
    };
  }

  async function send({ meetingId, kind, reason }: SendNoticesInput): Promise<NoticeSummary> {
    if (!KIND_PATTERN.test(kind)) throw failure('invalid', `unknown notice kind ${kind}`, 'kind');
    const ctx = Context.current();
    const template = templateKind(kind);
    const data = await mailData(meetingId, reason);
    const postponements = await orm.em.count(AuditEvent, {
      entity: 'meeting',
      entityId: meetingId,
      action: 'postponed',
    });
    // Calendars replace an entry whose SEQUENCE grew: each postponement, then a cancellation.
    const attachment =
      template === 'notice' || template === 'repeat' || template === 'postponed' || template === 'cancelled'
        ? icsAttachment({
            meetingId,
            title: data.title,
            description: `${data.agenda.map((a) => `${a.position}. ${a.title}`).join('\n')}\n${data.materialsUrl}`,
            url: data.materialsUrl,
            votingOpensAt: data.votingOpensAt,
            votingClosesAt: data.votingClosesAt,
            sequence: postponements + (template === 'cancelled' ? 1 : 0),
            cancelled: template === 'cancelled',
          })
        : undefined;
    const audience = template === 'reminder' ? nonVotersToRemind : ownersToNotify;
    const summary: NoticeSummary = {
      kind,
      owners: 0,
      emailed: 0,
      withoutEmail: 0,
      failed: 0,
      stopped: false,
    };
    let after = (ctx.info.heartbeatDetails as { after?: string } | undefined)?.after;

    for (;;) {
      if (ctx.cancellationSignal.aborted) throw new CancelledFailure('notice sending cancelled');
      const phase = (await meetingRow(orm.em, meetingId)).phase;
      if (!stillRelevant(template, phase)) {
        summary.stopped = true;
        break;
      }
      const owners = await audience(orm.em, meetingId, kind, {
        afterPersonId: after,
        limit: noticeBatchSize,
      });
      if (owners.length === 0) break;

      const outcomes = await mapLimit(owners, MAIL_CONCURRENCY, async (owner) => {
        const mail = renderMeetingNotice(owner.language, template, data);
        if (!owner.email) return { owner, mail, status: 'skipped' as const, messageId: null };
        try {
          const sent = await sendMailOnce(orm.em.fork(), mailer, from, {
            idempotencyKey: `${meetingId}:${kind}:${owner.personId}`,
            to: owner.email,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            attachments: attachment ? [attachment] : undefined,
          });
          return { owner, mail, status: 'sent' as const, messageId: sent.messageId };
        } catch (err) {
          // A refused address is recorded and skipped; a server that is down fails the batch for a retry.
          if (err instanceof ApplicationFailure && err.type === MAIL_REJECTED)
            return { owner, mail, status: 'failed' as const, messageId: null };
          throw err;
        }
      });

      await orm.em.fork().transactional(async (tx) => {
        await recordDeliveries(tx, [
          ...outcomes.map((o) => ({
            meetingId,
            personId: o.owner.personId,
            kind,
            channel: 'email' as const,
            status: o.status,
            messageId: o.messageId ?? undefined,
          })),
          ...outcomes.map((o) => ({
            meetingId,
            personId: o.owner.personId,
            kind,
            channel: 'in_app' as const,
            status: 'sent' as const,
          })),
        ]);
        await addNotifications(
          tx,
          outcomes.map((o) => ({
            personId: o.owner.personId,
            meetingId,
            kind,
            title: o.mail.inApp.title,
            body: o.mail.inApp.body,
          })),
        );
      });

      summary.owners += owners.length;
      for (const o of outcomes) {
        if (o.status === 'sent') summary.emailed++;
        else if (o.status === 'skipped') summary.withoutEmail++;
        else summary.failed++;
      }
      after = owners.at(-1)!.personId;
      ctx.heartbeat({ after });
      if (owners.length < noticeBatchSize) break;
    }
    return summary;
  }

  return {
    sendMeetingNotices: send,
  };
}
