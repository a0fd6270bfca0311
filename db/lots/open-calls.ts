// The lots an organization may apply or bid for now: the application window open, or the council's
// competition published, in a district where the organization manages a building (its district's
// lots, as the register knows no other tie of an organization to a district). An admin sees every
// district's. Read from the lot rows: the window's end is in the lot's state.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SelectionStatus } from '../../domain/lots/status.ts';

export interface OpenLot {
  id: string;
  number: number;
  districtId: string;
  districtName: string;
  selection: Extract<SelectionStatus, 'applications' | 'competition'>;
  /** epoch ms while the window is open; null in competition. */
  applicationsCloseAt: number | null;
  apartments: number;
  buildings: number;
}

export async function openLots(
  em: EntityManager,
  organizationId: string | null,
  now: number,
): Promise<OpenLot[]> {
  return em.execute<OpenLot[]>(
    `select l.id, l.number, l.district_id as "districtId", d.name as "districtName", l.selection,
            case when l.selection = 'applications' then (l.state->>'applicationsCloseAt')::float8 end as "applicationsCloseAt",
            (select count(*) from lot_membership m join apartment a on a.building_id = m.building_id
              where m.lot_id = l.id and m.until is null)::int as apartments,
            (select count(*) from lot_membership m where m.lot_id = l.id and m.until is null)::int as buildings
       from lot l join district d on d.id = l.district_id
      where l.approval = 'approved'
        and (l.selection = 'competition'
             or (l.selection = 'applications' and (l.state->>'applicationsCloseAt')::bigint > ?))
        and (?::uuid is null or exists (select 1 from building b
              where b.district_id = l.district_id and b.management_organization_id = ?::uuid))
      order by d.name, l.number`,
    [now, organizationId, organizationId],
  );
}
