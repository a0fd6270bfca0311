// `node bench/read-cost.ts`: the CPU one building card and one meeting view cost, read as the
// API reads them (getBuildingInScope, getMeetingInScope, as the demo resident) one after another on
// one pooled connection, apart from HTTP and from any other load: this process's thread CPU and the
// embedded PostgreSQL cluster's, per read. On a machine others load, per-request CPU under
// autocannon (bench/api.ts) moves with the neighbours; a sequential loop moves much less.
//   node bench/read-cost.ts [--apartments 8100] [--reads 5000]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createDatabase } from '../db/database-url.ts';
import { getMeetingInScope } from '../db/meetings/repository.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { getBuildingInScope } from '../db/registry/repository.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { DEMO_IDS } from '../db/seed/personas.ts';
import { buildingScopeOf } from '../domain/access/roles.ts';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/local-server.ts';
import { personaClaims, seedReadFixtures } from './api-data.ts';
import { meter } from './meter.ts';

const { values } = parseArgs({
  options: { apartments: { type: 'string', default: '8100' }, reads: { type: 'string', default: '5000' } },
});
const READS = Number(values.reads);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-bench-read-cost-'));
const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort() });
try {
  const orm = await createOrm({ url: await createDatabase(pg.adminUrl, 'mu_read_cost'), poolMax: 1 });
  try {
    await migrateUp(orm);
    await seedDemo(orm, { seed: 20261124, apartments: Number(values.apartments) });
    const em = orm.em.fork() as EntityManager;
    const fixtures = await seedReadFixtures(em, 10);
    await em.execute('vacuum analyze');
    const scope = buildingScopeOf((await personaClaims(em, DEMO_IDS.users.resident)).principal);
    const reads = {
      building_card: () => getBuildingInScope(em, scope, fixtures.buildingId),
      meeting_view: () => getMeetingInScope(em, scope, fixtures.meetingId),
    };
    for (const [label, read] of Object.entries(reads)) {
      for (let i = 0; i < 500; i++)
        if (typeof (await read()) !== 'string') throw new Error(`${label}: not read`);
      const done = await meter(pg.dir);
      for (let i = 0; i < READS; i++) await read();
      const m = await done();
      console.log(
        `${label.padEnd(14)} API ${((m.cpuMs * 1000) / READS).toFixed(0)} µs  PG ${(((m.postgresCpuMs ?? Number.NaN) * 1000) / READS).toFixed(0)} µs  ${(m.statements / READS).toFixed(2)} stmt per read`,
      );
    }
  } finally {
    await orm.close();
  }
} finally {
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
