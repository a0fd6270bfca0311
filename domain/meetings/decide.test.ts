import { describe, expect, it } from 'vitest';
import { decide, itemAccepted, quorumReached, type TallyInput } from './decide.ts';
import { DEFAULT_MEETING_POLICY, resolvePolicy } from './policy.ts';

const P = DEFAULT_MEETING_POLICY;
const totals = (f: number, a = 0, x = 0) => ({ for: f, against: a, abstain: x });

describe('quorum: more than half of all votes took part', () => {
  it('exactly half is not enough, one unit more is', () => {
    expect(quorumReached(P, 50, 100)).toBe(false);
    expect(quorumReached(P, 51, 100)).toBe(true);
    expect(quorumReached(P, 500_000_000, 1_000_000_001)).toBe(false);
    expect(quorumReached(P, 500_000_001, 1_000_000_001)).toBe(true);
  });

  it('an empty electorate never has a quorum', () => {
    expect(quorumReached(P, 0, 0)).toBe(false);
  });

  it('follows a configured share', () => {
    const twoThirds = resolvePolicy({ quorumShare: { numerator: 2, denominator: 3 } });
    expect(quorumReached(twoThirds, 200, 300)).toBe(false);
    expect(quorumReached(twoThirds, 201, 300)).toBe(true);
  });
});

describe('majority rules at their exact boundaries', () => {
  it('majority of cast: abstentions count as cast, half is not a majority', () => {
    expect(itemAccepted('majority_of_cast', totals(50, 49, 1), 1000)).toBe(false);
    expect(itemAccepted('majority_of_cast', totals(51, 49, 0), 1000)).toBe(true);
    expect(itemAccepted('majority_of_cast', totals(50, 50, 0), 1000)).toBe(false);
    expect(itemAccepted('majority_of_cast', totals(0, 0, 0), 1000)).toBe(false);
    // Independent of the electorate's size: 3 of 5 cast is a majority even among 1000.
    expect(itemAccepted('majority_of_cast', totals(3, 2, 0), 1000)).toBe(true);
  });

  it('majority of all: more than half of the whole electorate', () => {
    expect(itemAccepted('majority_of_all', totals(50), 100)).toBe(false);
    expect(itemAccepted('majority_of_all', totals(51), 100)).toBe(true);
    expect(itemAccepted('majority_of_all', totals(50), 101)).toBe(false);
    expect(itemAccepted('majority_of_all', totals(51), 101)).toBe(true);
    expect(itemAccepted('majority_of_all', totals(0), 0)).toBe(false);
  });

  it('two thirds of all: exactly two thirds is enough, one unit less is not', () => {
    expect(itemAccepted('two_thirds_of_all', totals(200), 300)).toBe(true);
    expect(itemAccepted('two_thirds_of_all', totals(199, 0, 101), 300)).toBe(false);
    expect(itemAccepted('two_thirds_of_all', totals(66), 100)).toBe(false);
    expect(itemAccepted('two_thirds_of_all', totals(67), 100)).toBe(true);
    // No floating point: 2/3 of 3e14 is 2e14 exactly.
    expect(itemAccepted('two_thirds_of_all', totals(2e14), 3e14)).toBe(true);
    expect(itemAccepted('two_thirds_of_all', totals(2e14 - 1), 3e14)).toBe(false);
    expect(itemAccepted('two_thirds_of_all', totals(0), 0)).toBe(false);
  });
});

describe('decide', () => {
  const tally = (participating: number, items: TallyInput['items']): TallyInput => ({
    totalWeight: 300,
    participatingWeight: participating,
    items,
  });
  const item = (kind: TallyInput['items'][number]['kind'], f: number, a = 0, x = 0) => ({
    itemId: kind,
    kind,
    ...totals(f, a, x),
  });

  it('applies each item kind’s rule from the policy', () => {
    const d = decide(
      P,
      tally(200, [
        item('ordinary', 101, 99),
        item('management_organization', 150, 50),
        item('capital_repair', 200),
      ]),
    );
    expect(d.quorumReached).toBe(true);
    expect(d.items.map((i) => [i.kind, i.rule, i.accepted])).toEqual([
      ['ordinary', 'majority_of_cast', true],
      // 150 of 300 is not more than half of all votes.
      ['management_organization', 'majority_of_all', false],
      ['capital_repair', 'two_thirds_of_all', true],
    ]);
    const stricter = resolvePolicy({ rules: { ordinary: 'two_thirds_of_all' } });
    expect(decide(stricter, tally(200, [item('ordinary', 101, 99)])).items[0]!.accepted).toBe(false);
  });

  it('without quorum nothing is accepted, whatever the totals', () => {
    const d = decide(P, tally(150, [item('ordinary', 150)]));
    expect(d.quorumReached).toBe(false);
    expect(d.items[0]).toMatchObject({ accepted: false, for: 150, rule: 'majority_of_cast' });
    expect(d).toMatchObject({ totalWeight: 300, participatingWeight: 150 });
  });

  it('refuses weights that are not exact non-negative integers', () => {
    expect(() => decide(P, { totalWeight: 1.5, participatingWeight: 0, items: [] })).toThrow(RangeError);
    expect(() => decide(P, { totalWeight: 10, participatingWeight: -1, items: [] })).toThrow(
      /participatingWeight/,
    );
    expect(() => decide(P, tally(200, [item('ordinary', 2 ** 53)]))).toThrow(/ordinary\.for/);
  });
});
