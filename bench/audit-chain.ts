// `npm run bench:audit`: what the hash chain costs a history insert, on a throwaway embedded
// PostgreSQL. The baseline is the same table without triggers (`create table … (like audit_event
// including all)`, its chain index not unique), written the same way in the same run. Writers insert one row per transaction
// at the given concurrency, spread over `--streams` chains (one stream: every writer waits for the
// same lock). Then one stream of `--verify-rows` rows is verified end to end as the API does.
//   npm run bench:audit -- [--inserts 5000] [--concurrency 20] [--streams 100] [--verify-rows 2000]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { AUDIT_HISTORY } from '../db/audit/entities.ts';
import { verifyHistory } from '../db/audit/verify.ts';
import { createDatabase, withDatabase } from '../db/database-url.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { startScratchPostgres } from '../platform/embedded-postgres.ts';
import { positiveInt } from './args.ts';

const { values } = parseArgs({
  options: {
    inserts: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '20' },
    streams: { type: 'string', default: '100' },
    'verify-rows': { type: 'string', default: '2000' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const INSERTS = int('inserts');
const CONCURRENCY = int('concurrency');
const STREAMS = int('streams');
const VERIFY_ROWS = int('verify-rows');

const server = await startScratchPostgres();
const url = withDatabase(server.adminUrl, 'mu_bench_audit');
await createDatabase(withDatabase(server.adminUrl, 'postgres'), 'mu_bench_audit');
const orm = await createOrm({ url, poolMax: 4 });
const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
// The server stops at the end while idle clients may still be open: that is not an error here.
pool.on('error', () => undefined);
try {
  await migrateUp(orm);
  // The same columns and indexes; the chain's unique index becomes a plain one (every row keeps 0).
  await pool.query('create table audit_plain (like audit_event including all)');
  await pool.query('alter table audit_plain drop constraint audit_plain_entity_entity_id_chain_pos_key');
  await pool.query('create index on audit_plain (entity, entity_id, chain_pos)');

  /** Rows per second inserting into `table` over `streams` chains. */
  async function insertRate(table: string, streams: number): Promise<number> {
    const ids = Array.from({ length: streams }, () => randomUUID());
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < INSERTS; i = next++) {
          await pool.query(
            `insert into ${table} (id, at, actor_user_id, entity, entity_id, action, data)
             values ($1, now(), null, 'meeting', $2, 'bench', $3::jsonb)`,
            [randomUUID(), ids[i % streams], JSON.stringify({ i, note: 'a postponement with its reason' })],
          );
        }
      }),
    );
    return INSERTS / ((performance.now() - started) / 1000);
  }

  const plain = await insertRate('audit_plain', STREAMS);
  const chained = await insertRate('audit_event', STREAMS);
  const plainOne = await insertRate('audit_plain', 1);
  const chainedOne = await insertRate('audit_event', 1);

  const long = randomUUID();
  await pool.query(
    `insert into audit_event (id, at, entity, entity_id, action, data)
     select gen_random_uuid(), now(), 'meeting', $1, 'bench', jsonb_build_object('i', i) from generate_series(1, $2) i`,
    [long, VERIFY_ROWS],
  );
  const started = performance.now();
  const verdict = await verifyHistory(orm.em.fork() as EntityManager, AUDIT_HISTORY, ['meeting', long]);
  const verifyMs = performance.now() - started;
  if (!verdict.valid || verdict.rows !== VERIFY_ROWS)
    throw new Error(`verification failed: ${JSON.stringify(verdict)}`);

  const line = (label: string, value: number, unit: string) =>
    console.log(`${label.padEnd(44)}${value.toFixed(unit === '%' || unit === 'ms' ? 1 : 0)} ${unit}`);
  line(`baseline_insert_${STREAMS}_streams`, plain, 'rows/s');
  line(`chained_insert_${STREAMS}_streams`, chained, 'rows/s');
  line(`chained_vs_baseline_${STREAMS}_streams`, (100 * chained) / plain, '%');
  line('baseline_insert_1_stream', plainOne, 'rows/s');
  line('chained_insert_1_stream', chainedOne, 'rows/s');
  line('chained_vs_baseline_1_stream', (100 * chainedOne) / plainOne, '%');
  line(`verify_${VERIFY_ROWS}_rows`, verifyMs, 'ms');
} finally {
  await pool.end();
  await orm.close();
  await server.stop();
}
