import { describe, expect, it } from 'vitest';
import { newLot } from './status.ts';
import { ownerView } from './views.ts';

describe('the owner view of a lot', () => {
  it('says where the lot stands without the offers or the council remarks', () => {
    const state = {
      ...newLot(),
      approval: 'approved' as const,
      selection: 'applications' as const,
      applicationsCloseAt: Date.UTC(2027, 0, 15),
      remarks: null,
      candidates: [{ organizationId: 'o1', tariff: 123_400, appliedAt: 1 }],
    };
    const view = ownerView({
      id: 'l',
      districtId: 'd',
      number: 2,
      state,
      buildingIds: ['b'],
      apartments: 7100,
    });
    expect(view).toEqual({
      id: 'l',
      districtId: 'd',
      number: 2,
      version: 1,
      approval: 'approved',
      selection: 'applications',
      buildingIds: ['b'],
      apartments: 7100,
      candidates: 1,
      applicationsCloseAt: '2027-01-15T00:00:00.000Z',
      organizationId: null,
    });
    expect(JSON.stringify(view)).not.toContain('123400');
  });
});
