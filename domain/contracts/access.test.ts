import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../access/roles.ts';
import {
  type ContractScope,
  canProposeChange,
  canReadContract,
  canRegisterWithTaxAuthority,
  canStartContract,
  signingPartiesOf,
} from './access.ts';

const ORG = 'org-1';
const who = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  userId: 'u-other',
  personId: null,
  roles,
  organizationId: null,
  districtId: null,
  name: 'x',
  ...extra,
});
const scope: ContractScope = {
  organizationId: ORG,
  districtIds: ['d-1'],
  parties: { owners: { userId: 'u-rep' }, counterparty: { organizationId: ORG, userId: null } },
};
const rep = who(['resident'], { userId: 'u-rep' });
const staff = who(['management_company'], { organizationId: ORG });
const otherStaff = who(['management_company'], { organizationId: 'org-2' });
const council = who(['council'], { districtId: 'd-1' });
const otherCouncil = who(['council'], { districtId: 'd-2' });

describe('contract access', () => {
  it('only the representative signs for the owners and only the staff for the organization', () => {
    expect(signingPartiesOf(rep, scope.parties)).toEqual(['owners']);
    expect(signingPartiesOf(staff, scope.parties)).toEqual(['counterparty']);
    expect(signingPartiesOf(otherStaff, scope.parties)).toEqual([]);
    expect(signingPartiesOf(council, scope.parties)).toEqual([]);
    expect(signingPartiesOf(who(['resident']), scope.parties)).toEqual([]);
  });

  it('a lessee signs through its own account', () => {
    const lease = { owners: { userId: 'u-rep' }, counterparty: { organizationId: null, userId: 'u-lessee' } };
    expect(signingPartiesOf(who(['resident'], { userId: 'u-lessee' }), lease)).toEqual(['counterparty']);
    expect(signingPartiesOf(staff, lease)).toEqual([]);
  });

  it('reads: parties, staff, the district, owners there; not others', () => {
    expect(canReadContract(council, scope, false)).toBe(true);
    expect(canReadContract(otherCouncil, scope, false)).toBe(false);
    expect(canReadContract(otherStaff, scope, false)).toBe(false);
    expect(canReadContract(who(['resident']), scope, true)).toBe(true);
    expect(canReadContract(who(['resident']), scope, false)).toBe(false);
    expect(canReadContract(who(['admin']), scope, false)).toBe(true);
  });

  it('starts: the council for a lot in its district; after a meeting also the representative and the staff', () => {
    const c = { organizationId: ORG, districtIds: ['d-1'], representativeUserId: 'u-rep' };
    expect(canStartContract(council, { ...c, fromMeeting: false })).toBe(true);
    expect(canStartContract(otherCouncil, { ...c, fromMeeting: false })).toBe(false);
    expect(canStartContract(rep, { ...c, fromMeeting: false })).toBe(false);
    expect(canStartContract(rep, { ...c, fromMeeting: true })).toBe(true);
    expect(canStartContract(staff, { ...c, fromMeeting: true })).toBe(true);
    expect(canStartContract(otherStaff, { ...c, fromMeeting: true })).toBe(false);
  });

  it('changes are proposed by the parties; tax registration by the organization', () => {
    expect(canProposeChange(rep, scope.parties)).toBe(true);
    expect(canProposeChange(council, scope.parties)).toBe(false);
    expect(canRegisterWithTaxAuthority(staff, ORG)).toBe(true);
    expect(canRegisterWithTaxAuthority(otherStaff, ORG)).toBe(false);
  });
});
