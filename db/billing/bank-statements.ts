// Importing a bank statement of a building's dedicated account: the whole file in one transaction
// with every ledger transfer it causes, or nothing. Money that came in is on the ledger the moment
// the file is imported, identified or not:
//
//   every incoming line    clearing/<channel> → bank/<building>   (settlement: the bank has the money)
//   an owner's payment     clearing/bank → owner's receivable     (postPayment: oldest debt first)
//
// so for a line matched by its purpose clearing/bank nets to zero at once, and an unmatched line
// leaves its amount on clearing/bank (credit) until the organization assigns it: the bank channel's
// clearing account is the suspense account of unidentified receipts, and the transfers carry the
// building's id, so one building's unidentified money is the sum of its lines in the queue. A
// provider's settlement moves what Payme or Click collected (already credited to owners, debited to
// their clearing) into the building's bank account. Outgoing lines are recorded only: spending is
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
import { postTransfers, type TransferInput } from './ledger.ts';
import { postPayment } from './payments.ts';

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
): { ok: true; lines: StatementLine[] } | { ok: false; errors: ImportError[] } {
  const file = parseImportFile(bytes, encoding);
  const checked = validateStatement(file.header, file.records);
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
 * The owner's account a purpose names without doubt, in this building: autoMatch's one labelled
 * valid account, of an owner of this building, and, when the purpose also names an apartment,
 * that apartment is the account's own.
 */
async function matchOwner(
  em: EntityManager,
  buildingId: string,
  purpose: string,
): Promise<{ account: string; apartmentId: string } | null> {
  const candidates = purposeCandidates(purpose);
  const number = autoMatch(candidates);
  const serial = number === null ? null : personalAccountSerial(number);
  if (serial === null) return null;
  const [row] = await em.execute<{ id: string; apartment_id: string; number: string }[]>(
    `select a.id, a.apartment_id, ap.number from ledger_account a join apartment ap on ap.id = a.apartment_id
      where a.serial = ? and a.kind = 'owner_receivable' and a.building_id = ?`,
    [serial, buildingId],
  );
  if (!row) return null;
  const named = candidates.flatMap((c) => (c.kind === 'apartment' ? [c.number] : []));
  if (named.length > 0 && !named.includes(row.number.toLowerCase())) return null;
  return { account: row.id, apartmentId: row.apartment_id };
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
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `bank-statement:${buildingId}`,
    ]);
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
    const receipts: TransferInput[] = [];
    const bank = accountId({ kind: 'building_bank', buildingId });
    for (const line of input.lines) {
      if (seen.has(`${line.reference}|${line.date}|${line.direction}|${line.amount}`)) continue;
      const id = randomUUID();
      const { kind, provider } = classifyLine(line, policy.bankSettlement);
      let status: BankLineStatus = 'ignored';
      let owner: { account: string; apartmentId: string } | null = null;
      let paymentId: string | null = null;
      if (kind === 'provider_settlement') status = 'settlement';
      if (kind === 'owner_payment') {
        owner = await matchOwner(tx, buildingId, line.purpose);
        status = owner ? 'matched' : 'unmatched';
      }
      if (line.direction === 'incoming')
        receipts.push({
          id: receiptTransferId(id),
          debit: bank,
          credit: accountId({ kind: 'provider_clearing', provider: provider ?? 'bank' }),
          amount: line.amount,
          kind: 'settlement',
          reason: `${provider ?? 'bank'} ${provider ? 'settlement' : 'receipt'} ${line.reference} of ${line.date}`,
          period: null,
          buildingId,
          detail: { lineId: id, reference: line.reference, valueDate: line.date, payer: line.payer },
        });
      if (owner) {
        paymentId = bankPaymentId(id);
        await postPayment(tx, {
          provider: 'bank',
          providerId: line.reference,
          transferId: paymentId,
          account: owner.account,
          amount: line.amount,
          policy,
          paidOn: line.date,
        });
      }
      await tx.execute(
        `insert into bank_statement_line (id, building_id, import_id, line_number, value_date, direction, amount,
                                          counterparty, counterparty_account, purpose, reference, kind, provider,
                                          status, apartment_id, account_id, receipt_transfer_id, payment_id,
                                          created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
        [
          id,
          buildingId,
          importId,
          line.row,
          line.date,
          line.direction,
          line.amount,
          line.payer,
          line.account,
          line.purpose,
          line.reference,
          kind,
          provider,
          status,
          owner?.apartmentId ?? null,
          owner?.account ?? null,
          line.direction === 'incoming' ? receiptTransferId(id) : null,
          paymentId,
        ],
      );
      seen.add(`${line.reference}|${line.date}|${line.direction}|${line.amount}`);
    }
    await postTransfers(tx, receipts);
    return { outcome: 'imported', report: await report(tx, importId) };
  });
}
