// What other capabilities may ask of appeals' tables: a quarterly report's summary counts the
// building's appeals received in its quarter and those answered in time. Everything else in
// db/appeals is the appeals' own.
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../sql.ts';

export interface AppealFigures {
  /** Appeals about the building received in [from, to). */
  received: number;
  /** Of them, answered so far. */
  answered: number;
  /** Of them, answered before their deadline. */
  answeredInTime: number;
}

export async function appealFiguresOf(
  em: EntityManager,
  buildingId: string,
  from: number,
  to: number,
): Promise<AppealFigures> {
  if (!isUuid(buildingId)) return { received: 0, answered: 0, answeredInTime: 0 };
  const [row] = await em.execute<{ received: number; answered: number; in_time: number }[]>(
    `select count(*)::int as received, count(a.answered_at)::int as answered,
            count(*) filter (where a.answered_in_time)::int as in_time
       from appeal a where a.building_id = ? and a.received_at >= ? and a.received_at < ?`,
    [buildingId, new Date(from), new Date(to)],
  );
  return { received: row?.received ?? 0, answered: row?.answered ?? 0, answeredInTime: row?.in_time ?? 0 };
}
