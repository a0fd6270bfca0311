// The owners' choice of a lot as stored, for its readers: the lot's selection and window, the
// candidates, the meeting called, the competition and its protocol, the contracts concluded. Who
// sees which part is the API's (api/lots/choice.ts): this is everything.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RankedBid } from '../../domain/lots/competition.ts';
import { type CandidateView, lotCandidates } from './choice.ts';
import { type Competition, competitionOf } from './choice-competition.ts';
import { LotBid, LotEvent } from './entities.ts';
import { lotById } from './repository.ts';

export interface BidView {
  organizationId: string;
  tariff: number;
  programmeCommitment: number;
  experienceYears: number;
  submittedAt: string;
}

export interface ChoiceView {
  lotId: string;
  districtId: string;
  version: number;
  approval: string;
  selection: string;
  applicationsCloseAt: string | null;
  candidates: CandidateView[];
  meetingId: string | null;
  competitionReason: string | null;
  competition: (Omit<Competition, 'closesAt' | 'protocol'> & { closesAt: string }) | null;
  bids: BidView[];
  protocol: RankedBid[] | null;
  organizationId: string | null;
  contractIds: string[];
}

export async function choiceOf(em: EntityManager, lotId: string): Promise<ChoiceView | null> {
  const lot = await lotById(em, lotId);
  if (!lot) return null;
  const events = await em.find(
    LotEvent,
    { lot: lotId, version: lot.state.version, action: { $in: ['vote_called', 'contracts_concluded'] } },
    { orderBy: { seq: 'asc' } },
  );
  const called = events.find((e) => e.action === 'vote_called');
  const concluded = events.find((e) => e.action === 'contracts_concluded');
  const competition = await competitionOf(em, lotId);
  const bids = competition ? await em.find(LotBid, { lot: lotId, version: lot.state.version }) : [];
  return {
    lotId,
    districtId: lot.districtId,
    version: lot.state.version,
    approval: lot.state.approval,
    selection: lot.state.selection,
    applicationsCloseAt: lot.state.applicationsCloseAt
      ? new Date(lot.state.applicationsCloseAt).toISOString()
      : null,
    candidates: await lotCandidates(em, lotId),
    meetingId: (called?.data.meetingId as string | undefined) ?? null,
    competitionReason: lot.state.competitionReason,
    competition: competition
      ? {
          version: competition.version,
          criteria: competition.criteria,
          closesAt: new Date(competition.closesAt).toISOString(),
        }
      : null,
    bids: bids
      .map((b) => ({
        organizationId: b.organization.id,
        tariff: b.tariff,
        programmeCommitment: b.programmeCommitment,
        experienceYears: b.experienceYears,
        submittedAt: b.submittedAt.toISOString(),
      }))
      .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1)),
    protocol: competition?.protocol ?? null,
    organizationId: lot.state.organizationId,
    contractIds: (concluded?.data.contractIds as string[] | undefined) ?? [],
  };
}
