// The council's open competition for a lot whose owners did not choose: published with its
// criteria and its deadline (a line in the lot's history), organizations that meet the register's
// minimum requirements bid (tariff, programme commitment, years of experience; again before the
// deadline replaces the bid), and after it the protocol ranks the bids by the published criteria
// (domain/lots/competition.ts), stored in the history. The council then appoints the protocol's
// winner.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import { type CompetitionCriteria, type RankedBid, rankBids } from '../../domain/lots/competition.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import { isUuid } from '../sql.ts';
import { meetsMinimumRequirements } from './choice.ts';
import { LotBid, LotEvent, LotRow } from './entities.ts';
import { applyToLot, earlierLotAnswer, noteOnLot, rememberLotAnswer } from './repository.ts';

export interface Competition {
  version: number;
  criteria: CompetitionCriteria;
  closesAt: number;
  /** The ranked bids once the deadline passed; null before. */
  protocol: RankedBid[] | null;
}

/** The competition as its history has it, or null while the lot has none. */
export async function competitionOf(em: EntityManager, lotId: string): Promise<Competition | null> {
  if (!isUuid(lotId)) return null;
  const lot = await em.findOne(LotRow, { id: lotId }, { refresh: true });
  if (!lot || !['competition', 'appointed'].includes(lot.selection)) return null;
  const events = await em.find(
    LotEvent,
    { lot: lotId, version: lot.version, action: { $in: ['competition_opened', 'competition_protocol'] } },
    { orderBy: { seq: 'asc' } },
  );
  // A round nobody bid in is published again: the latest round and its own protocol count.
  const opened = events.filter((e) => e.action === 'competition_opened').at(-1);
  if (!opened) return null;
  const protocol = events.find((e) => e.action === 'competition_protocol' && e.seq > opened.seq);
  return {
    version: lot.version,
    criteria: opened.data.criteria as CompetitionCriteria,
    closesAt: opened.data.closesAt as number,
    protocol: (protocol?.data.ranked as RankedBid[] | undefined) ?? null,
  };
}

export async function openCompetition(
  em: EntityManager,
  input: { lotId: string; criteria: CompetitionCriteria; closesAt: number; requestId: string },
): Promise<void> {
  await noteOnLot(em, {
    lotId: input.lotId,
    requestId: input.requestId,
    action: 'competition_opened',
    data: { criteria: input.criteria, closesAt: input.closesAt },
  });
}

export interface BidInput {
  lotId: string;
  organizationId: string;
  tariff: number;
  programmeCommitment: number;
  experienceYears: number;
  requestKey: string;
  requestSha256: string;
  now: Date;
}

export type BidAnswer = Omit<BidInput, 'requestKey' | 'requestSha256' | 'now'> & { submittedAt: string };

const refuse = (code: LotRuleCode, message: string, reason: string, field?: string) =>
  new RuleError<LotRuleCode>(code, message, field ? [field] : [], reason);

export async function submitBid(em: EntityManager, input: BidInput): Promise<BidAnswer> {
  return em.transactional(async (tx) => {
    const earlier = await earlierLotAnswer<BidAnswer>(tx, input.requestKey, input.requestSha256);
    if (earlier) return earlier;
    const competition = await competitionOf(tx, input.lotId);
    if (!competition) throw refuse('wrong_state', 'the lot has no open competition', 'no_competition');
    if (input.now.getTime() >= competition.closesAt || competition.protocol)
      throw refuse('window_closed', 'the competition has closed', 'window_closed');
    if (!(await meetsMinimumRequirements(tx, input.organizationId)))
      throw refuse('forbidden', 'the organization does not meet the minimum requirements', 'not_eligible');
    await tx.execute(
      `insert into lot_bid (id, lot_id, version, organization_id, tariff, programme_commitment, experience_years, submitted_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)
       on conflict (lot_id, version, organization_id) do update set tariff = excluded.tariff,
         programme_commitment = excluded.programme_commitment, experience_years = excluded.experience_years,
         submitted_at = excluded.submitted_at`,
      [
        input.lotId,
        competition.version,
        input.organizationId,
        input.tariff,
        input.programmeCommitment,
        input.experienceYears,
        input.now,
      ],
    );
    const answer: BidAnswer = {
      lotId: input.lotId,
      organizationId: input.organizationId,
      tariff: input.tariff,
      programmeCommitment: input.programmeCommitment,
      experienceYears: input.experienceYears,
      submittedAt: input.now.toISOString(),
    };
    await rememberLotAnswer(tx, input.requestKey, input.requestSha256, answer);
    return answer;
  });
}

/** After the deadline: the bids ranked by the published criteria, kept in the history as the protocol. */
export async function rankCompetition(
  em: EntityManager,
  input: { lotId: string; requestId: string },
): Promise<RankedBid[]> {
  const competition = await competitionOf(em, input.lotId);
  if (!competition) throw refuse('wrong_state', 'the lot has no competition', 'no_competition');
  if (competition.protocol) return competition.protocol;
  const bids = await em.find(LotBid, { lot: input.lotId, version: competition.version });
  const ranked = rankBids(
    bids.map((b) => ({
      organizationId: b.organization.id,
      tariff: b.tariff,
      programmeCommitment: b.programmeCommitment,
      experienceYears: b.experienceYears,
      submittedAt: b.submittedAt.getTime(),
    })),
    competition.criteria,
  );
  await noteOnLot(em, {
    lotId: input.lotId,
    requestId: input.requestId,
    action: 'competition_protocol',
    data: { ranked },
  });
  return ranked;
}

/** The council appoints the protocol's winner; anyone else is refused with the reason. */
export async function appointWinner(
  em: EntityManager,
  input: { lotId: string; organizationId: string; actorUserId: string; requestId: string },
): Promise<RankedBid> {
  const competition = await competitionOf(em, input.lotId);
  const winner = competition?.protocol?.[0];
  if (!winner) throw refuse('wrong_state', 'the competition has no protocol with a bid yet', 'no_protocol');
  if (winner.organizationId !== input.organizationId)
    throw refuse(
      'invalid',
      'the council appoints the winner of the published protocol',
      'not_the_winner',
      'organizationId',
    );
  await applyToLot(em, {
    lotId: input.lotId,
    command: { type: 'appoint', organizationId: input.organizationId },
    party: 'council',
    requestId: input.requestId,
    actorUserId: input.actorUserId,
    now: new Date(),
  });
  return winner;
}
