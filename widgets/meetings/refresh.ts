// When <mu-meeting> should look at the server again. Phases change at scheduled instants (voting
// opens, voting closes) or shortly after a step finishes (notices sent, votes counted, protocol
// generated); outside those moments nothing changes and nothing is polled.
import type { MeetingView } from '../../domain/meetings/types.ts';

/** How often to look while a change is due any moment. */
export const DUE_POLL_MS = 2_000;
// setTimeout overflows past 2^31 - 1 ms (24.8 days); a distant instant is approached in steps.
const MAX_DELAY_MS = 60 * 60 * 1000;

/** Milliseconds until the next look, or null when the meeting will not change by itself soon. */
export function nextRefreshIn(m: MeetingView, now: number): number | null {
  const until = (iso: string) => {
    const at = Date.parse(iso);
    return Number.isFinite(at) && at > now ? Math.min(at - now + 500, MAX_DELAY_MS) : DUE_POLL_MS;
  };
  switch (m.phase) {
    case 'notice':
    case 'counting':
      return DUE_POLL_MS;
    case 'discussion':
      return until(m.votingOpensAt);
    case 'voting':
      // The participation stream ends at the close and triggers a reload; this is the fallback.
      return until(m.votingClosesAt);
    case 'decided':
      // Waiting for the protocol, or for the workflow to move on once both have signed; between
      // those, signatures take days and the page that signs calls refresh() itself.
      if (!m.protocol || (m.protocol.signedByChair && m.protocol.signedBySecretary)) return DUE_POLL_MS;
      return null;
    case 'appeal_window':
      return m.appealWindowEndsAt ? until(m.appealWindowEndsAt) : null;
    default:
      return null;
  }
}
