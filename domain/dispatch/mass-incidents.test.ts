import { describe, expect, it } from 'vitest';
import { detectMassIncident, type PlacedRequest } from './mass-incidents.ts';
import { DEFAULT_DISPATCH_POLICY as P } from './policy.ts';

const T0 = Date.UTC(2027, 0, 15, 8);
const MIN = 60_000;
const req = (id: string, over: Partial<PlacedRequest> = {}): PlacedRequest => ({
  id,
  buildingId: 'b1',
  street: 'Navoiy',
  category: 'electricity',
  registeredAt: T0,
  massIncidentId: null,
  ...over,
});

describe('mass incidents', () => {
  it('opens one when the third request about one thing comes from the building within the hour', () => {
    const recent = [req('a', { registeredAt: T0 - 30 * MIN }), req('b', { registeredAt: T0 - 10 * MIN })];
    expect(detectMassIncident(P, req('c'), recent)).toEqual({
      kind: 'open',
      scope: 'building',
      requestIds: ['a', 'b', 'c'],
    });
  });

  it('does not count another category, an older request, or too few', () => {
    const recent = [req('a', { category: 'heating' }), req('b', { registeredAt: T0 - 61 * MIN }), req('d')];
    expect(detectMassIncident(P, req('c'), recent)).toBeNull();
  });

  it('counts a street across buildings, and joins an open incident', () => {
    const recent = [req('a', { buildingId: 'b2' }), req('b', { buildingId: 'b3' })];
    expect(detectMassIncident(P, req('c'), recent)).toEqual({
      kind: 'open',
      scope: 'street',
      requestIds: ['a', 'b', 'c'],
    });
    expect(detectMassIncident(P, req('c'), [req('a', { massIncidentId: 'm1' })])).toEqual({
      kind: 'join',
      incidentId: 'm1',
    });
    expect(detectMassIncident(P, req('c', { street: null }), recent)).toBeNull();
  });
});
