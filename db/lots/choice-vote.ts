// The lot-wide vote: one general meeting over every building of the lot, called in the district
// council's name through the meetings' public module, with an item per candidate ("choose X", a
// management_organization item: the meetings' policy gives it the majority of all votes). The
// meetings capability repeats a meeting without quorum itself, as the next attempt of its series;
// the lot reads the series' latest attempt back and the reducer decides what its result means.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { ballotOrder, type CandidateItem, voteOutcome } from '../../domain/lots/choice.ts';
import type { VoteOutcome } from '../../domain/lots/status.ts';
import { getMeeting, type InitiateMeetingInput, initiateMeeting, Meeting } from '../meetings/public.ts';

type MeetingPhase = NonNullable<Awaited<ReturnType<typeof getMeeting>>>['phase'];

import { lotCandidates } from './choice.ts';
import { lotById, noteOnLot } from './repository.ts';

const DAY_MS = 86_400_000;

export interface CallVoteInput {
  lotId: string;
  version: number;
  /** Named by the workflow, so a retried call names the same meeting. */
  meetingId: string;
  /** The council officer who opened the choice: the meeting is called in the council's name. */
  council: { userId: string; name: string; districtId: string };
  meetingPolicy: InitiateMeetingInput['policy'];
  votingDays: number;
  now: number;
}

export interface CalledVote {
  meetingId: string;
  items: CandidateItem[];
  votingClosesAt: number;
}

export async function callLotVote(em: EntityManager, input: CallVoteInput): Promise<CalledVote> {
  const lot = await lotById(em, input.lotId);
  if (!lot) throw new Error(`no lot ${input.lotId}`);
  const candidates = await lotCandidates(em, input.lotId);
  const names = new Map(candidates.map((c) => [c.organizationId, c.organizationName]));
  const ordered = ballotOrder(lot.state.candidates);
  const policy = input.meetingPolicy;
  // A minute's margin over the notice period: the meeting checks it against its own clock.
  const opens = input.now + policy.noticeDays * DAY_MS + 60_000;
  const voting = Math.max(input.votingDays, policy.votingMinDays) * DAY_MS;
  const principal: Principal = {
    userId: input.council.userId,
    personId: null,
    roles: ['council'],
    organizationId: null,
    districtId: input.council.districtId,
    name: input.council.name,
  };
  const request = {
    title: `Lot ${lot.number}: the choice of the management organization`,
    kind: 'extraordinary' as const,
    form: 'electronic' as const,
    initiator: 'council' as const,
    buildingIds: lot.buildingIds,
    votingOpensAt: new Date(opens).toISOString(),
    votingClosesAt: new Date(opens + voting).toISOString(),
    agenda: ordered.map((c) => ({
      title: `Choose ${names.get(c.organizationId) ?? c.organizationId} as the management organization of lot ${lot.number}`,
      description: `Tariff offered: ${(c.tariff / 100).toFixed(2)} so'm per m² a month. The organization chosen by the majority of all votes of the lot manages every building of the lot and carries out its programme.`,
      kind: 'management_organization' as const,
      organizationId: c.organizationId,
    })),
  };
  const result = await initiateMeeting(em, {
    id: input.meetingId,
    idempotencyKey: `lot-vote:${input.lotId}:${input.version}`,
    requestSha256: await sha256Hex(JSON.stringify({ lotId: input.lotId, meetingId: input.meetingId })),
    principal,
    policy,
    request,
  });
  if (!result.ok) throw new Error(`the lot's meeting was refused: ${JSON.stringify(result.refusal)}`);
  const items = result.meeting.agenda.map((a) => ({
    organizationId: a.organizationId!,
    agendaItemId: a.id,
  }));
  await noteOnLot(em, {
    lotId: input.lotId,
    requestId: `lot-vote:${input.meetingId}:called`,
    action: 'vote_called',
    data: { meetingId: input.meetingId, items },
  });
  return { meetingId: result.meeting.id, items, votingClosesAt: Date.parse(result.meeting.votingClosesAt) };
}

export type VoteReading =
  | { settled: false; meetingId: string; attempt: number; phase: MeetingPhase; votingClosesAt: number }
  | {
      settled: true;
      meetingId: string;
      attempt: number;
      outcome: VoteOutcome;
      items: CandidateItem[];
      /** No attempt follows: the meetings will not repeat this one. */
      seriesEnded: boolean;
    };

const SETTLED: readonly MeetingPhase[] = ['decided', 'appeal_window', 'completed', 'failed'];

/**
 * Where the series of the lot's meeting stands: still running (with the close to wait for), or
 * settled on an attempt with what its result means for the lot. An attempt that ended without
 * quorum and was repeated reads as settled too, with its no_quorum, until the repeat is read.
 */
export async function readLotVote(
  em: EntityManager,
  input: { seriesId: string; attempt: number; items: CandidateItem[] },
): Promise<VoteReading> {
  const row = await em.findOne(
    Meeting,
    { seriesId: input.seriesId, attempt: input.attempt },
    { fields: ['id'], refresh: true },
  );
  const next = await em.findOne(
    Meeting,
    { seriesId: input.seriesId, attempt: input.attempt + 1 },
    { fields: ['id'], refresh: true },
  );
  const m = row ? await getMeeting(em, row.id) : null;
  if (!m) throw new Error(`no meeting ${input.seriesId} attempt ${input.attempt}`);
  // A repeat: the attempt had no quorum, whatever its own phase says.
  const noQuorum = { meetingId: m.id, attempt: m.attempt, outcome: { kind: 'no_quorum' as const } };
  if (next) return { settled: true, ...noQuorum, items: input.items, seriesEnded: false };
  // Cancelled by its initiator: the owners were not asked, so they did not choose.
  if (m.phase === 'cancelled') return { settled: true, ...noQuorum, items: input.items, seriesEnded: true };
  if (!SETTLED.includes(m.phase) || (m.phase !== 'failed' && !m.decision))
    return {
      settled: false,
      meetingId: m.id,
      attempt: m.attempt,
      phase: m.phase,
      votingClosesAt: Date.parse(m.votingClosesAt),
    };
  // The repeat's items are new rows: map the candidates by organization onto this attempt's items.
  const items = m.agenda
    .filter((a) => a.organizationId)
    .map((a) => ({ organizationId: a.organizationId!, agendaItemId: a.id }));
  const outcome: VoteOutcome =
    m.phase === 'failed' || !m.decision ? { kind: 'no_quorum' } : voteOutcome(m.decision, items);
  return { settled: true, meetingId: m.id, attempt: m.attempt, outcome, items, seriesEnded: true };
}
