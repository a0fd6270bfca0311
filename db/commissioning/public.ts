// What other capabilities may read of commissioning: billing asks whether a developer filing a
// building's billing account is the one whose application reserved that building, and whether it
// is commissioned yet. Everything else in db/commissioning is commissioning's own.
import type { EntityManager } from '@mikro-orm/postgresql';

export async function applicationForBuilding(
  em: EntityManager,
  buildingId: string,
): Promise<{ id: string; developerTin: string; commissioned: boolean } | null> {
  const [row] = await em.execute<{ id: string; developer_tin: string; state: string }[]>(
    `select id, developer_tin, state from commissioning_application where building_id = ?
      order by created_at desc limit 1`,
    [buildingId],
  );
  return row
    ? { id: row.id, developerTin: row.developer_tin, commissioned: row.state === 'commissioned' }
    : null;
}
