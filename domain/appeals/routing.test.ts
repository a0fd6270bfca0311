import { describe, expect, it } from 'vitest';
import { bodyFor, CATEGORY_INFO, nextLevel, type RoutableBuilding, route } from './routing.ts';
import { APPEAL_CATEGORIES } from './types.ts';

const B: RoutableBuilding = {
  district: { id: 'd-1', name: 'Yunusobod' },
  managementOrganization: { id: 'org-1', name: 'Obod Uy' },
};

describe('routing', () => {
  it('every category has a first body and an Open311 description', () => {
    for (const c of APPEAL_CATEGORIES) {
      expect(CATEGORY_INFO[c].name.length).toBeGreaterThan(0);
      expect(CATEGORY_INFO[c].keywords.length).toBeGreaterThan(0);
    }
  });

  it('sends service matters to the building’s management organization', () => {
    expect(route('heating', B)).toEqual({ kind: 'management_organization', id: 'org-1', name: 'Obod Uy' });
    expect(route('other', B).kind).toBe('management_organization');
  });

  it('meeting procedure to the district council, building safety to the inspection', () => {
    expect(route('meeting_procedure', B)).toEqual({ kind: 'council', id: 'd-1', name: 'Yunusobod' });
    expect(route('building_safety', B)).toEqual({ kind: 'inspection', id: 'd-1', name: 'Yunusobod' });
  });

  it('a building without a management organization falls to the council', () => {
    expect(route('lift', { ...B, managementOrganization: null }).kind).toBe('council');
    expect(bodyFor('inspection', { ...B, managementOrganization: null }).kind).toBe('inspection');
  });

  it('climbs management organization → council → inspection, then stops', () => {
    expect(nextLevel('management_organization')).toBe('council');
    expect(nextLevel('council')).toBe('inspection');
    expect(nextLevel('inspection')).toBeNull();
  });
});
