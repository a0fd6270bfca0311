// The owners of a lot's buildings, for the notice that the lot's management organization is
// settled: every person owning a share of an apartment in a building currently in the lot, once,
// paged by person id so a lot of many thousands of apartments is sent in bounded statements.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';

export interface LotOwner {
  personId: string;
  /** One of the owner's buildings in the lot (the first by id), for the delivery records. */
  buildingId: string;
}

export async function lotOwners(
  em: EntityManager,
  lotId: string,
  page: { afterPersonId?: string; limit: number },
): Promise<LotOwner[]> {
  return em.execute<LotOwner[]>(
    `select o.person_id as "personId", min(a.building_id::text) as "buildingId"
       from lot_membership m
       join apartment a on a.building_id = m.building_id
       join ownership o on o.apartment_id = a.id
      where m.lot_id = ? and m.until is null and (?::uuid is null or o.person_id > ?::uuid)
      group by o.person_id order by o.person_id limit ?`,
    [lotId, page.afterPersonId ?? null, page.afterPersonId ?? null, page.limit],
  );
}

/** What the owners' notice says: the lot, its district, and the organization settled with its name. */
export async function lotOutcomeFacts(em: EntityManager, lotId: string, organizationId: string) {
  const [row] = await em.execute<{ number: number; districtName: string; organizationName: string }[]>(
    `select l.number, d.name as "districtName", o.name as "organizationName"
       from lot l join district d on d.id = l.district_id, management_organization o
      where l.id = ? and o.id = ?`,
    [lotId, organizationId],
  );
  if (!row) throw new RuleError<LotRuleCode>('not_found', 'no such lot or organization');
  return row;
}
