// `node scripts/record-billing-daily-history.ts`: runs the daily billing run on a throwaway stack (test
// PostgreSQL, Temporal dev server) through a handover day with penalties and debtors in several
// batches, and saves its event history under tests/billing/fixtures/daily for
// tests/billing/daily-replay.test.ts. Record anew only on purpose: after a deliberate, versioned change
// (patched()), keep the old fixtures and add new ones.
import { fileURLToPath } from 'node:url';
import { postTransfers } from '../db/billing/ledger.ts';
import { charge, owners, payment, startDaily, startDebtorsWorld } from '../tests/billing/debtors-support.ts';
import { startTestPostgres } from '../tests/support/database.ts';
import { writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';

const OUT = fileURLToPath(new URL('../tests/billing/fixtures/daily/', import.meta.url));

const [postgres, temporal] = await Promise.all([startTestPostgres(), startTestTemporal()]);
const w = await startDebtorsWorld('record_billing_history', postgres, temporal.address);
try {
  const { buildingId, list } = await owners(w.h, 3);
  for (const o of list) await charge(w.h, o, buildingId, '2027-03', 1_000_000);
  await postTransfers(w.h.orm.em.fork(), [payment(list[0]!, 1_000_000, '2027-03-10')]);
  const handle = await startDaily(w.h, '2027-03-16', 'record', 1);
  const summary = await handle.result();
  if (summary.totals.blocked !== 2 || summary.totals.penaltyTransfers !== 4)
    throw new Error(`unexpected run: ${JSON.stringify(summary.totals)}`);
  await writeHistories(OUT, [{ 'billing-daily-handover': await handle.fetchHistory() }]);
} finally {
  await w.stop();
  await Promise.all([temporal.stop(), postgres.stop()]);
}
process.exit(0);
