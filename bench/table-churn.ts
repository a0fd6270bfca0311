// Where a benchmark phase's writes cost PostgreSQL more as tables grow: per table, rows updated and
// how many of those were HOT (a new version on the same page, no index entries), dead rows and
// (auto)vacuum/analyze runs during the phase; and the WAL written, full-page images and
// checkpoints. A non-HOT update writes a new row elsewhere plus an entry in every index.
import type { Orm } from '../db/orm.ts';

type TableRow = {
  relname: string;
  ins: string;
  upd: string;
  hot: string;
  dead: string;
  vacuums: string;
  analyzes: string;
};
type WalRow = { lsn: string; fpi: string; checkpoints: string };

const TABLES = `select relname, n_tup_ins::text as ins, n_tup_upd::text as upd, n_tup_hot_upd::text as hot,
         n_dead_tup::text as dead, (vacuum_count + autovacuum_count)::text as vacuums,
         (analyze_count + autoanalyze_count)::text as analyzes
    from pg_stat_user_tables`;
// pg_stat_wal's wal_fpi and pg_stat_checkpointer exist from PostgreSQL 17 (the embedded one).
const WAL = `select pg_current_wal_lsn()::text as lsn,
         (select wal_fpi::text from pg_stat_wal) as fpi,
         (select (num_timed + num_requested)::text from pg_stat_checkpointer) as checkpoints`;

/** Starts watching; the function it returns prints the phase's churn per `per` operations. */
export async function tableChurn(orm: Orm): Promise<(per: number, unit: string) => Promise<string[]>> {
  const em = orm.em.fork();
  // Counters are flushed to the statistics at most once a second: force it for both snapshots.
  const snapshot = async () => {
    await em.execute('select pg_stat_force_next_flush()');
    await em.execute('select pg_stat_clear_snapshot()');
    const tables = await em.execute<TableRow[]>(TABLES);
    const [wal] = await em.execute<WalRow[]>(WAL);
    return { tables: new Map(tables.map((t) => [t.relname, t])), wal: wal! };
  };
  const before = await snapshot();
  return async (per, unit) => {
    const after = await snapshot();
    const [bytes] = await em.execute<{ bytes: string }[]>(
      `select pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::text as bytes`,
      [after.wal.lsn, before.wal.lsn],
    );
    const d = (a: string, b: string | undefined) => Number(a) - Number(b ?? 0);
    const lines = [...after.tables.values()]
      .map((t) => {
        const b = before.tables.get(t.relname);
        return {
          name: t.relname,
          ins: d(t.ins, b?.ins),
          upd: d(t.upd, b?.upd),
          hot: d(t.hot, b?.hot),
          dead: Number(t.dead),
          vacuums: d(t.vacuums, b?.vacuums),
          analyzes: d(t.analyzes, b?.analyzes),
        };
      })
      .filter((t) => t.ins + t.upd > 0)
      .sort((x, y) => y.ins + y.upd - (x.ins + x.upd))
      .map(
        (t) =>
          `table ${t.name.padEnd(26)} ${(t.ins / per).toFixed(2)} ins, ${(t.upd / per).toFixed(2)} upd (${t.upd ? ((100 * t.hot) / t.upd).toFixed(0) : '-'} % HOT) per ${unit}; ${t.dead} dead after, ${t.vacuums} vacuums, ${t.analyzes} analyzes`,
      );
    return [
      ...lines,
      `WAL                       ${(Number(bytes!.bytes) / per).toFixed(0)} bytes/${unit}, ${(d(after.wal.fpi, before.wal.fpi) / per).toFixed(2)} full-page images/${unit}, ${d(after.wal.checkpoints, before.wal.checkpoints)} checkpoints`,
    ];
  };
}
