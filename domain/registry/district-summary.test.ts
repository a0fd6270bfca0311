import { describe, expect, it } from 'vitest';
import { countByClass, countByDistrict, emptyCounts } from './district-summary.ts';

describe('district summary', () => {
  it('counts nothing for no buildings', () => {
    expect(countByClass([])).toEqual(emptyCounts());
  });

  it('counts each class and treats an unclassified building as unknown', () => {
    const counts = countByClass([
      { conditionClass: 'green' },
      { conditionClass: 'green' },
      { conditionClass: 'yellow' },
      { conditionClass: 'red' },
      { conditionClass: null },
      { conditionClass: 'unknown' },
    ]);
    expect(counts).toEqual({ green: 2, yellow: 1, red: 1, unknown: 2, total: 6 });
  });

  it('groups by district in id order', () => {
    expect(
      countByDistrict([
        { districtId: 'b', conditionClass: 'red' },
        { districtId: 'a', conditionClass: 'green' },
        { districtId: 'b', conditionClass: 'red' },
      ]),
    ).toEqual([
      { districtId: 'a', counts: { green: 1, yellow: 0, red: 0, unknown: 0, total: 1 } },
      { districtId: 'b', counts: { green: 0, yellow: 0, red: 2, unknown: 0, total: 2 } },
    ]);
  });
});
