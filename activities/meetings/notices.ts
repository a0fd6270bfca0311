// Notices, reminders and results to every owner of the electorate, through notifications (each
// owner by their own channels, legal notices with fallback and the notice board) and in the
// in-app inbox, in one activity that pages through the owners in batches and heartbeats after
// each: the workflow's history gets one activity per notice kind, whatever the electorate's size.
//
// Exactly once per owner, kind and channel, under retries: a meeting's notices of one kind are one
// notifications mailing (meeting:<id>:<kind>), which holds one message per person and sends it at
// most once per channel; a batch's mailing rows, in-app delivery rows and inbox messages are
// written in one transaction, and the next page asks only for owners without an in-app row, so a
// retried batch neither queues nor posts twice. waitForMeetingNotices then waits until every
// message has gone out: the notice period counts from then.
import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { AuditEvent } from '../../db/audit/entities.ts';
import {
  addNotifications,
  getMeeting,
  meetingMailingKey,
  messageKindOf,
  nonVotersToRemind,
  noticeProgress,
  ownersToNotify,
  recordDeliveries,
} from '../../db/meetings/repository.ts';
import { type MessageText, notify } from '../../db/notifications/public.ts';
import { Building } from '../../db/registry/entities.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
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
  /** Owners handed to notifications in this execution (a retry counts only those it handled). */
  owners: number;
  /** Stopped early because the meeting moved on (cancelled, or voting closed before a reminder). */
  stopped: boolean;
}

/** Pause between looks at a mailing still going out. */
const PROGRESS_POLL_MS = 500;

/** Owners per page; each page is one query, one delivery transaction and one heartbeat. */
export const NOTICE_BATCH = 500;

export const KIND_PATTERN = /^(notice|repeat|result|cancelled|postponed(-\d+)?|reminder-\d+(\.\d+)?)$/;

export function templateKind(kind: string): NoticeKind {
  if (kind.startsWith('reminder-')) return 'reminder';
  if (kind.startsWith('postponed')) return 'postponed';
  return kind as NoticeKind;
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
    const summary: NoticeSummary = { kind, owners: 0, stopped: false };
    // The mail template's own text in every language; Telegram and SMS send its subject, its text
    // and the meeting's link (SMS cut to its length, ending with the link).
    const texts = Object.fromEntries(
      LANGUAGES.map((lang): [Language, MessageText] => {
        const mail = renderMeetingNotice(lang, template, data);
        return [
          lang,
          {
            subject: mail.subject,
            body: mail.text,
            text: mail.text,
            html: mail.html,
            link: data.materialsUrl,
            ...(attachment ? { attachments: [attachment] } : {}),
          },
        ];
      }),
    ) as Record<Language, MessageText>;
    const inApp = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, renderMeetingNotice(lang, template, data).inApp]),
    ) as Record<Language, { title: string; body: string }>;
    const organizationId = await organizationOf(data.view.buildingIds);
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

      await orm.em.fork().transactional(async (tx) => {
        await notify(
          tx,
          {
            kind: messageKindOf(kind),
            organizationId,
            buildingId: data.view.buildingIds.length === 1 ? data.view.buildingIds[0] : null,
            texts,
            idempotencyKey: meetingMailingKey(meetingId, kind),
            recipients: owners.map((o) => ({
              personId: o.personId,
              buildingId: o.buildingId,
              place: o.place,
            })),
          },
          new Date(),
        );
        await recordDeliveries(
          tx,
          owners.map((o) => ({
            meetingId,
            personId: o.personId,
            kind,
            channel: 'in_app' as const,
            status: 'sent' as const,
          })),
        );
        await addNotifications(
          tx,
          owners.map((o) => ({
            personId: o.personId,
            meetingId,
            kind,
            title: inApp[o.language].title,
            body: inApp[o.language].body,
          })),
        );
      });

      summary.owners += owners.length;
      after = owners.at(-1)!.personId;
      ctx.heartbeat({ after });
      if (owners.length < noticeBatchSize) break;
    }
    return summary;
  }

  /** The organization that manages the meeting's building(s): its delivery reports list the mailing. */
  async function organizationOf(buildingIds: string[]): Promise<string | null> {
    const buildings = await orm.em
      .fork()
      .find(
        Building,
        { id: { $in: buildingIds } },
        { fields: ['managementOrganization'], orderBy: { id: 'asc' } },
      );
    const ids = new Set(buildings.map((b) => b.managementOrganization?.id ?? null));
    return ids.size === 1 ? ([...ids][0] ?? null) : null;
  }

  /**
   * Waits until every message of the meeting's mailing of this kind has gone out (sent by a
   * channel, or its owner put on the notice board) and answers when the last one did: the
   * notice period counts from that moment. Heartbeats while it waits; cancellable.
   */
  async function waitForNotices(input: { meetingId: string; kind: string }): Promise<{
    messages: number;
    sentAt: number | null;
  }> {
    const ctx = Context.current();
    for (;;) {
      const p = await noticeProgress(orm.em.fork(), input.meetingId, input.kind);
      if (p.messages === 0 || p.sentAt)
        return { messages: p.messages, sentAt: p.sentAt ? Date.parse(p.sentAt) : null };
      ctx.heartbeat({ waiting: p.waiting });
      await ctx.sleep(PROGRESS_POLL_MS);
    }
  }

  return {
    sendMeetingNotices: send,
    waitForMeetingNotices: waitForNotices,
  };
}
