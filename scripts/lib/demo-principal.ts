// A demo persona as its token would make it (api/dev), for the demo seeds that act through the
// repositories as the API would: the grants give the organization or district.
import type { EntityManager } from '@mikro-orm/postgresql';
import { getUserWithGrants } from '../../db/registry/repository.ts';
import type { Principal } from '../../domain/access/roles.ts';

export async function principalOf(em: EntityManager, userId: string): Promise<Principal | null> {
  const found = await getUserWithGrants(em, userId);
  if (!found) return null;
  const scoped = found.grants.find((g) => g.organizationId || g.districtId);
  return {
    userId: found.user.id,
    personId: found.person?.id ?? null,
    roles: found.grants.map((g) => g.role),
    organizationId:
      found.grants.find((g) => g.role === 'management_company')?.organizationId ??
      scoped?.organizationId ??
      null,
    districtId: scoped?.districtId ?? null,
    name: found.person?.fullName ?? found.user.displayName,
  };
}
