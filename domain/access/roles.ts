// Who acts, and over what. A role alone never grants access: each role comes with the scope it
// acts in, and every read or write is checked against that scope.

// `developer` acts for a construction company (its TIN in `developerTin`) and sees only what it
// applied for itself: its commissioning applications, never the register's buildings.
export const ROLES = [
  'resident',
  'management_company',
  'council',
  'inspector',
  'admin',
  'developer',
] as const;
export type Role = (typeof ROLES)[number];

/** The caller as the API sees it after verifying the bearer token. */
export interface Principal {
  /** Stable subject of the token (user account id). */
  userId: string;
  /** The natural person behind the account (PINFL-identified), if any. */
  personId: string | null;
  roles: Role[];
  /** management_company acts for this organization. */
  organizationId: string | null;
  /** council and inspector act in this district. */
  districtId: string | null;
  name: string;
  /** developer acts for the construction company with this TIN (token claim `dtin`). */
  developerTin?: string | null;
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/**
 * How a principal's view of buildings is narrowed. The repository turns this into a WHERE
 * clause, so scoping is decided once, here, and the SQL cannot drift from it.
 */
export type BuildingScope =
  | { kind: 'all' }
  | { kind: 'district'; districtId: string }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'owner'; personId: string }
  | { kind: 'none' };

export function buildingScopeOf(p: Principal): BuildingScope {
  if (p.roles.includes('admin')) return { kind: 'all' };
  if ((p.roles.includes('council') || p.roles.includes('inspector')) && p.districtId) {
    return { kind: 'district', districtId: p.districtId };
  }
  if (p.roles.includes('management_company') && p.organizationId) {
    return { kind: 'organization', organizationId: p.organizationId };
  }
  if (p.roles.includes('resident') && p.personId) return { kind: 'owner', personId: p.personId };
  return { kind: 'none' };
}
