// The ledger's and the bank statements' side of the daily reconciliation
// (domain/billing/reconciliation.ts), and the accounting-violation cases it opens. Reads go through
// indexed paths only: a provider's payments of a day through the entries of its clearing accounts,
// one per building (indexed by account and time), and the transfer ids the provider's registry
// names (the primary key); the bank's side by the buildings that have statements.
import type { EntityManager } from '@mikro-orm/postgresql';
import { accountId } from '../../domain/billing/ledger.ts';
import { personalAccountSerial } from '../../domain/billing/personal-account.ts';
import type {
  BankInputs,
  CardProvider,
  Discrepancy,
  IncomingLine,
  LedgerPayment,
  PaymentDay,
  SettlementLine,
} from '../../domain/billing/reconciliation.ts';
import { addDays, endOfTashkentDay, tashkentDate } from '../../domain/calendar/working-days.ts';
import { clickTransferId } from './click.ts';
import { paymeTransferId } from './payme.ts';

const transferIdOf = (provider: CardProvider, id: string) =>
  provider === 'payme' ? paymeTransferId(id) : clickTransferId(id);
const startOfTashkentDay = (date: string) => endOfTashkentDay(addDays(date, -1));

/**
 * The ids of a provider's clearing accounts, its one parameter the provider-wide id: one per
 * building (clearing/<provider>/<building>, where payments post), and the provider-wide one, which
 * holds the payments posted before the clearing was kept per building. Built from the buildings
 * rather than searched in ledger_account, so the entries are reached through their account index.
 */
const CLEARING_ACCOUNTS = `select ?::text as id union all select ?::text || '/' || b.id::text from building b`;

interface PaymentRow {
  id: string;
  provider_id: string | null;
  building_id: string | null;
  amount: string;
  reversed: string;
  paid_on: string | null;
  posted_at: Date;
}

const PAYMENT_COLUMNS = `t.id, t.detail->>'providerId' as provider_id, t.building_id, t.amount::text as amount,
       coalesce(r.amount, 0)::text as reversed, t.detail->>'paidOn' as paid_on, t.posted_at`;
const REVERSAL = `left join ledger_transfer r on r.id = t.id || ':reversal' and r.status = 'posted'`;

const paymentOf =
  (provider: LedgerPayment['provider']) =>
  (r: PaymentRow): LedgerPayment => ({
    transferId: r.id,
    provider,
    providerId: r.provider_id,
    buildingId: r.building_id,
    amount: Number(r.amount) - Number(r.reversed),
    // A payment posted before paidOn was recorded is dated by its posting.
    paidOn: r.paid_on ?? tashkentDate(new Date(r.posted_at).getTime()),
  });

/**
 * A provider's ledger payments of `day` (net of reversals), and those the registry's `ids` name
 * whenever they were posted. The day's payments are found through its clearing accounts' entries
 * posted from the day before to the day after (paidOn is the posting's Tashkent day).
 */
export async function providerPayments(
  em: EntityManager,
  provider: CardProvider,
  day: string,
  ids: readonly string[],
): Promise<LedgerPayment[]> {
  const clearing = accountId({ kind: 'provider_clearing', provider });
  const rows = await em.execute<PaymentRow[]>(
    `select ${PAYMENT_COLUMNS}
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id ${REVERSAL}
      where e.account_id in (${CLEARING_ACCOUNTS}) and e.posted_at >= ? and e.posted_at < ?
        and t.kind = 'payment' and t.status = 'posted' and t.detail->>'paidOn' = ?
     union
     select ${PAYMENT_COLUMNS}
       from ledger_transfer t ${REVERSAL}
      where t.id in (select jsonb_array_elements_text(?::jsonb)) and t.kind = 'payment' and t.status = 'posted'`,
    [
      clearing,
      clearing,
      new Date(startOfTashkentDay(addDays(day, -1))),
      new Date(endOfTashkentDay(addDays(day, 1))),
      day,
      JSON.stringify(ids.map((id) => transferIdOf(provider, id))),
    ],
  );
  return rows.map(paymentOf(provider));
}

/** The building behind each personal account number a registry names (absent when unknown). */
export async function buildingsOfAccounts(
  em: EntityManager,
  numbers: readonly string[],
): Promise<Map<string, string>> {
  const serials = new Map<number, string>();
  for (const n of numbers) {
    const s = personalAccountSerial(n);
    if (s !== null) serials.set(s, n);
  }
  if (serials.size === 0) return new Map();
  const rows = await em.execute<{ serial: string; building_id: string | null }[]>(
    `select serial::text as serial, building_id from ledger_account
      where serial in (select jsonb_array_elements_text(?::jsonb)::bigint) and kind = 'owner_receivable'`,
    [JSON.stringify([...serials.keys()])],
  );
  const out = new Map<string, string>();
  for (const r of rows) if (r.building_id) out.set(serials.get(Number(r.serial))!, r.building_id);
  return out;
}

/**
 * Everything the bank's side needs as of `asOf`, for the buildings that have imported statements
 * (a building that never imported one has nothing to compare; its provider payments are still
 * compared with the providers' registries).
 */
export async function bankInputs(
  em: EntityManager,
  asOf: string,
  policy: { settlementLagDays: number; unassignedLineDays: number },
): Promise<BankInputs> {
  const covered = await em.execute<{ building_id: string; first: string }[]>(
    `select building_id, min(value_date) as first from bank_statement_line group by building_id`,
  );
  const coverage = new Map(covered.map((r) => [r.building_id, r.first]));
  const buildings = [...coverage.keys()];
  // biome-ignore lint/complexity/useMathMinMax: dates are strings
  const earliest = covered.reduce((m, r) => (r.first < m ? r.first : m), asOf);
  const days =
    buildings.length === 0
      ? []
      : await em.execute<{ building_id: string; provider: CardProvider; day: string; amount: string }[]>(
          // Per building through the transfers' (building, period) index; days before a building's
          // coverage are kept back to the settlement lag, to absorb the settlements that paid them.
          // A card payment debits its building's clearing of the provider (or, posted before the
          // clearing was kept per building, the provider-wide one).
          `select t.building_id, split_part(t.debit_account_id, '/', 2) as provider, t.detail->>'paidOn' as day,
                  (sum(t.amount) - coalesce(sum(r.amount), 0))::text as amount
             from ledger_transfer t ${REVERSAL}
            where t.building_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
              and t.kind = 'payment' and t.status = 'posted'
              and t.debit_account_id in ('clearing/payme/' || t.building_id::text, 'clearing/click/' || t.building_id::text,
                                         'clearing/payme', 'clearing/click')
              and t.detail->>'paidOn' between ? and ?
            group by 1, 2, 3`,
          [JSON.stringify(buildings), addDays(earliest, -policy.settlementLagDays), asOf],
        );
  const payments: PaymentDay[] = days
    .filter((d) => d.day >= addDays(coverage.get(d.building_id)!, -policy.settlementLagDays))
    .map((d) => ({ buildingId: d.building_id, provider: d.provider, day: d.day, amount: Number(d.amount) }));
  const settlementRows = await em.execute<
    { id: string; building_id: string; provider: CardProvider; value_date: string; amount: string }[]
  >(
    `select id, building_id, provider, value_date, amount::text as amount from bank_statement_line
      where kind = 'provider_settlement' and value_date <= ?`,
    [asOf],
  );
  const settlements: SettlementLine[] = settlementRows.map((r) => ({
    lineId: r.id,
    buildingId: r.building_id,
    provider: r.provider,
    valueDate: r.value_date,
    amount: Number(r.amount),
  }));
  const lineRows = await em.execute<
    {
      id: string;
      building_id: string;
      kind: IncomingLine['kind'];
      status: string;
      value_date: string;
      amount: string;
      recorded: boolean;
    }[]
  >(
    // The month's incoming lines (a receipt transfer missing from the ledger shows at once), and
    // every line still waiting in a queue, however old.
    `select l.id, l.building_id, l.kind, l.status, l.value_date, l.amount::text as amount,
            exists (select 1 from ledger_transfer t where t.id = l.receipt_transfer_id and t.status = 'posted') as recorded
       from bank_statement_line l
      where l.direction = 'incoming' and l.value_date <= ?
        and (l.value_date > ? or l.status = 'unmatched')`,
    [asOf, addDays(asOf, -31)],
  );
  const lines: IncomingLine[] = lineRows.map((r) => ({
    lineId: r.id,
    buildingId: r.building_id,
    kind: r.kind,
    status: r.status,
    valueDate: r.value_date,
    amount: Number(r.amount),
    recorded: r.recorded,
  }));
  const bankRows = await em.execute<(PaymentRow & { on_statement: boolean })[]>(
    // Cash-desk payments posted on `asOf`, whatever value date (paidOn) they carry: an import or
    // an assignment from the queue posts them days after the bank's value date.
    `select ${PAYMENT_COLUMNS},
            exists (select 1 from bank_statement_line l where l.building_id = t.building_id and l.payment_id = t.id) as on_statement
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id ${REVERSAL}
      where e.account_id in (${CLEARING_ACCOUNTS}) and e.posted_at >= ? and e.posted_at < ?
        and t.kind = 'payment' and t.status = 'posted'`,
    [
      accountId({ kind: 'provider_clearing', provider: 'bank' }),
      accountId({ kind: 'provider_clearing', provider: 'bank' }),
      new Date(startOfTashkentDay(asOf)),
      new Date(endOfTashkentDay(asOf)),
    ],
  );
  const bankPayments = bankRows.map((r) => ({ ...paymentOf('bank')(r), onStatement: r.on_statement }));
  return { coverage, payments, settlements, lines, bankPayments };
}

/**
 * Opens a case for each discrepancy not opened before (by kind, source and reference), for the
 * organization administering its building now. One statement; returns how many were opened.
 */
export async function openViolations(
  em: EntityManager,
  found: readonly Discrepancy[],
  openedBy: string,
): Promise<number> {
  if (found.length === 0) return 0;
  const rows = await em.execute<{ id: string }[]>(
    `insert into billing_violation (id, building_id, organization_id, kind, source, amount, occurred_on, reference,
                                    status, opened_at, opened_by)
     select gen_random_uuid(), x."buildingId", b.management_organization_id, x.kind, x.source, x.amount,
            x."occurredOn", x.reference, 'open', now(), ?
       from jsonb_to_recordset(?::jsonb) as x("buildingId" uuid, kind text, source text, amount bigint,
                                              "occurredOn" text, reference text)
       left join building b on b.id = x."buildingId"
     on conflict (kind, source, reference) do nothing
     returning id`,
    [openedBy, JSON.stringify(found)],
  );
  return rows.length;
}
