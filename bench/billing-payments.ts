// The payments part of `npm run bench:billing`: after the accrual, payments through the Payme
// protocol exactly as Payme makes them (CheckPerformTransaction, CreateTransaction,
// PerformTransaction over HTTP with Basic auth, from the Payme sandbox) against the real API on a
// socket, `concurrency` payments in flight. Each owner pays what the accrual charged, so afterwards
// every paid account must stand at exactly 0 and the ledger's trial balance at 0. The baseline in
// the same run: CheckTransaction round trips at the same concurrency (HTTP, auth, one indexed
// read), the floor any Payme call stands on.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createApp } from '../api/app.ts';
import { listen } from '../api/server.ts';
import { auditLedger } from '../db/billing/ledger.ts';
import type { Orm } from '../db/orm.ts';
import { personalAccountNumber } from '../domain/billing/personal-account.ts';
import type { Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import type { LoadResult, LoadRun } from './billing-load.ts';
import { meter, perOperation, profile } from './meter.ts';
import { tableChurn } from './table-churn.ts';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * With pg_stat_statements loaded (the embedded cluster), the statements of the phase from now until
 * the returned function is called, the costliest first: where the database's time per payment goes.
 */
async function statementTimes(orm: Orm, loaded: boolean): Promise<() => Promise<string[]>> {
  if (!loaded) return async () => [];
  const em = orm.em.fork();
  await em.execute('create extension if not exists pg_stat_statements');
  await em.execute('select pg_stat_statements_reset()');
  return async () => {
    const rows = await em.execute<{ calls: string; total: number; mean: number; query: string }[]>(
      `select calls::text, total_exec_time as total, mean_exec_time as mean,
              regexp_replace(left(query, 110), '\\s+', ' ', 'g') as query
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
        order by total_exec_time desc limit 12`,
    );
    return rows.map(
      (r) =>
        `${r.total.toFixed(0).padStart(7)} ms ${r.calls.padStart(7)}× ${r.mean.toFixed(3)} ms  ${r.query}`,
    );
  };
}

/** The Payme sandbox in a worker thread (bench/billing-load.ts), one run at a time. */
async function startLoad(merchantUrl: string, key: string) {
  const worker = new Worker(new URL('./billing-load.ts', import.meta.url), {
    workerData: { merchantUrl, key },
  });
  const [ready] = await once(worker, 'message');
  if (ready !== 'ready') throw new Error(`the load worker said ${String(ready)}`);
  return {
    async run(r: LoadRun): Promise<LoadResult> {
      worker.postMessage(r);
      const [result] = await once(worker, 'message');
      return result as LoadResult;
    },
    async close() {
      worker.postMessage('close');
      await once(worker, 'exit');
    },
  };
}

export async function benchPayments(o: {
  orm: Orm;
  config: Config;
  count: number;
  concurrency: number;
  say: (line: string) => void;
  /** The embedded cluster's directory, to read its processes' CPU. */
  postgresDir?: string;
}): Promise<{ lines: string[]; ok: boolean }> {
  const key = randomBytes(16).toString('hex');
  const config: Config = {
    ...o.config,
    billing: { ...o.config.billing, payme: { ...o.config.billing.payme, key } },
  };
  const app = createApp({
    config,
    orm: o.orm,
    logger: createLogger({ logLevel: 'warn' }, 'api'),
    // Payme authenticates with its key; no bearer token is ever presented here.
    verifyToken: async () => ({ error: 'no bearer tokens in the benchmark' }),
  });
  const server = await listen(app, '127.0.0.1', 0);
  const load = await startLoad(`${server.url}/api/v1/payments/payme`, key);
  try {
    // Round the buildings, one owner of each in turn: a city's payers at any moment live in many
    // buildings, while in serial order (accounts are made building by building) every payment in
    // flight would be one building's and queue on its one clearing row.
    const owners = await o.orm.em.fork().execute<{ id: string; serial: string; balance: string }[]>(
      `select id, serial::text as serial, balance::text as balance from ledger_account
          where kind = 'owner_receivable' and balance > 0
          order by row_number() over (partition by building_id order by serial), serial limit ?`,
      [o.count],
    );
    if (owners.length < o.count) throw new Error(`only ${owners.length} owners owe anything`);
    o.say(`baseline: ${o.count} CheckTransaction calls at concurrency ${o.concurrency}`);
    let done = await meter(o.postgresDir);
    const baseline = await load.run({ kind: 'baseline', count: o.count, concurrency: o.concurrency });
    const baselineUse = await done();

    o.say(`paying ${o.count} owners through Payme at concurrency ${o.concurrency}`);
    const statements = await statementTimes(o.orm, o.postgresDir !== undefined);
    const churn = await tableChurn(o.orm);
    const profiling = await profile(process.env.BENCH_PROFILE);
    done = await meter(o.postgresDir);
    const paid = await load.run({
      kind: 'pay',
      count: o.count,
      concurrency: o.concurrency,
      owners: owners.map((w) => ({
        account: personalAccountNumber(Number(w.serial)),
        amount: Number(w.balance),
      })),
    });
    const paidUse = await done();
    await profiling();
    for (const line of await statements()) o.say(line);
    for (const line of await churn(o.count, 'payment')) o.say(line);
    const errors = [...baseline.errors, ...paid.errors];

    const audit = await auditLedger(o.orm.em.fork());
    const [left] = await o.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from ledger_account where id in (select jsonb_array_elements_text(?::jsonb)) and balance <> 0`,
        [JSON.stringify(owners.map((w) => w.id))],
      );
    const [recorded] = await o.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from ledger_transfer where kind = 'payment'`);
    const rate = o.count / paid.seconds;
    const p99 = percentile(paid.sorted, 99);
    const calls = paid.calls ?? [];
    const callP99 = percentile(calls, 99);
    const ok =
      errors.length === 0 &&
      audit.accounts === 0n &&
      audit.entries === 0n &&
      audit.drifted.length === 0 &&
      audit.unbalanced.length === 0 &&
      left!.n === 0 &&
      recorded!.n === o.count;
    if (errors.length) o.say(`refused payments, e.g. ${errors.join('; ')}`);
    return {
      ok,
      lines: [
        `payments                ${recorded!.n} payments`,
        `payment time            ${paid.seconds.toFixed(1)} s`,
        `payments/s              ${rate.toFixed(0)} payments/s`,
        `payment p50             ${percentile(paid.sorted, 50).toFixed(1)} ms`,
        `payment p99             ${p99.toFixed(1)} ms`,
        // What Payme times and times out: each JSON-RPC call (three a payment) on its own.
        `Payme call p50          ${percentile(calls, 50).toFixed(1)} ms`,
        `Payme call p99          ${callP99.toFixed(1)} ms`,
        ...Object.entries(paid.byMethod ?? {}).flatMap(([m, ms]) =>
          [50, 99].map(
            (p) => `${`${m.replace('Transaction', '')} p${p}`.padEnd(24)}${percentile(ms, p).toFixed(1)} ms`,
          ),
        ),
        `paid accounts not at 0  ${left!.n} accounts`,
        `trial balance after     ${audit.accounts} tiyin`,
        ...perOperation('payment', paidUse, o.count, 'payment'),
        `payment sandbox CPU     ${(paid.cpuMs / o.count).toFixed(2)} ms/payment`,
        // Two cores' worth of CPU over what one payment costs all three parties: the rate a quiet
        // machine could reach when nothing else waits.
        ...(paidUse.postgresCpuMs === null
          ? []
          : [
              `payments/s CPU bound    ${(2000 / ((paidUse.cpuMs + paidUse.postgresCpuMs + paid.cpuMs) / o.count)).toFixed(0)} payments/s (2 cores ÷ API + PG + sandbox CPU)`,
            ]),
        `baseline Payme calls/s  ${(o.count / baseline.seconds).toFixed(0)} calls/s`,
        `baseline call p50       ${percentile(baseline.sorted, 50).toFixed(1)} ms`,
        ...perOperation('baseline', baselineUse, o.count, 'call'),
        `baseline sandbox CPU    ${(baseline.cpuMs / o.count).toFixed(2)} ms/call`,
        // Judged on the per-call p99: at concurrency 50 and 500 payments/s a payment's three calls
        // take 100 ms on average (Little's law), so a per-payment p99 of 100 ms cannot be met.
        `payments target         ${rate >= 500 && callP99 <= 100 ? 'met' : 'missed'} (>= 500 payments/s, Payme call p99 <= 100 ms)`,
      ],
    };
  } finally {
    await load.close();
    await server.close();
  }
}
