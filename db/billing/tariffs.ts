// A management contract's tariff against the minimum for each of its buildings (domain/billing/
// tariffs.ts), on the contract's start date. The registry does not record elevators yet: a
// building is classed without one, so the lower minimum of its floors applies and no tariff that
// is lawful for it is refused [design]; once the registry knows elevators, they go in here.
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkTariff, type MinimumTariffRow, minimumTariff } from '../../domain/billing/tariffs.ts';

export type ContractTariffCheck =
  | { ok: true }
  | { ok: false; buildingId: string; reason: string; minimumTiyinPerM2: number | null };

export async function checkContractTariff(
  em: EntityManager,
  input: {
    buildingIds: readonly string[];
    tiyinPerM2: number;
    date: string;
    table: readonly MinimumTariffRow[];
  },
): Promise<ContractTariffCheck> {
  const buildings = await em.execute<{ id: string; code: string; floors: number }[]>(
    `select b.id, d.code, b.floors from building b join district d on d.id = b.district_id
      where b.id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by b.id`,
    [JSON.stringify(input.buildingIds)],
  );
  for (const b of buildings) {
    const row = minimumTariff(
      input.table,
      { districtCode: b.code, floors: b.floors, hasElevator: false },
      input.date,
    );
    const check = checkTariff(input.tiyinPerM2, row);
    if (!check.ok)
      return {
        ok: false,
        buildingId: b.id,
        reason: check.reason,
        minimumTiyinPerM2: row?.tiyinPerM2 ?? null,
      };
  }
  return { ok: true };
}
