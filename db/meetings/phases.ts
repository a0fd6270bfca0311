// A meeting's phase changes. Each is one transaction under the meeting's row lock: the pure table
// (domain/meetings/phases.ts) decides on the stored phase, dates and initiator, and one UPDATE
// writes what it says. The lock also waits for ballots in flight (each holds the row FOR SHARE),
// so a ballot either commits before the vote closes or sees the phase that refuses it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import {
  applyMeetingCommand,
  type MeetingActor,
  type MeetingCommand,
  type MeetingPhaseRefusal,
  type PhaseChange,
  type PhaseState,
  phaseRuleError,
  SYSTEM,
  systemMove,
} from '../../domain/meetings/phases.ts';
import type { MeetingPhase } from '../../domain/meetings/types.ts';
import { isUuid } from '../sql.ts';

export type PhaseOutcome =
  | { ok: true; changed: boolean; phase: MeetingPhase }
  | { ok: false; refusal: MeetingPhaseRefusal; phase: MeetingPhase };

type Decide = (meeting: PhaseState) => ReturnType<typeof applyMeetingCommand>;

const COLUMNS = [
  ['cancelledReason', 'cancelled_reason'],
  ['noticeAt', 'notice_at'],
  ['votingOpensAt', 'voting_opens_at'],
  ['votingClosesAt', 'voting_closes_at'],
] as const;

async function write(tx: EntityManager, meetingId: string, change: PhaseChange): Promise<void> {
  const sets = ['phase = ?', 'updated_at = now()'];
  const params: unknown[] = [change.phase];
  for (const [field, column] of COLUMNS) {
    const value = change[field];
    if (value === undefined) continue;
    sets.push(typeof value === 'number' ? `${column} = ?::timestamptz` : `${column} = ?`);
    params.push(typeof value === 'number' ? new Date(value).toISOString() : value);
  }
  await tx.execute(`update meeting set ${sets.join(', ')} where id = ?`, [...params, meetingId]);
}

/** null: no such meeting. */
async function underLock(em: EntityManager, meetingId: string, decide: Decide): Promise<PhaseOutcome | null> {
  if (!isUuid(meetingId)) return null;
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<
      { phase: MeetingPhase; initiatorUserId: string; votingOpensAt: string; votingClosesAt: string }[]
    >(
      `select phase, initiator_user_id as "initiatorUserId", voting_opens_at as "votingOpensAt",
              voting_closes_at as "votingClosesAt"
       from meeting where id = ? for update`,
      [meetingId],
    );
    if (!row) return null;
    const meeting: PhaseState = {
      phase: row.phase,
      initiatorUserId: row.initiatorUserId,
      votingOpensAt: new Date(row.votingOpensAt).getTime(),
      votingClosesAt: new Date(row.votingClosesAt).getTime(),
    };
    const result = decide(meeting);
    if (!result.ok) return { ok: false, refusal: result.refusal, phase: meeting.phase };
    if (!result.change) return { ok: true, changed: false, phase: meeting.phase };
    await write(tx, meetingId, result.change);
    return { ok: true, changed: true, phase: result.change.phase };
  });
}

/** The command's outcome, a refusal included; null when the meeting does not exist. */
export function tryMeetingCommand(
  em: EntityManager,
  meetingId: string,
  command: MeetingCommand,
  actor: MeetingActor,
): Promise<PhaseOutcome | null> {
  return underLock(em, meetingId, (m) => applyMeetingCommand(m, command, actor, Date.now()));
}

/** Applies the command or refuses with the meeting rule error; changed false on a retry. */
export async function applyToMeeting(
  em: EntityManager,
  meetingId: string,
  command: MeetingCommand,
  actor: MeetingActor,
): Promise<{ changed: boolean; phase: MeetingPhase }> {
  const outcome = await tryMeetingCommand(em, meetingId, command, actor);
  if (!outcome) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (!outcome.ok) throw phaseRuleError(outcome.refusal);
  return { changed: outcome.changed, phase: outcome.phase };
}

/**
 * The workflow's move to `to` while the meeting is still in one of `from`: false when it is not
 * (someone else moved it) or does not exist; a move the table has no command for is refused.
 */
export async function transitionPhase(
  em: EntityManager,
  meetingId: string,
  from: readonly MeetingPhase[],
  to: MeetingPhase,
): Promise<boolean> {
  const action = systemMove(from, to);
  if (!action)
    throw new RuleError<MeetingRuleCode>('invalid', `no command moves a meeting from ${from} to ${to}`, [
      'phase',
    ]);
  const outcome = await underLock(em, meetingId, (m) =>
    from.includes(m.phase)
      ? applyMeetingCommand(m, { type: action }, SYSTEM, Date.now())
      : { ok: true, change: null },
  );
  if (outcome && !outcome.ok) throw phaseRuleError(outcome.refusal);
  return outcome?.ok === true && outcome.changed;
}
