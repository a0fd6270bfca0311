// The open competition's evaluation: each bid scored by the criteria the council publishes with the
// competition, as weights that sum to 100, each criterion scaled so the best bid on it gets its
// full weight. The protocol is the ranked list with every bid's points per criterion, so anyone can
// recompute the winner from the published criteria and the bids.

export interface Bid {
  organizationId: string;
  /** Management tariff offered, tiyin per m² a month: lower is better. */
  tariff: number;
  /** Programme works the bidder commits to finance or carry out, tiyin: higher is better. */
  programmeCommitment: number;
  /** Years the organization has managed buildings (from the register): more is better, capped. */
  experienceYears: number;
  submittedAt: number;
}

export interface CompetitionCriteria {
  /** Points of 100 for the tariff. [design] 40 */
  tariff: number;
  /** Points of 100 for the programme commitment. [design] 40 */
  programme: number;
  /** Points of 100 for experience. [design] 20 */
  experience: number;
  /** Experience beyond this counts as this. [design] 10 years */
  experienceCapYears: number;
}

export const DEFAULT_COMPETITION_CRITERIA: CompetitionCriteria = {
  tariff: 40,
  programme: 40,
  experience: 20,
  experienceCapYears: 10,
};

export interface RankedBid extends Bid {
  rank: number;
  points: { tariff: number; programme: number; experience: number; total: number };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function criteriaProblem(c: CompetitionCriteria): string | null {
  if ([c.tariff, c.programme, c.experience].some((w) => !(w >= 0))) return 'weights must be ≥ 0';
  if (c.tariff + c.programme + c.experience !== 100) return 'weights must sum to 100';
  if (!(c.experienceCapYears > 0)) return 'the experience cap must be > 0';
  return null;
}

/** The bids ranked by total points; ties go to the lower tariff, then the earlier bid, then the id. */
export function rankBids(bids: readonly Bid[], criteria: CompetitionCriteria): RankedBid[] {
  const problem = criteriaProblem(criteria);
  if (problem) throw new RangeError(problem);
  if (bids.some((b) => !(b.tariff > 0) || b.programmeCommitment < 0 || b.experienceYears < 0))
    throw new RangeError('a bid needs a tariff > 0 and no negative figures');
  const lowestTariff = Math.min(...bids.map((b) => b.tariff));
  const mostProgramme = Math.max(0, ...bids.map((b) => b.programmeCommitment));
  const cap = criteria.experienceCapYears;
  const scored = bids.map((b) => {
    const tariff = round2((criteria.tariff * lowestTariff) / b.tariff);
    const programme = round2(
      mostProgramme ? (criteria.programme * b.programmeCommitment) / mostProgramme : 0,
    );
    const experience = round2((criteria.experience * Math.min(b.experienceYears, cap)) / cap);
    return {
      ...b,
      rank: 0,
      points: { tariff, programme, experience, total: round2(tariff + programme + experience) },
    };
  });
  scored.sort(
    (a, b) =>
      b.points.total - a.points.total ||
      a.tariff - b.tariff ||
      a.submittedAt - b.submittedAt ||
      (a.organizationId < b.organizationId ? -1 : 1),
  );
  return scored.map((b, i) => ({ ...b, rank: i + 1 }));
}
