import { describe, expect, it } from 'vitest';
import { type Bid, DEFAULT_COMPETITION_CRITERIA, rankBids } from './competition.ts';

const bid = (organizationId: string, b: Partial<Bid>): Bid => ({
  organizationId,
  tariff: 100_000,
  programmeCommitment: 0,
  experienceYears: 0,
  submittedAt: 0,
  ...b,
});

describe('rankBids', () => {
  it('gives each criterion its full weight to the best bid and scales the others', () => {
    const [first, second] = rankBids(
      [
        bid('a', { tariff: 200_000, programmeCommitment: 1_000_000, experienceYears: 12 }),
        bid('b', { tariff: 100_000, programmeCommitment: 500_000, experienceYears: 5 }),
      ],
      DEFAULT_COMPETITION_CRITERIA,
    );
    expect(first).toMatchObject({
      organizationId: 'a',
      rank: 1,
      points: { tariff: 20, programme: 40, experience: 20, total: 80 },
    });
    expect(second).toMatchObject({
      organizationId: 'b',
      rank: 2,
      points: { tariff: 40, programme: 20, experience: 10, total: 70 },
    });
  });

  it('follows the published weights: all on the tariff, the cheapest wins', () => {
    const ranked = rankBids(
      [bid('a', { tariff: 200_000, programmeCommitment: 9e9 }), bid('b', { tariff: 100_000 })],
      { ...DEFAULT_COMPETITION_CRITERIA, tariff: 100, programme: 0, experience: 0 },
    );
    expect(ranked.map((b) => b.organizationId)).toEqual(['b', 'a']);
  });

  it('breaks a tie by the lower tariff, then the earlier bid', () => {
    const same = { tariff: 100_000, programmeCommitment: 0, experienceYears: 0 };
    expect(
      rankBids(
        [bid('z', { ...same, submittedAt: 1 }), bid('y', { ...same, submittedAt: 2 })],
        DEFAULT_COMPETITION_CRITERIA,
      ).map((b) => b.organizationId),
    ).toEqual(['z', 'y']);
  });

  it('refuses weights that do not sum to 100 and bids without a tariff', () => {
    expect(() => rankBids([bid('a', {})], { ...DEFAULT_COMPETITION_CRITERIA, tariff: 50 })).toThrow(/100/);
    expect(() => rankBids([bid('a', { tariff: 0 })], DEFAULT_COMPETITION_CRITERIA)).toThrow(/tariff/);
  });
});
