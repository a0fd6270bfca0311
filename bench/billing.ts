// `npm run bench:billing`: one month's accrual of 100,000 apartments through the real workflow
// (billingMonth → billingAccrual per district, batches of BILLING_ACCRUAL_BATCH) on a Temporal dev
// server and an embedded PostgreSQL (or DATABASE_URL's server) started here. The apartments, their
// owners (every tenth apartment shared half and half), the buildings' billing registrations and
// management terms are seeded with generate_series, not row by row. It prints accruals/s, the
// ledger's trial balance (must be 0), and the same PostgreSQL's single-row INSERT rate measured in
// the same run as the baseline. Exit 1 when the books do not balance or a line is missing.
// Then the payments part (bench/billing-payments.ts): --payments through the Payme protocol at
// --concurrency, with payments/s, p50/p99 and the trial balance after.
//   npm run bench:billing -- [--apartments 100000] [--districts 4] [--batch 5000] [--inserts 5000]
//                            [--payments 100000] [--concurrency 50]
// The payments part reports, besides the rates, the API thread's CPU ms, the embedded cluster's CPU ms,
// the Payme sandbox's CPU ms and the statements and transactions per payment, and the rate their
// sum allows on two cores: figures a loaded machine moves far less than the wall-clock rate.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import pg from 'pg';
import { auditLedger } from '../db/billing/ledger.ts';
import { createDatabase, dropDatabase, withDatabase } from '../db/database-url.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { loadConfig } from '../platform/config.ts';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/local-server.ts';
import { createMailer } from '../platform/mail.ts';
import { connectClient, connectWorkerConnection, startDevServer } from '../platform/temporal.ts';
import { startWorkflow } from '../platform/workflow-client.ts';
import { createWorkers } from '../scripts/lib/worker.ts';
import { billingMonthWorkflow, billingMonthWorkflowId } from '../workflows/billing/contract.ts';
import { positiveInt } from './args.ts';
import { benchPayments } from './billing-payments.ts';

const { values } = parseArgs({
  options: {
    apartments: { type: 'string', default: '100000' },
    districts: { type: 'string', default: '4' },
    batch: { type: 'string', default: '5000' },
    inserts: { type: 'string', default: '5000' },
    payments: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '50' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const APARTMENTS = int('apartments');
const DISTRICTS = int('districts');
const BATCH = int('batch');
const INSERTS = int('inserts');
const PAYMENTS = int('payments');
const CONCURRENCY = int('concurrency');
const PER_BUILDING = 250;
const PERIOD = '2027-01';
const say = (line: string) => console.log(`[bench] ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** The registry, registrations and terms in a handful of set-based statements. */
async function seed(db: pg.Client) {
  const buildings = Math.ceil(APARTMENTS / PER_BUILDING);
  const statements = [
    `insert into region (id, code, name) values (md5('region')::uuid, 'BENCH', 'Bench region')`,
    `insert into district (id, region_id, code, name)
       select md5('district' || d)::uuid, md5('region')::uuid, '1726' || lpad(d::text, 3, '0'), 'District ' || d
         from generate_series(1, ${DISTRICTS}) d`,
    `insert into management_organization (id, tin, name, register_status, email, phone, dispatch_phone)
       values (md5('org')::uuid, '300000001', 'Bench MChJ', 'registered', 'org@bench.uz', '+998710000000', '+998710000001')`,
    `insert into building (id, district_id, address, cadastral_number, year_built, floors, entrances, total_area,
                           living_area, management_organization_id, created_at, updated_at)
       select md5('b' || b)::uuid, md5('district' || (1 + b % ${DISTRICTS}))::uuid, 'Bench street ' || b,
              'bench:' || b, 1990, 9, 4, 20000, 18000, md5('org')::uuid, now(), now()
         from generate_series(1, ${buildings}) b`,
    `insert into apartment (id, building_id, number, entrance, floor, area)
       select md5('a' || a)::uuid, md5('b' || (1 + (a - 1) / ${PER_BUILDING}))::uuid, a::text, 1, 1,
              30 + (a % 9000) / 100.0
         from generate_series(1, ${APARTMENTS}) a`,
    `insert into person (id, pinfl, full_name, language)
       select md5('p' || p)::uuid, lpad(p::text, 14, '0'), 'Owner ' || p, 'uz'
         from generate_series(1, ${APARTMENTS + Math.floor(APARTMENTS / 10)}) p`,
    `insert into ownership (id, person_id, apartment_id, share_numerator, share_denominator)
       select md5('o' || a)::uuid, md5('p' || a)::uuid, md5('a' || a)::uuid, 1, case when a % 10 = 0 then 2 else 1 end
         from generate_series(1, ${APARTMENTS}) a
       union all
       select md5('o2-' || a)::uuid, md5('p' || (${APARTMENTS} + a / 10))::uuid, md5('a' || a)::uuid, 1, 2
         from generate_series(10, ${APARTMENTS}, 10) a`,
    `insert into billing_building (building_id, tin, bank_account, bank_code, registered_by, registered_on,
                                  idempotency_key, request_sha256, created_at)
       select md5('b' || b)::uuid, lpad(b::text, 9, '0'), lpad(b::text, 20, '0'), '00014', 'owners', '2026-07-01',
              'bench-' || b, repeat('0', 64), now()
         from generate_series(1, ${buildings}) b`,
    `insert into billing_term (id, contract_id, building_id, organization_id, change, effective_from, ends_before,
                              tiyin_per_m2, contract_version, recorded_at)
       select gen_random_uuid(), md5('c' || b)::uuid, md5('b' || b)::uuid, md5('org')::uuid, 'conclusion',
              '2026-07-01', '2028-07-01', 150000 + (b % 7) * 1000, 1, now()
         from generate_series(1, ${buildings}) b`,
    `analyze`,
  ];
  for (const sql of statements) await db.query(sql);
  return buildings;
}

/** Single-row INSERTs one after another on one connection: the floor any write path stands on. */
async function rawInsertRate(db: pg.Client): Promise<number> {
  await db.query(
    `create table bench_scratch (id bigserial primary key, owner uuid not null, amount bigint not null)`,
  );
  const started = performance.now();
  for (let i = 0; i < INSERTS; i++)
    await db.query('insert into bench_scratch (owner, amount) values (gen_random_uuid(), $1)', [i]);
  const ms = performance.now() - started;
  await db.query('drop table bench_scratch');
  return (INSERTS / ms) * 1000;
}

async function main() {
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-bench-billing-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    const [devPort, uiPort] = [await freePort(), await freePort()];
    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(devPort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
      BILLING_ACCRUAL_BATCH: String(BATCH),
    });
    let admin = process.env.DATABASE_URL && withDatabase(process.env.DATABASE_URL, 'postgres');
    let postgresDir: string | undefined;
    if (!admin) {
      const embedded = await startEmbeddedPostgres({
        dir: path.join(dataDir, 'postgres'),
        port: await freePort(),
        // Where the payments' database time goes, statement by statement (bench/meter.ts).
        settings: { shared_preload_libraries: 'pg_stat_statements' },
      });
      stops.push(embedded.stop);
      admin = embedded.adminUrl;
      postgresDir = embedded.dir;
      say(`PostgreSQL ${embedded.version} (embedded)`);
    }
    const name = `mu_bench_billing_${randomBytes(4).toString('hex')}`;
    const databaseUrl = await createDatabase(admin, name);
    stops.push(() => dropDatabase(admin, name));
    const orm = await createOrm({ url: databaseUrl, poolMax: config.database.poolMax });
    stops.push(() => orm.close());
    await migrateUp(orm);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    stops.push(() => db.end());
    let t = performance.now();
    const buildings = await seed(db);
    say(
      `seeded ${fmt(APARTMENTS)} apartments in ${fmt(buildings)} buildings, ${DISTRICTS} districts in ${fmt((performance.now() - t) / 1000, 1)} s`,
    );

    const dev = await startDevServer(config, { log: () => undefined });
    stops.push(dev.stop);
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
    } catch {
      // Installed already: keep it.
    }
    const mailer = createMailer(config, 'smtp://127.0.0.1:9');
    const connection = await connectWorkerConnection(config, dev.address);
    stops.push(() => connection.close());
    const workers = await createWorkers({ config, orm, mailer, connection });
    const running = workers.run();
    stops.push(async () => {
      await workers.shutdown();
      await running.catch(() => undefined);
    });
    const client = await connectClient(config, dev.address);
    stops.push(() => client.connection.close());

    say(`accruing ${PERIOD} through billingMonth (batches of ${fmt(BATCH)})`);
    t = performance.now();
    const handle = await startWorkflow(client, billingMonthWorkflow, {
      // Receipts (PDFs, mail) follow the accrual in production; this measures the accrual alone.
      args: [{ period: PERIOD, batchSize: BATCH, receipts: false }],
      workflowId: billingMonthWorkflowId(PERIOD),
    });
    const summary = await handle.result();
    const seconds = (performance.now() - t) / 1000;
    const audit = await auditLedger(orm.em.fork());
    const expectedLines = APARTMENTS + Math.floor(APARTMENTS / 10);
    say(
      `accrued ${fmt(summary.totals.apartments)} apartments, ${fmt(summary.totals.lines)} lines, ${fmt(summary.totals.batches)} batches`,
    );
    say('measuring the raw single-row INSERT rate of the same PostgreSQL');
    const raw = await rawInsertRate(db);
    const ok =
      audit.accounts === 0n &&
      audit.entries === 0n &&
      audit.drifted.length === 0 &&
      audit.unbalanced.length === 0 &&
      summary.totals.lines === expectedLines &&
      summary.totals.recorded === expectedLines;
    console.log(
      [
        '',
        `apartments              ${APARTMENTS} apartments`,
        `owner lines             ${summary.totals.lines} lines`,
        `accrual time            ${seconds.toFixed(1)} s`,
        `accruals/s              ${(summary.totals.apartments / seconds).toFixed(0)} apartments/s`,
        `lines/s                 ${(summary.totals.lines / seconds).toFixed(0)} lines/s`,
        `amount accrued          ${summary.totals.amount} tiyin`,
        `trial balance           ${audit.accounts} tiyin`,
        `entries sum             ${audit.entries} tiyin`,
        `raw single-row INSERT   ${raw.toFixed(0)} rows/s`,
        `lines/s ÷ raw INSERT/s  ${(summary.totals.lines / seconds / raw).toFixed(2)} ratio`,
        `target                  ${seconds < 60 ? 'met' : 'missed'} (< 60 s for 100,000 apartments)`,
      ].join('\n'),
    );
    const payments = await benchPayments({
      orm,
      config,
      count: PAYMENTS,
      concurrency: CONCURRENCY,
      say,
      postgresDir,
    });
    console.log(payments.lines.join('\n'));
    if (!payments.ok) {
      console.error('[bench] a payment was refused, or the books or the paid accounts do not balance');
      process.exitCode = 1;
    }
    if (!ok) {
      console.error('[bench] the books do not balance or lines are missing', audit, summary.totals);
      process.exitCode = 1;
    }
  } finally {
    for (const s of stops.reverse()) await s().catch((err) => say(`cleanup: ${String(err)}`));
  }
}

await main();
