import { describe, expect, it } from 'vitest';
import { checkCapacity, checkInitiator, type InitiationRequest, initiatorScope } from './initiation.ts';
import { DEFAULT_MEETING_POLICY, resolvePolicy } from './policy.ts';

const P = DEFAULT_MEETING_POLICY;
const owners = (over: Partial<InitiationRequest> = {}): InitiationRequest => ({
  as: 'owners',
  kind: 'extraordinary',
  roles: ['resident'],
  initiatorsWeight: 10,
  totalWeight: 100,
  inScope: true,
  ...over,
});

describe('checkInitiator', () => {
  it('nobody initiates outside their scope', () => {
    expect(checkInitiator(P, owners({ inScope: false }))).toEqual({
      ok: false,
      field: 'buildingIds',
      reason: expect.any(String),
    });
    expect(
      checkInitiator(P, { as: 'council', kind: 'annual', roles: ['council'], inScope: false }),
    ).toMatchObject({
      ok: false,
      field: 'buildingIds',
    });
  });

  it('the management organization and the council initiate through their own staff', () => {
    expect(
      checkInitiator(P, {
        as: 'management_organization',
        kind: 'extraordinary',
        roles: ['management_company'],
        inScope: true,
      }),
    ).toEqual({ ok: true });
    expect(
      checkInitiator(P, { as: 'management_organization', kind: 'annual', roles: ['council'], inScope: true }),
    ).toMatchObject({ ok: false, field: 'initiator' });
    expect(
      checkInitiator(P, { as: 'council', kind: 'extraordinary', roles: ['council'], inScope: true }),
    ).toEqual({ ok: true });
    expect(
      checkInitiator(P, { as: 'council', kind: 'annual', roles: ['resident', 'inspector'], inScope: true }),
    ).toMatchObject({ ok: false, field: 'initiator' });
  });

  it('owners initiate only as owners holding a vote', () => {
    expect(checkInitiator(P, owners({ roles: ['management_company'] }))).toMatchObject({
      ok: false,
      field: 'initiator',
    });
    expect(checkInitiator(P, owners({ initiatorsWeight: 0 }))).toMatchObject({
      ok: false,
      field: 'initiator',
    });
    expect(checkInitiator(P, owners({ initiatorsWeight: undefined }))).toMatchObject({
      ok: false,
      field: 'initiator',
    });
  });

  it('any owner calls an annual meeting', () => {
    expect(
      checkInitiator(P, owners({ kind: 'annual', initiatorsWeight: 1, totalWeight: 1_000_000 })),
    ).toEqual({ ok: true });
  });

  it('an extraordinary meeting needs at least 10% of all votes: exactly 10% is enough', () => {
    expect(checkInitiator(P, owners({ initiatorsWeight: 10, totalWeight: 100 }))).toEqual({ ok: true });
    expect(checkInitiator(P, owners({ initiatorsWeight: 9, totalWeight: 100 }))).toEqual({
      ok: false,
      field: 'coInitiators',
      reason: expect.stringContaining('10%'),
    });
    expect(checkInitiator(P, owners({ initiatorsWeight: 93_300, totalWeight: 933_000 }))).toEqual({
      ok: true,
    });
    expect(checkInitiator(P, owners({ initiatorsWeight: 93_299, totalWeight: 933_000 }))).toMatchObject({
      ok: false,
    });
  });

  it('follows a configured initiative share', () => {
    const fifth = resolvePolicy({ extraordinaryInitiativeShare: { numerator: 1, denominator: 5 } });
    expect(checkInitiator(fifth, owners({ initiatorsWeight: 19, totalWeight: 100 }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('20%'),
    });
    expect(checkInitiator(fifth, owners({ initiatorsWeight: 20, totalWeight: 100 }))).toEqual({ ok: true });
  });
});

describe('who acts in which capacity', () => {
  const p = {
    userId: 'u-1',
    personId: 'p-1',
    roles: ['resident' as const],
    organizationId: 'o-1',
    districtId: 'd-1',
    name: 'x',
  };

  it('each kind of initiator needs its own role', () => {
    expect(checkCapacity('owners', ['resident'])).toEqual({ ok: true });
    expect(checkCapacity('council', ['resident', 'management_company'])).toEqual({
      ok: false,
      field: 'initiator',
      reason: 'initiating as council needs the role council',
    });
    expect(checkCapacity('management_organization', ['management_company'])).toEqual({ ok: true });
  });

  it('owners act where they own, staff in their remit, nobody without one', () => {
    expect(initiatorScope('owners', p)).toEqual({ kind: 'owner', personId: 'p-1' });
    expect(initiatorScope('management_organization', p)).toEqual({
      kind: 'organization',
      organizationId: 'o-1',
    });
    expect(initiatorScope('council', p)).toEqual({ kind: 'district', districtId: 'd-1' });
    expect(initiatorScope('council', { ...p, districtId: null })).toEqual({ kind: 'none' });
    expect(initiatorScope('owners', { ...p, personId: null })).toEqual({ kind: 'none' });
  });
});
