// The demo's quarterly reports: one managed building of the council persona's district (not the
// resident persona's) never reported for the last quarter, so its deadline has stopped its accrual
// and the council's board shows it suspended from the month after. Recorded as the deadline's
// workflow would (stopForMissingReport), so the report's history and billing's gate agree.

import { addDays } from '../../domain/calendar/working-days.ts';
import { DEFAULT_REPORT_POLICY } from '../../domain/reports/policy.ts';
import { firstDayOf, quarterAt, quarterOf } from '../../domain/reports/quarters.ts';
import type { Orm } from '../orm.ts';
import { stopForMissingReport } from '../reports/repository.ts';
import { DEMO_IDS } from './personas.ts';

export async function seedSuspendedBuilding(orm: Orm, now = Date.now()): Promise<string | null> {
  const em = orm.em.fork();
  const [row] = await em.execute<{ id: string }[]>(
    `select b.id from building b
      where b.district_id = (select district_id from building where id = ?)
        and b.id <> ? and b.management_organization_id is not null
      order by b.address_sort_key, b.id limit 1`,
    [DEMO_IDS.building, DEMO_IDS.building],
  );
  if (!row) return null;
  await stopForMissingReport(em, {
    buildingId: row.id,
    quarter: quarterOf(addDays(firstDayOf(quarterAt(now)), -1)),
    policy: DEFAULT_REPORT_POLICY,
    requestId: 'deadline',
    now,
  });
  return row.id;
}
