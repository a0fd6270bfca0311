// The close: stop accepting ballots, count them in SQL, apply the policy's quorum and majorities,
// hash the published ballot set, and record the decision once. The decision and its instant are
// written by the first attempt that gets there; a retry reads them back instead of deciding anew.
import { closeVoting, recordDecision } from '../../db/meetings/repository.ts';
import { decide } from '../../domain/meetings/decide.ts';
import { appealWindowEnd } from '../../domain/meetings/schedule.ts';
import { ballotSetHash } from '../../domain/meetings/tracker.ts';
import { failure, type MeetingActivityDeps, meetingRow, ruled } from './common.ts';

export interface CloseResult {
  quorumReached: boolean;
  decidedAt: number;
  appealWindowEndsAt: number;
  ballotSetSha256: string;
  /** Ballots counted (one per owner and apartment). */
  ballots: number;
}

export function createCloseActivities({ orm }: MeetingActivityDeps) {
  return {
    async closeMeetingVoting(meetingId: string): Promise<CloseResult> {
      const em = orm.em;
      const { tally, published } = await ruled(closeVoting(em, meetingId));
      let m = await meetingRow(em, meetingId);
      if (!m.decision) {
        const decidedAt = new Date();
        await recordDecision(em, meetingId, {
          decision: decide(m.policy, tally),
          ballotSetSha256: await ballotSetHash(published),
          decidedAt,
          appealWindowEndsAt: new Date(appealWindowEnd(m.policy, decidedAt.getTime())),
        });
        m = await meetingRow(em, meetingId);
      }
      if (!m.decision || !m.decidedAt || !m.appealWindowEndsAt || !m.ballotSetSha256)
        throw failure('invalid', `meeting ${meetingId} has no recorded decision after the close`);
      return {
        quorumReached: m.decision.quorumReached,
        decidedAt: m.decidedAt.getTime(),
        appealWindowEndsAt: m.appealWindowEndsAt.getTime(),
        ballotSetSha256: m.ballotSetSha256,
        ballots: published.length,
      };
    },
  };
}
