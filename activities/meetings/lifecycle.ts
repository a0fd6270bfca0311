// Phase changes of a meeting, each a conditional UPDATE in PostgreSQL so that the database, not
// the workflow's memory, decides a race (e.g. a cancel against voting opening). Each is safe to
// retry: a retry after a lost completion finds the change made and reports it, without redoing it.
import { createHash } from 'node:crypto';
import { AuditEvent } from '../../db/audit/entities.ts';
import {
  appendAudit,
  createMeeting,
  getMeeting,
  getProtocol,
  snapshotElectorate,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { repeatSchedule } from '../../domain/meetings/schedule.ts';
import { CHANGEABLE_PHASES, type MeetingPhase, type MeetingView } from '../../domain/meetings/types.ts';
import {
  failure,
  loadMeetingState,
  type MeetingActivityDeps,
  type MeetingState,
  meetingRow,
  ruled,
} from './common.ts';

export interface MovePhaseInput {
  meetingId: string;
  from: MeetingPhase[];
  to: MeetingPhase;
}

export interface CancelMeetingActivityInput {
  meetingId: string;
  reason: string;
  byUserId: string;
}

export interface PostponeMeetingActivityInput {
  meetingId: string;
  votingOpensAt: string;
  votingClosesAt: string;
  reason: string;
  /** null when the workflow moved the vote itself (notices late). */
  byUserId: string | null;
}

export interface PostponeResult {
  meeting: MeetingView;
  /** 1 for the first postponement of this meeting, 2 for the second, … */
  postponement: number;
}

const isChangeable = (phase: MeetingPhase) => CHANGEABLE_PHASES.includes(phase);

export function createLifecycleActivities({ orm }: MeetingActivityDeps) {
  const view = async (meetingId: string): Promise<MeetingView> => {
    const m = await getMeeting(orm.em, meetingId);
    if (!m) throw failure('not_found', `Meeting ${meetingId} does not exist`);
    return m;
  };
  const postponements = (meetingId: string) =>
    orm.em.count(AuditEvent, { entity: 'meeting', entityId: meetingId, action: 'postponed' });

  return {
    loadMeetingState: (meetingId: string): Promise<MeetingState> => loadMeetingState(orm.em, meetingId),

    async snapshotMeetingElectorate(meetingId: string) {
      return ruled(snapshotElectorate(orm.em, meetingId));
    },

    /** Returns the phase the meeting is in afterwards: `to` when the move happened. */
    async moveMeetingPhase({ meetingId, from, to }: MovePhaseInput): Promise<MeetingPhase> {
      const moved = await ruled(transitionPhase(orm.em, meetingId, from, to));
      return moved ? to : (await meetingRow(orm.em, meetingId)).phase;
    },

    async cancelMeeting({ meetingId, reason, byUserId }: CancelMeetingActivityInput): Promise<MeetingView> {
      const done = await orm.em.transactional(async (tx) => {
        if (
          await transitionPhase(tx, meetingId, [...CHANGEABLE_PHASES], 'cancelled', {
            cancelledReason: reason,
          })
        ) {
          await appendAudit(tx, {
            actorUserId: byUserId,
            entity: 'meeting',
            entityId: meetingId,
            action: 'cancelled',
            data: { reason },
          });
          return true;
        }
        // A retry of an attempt that committed finds its own cancellation.
        return (await meetingRow(tx, meetingId)).phase === 'cancelled';
      });
      if (!done)
        throw failure('wrong_phase', 'voting has already opened: the meeting can no longer be cancelled');
      return view(meetingId);
    },

    async postponeMeeting(input: PostponeMeetingActivityInput): Promise<PostponeResult> {
      const { meetingId } = input;
      const votingOpensAt = new Date(input.votingOpensAt);
      const votingClosesAt = new Date(input.votingClosesAt);
      await orm.em.transactional(async (tx) => {
        const m = await meetingRow(tx, meetingId);
        if (!isChangeable(m.phase))
          throw failure('wrong_phase', 'voting has already opened: the meeting can no longer be postponed');
        // Same dates: a retry after a committed attempt, which must not count a second postponement.
        if (
          m.votingOpensAt.getTime() === votingOpensAt.getTime() &&
          m.votingClosesAt.getTime() === votingClosesAt.getTime()
        )
          return;
        const patch = { votingOpensAt, votingClosesAt, noticeAt: new Date() };
        if (!(await transitionPhase(tx, meetingId, [m.phase], m.phase, patch)))
          throw failure('wrong_phase', 'the meeting changed phase while being postponed');
        await appendAudit(tx, {
          actorUserId: input.byUserId,
          entity: 'meeting',
          entityId: meetingId,
          action: 'postponed',
          data: {
            reason: input.reason,
            votingOpensAt: input.votingOpensAt,
            votingClosesAt: input.votingClosesAt,
          },
        });
      });
      return { meeting: await view(meetingId), postponement: await postponements(meetingId) };
    },

    async meetingProtocolSignatures(meetingId: string): Promise<{ chair: boolean; secretary: boolean }> {
      const p = await getProtocol(orm.em, meetingId);
      return { chair: Boolean(p?.chairSignedAt), secretary: Boolean(p?.secretarySignedAt) };
    },

    /**
     * The repeat after no quorum: same buildings, agenda, initiator and policy, absentee form, fresh
     * dates counted from the close. Keyed on the failed meeting, so a retry finds the first repeat.
     */
    async createRepeatMeeting(meetingId: string): Promise<{ meetingId: string }> {
      const em = orm.em;
      const m = await meetingRow(em, meetingId);
      const current = await view(meetingId);
      if (!m.decidedAt) throw failure('wrong_phase', 'a repeat needs the failed meeting to be counted first');
      const dates = repeatSchedule(m.policy, m.decidedAt.getTime(), {
        votingOpensAt: m.votingOpensAt.getTime(),
        votingClosesAt: m.votingClosesAt.getTime(),
      });
      const input = {
        seriesId: m.seriesId,
        attempt: m.attempt + 1,
        title: m.title,
        kind: m.kind,
        form: 'absentee' as const,
        buildingIds: [...current.buildingIds].sort(),
        initiator: {
          kind: m.initiatorKind,
          userId: m.initiatorUserId,
          name: m.initiatorName,
          organizationId: m.initiatorOrganizationId ?? undefined,
          districtId: m.initiatorDistrictId ?? undefined,
        },
        chairUserId: m.chairUserId,
        secretaryUserId: m.secretaryUserId,
        noticeAt: m.decidedAt,
        votingOpensAt: new Date(dates.votingOpensAt),
        votingClosesAt: new Date(dates.votingClosesAt),
        policy: m.policy,
        agenda: [...current.agenda]
          .sort((a, b) => a.position - b.position)
          .map(({ title, description, kind }) => ({ title, description, kind })),
        idempotencyKey: `repeat:${m.id}`,
      };
      const requestSha256 = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const { meeting } = await ruled(createMeeting(em, { ...input, requestSha256 }));
      return { meetingId: meeting.id };
    },
  };
}
