// The owners' choice of a lot's organization, read from the lot-wide general meeting: one agenda
// item per candidate ("choose organization X", a management_organization item, so the meetings'
// policy gives it the majority of all votes of the lot), and the reading of its decision into the
// lot's reducer (status.ts). Pure: the repository hands in what the meeting decided.
import type { Candidate, VoteOutcome } from './status.ts';

/** An agenda item of the lot's meeting and the candidate it puts to the vote. */
export interface CandidateItem {
  organizationId: string;
  agendaItemId: string;
}

/** What the choice needs of a meeting's decision (domain/meetings/decide.ts Decision). */
export interface MeetingDecisionLike {
  quorumReached: boolean;
  items: { itemId: string; for: number; accepted: boolean }[];
}

/**
 * The owners' answer: no quorum; the one candidate whose item the majority adopted; or no majority
 * (no item adopted). An owner may vote for several items, so more than one may pass: the most
 * votes for decide then, and a tie between the first two is no majority (owners did not choose
 * one between them).
 */
export function voteOutcome(decision: MeetingDecisionLike, items: readonly CandidateItem[]): VoteOutcome {
  if (!decision.quorumReached) return { kind: 'no_quorum' };
  const adopted = items
    .map((c) => ({ c, d: decision.items.find((d) => d.itemId === c.agendaItemId) }))
    .filter((x) => x.d?.accepted)
    .sort((a, b) => b.d!.for - a.d!.for);
  if (adopted.length === 0) return { kind: 'no_majority' };
  if (adopted.length > 1 && adopted[0]!.d!.for === adopted[1]!.d!.for) return { kind: 'no_majority' };
  return { kind: 'chosen', organizationId: adopted[0]!.c.organizationId };
}

/** The ballot's items in a stable order: by tariff, then by the earlier application. */
export const ballotOrder = (candidates: readonly Candidate[]): Candidate[] =>
  [...candidates].sort(
    (a, b) =>
      a.tariff - b.tariff || a.appliedAt - b.appliedAt || (a.organizationId < b.organizationId ? -1 : 1),
  );

/** A tariff in tiyin per m² as the contract states it, so'm per m² (100 tiyin each). */
export const tariffSom = (tiyin: number): number => tiyin / 100;

/**
 * The line each contract carries so the signed document names the lot's programme: the lot, its
 * approved version and the SHA-256 of the programme's works as approved.
 */
export const programmeService = (lotNumber: number, version: number, programmeSha256: string): string =>
  `Works of the five-year programme of lot ${lotNumber}, version ${version} (programme sha256:${programmeSha256})`;
