// Who may call a meeting (docs/domain/meetings.md): any owner for an annual meeting; owners holding at least
// the policy's share of all votes (together, as co-initiators) for an extraordinary one; the
// building's management organization; the district council.
import type { BuildingScope, Principal, Role } from '../access/roles.ts';
import type { MeetingKind, MeetingPolicy } from './policy.ts';

export const INITIATOR_KINDS = ['owners', 'management_organization', 'council'] as const;
export type InitiatorKind = (typeof INITIATOR_KINDS)[number];

/** The role each kind of initiator acts in: owners as residents, staff for their employer. */
export const INITIATOR_ROLE: Readonly<Record<InitiatorKind, Role>> = {
  owners: 'resident',
  management_organization: 'management_company',
  council: 'council',
};

/** Each kind of initiator acts in its own capacity: owners where they own, staff in their remit. */
export function initiatorScope(kind: InitiatorKind, p: Principal): BuildingScope {
  switch (kind) {
    case 'owners':
      return p.personId ? { kind: 'owner', personId: p.personId } : { kind: 'none' };
    case 'management_organization':
      return p.organizationId ? { kind: 'organization', organizationId: p.organizationId } : { kind: 'none' };
    case 'council':
      return p.districtId ? { kind: 'district', districtId: p.districtId } : { kind: 'none' };
  }
}

export interface InitiationRequest {
  as: InitiatorKind;
  kind: MeetingKind;
  roles: Role[];
  /** For owners: the vote weight the initiators hold together, and the electorate's total. */
  initiatorsWeight?: number;
  totalWeight?: number;
  /** For staff: whether the electorate's buildings are in the caller's scope. */
  inScope: boolean;
}

export type InitiationCheck = { ok: true } | { ok: false; field: string; reason: string };

/** Checked before the scope, so a refusal names what is actually wrong. */
export function checkCapacity(as: InitiatorKind, roles: readonly Role[]): InitiationCheck {
  const role = INITIATOR_ROLE[as];
  return roles.includes(role)
    ? { ok: true }
    : { ok: false, field: 'initiator', reason: `initiating as ${as} needs the role ${role}` };
}

export function checkInitiator(policy: MeetingPolicy, r: InitiationRequest): InitiationCheck {
  if (!r.inScope) return { ok: false, field: 'buildingIds', reason: 'the buildings are outside your scope' };
  switch (r.as) {
    case 'management_organization':
      return r.roles.includes('management_company')
        ? { ok: true }
        : {
            ok: false,
            field: 'initiator',
            reason: 'only management company staff initiate for the organization',
          };
    case 'council':
      return r.roles.includes('council')
        ? { ok: true }
        : { ok: false, field: 'initiator', reason: 'only council officers initiate for the council' };
    case 'owners': {
      if (!r.roles.includes('resident'))
        return { ok: false, field: 'initiator', reason: 'only owners initiate as owners' };
      const weight = r.initiatorsWeight ?? 0;
      if (weight <= 0)
        return {
          ok: false,
          field: 'initiator',
          reason: 'the initiators own no apartment in these buildings',
        };
      if (r.kind === 'annual') return { ok: true };
      const { numerator: n, denominator: d } = policy.extraordinaryInitiativeShare;
      return weight * d >= (r.totalWeight ?? 0) * n
        ? { ok: true }
        : {
            ok: false,
            field: 'coInitiators',
            reason: `an extraordinary meeting needs owners holding at least ${Math.round((100 * n) / d)}% of all votes`,
          };
    }
  }
}
