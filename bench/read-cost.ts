// `npm run bench:read-cost`: the CPU each hot read costs when run one after another, apart from
// sockets and from concurrency, beside the floors it is made of, all in one run on one pooled
// connection of an embedded PostgreSQL of its own, over the demo district (the same fixtures as
// bench:api). Two layers, each with its own baseline:
//   - the repository call as the route makes it (getBuildingInScope, getMeetingInScope as the
//     demo resident; districtBoard, listBuildingsJson as the council), next to `select 1` as a
//     prepared statement on the same connection: any statement's floor;
//   - the whole route through the API's real app (`app.request`, token checked, the frame's
//     headers and log line, written to /dev/null), next to a bare Hono route and /healthz;
//   - the card and the view again, as calls and as routes, while the process listens for changes
//     (`*_listening`, db/read-cache-listener.ts), as the API does.
// This process's thread CPU and the cluster's, per read. It stays separate from bench:api on
// purpose: under 50 connections a read's CPU moves with the neighbours' load, while a sequential
// loop moves much less, so this is the figure to compare one change by.
//   npm run bench:read-cost -- [--apartments 8100] [--appeals 300] [--reads 5000]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Hono } from 'hono';
import { pino } from 'pino';
import { createApp } from '../api/app.ts';
import { loadDevTokenIssuer } from '../api/auth/dev-keys.ts';
import { createTokenVerifier } from '../api/auth/verifier.ts';
import { districtBoard } from '../db/appeals/views.ts';
import { createDatabase } from '../db/database-url.ts';
import { getMeetingInScope } from '../db/meetings/repository.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { listenForReadChanges, type ReadCacheListener } from '../db/read-cache-listener.ts';
import { getBuildingInScope, listBuildingsJson } from '../db/registry/repository.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { DEMO_IDS } from '../db/seed/personas.ts';
import { preparedRows, statement } from '../db/sql.ts';
import { buildingScopeOf } from '../domain/access/roles.ts';
import { loadConfig } from '../platform/config.ts';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/local-server.ts';
import { createLogger } from '../platform/logger.ts';
import { lazyTriageModel } from '../platform/triage/model.ts';
import { personaClaims, seedReadFixtures } from './api-data.ts';
import { positiveInt } from './args.ts';
import { meter } from './meter.ts';

const { values } = parseArgs({
  options: {
    apartments: { type: 'string', default: '8100' },
    appeals: { type: 'string', default: '300' },
    reads: { type: 'string', default: '5000' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const READS = int('reads');
const say = (line: string) => console.log(`[read-cost] ${line}`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-bench-read-cost-'));
const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort() });
const lines: string[] = [];
try {
  say(
    `PostgreSQL ${pg.version} (embedded); seeding ${values.apartments} apartments and ${values.appeals} appeals`,
  );
  const databaseUrl = await createDatabase(pg.adminUrl, 'mu_read_cost');
  const orm = await createOrm({ url: databaseUrl, poolMax: 1 });
  try {
    await migrateUp(orm);
    await seedDemo(orm, { seed: 20261124, apartments: int('apartments') });
    const seeding = orm.em.fork() as EntityManager;
    const fixtures = await seedReadFixtures(seeding, int('appeals'));
    await seeding.execute('vacuum analyze');
    const resident = await personaClaims(seeding, DEMO_IDS.users.resident);
    const council = await personaClaims(seeding, DEMO_IDS.users.council);
    const residentScope = buildingScopeOf(resident.principal);
    const councilScope = buildingScopeOf(council.principal);

    // The routes' own EntityManager for prepared reads is the ORM's root one (api/context.ts sqlOf).
    const em = orm.em as EntityManager;
    const select1 = statement('select 1 as one');
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      RATE_LIMITS: 'false',
    });
    const issuer = await loadDevTokenIssuer(dataDir);
    const app = createApp({
      config,
      orm,
      // Written synchronously, as pino writes to stdout in a deployment (a SonicBoom, which pino
      // takes though Node's stream type does not describe it).
      logger: createLogger(
        config,
        'api',
        pino.destination({ dest: '/dev/null', sync: true }) as unknown as NodeJS.WritableStream,
      ),
      verifyToken: await createTokenVerifier(config.auth, issuer.publicJwk),
      triage: lazyTriageModel(),
    });
    const bare = new Hono().get('/', (c) => c.text('ok'));
    const tokens = {
      resident: await issuer.sign(resident.claims),
      council: await issuer.sign(council.claims),
    };
    const route = (url: string, token?: string) => async () => {
      const res = await app.request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.text();
    };
    const card = `/api/v1/buildings/${fixtures.buildingId}`;
    const meeting = `/api/v1/meetings/${fixtures.meetingId}`;
    const board = `/api/v1/appeals/board?districtId=${fixtures.districtId}`;
    const page = '/api/v1/buildings?page=1&pageSize=20';
    const reads: [string, () => Promise<unknown>][] = [
      ['select_1', () => preparedRows(em, select1, [])],
      ['building_card', () => getBuildingInScope(em, residentScope, fixtures.buildingId)],
      ['meeting_view', () => getMeetingInScope(em, residentScope, fixtures.meetingId)],
      ['appeals_board', () => districtBoard(em, fixtures.districtId)],
      ['buildings_page', () => listBuildingsJson(em, councilScope, { page: 1, pageSize: 20 })],
      ['bare_route', async () => (await bare.request('/')).text()],
      ['healthz_route', route('/healthz')],
      ['building_card_route', route(card, tokens.resident)],
      ['meeting_view_route', route(meeting, tokens.resident)],
      ['appeals_board_route', route(board, tokens.council)],
      ['buildings_page_route', route(page, tokens.council)],
    ];
    // The same reads again while the process listens for changes, as scripts/api.ts does: the card
    // and the view then answer from memory (db/read-cache.ts), beside the rows above as baseline.
    let listener: ReadCacheListener | undefined;
    const listening: [string, () => Promise<unknown>][] = [
      ['building_card_listening', () => getBuildingInScope(em, residentScope, fixtures.buildingId)],
      ['meeting_view_listening', () => getMeetingInScope(em, residentScope, fixtures.meetingId)],
      ['building_card_route_listening', route(card, tokens.resident)],
      ['meeting_view_route_listening', route(meeting, tokens.resident)],
    ];
    for (const [label, read] of [...reads, ...listening]) {
      if (label.endsWith('_listening') && !listener) {
        listener = listenForReadChanges(em, { url: databaseUrl });
        await listener.listening();
      }
      for (let i = 0; i < 500; i++) await read();
      const done = await meter(pg.dir);
      for (let i = 0; i < READS; i++) await read();
      const m = await done();
      const pgUs = ((m.postgresCpuMs ?? Number.NaN) * 1000) / READS;
      say(`${label}: API ${((m.cpuMs * 1000) / READS).toFixed(0)} µs, PostgreSQL ${pgUs.toFixed(0)} µs`);
      lines.push(
        `${label}_api_cpu  ${((m.cpuMs * 1000) / READS).toFixed(1)} µs`,
        `${label}_pg_cpu  ${pgUs.toFixed(1)} µs`,
        `${label}_statements  ${(m.statements / READS).toFixed(2)} per_read`,
      );
    }
    await listener?.stop();
  } finally {
    await orm.close();
  }
} finally {
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}
console.log(`\n${lines.join('\n')}`);
