// What stands around and on top of a building: its land plot (one per building, a cadastral
// number of its own) and its solar installation (one per building). Both are replaced whole by PUT.
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ConditionRuleCode } from '../../domain/registry/condition-errors.ts';
import { boundaryCentre } from '../../domain/registry/land-plot.ts';
import { iso, isUuid } from '../sql.ts';
import type { SOLAR_OWNERS } from './condition-entities.ts';

export interface LandPlotInput {
  cadastralNumber: string;
  areaM2: number;
  /** GeoJSON Polygon or MultiPolygon, validated by the API. */
  boundary: Record<string, unknown>;
}
export interface LandPlotView extends LandPlotInput {
  buildingId: string;
  updatedAt: string;
}

export interface SolarInput {
  panelCount: number;
  capacityKw: number;
  owner: (typeof SOLAR_OWNERS)[number];
  ownerName: string | null;
}
export interface SolarView extends SolarInput {
  buildingId: string;
  updatedAt: string;
}

async function assertBuilding(tx: EntityManager, buildingId: string): Promise<void> {
  const [row] = isUuid(buildingId)
    ? await tx.execute<{ id: string }[]>('select id from building where id = ?', [buildingId])
    : [];
  if (!row) throw new RuleError<ConditionRuleCode>('not_found', 'no such building');
}

export async function putLandPlot(
  em: EntityManager,
  buildingId: string,
  input: LandPlotInput,
): Promise<LandPlotView> {
  await assertBuilding(em, buildingId);
  // The building's plot centre (what the lots place it by) changes in the same statement.
  const centre = boundaryCentre(input.boundary);
  try {
    await em.execute(
      `with plot as (
         insert into land_plot (id, building_id, cadastral_number, area_m2, boundary, updated_at)
         values (?, ?, ?, ?, ?::jsonb, clock_timestamp())
         on conflict (building_id) do update set cadastral_number = excluded.cadastral_number,
           area_m2 = excluded.area_m2, boundary = excluded.boundary, updated_at = excluded.updated_at
         returning building_id)
       update building set plot_lon = ?, plot_lat = ? where id in (select building_id from plot)`,
      [
        randomUUID(),
        buildingId,
        input.cadastralNumber,
        input.areaM2,
        JSON.stringify(input.boundary),
        centre?.lon ?? null,
        centre?.lat ?? null,
      ],
    );
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    throw new RuleError<ConditionRuleCode>(
      'conflict',
      'this cadastral number is the land plot of another building',
      ['cadastralNumber'],
    );
  }
  return (await getLandPlot(em, buildingId))!;
}

export async function getLandPlot(em: EntityManager, buildingId: string): Promise<LandPlotView | null> {
  if (!isUuid(buildingId)) return null;
  const [row] = await em.execute<(Omit<LandPlotView, 'updatedAt'> & { updatedAt: unknown })[]>(
    `select building_id as "buildingId", cadastral_number as "cadastralNumber", area_m2::float8 as "areaM2",
            boundary, updated_at as "updatedAt"
     from land_plot where building_id = ?`,
    [buildingId],
  );
  return row ? { ...row, updatedAt: iso(row.updatedAt) } : null;
}

export async function putSolar(em: EntityManager, buildingId: string, input: SolarInput): Promise<SolarView> {
  await assertBuilding(em, buildingId);
  await em.execute(
    `insert into solar_installation (id, building_id, panel_count, capacity_kw, owner, owner_name, updated_at)
     values (?, ?, ?, ?, ?, ?, clock_timestamp())
     on conflict (building_id) do update set panel_count = excluded.panel_count,
       capacity_kw = excluded.capacity_kw, owner = excluded.owner, owner_name = excluded.owner_name,
       updated_at = excluded.updated_at`,
    [randomUUID(), buildingId, input.panelCount, input.capacityKw, input.owner, input.ownerName],
  );
  return (await getSolar(em, buildingId))!;
}

export async function getSolar(em: EntityManager, buildingId: string): Promise<SolarView | null> {
  if (!isUuid(buildingId)) return null;
  const [row] = await em.execute<(Omit<SolarView, 'updatedAt'> & { updatedAt: unknown })[]>(
    `select building_id as "buildingId", panel_count as "panelCount", capacity_kw::float8 as "capacityKw",
            owner, owner_name as "ownerName", updated_at as "updatedAt"
     from solar_installation where building_id = ?`,
    [buildingId],
  );
  return row ? { ...row, updatedAt: iso(row.updatedAt) } : null;
}
