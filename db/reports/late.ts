// An organization's quarterly reports that missed their deadline: entered after it (its first
// version late) or not entered although the deadline has passed. The organization is the one the
// report is due from (the report row's), not whoever manages the building today.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface LateReportRow {
  buildingId: string;
  quarter: string;
  deadlineAt: number;
}

export async function lateReportsOf(
  em: EntityManager,
  organizationId: string,
  now: number,
): Promise<LateReportRow[]> {
  const rows = await em.execute<{ building_id: string; quarter: string; deadline_at: Date }[]>(
    `select building_id, quarter, deadline_at from report
      where organization_id = ? and deadline_at < ?
        and (late is true or entered_at is null or entered_at > deadline_at)
      order by deadline_at, building_id`,
    [organizationId, new Date(now)],
  );
  return rows.map((r) => ({
    buildingId: r.building_id,
    quarter: r.quarter,
    deadlineAt: new Date(r.deadline_at).getTime(),
  }));
}
