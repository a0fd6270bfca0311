// The payments part of `npm run bench:billing`: after the accrual, payments through the Payme
// protocol exactly as Payme makes them (CheckPerformTransaction, CreateTransaction,
// PerformTransaction over HTTP with Basic auth, from the Payme sandbox) against the real API on a
// socket, `concurrency` payments in flight. Each owner pays what the accrual charged, so afterwards
// every paid account must stand at exactly 0 and the ledger's trial balance at 0. The baseline in
// the same run: CheckTransaction round trips at the same concurrency (HTTP, auth, one indexed
// read), the floor any Payme call stands on.
import { randomBytes } from 'node:crypto';
import { createApp } from '../api/app.ts';
import { listen } from '../api/server.ts';
import { auditLedger } from '../db/billing/ledger.ts';
import type { Orm } from '../db/orm.ts';
import { personalAccountNumber } from '../domain/billing/personal-account.ts';
import type { Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startPaymeSandbox } from '../platform/payments/payme-sandbox.ts';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `work(i)` for i < count with `concurrency` in flight; each one's milliseconds. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  const ms: number[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await work(i);
        ms[i] = performance.now() - t;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, sorted: ms.sort((a, b) => a - b) };
}

export async function benchPayments(o: {
  orm: Orm;
  config: Config;
  count: number;
  concurrency: number;
  say: (line: string) => void;
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
  const payme = await startPaymeSandbox({ merchantUrl: `${server.url}/api/v1/payments/payme`, key });
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
    const errors: string[] = [];
    const fail = (what: string) => {
      if (errors.length < 5) errors.push(what);
    };

    o.say(`baseline: ${o.count} CheckTransaction calls at concurrency ${o.concurrency}`);
    const baseline = await pool(o.count, o.concurrency, async () => {
      const r = await payme.call('CheckTransaction', { id: 'not-a-transaction' });
      if (r.error?.code !== -31003) fail(`CheckTransaction answered ${JSON.stringify(r)}`);
    });

    o.say(`paying ${o.count} owners through Payme at concurrency ${o.concurrency}`);
    const paid = await pool(o.count, o.concurrency, async (i) => {
      const owner = owners[i]!;
      const r = await payme.pay({
        account: personalAccountNumber(Number(owner.serial)),
        amount: Number(owner.balance),
      });
      if (r.result?.state !== 2) fail(`payment ${i} answered ${JSON.stringify(r)}`);
    });

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
        `paid accounts not at 0  ${left!.n} accounts`,
        `trial balance after     ${audit.accounts} tiyin`,
        `baseline Payme calls/s  ${(o.count / baseline.seconds).toFixed(0)} calls/s`,
        `baseline call p50       ${percentile(baseline.sorted, 50).toFixed(1)} ms`,
        `payments target         ${rate >= 500 && p99 <= 100 ? 'met' : 'missed'} (>= 500 payments/s, p99 <= 100 ms)`,
      ],
    };
  } finally {
    await payme.close();
    await server.close();
  }
}
