import { describe, expect, it } from 'vitest';
import { coverageGaps, coverageShare, type Shift, technicianOnDuty } from './roster.ts';

const D0 = Date.UTC(2027, 0, 11);
const H = 3_600_000;
const shift = (id: string, over: Partial<Shift>): Shift => ({
  id,
  userId: `u-${id}`,
  role: 'technician',
  startsAt: D0,
  endsAt: D0 + 24 * H,
  categories: [],
  buildingIds: [],
  ...over,
});

describe('rosters', () => {
  it('flags the hours with no dispatcher and a category no technician covers', () => {
    const shifts = [
      shift('d1', { role: 'dispatcher', endsAt: D0 + 12 * H }),
      shift('d2', { role: 'dispatcher', startsAt: D0 + 14 * H }),
      shift('t1', { categories: ['water_leak'] }),
      shift('t2', { categories: ['elevator'], endsAt: D0 + 8 * H }),
      // Limited to one building: covers nobody else, so it does not close the gap.
      shift('t3', { categories: ['elevator'], buildingIds: ['b1'] }),
    ];
    expect(coverageGaps(shifts, D0, D0 + 24 * H, ['water_leak', 'elevator'])).toEqual([
      { role: 'dispatcher', category: null, from: D0 + 12 * H, to: D0 + 14 * H },
      { role: 'technician', category: 'elevator', from: D0 + 8 * H, to: D0 + 24 * H },
    ]);
  });

  it('measures the coverage by its least covered role or category', () => {
    const gaps = coverageGaps(
      [
        shift('d1', { role: 'dispatcher', endsAt: D0 + 12 * H }),
        shift('d2', { role: 'dispatcher', startsAt: D0 + 14 * H }),
        shift('t1', { categories: ['water_leak'] }),
        shift('t2', { categories: ['elevator'], endsAt: D0 + 18 * H }),
      ],
      D0,
      D0 + 24 * H,
      ['water_leak', 'elevator'],
    );
    // Two hours without a dispatcher, six without an elevator technician: the six decide.
    expect(coverageShare(gaps, D0, D0 + 24 * H)).toEqual({
      share: 0.75,
      worst: { role: 'technician', category: 'elevator', uncoveredMs: 6 * H },
    });
    expect(coverageShare([], D0, D0 + 24 * H)).toEqual({ share: 1, worst: null });
  });

  it('finds no gap in overlapping round-the-clock shifts', () => {
    const shifts = [
      shift('d1', { role: 'dispatcher', endsAt: D0 + 13 * H }),
      shift('d2', { role: 'dispatcher', startsAt: D0 + 12 * H }),
      shift('t1', {}),
    ];
    expect(coverageGaps(shifts, D0, D0 + 24 * H, ['gas', 'roof'])).toEqual([]);
  });

  it('routes to the most specific technician on duty, or to nobody', () => {
    const shifts = [shift('t1', {}), shift('t2', { categories: ['heating'], buildingIds: ['b1'] })];
    expect(technicianOnDuty(shifts, { category: 'heating', buildingId: 'b1' }, D0 + H)).toBe('u-t2');
    expect(technicianOnDuty(shifts, { category: 'heating', buildingId: 'b2' }, D0 + H)).toBe('u-t1');
    expect(technicianOnDuty(shifts, { category: 'heating', buildingId: 'b1' }, D0 + 25 * H)).toBeNull();
  });
});
