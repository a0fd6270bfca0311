// Bank statements of a building's dedicated account: one import row per uploaded file, one line row
// per line of the file. A file is imported once per building (its SHA-256 is the key), in one
// transaction with every ledger transfer its lines cause, so a statement uploaded twice, or a
// retried upload, changes nothing. Lines are evidence of what the bank said: their money fields
// never change; only a queued line's assignment (status, apartment, payment, who and when) is
// written later, once.
import { defineEntity, p } from '@mikro-orm/core';
import {
  BANK_LINE_DIRECTIONS,
  BANK_LINE_KINDS,
  BANK_LINE_STATUSES,
  SETTLEMENT_PROVIDERS,
} from '../../domain/billing/bank-statement.ts';
import { id, KEEP, now } from '../columns.ts';
import { Apartment, Building } from '../registry/entities.ts';
import { LedgerAccount } from './entities.ts';

export const BankStatementImport = defineEntity({
  name: 'BankStatementImport',
  tableName: 'bank_statement_import',
  uniques: [{ name: 'bank_statement_import_building_sha256_unique', properties: ['building', 'sha256'] }],
  checks: [{ name: 'bank_statement_import_sha256_check', expression: "sha256 ~ '^[0-9a-f]{64}$'" }],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    /** Hex SHA-256 of the uploaded bytes: the same file again is the same import. */
    sha256: p.string().length(64),
    filename: p.string().length(300),
    lines: p.integer(),
    /** Sums of the file in tiyin, for the accountant to compare with the bank's own totals. */
    incoming: p.bigint('number'),
    outgoing: p.bigint('number'),
    /** The user who uploaded it (null for a token without a user, e.g. a script). */
    createdByUserId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const BankStatementLine = defineEntity({
  name: 'BankStatementLine',
  tableName: 'bank_statement_line',
  uniques: [{ name: 'bank_statement_line_import_row_unique', properties: ['import', 'lineNumber'] }],
  indexes: [
    { properties: ['building', 'status'] },
    { properties: ['building', 'valueDate'] },
    { properties: ['reference'] },
  ],
  checks: [
    { name: 'bank_statement_line_amount_check', expression: 'amount > 0' },
    {
      name: 'bank_statement_line_value_date_check',
      expression: "value_date ~ '^\\d{4}-\\d{2}-\\d{2}$'",
    },
    {
      // Outgoing lines are the account's own spending: recorded, never an owner's payment.
      name: 'bank_statement_line_outgoing_check',
      expression: "(direction = 'outgoing') = (kind = 'other' and status = 'ignored')",
    },
    {
      // Every incoming line is on the ledger the moment it is imported, identified or not.
      name: 'bank_statement_line_receipt_check',
      expression: "(direction = 'incoming') = (receipt_transfer_id is not null)",
    },
    {
      name: 'bank_statement_line_owner_payment_check',
      expression: "(kind = 'owner_payment') = (status in ('matched', 'unmatched', 'assigned'))",
    },
    {
      name: 'bank_statement_line_settlement_check',
      expression: "(kind = 'provider_settlement') = (provider is not null and status = 'settlement')",
    },
    {
      name: 'bank_statement_line_apartment_check',
      expression:
        "(status in ('matched', 'assigned')) = (apartment_id is not null and account_id is not null and payment_id is not null)",
    },
    {
      name: 'bank_statement_line_assigned_check',
      expression:
        "(status = 'assigned') = (assigned_at is not null) and (assigned_by_user_id is null or status = 'assigned')",
    },
  ],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    import: () => p.manyToOne(BankStatementImport).deleteRule(KEEP).updateRule(KEEP),
    /** The line of the file as a spreadsheet shows it: the header is line 1. */
    lineNumber: p.integer(),
    /** The bank's value date, a Tashkent calendar day 'YYYY-MM-DD'. */
    valueDate: p.string().length(10),
    direction: p.enum(BANK_LINE_DIRECTIONS),
    /** Tiyin, > 0; the direction says which way. */
    amount: p.bigint('number'),
    /** The payer of an incoming line, the recipient of an outgoing one. */
    counterparty: p.string().length(300),
    counterpartyAccount: p.string().length(40).nullable(),
    purpose: p.text(),
    /** The bank's document number or transaction reference, as exported. */
    reference: p.string().length(100),
    kind: p.enum(BANK_LINE_KINDS),
    provider: p.enum(SETTLEMENT_PROVIDERS).nullable(),
    status: p.enum(BANK_LINE_STATUSES),
    /** The apartment whose owner the payment was posted to (matched or assigned). */
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The owner's receivable the payment credited (an apartment may have several co-owners). */
    account: () => p.manyToOne(LedgerAccount).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The ledger transfer that moved the money into the building's bank account (every incoming line). */
    receiptTransferId: p.string().length(200).nullable(),
    /** The ledger transfer of the owner's payment (matched or assigned): its allocations explain it. */
    paymentId: p.string().length(200).nullable(),
    assignedByUserId: p.uuid().nullable(),
    assignedAt: p.datetime().nullable(),
    /** The Idempotency-Key of the assignment and the hash of its request: a retry answers the same. */
    assignmentKey: p.string().length(200).nullable(),
    assignmentHash: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const bankStatementEntities = [BankStatementImport, BankStatementLine];
