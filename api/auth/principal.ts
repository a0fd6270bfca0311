// Maps verified token claims onto a Principal. Claims are the contract with the identity provider
// (OneID in production, the dev token endpoint here): sub, name, pid (person id), roles, org, district,
// dtin (the developer's company TIN; a developer token without a valid one is refused).
import type { JWTPayload } from 'jose';
import { type Principal, ROLES, type Role } from '../../domain/access/roles.ts';

export interface MuClaims extends JWTPayload {
  name?: string;
  pid?: string | null;
  roles?: string[];
  org?: string | null;
  district?: string | null;
  dtin?: string | null;
}

export function principalFromClaims(claims: MuClaims): Principal | { error: string } {
  if (!claims.sub) return { error: 'token has no subject' };
  const roles = (claims.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  if (roles.length === 0) return { error: 'token carries no known role' };
  const dtin = typeof claims.dtin === 'string' && /^\d{9}$/.test(claims.dtin) ? claims.dtin : null;
  if (roles.includes('developer') && !dtin) return { error: 'a developer token needs dtin, a 9-digit TIN' };
  return {
    userId: claims.sub,
    personId: claims.pid ?? null,
    roles,
    organizationId: claims.org ?? null,
    districtId: claims.district ?? null,
    name: claims.name ?? claims.sub,
    developerTin: dtin,
  };
}
