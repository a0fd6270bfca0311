// Billing tables: the double-entry ledger (accounts, transfers, entries), the buildings registered
// for billing, the dated management terms the accrual charges by, and the month gate.
//
// The ledger follows domain/billing/ledger.ts and the database enforces it on its own: a transfer
// moves a positive amount between two different accounts; a posted transfer has exactly its two
// entries (+amount on the debit account, −amount on the credit account), each carrying the
// account's balance before and after; entries never change or disappear, and a transfer only ever
// moves pending → posted or pending → voided. The checks that span rows (a posted transfer has
// its two matching entries, and entries belong to posted transfers) are statement-level triggers
// written in the billing migration, because a CHECK sees one row only.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { AccountKind } from '../../domain/billing/ledger.ts';
import { REVENUE_KINDS, TRANSFER_KINDS } from '../../domain/billing/ledger.ts';
import { appendOnly } from '../append-only.ts';
import { id, KEEP, now } from '../columns.ts';
import { Apartment, Building, ManagementOrganization } from '../registry/entities.ts';

export const ACCOUNT_KINDS = [
  'owner_receivable',
  'building_bank',
  'management_organization',
  'revenue',
  'system_upkeep',
  'provider_clearing',
] as const satisfies readonly AccountKind[];
export const TRANSFER_STATUSES = ['pending', 'posted', 'voided'] as const;

export const LedgerAccount = defineEntity({
  name: 'LedgerAccount',
  tableName: 'ledger_account',
  indexes: [{ properties: ['building', 'kind'] }, { properties: ['ownerId'] }],
  properties: {
    /** accountId() of domain/billing/ledger.ts: 'owner/<person>/<apartment>', 'bank/<building>', … */
    id: p.string().length(200).primary(),
    kind: p.enum(ACCOUNT_KINDS),
    /** The building an owner's, bank or revenue account belongs to: statements group by it. */
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).nullable(),
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The person who owns the share (owner_receivable). */
    ownerId: p.uuid().nullable(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    revenueKind: p.enum(REVENUE_KINDS).nullable(),
    /** The personal account number's serial (domain/billing/personal-account.ts). */
    serial: p.bigint('number').autoincrement().unique(),
    /** Debit minus credit of every posted entry: always the last entry's balance_after. */
    balance: p.bigint('bigint').default(0),
    createdAt: p.datetime().onCreate(now),
  },
});

export const LedgerTransfer = defineEntity({
  name: 'LedgerTransfer',
  tableName: 'ledger_transfer',
  // Few indexes on purpose: every one costs each of the thousands of rows a batch inserts. An
  // account's movements are read from its entries, not from here; pending transfers are few.
  indexes: [
    { properties: ['building', 'period'] },
    { name: 'ledger_transfer_pending_index', properties: ['period'], where: "status = 'pending'" },
  ],
  checks: [
    { name: 'ledger_transfer_amount_check', expression: 'amount > 0' },
    { name: 'ledger_transfer_accounts_check', expression: 'debit_account_id <> credit_account_id' },
    {
      name: 'ledger_transfer_reason_check',
      expression: "kind <> 'correction' or (length(btrim(reason)) > 0 and corrects_id is not null)",
    },
    {
      name: 'ledger_transfer_status_dates_check',
      expression:
        "(status = 'pending' and posted_at is null and voided_at is null) or " +
        "(status = 'posted' and posted_at is not null and voided_at is null) or " +
        "(status = 'voided' and posted_at is null and voided_at is not null)",
    },
  ],
  triggers: [
    {
      name: 'ledger_transfer_immutable',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      // A pending transfer may be posted or voided once; nothing else about any transfer changes.
      body: `if tg_op = 'UPDATE' and old.status = 'pending' and new.status in ('posted', 'voided')
               and (new.id, new.seq, new.kind, new.debit_account_id, new.credit_account_id, new.amount,
                    new.reason, new.period, new.building_id, new.corrects_id, new.detail, new.created_at)
                   is not distinct from
                   (old.id, old.seq, old.kind, old.debit_account_id, old.credit_account_id, old.amount,
                    old.reason, old.period, old.building_id, old.corrects_id, old.detail, old.created_at)
             then return new; end if;
             raise exception 'ledger transfer % is %: transfers are never changed or deleted, correct with a new transfer', old.id, old.status
               using errcode = 'check_violation';`,
    },
  ],
  properties: {
    /** Chosen by the client, deterministic from what it records: the idempotency key. */
    id: p.string().length(200).primary(),
    /** Insertion order. */
    seq: p.bigint('number').autoincrement().unique(),
    kind: p.enum(TRANSFER_KINDS),
    debitAccount: () => p.manyToOne(LedgerAccount).deleteRule(KEEP).updateRule(KEEP),
    creditAccount: () => p.manyToOne(LedgerAccount).deleteRule(KEEP).updateRule(KEEP),
    /** Tiyin. */
    amount: p.bigint('bigint'),
    reason: p.text(),
    /** 'YYYY-MM' the transfer belongs to (an accrual's month), if any. */
    period: p.string().length(7).nullable(),
    /** The building whose books this belongs to, for statements. */
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The transfer a correction adjusts or undoes. */
    correctsId: p.string().length(200).nullable(),
    status: p.enum(TRANSFER_STATUSES),
    /** What the line says on a receipt: area × tariff × days, the organization, the contract. */
    detail: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(now),
    postedAt: p.datetime().nullable(),
    voidedAt: p.datetime().nullable(),
  },
});

export const LedgerEntry = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entry',
  uniques: [{ properties: ['transfer', 'account'] }],
  indexes: [{ properties: ['account', 'postedAt', 'id'] }],
  checks: [
    { name: 'ledger_entry_change_check', expression: 'change <> 0' },
    { name: 'ledger_entry_balance_check', expression: 'balance_after = balance_before + change' },
  ],
  triggers: [appendOnly('ledger_entry', 'the ledger')],
  properties: {
    /** Posting order: within an account, a later entry has a larger id. */
    id: p.bigint('number').autoincrement().primary(),
    transfer: () => p.manyToOne(LedgerTransfer).deleteRule(KEEP).updateRule(KEEP),
    account: () => p.manyToOne(LedgerAccount).deleteRule(KEEP).updateRule(KEEP),
    /** +amount on the debit side, −amount on the credit side. */
    change: p.bigint('bigint'),
    balanceBefore: p.bigint('bigint'),
    balanceAfter: p.bigint('bigint'),
    /** clock_timestamp() under the account's lock, to the millisecond as JavaScript dates carry it. */
    postedAt: p.datetime(),
  },
});

/** A building registered for billing: its own TIN and dedicated bank account. */
export const BillingBuilding = defineEntity({
  name: 'BillingBuilding',
  tableName: 'billing_building',
  checks: [
    { name: 'billing_building_tin_check', expression: "tin ~ '^[0-9]{9}$'" },
    { name: 'billing_building_bank_account_check', expression: "bank_account ~ '^[0-9]{20}$'" },
    { name: 'billing_building_bank_code_check', expression: "bank_code ~ '^[0-9]{5}$'" },
  ],
  properties: {
    building: () => p.oneToOne(Building).owner().primary().deleteRule(KEEP).updateRule(KEEP),
    tin: p.string().length(9).unique(),
    /** The 20-digit account at the bank, dedicated to this building. */
    bankAccount: p.string().length(20).unique(),
    /** The bank's 5-digit code (MFO). */
    bankCode: p.string().length(5),
    registeredBy: p.enum(['owners', 'developer'] as const),
    /** Who filed it: the owners' representative, or the developer's applicant. */
    registeredByUserId: p.uuid().nullable(),
    /** The commissioning application, when the developer registered a new building. */
    commissioningApplicationId: p.uuid().nullable(),
    /**
     * Accruals start with the month of this Tashkent date; null while a developer's filing waits
     * for the building's commissioning.
     */
    registeredOn: p.string().length(10).nullable(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

export const TERM_CHANGES = ['conclusion', 'amendment', 'termination'] as const;

/**
 * The management terms billing charges by, as the contracts capability reports each completed
 * change: a concluded contract's tariff from its start, an amendment's from the day it took
 * effect, a termination's last day. Kept as history: a later change is a new row.
 */
export const BillingTerm = defineEntity({
  name: 'BillingTerm',
  tableName: 'billing_term',
  uniques: [{ properties: ['contractId', 'building', 'change', 'effectiveFrom'] }],
  indexes: [{ properties: ['building', 'effectiveFrom'] }],
  properties: {
    id: id(),
    contractId: p.uuid(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    change: p.enum(TERM_CHANGES),
    /** Tashkent date the change takes effect (a termination: the first day no longer covered). */
    effectiveFrom: p.string().length(10),
    /** The contract's own end (start + term); null for a termination row. */
    endsBefore: p.string().length(10).nullable(),
    tiyinPerM2: p.bigint('number').nullable(),
    contractVersion: p.integer(),
    recordedAt: p.datetime().onCreate(now),
  },
});

/** Another rule's stop on a building's month (a missing quarterly report), with its reason. */
export const BillingSuspension = defineEntity({
  name: 'BillingSuspension',
  tableName: 'billing_suspension',
  properties: {
    building: () => p.manyToOne(Building).primary().deleteRule(KEEP).updateRule(KEEP),
    period: p.string().length(7).primary(),
    rule: p.string().length(48).primary(),
    reason: p.text(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** What the gate decided for a building's month, and what the accrual then did. */
export const BillingMonth = defineEntity({
  name: 'BillingMonth',
  tableName: 'billing_month',
  indexes: [{ properties: ['period', 'status'] }],
  properties: {
    building: () => p.manyToOne(Building).primary().deleteRule(KEEP).updateRule(KEEP),
    period: p.string().length(7).primary(),
    status: p.enum(['open', 'suspended'] as const),
    reason: p.text().nullable(),
    decidedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const billingEntities = [
  LedgerAccount,
  LedgerTransfer,
  LedgerEntry,
  BillingBuilding,
  BillingTerm,
  BillingSuspension,
  BillingMonth,
];

export type ILedgerTransfer = InferEntity<typeof LedgerTransfer>;
export type IBillingBuilding = InferEntity<typeof BillingBuilding>;
