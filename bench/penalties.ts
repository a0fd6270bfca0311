// `npm run bench:penalties`: the daily run's two passes over N owner accounts with one overdue
// month each (every third paid in part after the due day, every fifth a legal entity) on an
// embedded PostgreSQL started here: the penalty batches (postPenaltyBatch) on the 16th, then the
// electricity handover (electricityBatch), each in batches as the workflow runs them. Baseline,
// measured in the same run: the rate at which the same ledger posted the month's accruals in
// batches of the same size (postTransfers), which the penalty pass cannot beat by much since it
// also reads each account back. Exit 1 when the books do not balance.
//   npm run bench:penalties -- [--accounts 20000] [--batch 2000]
import { parseArgs } from 'node:util';
import { electricityBatch } from '../db/billing/electricity.ts';
import { auditLedger, postTransfers, type TransferInput } from '../db/billing/ledger.ts';
import { postPenaltyBatch } from '../db/billing/penalties.ts';
import { createOrm } from '../db/orm.ts';
import { accountId } from '../domain/billing/ledger.ts';
import { DEFAULT_BILLING_POLICY } from '../domain/billing/policy.ts';
import { createTestDatabase, startTestPostgres } from '../tests/support/database.ts';

const { values } = parseArgs({
  options: { accounts: { type: 'string', default: '20000' }, batch: { type: 'string', default: '2000' } },
});
const N = Number(values.accounts);
const BATCH = Number(values.batch);
const say = (line: string) => console.log(`[bench] ${line}`);

const postgres = await startTestPostgres();
const db = await createTestDatabase(postgres, 'bench_penalties');
const orm = await createOrm({ url: db.url });
let ok = false;
try {
  const em = () => orm.em.fork();
  for (const sql of [
    `insert into region (id, code, name) values (md5('r')::uuid, 'BENCH', 'Bench')`,
    `insert into district (id, region_id, code, name) values (md5('d')::uuid, md5('r')::uuid, '1726999', 'Bench')`,
    `insert into building (id, district_id, address, cadastral_number, year_built, floors, entrances, total_area,
                           living_area, created_at, updated_at)
       select md5('b' || b)::uuid, md5('d')::uuid, 'Bench ' || b, 'bench:' || b, 1990, 9, 4, 20000, 18000, now(), now()
         from generate_series(1, ${Math.ceil(N / 250)}) b`,
    `insert into apartment (id, building_id, number, entrance, floor, area)
       select md5('a' || a)::uuid, md5('b' || (1 + (a - 1) / 250))::uuid, a::text, 1, 1, 50
         from generate_series(1, ${N}) a`,
    `insert into person (id, pinfl, full_name, language)
       select md5('p' || p)::uuid, lpad(p::text, 14, '0'), 'Owner ' || p, 'uz' from generate_series(1, ${N}) p`,
    `insert into billing_payer_kind (owner_id, kind, updated_at)
       select md5('p' || p)::uuid, 'legal_entity', now() from generate_series(5, ${N}, 5) p`,
  ])
    await em().execute(sql);
  const rows = await em().execute<{ a: string; p: string; b: string }[]>(
    `select md5('a' || i)::uuid as a, md5('p' || i)::uuid as p, md5('b' || (1 + (i - 1) / 250))::uuid as b
       from generate_series(1, ${N}) i`,
  );
  const owner = (r: (typeof rows)[0]) =>
    accountId({ kind: 'owner_receivable', ownerId: r.p, apartmentId: r.a });
  const accruals: TransferInput[] = rows.map((r) => ({
    id: `bench-accrual:${r.a}`,
    debit: owner(r),
    credit: accountId({ kind: 'revenue', buildingId: r.b, revenue: 'contributions' }),
    amount: 1_000_000,
    kind: 'accrual',
    reason: 'contributions 2027-03',
    period: '2027-03',
    buildingId: r.b,
  }));
  let t = performance.now();
  for (let i = 0; i < N; i += BATCH) await postTransfers(em(), accruals.slice(i, i + BATCH));
  const accrualRate = N / ((performance.now() - t) / 1000);
  const payments: TransferInput[] = rows
    .filter((_, i) => i % 3 === 0)
    .map((r) => ({
      id: `bench-payment:${r.a}`,
      debit: accountId({ kind: 'provider_clearing', provider: 'payme', buildingId: r.b }),
      credit: owner(r),
      amount: 400_000,
      kind: 'payment',
      reason: 'payment',
      period: null,
      detail: { paidOn: '2027-03-20' },
    }));
  for (let i = 0; i < payments.length; i += BATCH) await postTransfers(em(), payments.slice(i, i + BATCH));
  say(`seeded ${N} accounts, ${payments.length} late payments`);

  const pass = async (run: (after: string | null) => Promise<{ next: string | null }>) => {
    const started = performance.now();
    let after: string | null = null;
    do after = (await run(after)).next;
    while (after !== null);
    return (performance.now() - started) / 1000;
  };
  let transfers = 0;
  const penaltySeconds = await pass(async (after) => {
    const r = await postPenaltyBatch(
      em(),
      { asOf: '2027-04-30', after, limit: BATCH },
      DEFAULT_BILLING_POLICY,
    );
    transfers += r.recorded;
    return r;
  });
  let rerun = 0;
  const rerunSeconds = await pass(async (after) => {
    const r = await postPenaltyBatch(
      em(),
      { asOf: '2027-04-30', after, limit: BATCH },
      DEFAULT_BILLING_POLICY,
    );
    rerun += r.recorded;
    return r;
  });
  let blocked = 0;
  const handoverSeconds = await pass(async (after) => {
    const r = await electricityBatch(
      em(),
      { date: '2027-04-16', after, limit: BATCH },
      DEFAULT_BILLING_POLICY,
    );
    blocked += r.blocked;
    return r;
  });
  t = performance.now();
  const audit = await auditLedger(em());
  ok = audit.accounts === 0n && audit.entries === 0n && audit.unbalanced.length === 0 && rerun === 0;
  console.log(
    [
      '',
      `accounts                   ${N} accounts`,
      `penalty transfers          ${transfers} transfers`,
      `penalty pass               ${(N / penaltySeconds).toFixed(0)} accounts/s`,
      `penalty re-run (no-op)     ${(N / rerunSeconds).toFixed(0)} accounts/s`,
      `re-run transfers           ${rerun} transfers`,
      `handover pass              ${(N / handoverSeconds).toFixed(0)} owners/s`,
      `debtors blocked            ${blocked} owners`,
      `baseline accrual posting   ${accrualRate.toFixed(0)} accounts/s`,
      `penalty ÷ baseline         ${(N / penaltySeconds / accrualRate).toFixed(2)} ratio`,
      `trial balance              ${audit.accounts} tiyin`,
    ].join('\n'),
  );
} finally {
  await orm.close();
  await db.drop();
  await postgres.stop();
}
process.exit(ok ? 0 : 1);
