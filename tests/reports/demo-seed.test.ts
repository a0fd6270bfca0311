// The demo seed leaves one building of the council persona's district without its last quarter's
// report: the board the council opens on the demo portal shows it suspended from the month after
// the quarter, and billing's gate holds those months closed under the quarter's rule.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Orm } from '../../db/orm.ts';
import { createOrm } from '../../db/orm.ts';
import { districtBoard } from '../../db/reports/views.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import { DEFAULT_REPORT_POLICY } from '../../domain/reports/policy.ts';
import { firstDayOf, firstSuspendedMonth, quarterOf } from '../../domain/reports/quarters.ts';
import { suspensionRule } from '../../domain/reports/suspension.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let orm: Orm;
const LAST = quarterOf(addDays(firstDayOf(quarterOf(tashkentDate(Date.now()))), -1));

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'reports_demo_seed');
  orm = await createOrm({ url: db.url, poolMax: 2 });
  await seedDemo(orm, { seed: 20261124, apartments: 300 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('the demo seed', () => {
  it('shows the council a building suspended for its missing last-quarter report', async () => {
    const em = orm.em.fork();
    const [demo] = await em.execute<{ district_id: string }[]>(
      `select district_id from building where id = ?`,
      [DEMO_IDS.building],
    );
    const board = await districtBoard(em, demo!.district_id, LAST);
    const suspended = board.filter((r) => r.suspendedMonths.length > 0);
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.buildingId).not.toBe(DEMO_IDS.building);
    expect(suspended[0]!.status).toBe('due');
    expect(suspended[0]!.suspendedMonths[0]).toBe(firstSuspendedMonth(LAST, DEFAULT_REPORT_POLICY));
    const closed = await em.execute<{ period: string }[]>(
      `select period from billing_suspension where building_id = ? and rule = ? order by period`,
      [suspended[0]!.buildingId, suspensionRule(LAST)],
    );
    expect(closed.map((r) => r.period)).toEqual(suspended[0]!.suspendedMonths);
  });
});
