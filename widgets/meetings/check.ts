// "Check my ballot": recompute this voter's tracker from the receipt secret and the answers, and
// look for it in the list of counted ballots published after the close.
import type { Choice } from '../../domain/meetings/decide.ts';
import { computeTracker, type PublishedBallot } from '../../domain/meetings/tracker.ts';
import type { MyBallotView } from '../../domain/meetings/types.ts';
import { loadReceipt } from './receipts.ts';

export type CheckOutcome =
  | { kind: 'found'; tracker: string }
  | { kind: 'altered'; tracker: string }
  | { kind: 'missing'; tracker: string }
  | { kind: 'no-ballot' }
  | { kind: 'no-secret' }
  | { kind: 'bad-secret' };

const sameChoices = (a: Record<string, Choice>, b: Record<string, Choice>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([id, c]) => b[id] === c);

export async function checkBallot(
  meetingId: string,
  right: { apartmentId: string; ownerId: string },
  ballot: MyBallotView | null,
  published: PublishedBallot[],
  pastedSecret?: string,
): Promise<CheckOutcome> {
  if (!ballot) return { kind: 'no-ballot' };
  const key = { meetingId, apartmentId: right.apartmentId, ownerId: right.ownerId };
  const stored = loadReceipt(key);
  const secret = pastedSecret ?? stored?.secret;
  if (!secret) return { kind: 'no-secret' };
  // The answers this browser sent come first: they are what the voter chose. The server's copy
  // (shown to the voter next to the result) covers a secret pasted from another device, and a
  // revote whose acknowledgement never reached this browser.
  const ownAnswers = stored && stored.secret === secret ? stored.choices : undefined;
  const candidates = [ownAnswers, ballot.choices].filter((c): c is Record<string, Choice> => !!c);
  let first: string | undefined;
  for (const choices of candidates) {
    const tracker = await computeTracker({ ...key, choices }, secret);
    first ??= tracker;
    const hit = published.find((b) => b.tracker === tracker);
    if (hit) return { kind: sameChoices(hit.choices, choices) ? 'found' : 'altered', tracker };
  }
  return { kind: 'missing', tracker: first! };
}
