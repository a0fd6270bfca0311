// The write that bench/read-window.ts times, and the concurrent write load it times it under, in a
// worker thread of its own: the load's ORM work would otherwise share the listening thread's event
// loop and show up as the listener's delay, where what is measured is the notifications' queue.
// Imported by the bench for `buildingRows` and `rewriteBuilding`; run as a worker, it rewrites
// its buildings on `connections` connections in a loop until told to stop.

import { parentPort, workerData } from 'node:worker_threads';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOrm } from '../db/orm.ts';
import { upsertBuildings } from '../db/registry/import-write.ts';
import type { BuildingImportRow } from '../domain/registry/import-rows.ts';

/** Buildings as the registry import's rows (`where` over `building b`, and an order or a limit). */
export async function buildingRows(em: EntityManager, where: string, params: unknown[]) {
  return em.execute<BuildingImportRow[]>(
    `select 0 as row, b.cadastral_number as "cadastralNumber", d.code as "districtCode", b.address,
            b.year_built as "yearBuilt", b.floors, b.entrances, b.total_area::float8 as "totalArea",
            b.living_area::float8 as "livingArea", o.tin as "managementOrganizationTin"
       from building b join district d on d.id = b.district_id
       left join management_organization o on o.id = b.management_organization_id
      where ${where}`,
    params,
  );
}

/** An area in hundredths of a square metre, as the card rounds it. */
export const centsOf = (area: number) => Math.round(area * 100);

/**
 * Writes `row` again through the registry import's upsert, in a transaction of its own, with its
 * living area moved by one hundredth (even ↔ odd, so it never drifts): the building's row changes,
 * its read version is bumped and announced at commit. `row` is left holding what was written.
 */
export async function rewriteBuilding(em: EntityManager, row: BuildingImportRow): Promise<void> {
  const cents = centsOf(row.livingArea);
  row.livingArea = (cents % 2 === 0 ? cents + 1 : cents - 1) / 100;
  const counts = await em.fork().transactional((tx) => upsertBuildings(tx, [row]));
  if (counts.updated !== 1) throw new Error(`building ${row.cadastralNumber} was not rewritten`);
}

export interface LoadDone {
  writes: number;
  seconds: number;
}

if (parentPort) {
  const port = parentPort;
  const { url, rows, connections } = workerData as {
    url: string;
    rows: BuildingImportRow[];
    connections: number;
  };
  const orm = await createOrm({ url, poolMax: connections });
  let stopped = false;
  let writes = 0;
  port.once('message', () => {
    stopped = true;
  });
  const started = performance.now();
  // Each loop rewrites buildings of its own, so no two loops wait on one row lock.
  const loops = Array.from({ length: connections }, async (_, c) => {
    const mine = rows.filter((_, i) => i % connections === c);
    for (let i = 0; !stopped; i++) {
      await rewriteBuilding(orm.em as EntityManager, mine[i % mine.length]!);
      if (++writes === connections) port.postMessage('ready');
    }
  });
  await Promise.all(loops);
  const done: LoadDone = { writes, seconds: (performance.now() - started) / 1000 };
  await orm.close();
  port.postMessage(done);
}
