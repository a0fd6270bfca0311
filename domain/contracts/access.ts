// Who may do what with a contract (docs/domain/contracts.md): only the organization's own staff act for
// it, only the representative the general meeting authorized signs for the owners, and the
// council acts in its district. Pure, so the API and the workflow's validators decide alike.
import { hasRole, type Principal } from '../access/roles.ts';
import type { Party } from './lifecycle.ts';

export interface ContractParties {
  owners: { userId: string };
  /** A management organization signs through any of its staff; a lessee through its own account. */
  counterparty: { organizationId: string | null; userId: string | null };
}

export interface ContractScope {
  organizationId: string;
  districtIds: string[];
  parties: ContractParties;
}

const staffOf = (p: Principal, organizationId: string | null): boolean =>
  organizationId !== null && hasRole(p, 'management_company') && p.organizationId === organizationId;

const inDistricts = (p: Principal, districtIds: string[]): boolean =>
  hasRole(p, 'council', 'inspector') && p.districtId !== null && districtIds.includes(p.districtId);

/** The parties this principal signs for; usually one, none for everyone else. */
export function signingPartiesOf(p: Principal, parties: ContractParties): Party[] {
  const out: Party[] = [];
  if (p.userId === parties.owners.userId) out.push('owners');
  if (staffOf(p, parties.counterparty.organizationId) || p.userId === parties.counterparty.userId) {
    out.push('counterparty');
  }
  return out;
}

/** Owners of the buildings read their contracts too: `ownsApartmentThere` is the repository's answer. */
export function canReadContract(p: Principal, c: ContractScope, ownsApartmentThere: boolean): boolean {
  return (
    hasRole(p, 'admin') ||
    signingPartiesOf(p, c.parties).length > 0 ||
    staffOf(p, c.organizationId) ||
    inDistricts(p, c.districtIds) ||
    (hasRole(p, 'resident') && ownsApartmentThere)
  );
}

/**
 * A council starts a contract for a lot in its district; after a general-meeting decision the
 * authorized representative or the chosen organization's staff may start it.
 */
export function canStartContract(
  p: Principal,
  c: { organizationId: string; districtIds: string[]; representativeUserId: string; fromMeeting: boolean },
): boolean {
  if (hasRole(p, 'admin')) return true;
  if (hasRole(p, 'council') && p.districtId !== null && c.districtIds.every((d) => d === p.districtId)) {
    return true;
  }
  return c.fromMeeting && (p.userId === c.representativeUserId || staffOf(p, c.organizationId));
}

/** Amendment, termination and withdrawal are proposed by a party, as the contract itself was signed. */
export const canProposeChange = (p: Principal, parties: ContractParties): boolean =>
  signingPartiesOf(p, parties).length > 0;

/** The organization answers for the tax registration of common-property contracts. */
export const canRegisterWithTaxAuthority = (p: Principal, organizationId: string): boolean =>
  hasRole(p, 'admin') || staffOf(p, organizationId);
