import { describe, expect, it } from 'vitest';
import { DEFAULT_LOT_POLICY, resolveLotPolicy } from './policy.ts';

describe("the lots' policy", () => {
  it('bounds a choice run at 12 empty competition rounds unless a deployment says otherwise', () => {
    expect(resolveLotPolicy().competitionRoundsPerRun).toBe(12);
    expect(resolveLotPolicy({ competitionRoundsPerRun: 1 }).competitionRoundsPerRun).toBe(1);
    expect(resolveLotPolicy(undefined, { competitionRoundsPerRun: 24 })).toEqual({
      ...DEFAULT_LOT_POLICY,
      competitionRoundsPerRun: 24,
    });
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s competition rounds per run: a run must go through a whole round at least',
    (n) => {
      expect(() => resolveLotPolicy({ competitionRoundsPerRun: n })).toThrow(
        'competitionRoundsPerRun must be a whole number ≥ 1',
      );
    },
  );
});
