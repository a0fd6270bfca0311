// Importing a bank statement of a building's dedicated account: the whole file in one transaction
// with every ledger transfer it causes, or nothing. Money that came in is on the ledger the moment
// the file is imported, identified or not:
//
//   every incoming line    clearing/<channel>/<building> → bank/<building>   (settlement: the bank has the money)
//   an owner's payment     clearing/bank/<building> → owner's receivable     (postPayment: oldest debt first)
//
// so for a line matched by its purpose clearing/bank/<building> nets to zero at once, and an
// unmatched line leaves its amount on it (credit) until the organization assigns it: the bank
// channel's clearing account of the building is its suspense account of unidentified receipts,
// whose balance is the building's money in the queue. A provider's settlement moves what Payme or
// Click collected for the building (already credited to owners, debited to the building's clearing
// of that provider) into the building's bank account. Outgoing lines are recorded only: spending is
// posted where it is decided (the building's expenses), and reconciliation compares the two.
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  autoMatch,
  type BankLineStatus,
  classifyLine,
  purposeCandidates,
  type StatementLine,
  validateStatement,
} from '../../domain/billing/bank-statement.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { personalAccountSerial } from '../../domain/billing/personal-account.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import type { ImportError } from '../../domain/common/import-error.ts';
import { type FileEncoding, parseImportFile } from '../csv-file.ts';
import { takeTurns } from '../sql.ts';
import { postTransfers, type TransferInput } from './ledger.ts';
import { type PaymentPosting, postPayments } from './payments.ts';

export interface StatementImport {
  id: string;
  buildingId: string;
  filename: string;
  /** Lines in the file. */
  lines: number;
  /** Tiyin that came in and went out, by the file. */
  incoming: number;
  outgoing: number;
  /** Lines by status; lines already imported from an earlier, overlapping file are `duplicates`. */
  matched: number;
  unmatched: number;
  settlements: number;
  ignored: number;
  duplicates: number;
  createdAt: string;
}

export type ImportOutcome =
  | { outcome: 'imported' | 'already_imported'; report: StatementImport }
  | { outcome: 'rejected'; errors: ImportError[] }
  | { outcome: 'not_registered' };

/** The bank transfer ids of a line: the receipt on the building's account and the owner's payment. */
export const receiptTransferId = (lineId: string) => `bank:${lineId}`;
export const bankPaymentId = (lineId: string) => `bank:${lineId}:payment`;

/** Reads the file; a FileProblem (not UTF-8 CSV at all) propagates for the caller to answer 400. */
export function readStatement(
  bytes: Uint8Array,
  encoding: FileEncoding = 'utf-8',
  /** Today in Tashkent, when lines dated later are to be refused. */
  today?: string,
): { ok: true; lines: StatementLine[] } | { ok: false; errors: ImportError[] } {
  const file = parseImportFile(bytes, encoding);
  const checked = validateStatement(file.header, file.records, today);
  const errors = [...file.errors, ...(checked.ok ? [] : checked.errors)];
  if (errors.length > 0)
    return { ok: false, errors: errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field)) };
  return checked;
}

async function report(em: EntityManager, importId: string): Promise<StatementImport> {
  const [row] = await em.execute<
    (Omit<StatementImport, 'createdAt' | 'incoming' | 'outgoing'> & {
      incoming: string;
      outgoing: string;
      created_at: Date;
      building_id: string;
    })[]
  >(
    `select i.id, i.building_id, i.filename, i.lines, i.incoming::text as incoming, i.outgoing::text as outgoing,
            i.created_at,
            count(*) filter (where l.status in ('matched', 'assigned'))::int as matched,
            count(*) filter (where l.status = 'unmatched')::int as unmatched,
            count(*) filter (where l.status = 'settlement')::int as settlements,
            count(*) filter (where l.status = 'ignored')::int as ignored,
            (i.lines - count(l.id))::int as duplicates
       from bank_statement_import i left join bank_statement_line l on l.import_id = i.id
      where i.id = ? group by i.id`,
    [importId],
  );
  const r = row!;
  return {
    id: r.id,
    buildingId: r.building_id,
    filename: r.filename,
    lines: r.lines,
    incoming: Number(r.incoming),
    outgoing: Number(r.outgoing),
    matched: r.matched,
    unmatched: r.unmatched,
    settlements: r.settlements,
    ignored: r.ignored,
    duplicates: r.duplicates,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * The owner's account each purpose names without doubt, in this building, by purpose: autoMatch's
 * one labelled valid account, of an owner of this building, and, when the purpose also names an
 * apartment, that apartment is the account's own. One query for the whole file.
 */
async function matchOwners(
  em: EntityManager,
  buildingId: string,
  purposes: readonly string[],
): Promise<Map<string, { account: string; apartmentId: string }>> {
  const wanted = new Map<string, { serial: number; apartments: string[] }>();
  for (const purpose of new Set(purposes)) {
    const candidates = purposeCandidates(purpose);
    const number = autoMatch(candidates);
    const serial = number === null ? null : personalAccountSerial(number);
    if (serial !== null)
      wanted.set(purpose, {
        serial,
        apartments: candidates.flatMap((c) => (c.kind === 'apartment' ? [c.number] : [])),
      });
  }
  if (wanted.size === 0) return new Map();
  const rows = await em.execute<{ serial: string; id: string; apartment_id: string; number: string }[]>(
    `select a.serial::text as serial, a.id, a.apartment_id, ap.number
       from ledger_account a join apartment ap on ap.id = a.apartment_id
      where a.kind = 'owner_receivable' and a.building_id = ?
        and a.serial in (select jsonb_array_elements_text(?::jsonb)::bigint)`,
    [buildingId, JSON.stringify([...new Set([...wanted.values()].map((w) => String(w.serial)))])],
  );
  const bySerial = new Map(rows.map((r) => [Number(r.serial), r]));
  const out = new Map<string, { account: string; apartmentId: string }>();
  for (const [purpose, w] of wanted) {
    const row = bySerial.get(w.serial);
    if (!row) continue;
    if (w.apartments.length > 0 && !w.apartments.includes(row.number.toLowerCase())) continue;
    out.set(purpose, { account: row.id, apartmentId: row.apartment_id });
  }
  return out;
}

export interface ImportInput {
  buildingId: string;
  filename: string;
  bytes: Uint8Array;
  lines: StatementLine[];
  userId: string | null;
  policy: BillingPolicy;
}

/**
 * Imports checked lines once per (building, file): the same bytes again answer the first import.
 * A line already imported from another file (same reference, value date, direction and amount) is
 * skipped, so overlapping statements never post a payment twice.
 */
export async function importStatement(em: EntityManager, input: ImportInput): Promise<ImportOutcome> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  // The ledger's account ids and the import lock are text: one spelling of the UUID.
  const buildingId = input.buildingId.toLowerCase();
  const { policy } = input;
  return em.transactional(async (tx) => {
    // One import of a building at a time: overlapping files see each other's lines.
    await takeTurns(tx, `bank-statement:${buildingId}`);
    const [registered] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from billing_building where building_id = ?`,
      [buildingId],
    );
    if (registered!.n === 0) return { outcome: 'not_registered' };
    const [earlier] = await tx.execute<{ id: string }[]>(
      `select id from bank_statement_import where building_id = ? and sha256 = ?`,
      [buildingId, sha256],
    );
    if (earlier) return { outcome: 'already_imported', report: await report(tx, earlier.id) };
    const importId = randomUUID();
    const sum = (d: 'incoming' | 'outgoing') =>
      input.lines.filter((l) => l.direction === d).reduce((s, l) => s + l.amount, 0);
    await tx.execute(
      `insert into bank_statement_import (id, building_id, sha256, filename, lines, incoming, outgoing,
                                          created_by_user_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now())`,
      [
        importId,
        buildingId,
        sha256,
        input.filename,
        input.lines.length,
        sum('incoming'),
        sum('outgoing'),
        input.userId,
      ],
    );
    const seen = new Set(
      (
        await tx.execute<{ k: string }[]>(
          `select reference || '|' || value_date || '|' || direction || '|' || amount as k
             from bank_statement_line
            where building_id = ? and reference in (select jsonb_array_elements_text(?::jsonb))`,
          [buildingId, JSON.stringify(input.lines.map((l) => l.reference))],
        )
      ).map((r) => r.k),
    );
    const fresh = input.lines.filter((line) => {
      const key = `${line.reference}|${line.date}|${line.direction}|${line.amount}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const owners = await matchOwners(
      tx,
      buildingId,
      fresh.filter((l) => l.direction === 'incoming').map((l) => l.purpose),
    );
    const bank = accountId({ kind: 'building_bank', buildingId });
    const receipts: TransferInput[] = [];
    const payments: PaymentPosting[] = [];
    const rows = fresh.map((line) => {
      const id = randomUUID();
      const { kind, provider } = classifyLine(line, policy.bankSettlement);
      const owner = kind === 'owner_payment' ? (owners.get(line.purpose) ?? null) : null;
      const status: BankLineStatus =
        kind === 'provider_settlement'
          ? 'settlement'
          : kind === 'owner_payment'
            ? owner
              ? 'matched'
              : 'unmatched'
            : 'ignored';
      if (line.direction === 'incoming')
        receipts.push({
          id: receiptTransferId(id),
          debit: bank,
          credit: accountId({ kind: 'provider_clearing', provider: provider ?? 'bank', buildingId }),
          amount: line.amount,
          kind: 'settlement',
          reason: `${provider ?? 'bank'} ${provider ? 'settlement' : 'receipt'} ${line.reference} of ${line.date}`,
          period: null,
          buildingId,
          detail: { lineId: id, reference: line.reference, valueDate: line.date, payer: line.payer },
        });
      if (owner)
        payments.push({
          provider: 'bank',
          providerId: line.reference,
          transferId: bankPaymentId(id),
          account: owner.account,
          amount: line.amount,
          policy,
          paidOn: line.date,
        });
      return {
        id,
        row: line.row,
        date: line.date,
        direction: line.direction,
        amount: line.amount,
        payer: line.payer,
        account: line.account,
        purpose: line.purpose,
        reference: line.reference,
        kind,
        provider,
        status,
        apartment: owner?.apartmentId ?? null,
        owner: owner?.account ?? null,
        receipt: line.direction === 'incoming' ? receiptTransferId(id) : null,
        payment: owner ? bankPaymentId(id) : null,
      };
    });
    // The owners' payments in the file's order, each against what the earlier ones left.
    await postPayments(tx, payments);
    await postTransfers(tx, receipts);
    if (rows.length > 0)
      await tx.execute(
        `insert into bank_statement_line (id, building_id, import_id, line_number, value_date, direction, amount,
                                          counterparty, counterparty_account, purpose, reference, kind, provider,
                                          status, apartment_id, account_id, receipt_transfer_id, payment_id,
                                          created_at)
         select r.id, ?, ?, r.row, r.date, r.direction, r.amount, r.payer, r.account, r.purpose, r.reference, r.kind,
                r.provider, r.status, r.apartment, r.owner, r.receipt, r.payment, now()
           from jsonb_to_recordset(?::jsonb) as r(id uuid, row int, date text, direction text, amount bigint,
                payer text, account text, purpose text, reference text, kind text, provider text, status text,
                apartment uuid, owner text, receipt text, payment text)`,
        [buildingId, importId, JSON.stringify(rows)],
      );
    return { outcome: 'imported', report: await report(tx, importId) };
  });
}
