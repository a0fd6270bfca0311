// The partition's terms as data (docs/domain/lots.md). Every value is a default a deployment may
// override; the tag says where it comes from.

export interface LotPolicy {
  /** The least apartments a lot may have. [seed] 7,000 */
  minApartments: number;
  /**
   * How far, in buildings, the balancing may move a border between two neighbouring lots of the
   * proposal. [design] 40: enough to even out size and class mix, small enough that a lot stays
   * one neighbourhood
   */
  balanceWindow: number;
  /**
   * Weight of class balance against size balance in the proposal's score. [design] 1: a lot whose
   * share of red buildings is 10 points off the district's costs as much as one 10 % off in size
   */
  classWeight: number;
  /**
   * Days the council has to decide on a submitted lot version. [design] 14 calendar days is the
   * order of a council's session cycle; the officer and the council are reminded before it ends
   */
  reviewDays: number;
  /** Days before the review deadline the council is reminded, each a reminder. [design] 5, 1 */
  reviewRemindersDays: number[];
  /** Days the application window for organizations stays open. [design] 30 */
  applicationDays: number;
  /**
   * Days the lot-wide vote on the candidates stays open, after the meetings' notice period.
   * [design] 14: twice the meetings' shortest vote, as a lot's owners are thousands
   */
  votingDays: number;
  /** Days organizations have to bid in the council's open competition. [design] 30 */
  competitionDays: number;
  /**
   * Competition rounds nobody bid in that one run of the choice's workflow goes through before it
   * continues as new at the next round, so years without a bid do not grow one history without
   * bound. [design] 12: a year of 30-day rounds; no owner or organization sees the cut
   */
  competitionRoundsPerRun: number;
  /**
   * Months of the management contracts the choice or the competition produces. [design] 60: the
   * five years of the lot's programme, which the contracts carry
   */
  contractTermMonths: number;
  /**
   * Minutes between looks for the lot meeting's result once its vote has closed, until the
   * meetings have counted it. [design] 10: counting is one step after the close
   */
  resultPollMinutes: number;
}

export const DEFAULT_LOT_POLICY: LotPolicy = {
  minApartments: 7000,
  balanceWindow: 40,
  classWeight: 1,
  reviewDays: 14,
  reviewRemindersDays: [5, 1],
  applicationDays: 30,
  votingDays: 14,
  competitionDays: 30,
  competitionRoundsPerRun: 12,
  contractTermMonths: 60,
  resultPollMinutes: 10,
};

export function resolveLotPolicy(...layers: (Partial<LotPolicy> | undefined)[]): LotPolicy {
  let policy = DEFAULT_LOT_POLICY;
  for (const layer of layers) if (layer) policy = { ...policy, ...layer };
  if (!Number.isInteger(policy.minApartments) || policy.minApartments < 1)
    throw new RangeError('minApartments must be a whole number ≥ 1');
  if (!Number.isInteger(policy.balanceWindow) || policy.balanceWindow < 0)
    throw new RangeError('balanceWindow must be a whole number ≥ 0');
  if (!(policy.classWeight >= 0)) throw new RangeError('classWeight must be ≥ 0');
  // Fractions of a day, as for the review below, so a test can run the window in seconds.
  if (!(policy.applicationDays > 0)) throw new RangeError('applicationDays must be > 0');
  if (!(policy.votingDays > 0) || !(policy.competitionDays > 0))
    throw new RangeError('votingDays and competitionDays must be > 0');
  if (!Number.isInteger(policy.competitionRoundsPerRun) || policy.competitionRoundsPerRun < 1)
    throw new RangeError('competitionRoundsPerRun must be a whole number ≥ 1');
  if (!Number.isInteger(policy.contractTermMonths) || policy.contractTermMonths < 1)
    throw new RangeError('contractTermMonths must be a whole number ≥ 1');
  if (!(policy.resultPollMinutes > 0)) throw new RangeError('resultPollMinutes must be > 0');
  // Fractions of a day are allowed so a test can run the council's clock in seconds.
  if (!(policy.reviewDays > 0)) throw new RangeError('reviewDays must be > 0');
  if (!policy.reviewRemindersDays.every((d) => d > 0 && d < policy.reviewDays))
    throw new RangeError('reviewRemindersDays must each be > 0 and less than reviewDays');
  return policy;
}
