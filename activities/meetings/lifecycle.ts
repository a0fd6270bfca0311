// Phase changes of a meeting, each decided by the phase table under the meeting's row lock in
// PostgreSQL, so that the database, not the workflow's memory, decides a race (e.g. a cancel
// against voting opening). Each is safe to retry: a retry after a lost completion finds the change
// made and reports it, without redoing it.
import { createHash } from 'node:crypto';
import { AuditEvent } from '../../db/audit/entities.ts';
import {
  appendAudit,
  applyToMeeting,
  createMeeting,
  getMeeting,
  getProtocol,
  snapshotElectorate,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { type MeetingActor, SYSTEM } from '../../domain/meetings/phases.ts';
import { repeatSchedule } from '../../domain/meetings/schedule.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
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

const user = (userId: string): MeetingActor => ({ kind: 'user', userId });

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
      await orm.em.transactional(async (tx) => {
        const { changed } = await applyToMeeting(tx, meetingId, { type: 'cancel', reason }, user(byUserId));
        if (changed)
          await appendAudit(tx, {
            actorUserId: byUserId,
            entity: 'meeting',
            entityId: meetingId,
            action: 'cancelled',
            data: { reason },
          });
      });
      return view(meetingId);
    },

    async postponeMeeting(input: PostponeMeetingActivityInput): Promise<PostponeResult> {
      const { meetingId } = input;
      const command = {
        type: 'postpone' as const,
        votingOpensAt: Date.parse(input.votingOpensAt),
        votingClosesAt: Date.parse(input.votingClosesAt),
        reason: input.reason,
      };
      await orm.em.transactional(async (tx) => {
        const by = input.byUserId === null ? SYSTEM : user(input.byUserId);
        const { changed } = await applyToMeeting(tx, meetingId, command, by);
        if (changed)
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
