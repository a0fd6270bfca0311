// What follows a completed change: a management contract's terms go to billing (the tariff and
// administrator the accrual charges by, from the dates they take effect); a common-property
// contract starts its tax-registration term and books its income per month on the billing ledger,
// each month a pending transfer to the building's account that the month's accrual posts; an
// amendment re-books from its month on; a termination voids what falls after it. Also the
// registration's outcomes and the flags a removal from the register puts on an organization's
// contracts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import type { ContractParameters } from '../../domain/contracts/document.ts';
import type { Change } from '../../domain/contracts/lifecycle.ts';
import {
  registrationDeadline,
  requiresTaxRegistration,
  type TaxRegistrationPolicy,
} from '../../domain/contracts/tax-registration.ts';
import {
  accountId,
  postTransfers,
  recordManagementTerms,
  type TransferInput,
  voidPending,
} from '../billing/public.ts';
import { ContractBuilding } from './entities.ts';
import { appendEvent, type ContractRow, lockedOrFail } from './rows.ts';

export type TaxPolicyInput = TaxRegistrationPolicy;

const month = (date: string) => date.slice(0, 7);
function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

function monthlyIncome(p: ContractParameters): number {
  return 'monthlyRentUzs' in p ? p.monthlyRentUzs : 0;
}

/** Each month of the term from `from` on, per building: a pending transfer of the rent (tiyin). */
async function book(tx: EntityManager, row: ContractRow, params: ContractParameters, from: string) {
  const amount = monthlyIncome(params);
  if (amount <= 0) return;
  const buildings = await tx.find(ContractBuilding, { contract: row.id });
  const first = month(params.startDate);
  const transfers: TransferInput[] = [];
  for (let i = 0; i < params.termMonths; i++) {
    const period = addMonths(first, i);
    if (period < from) continue;
    for (const b of buildings) {
      const buildingId = b.building.id;
      transfers.push({
        id: `lease/${row.id}/${buildingId}/${period}/v${row.version}`,
        debit: accountId({ kind: 'building_bank', buildingId }),
        credit: accountId({ kind: 'revenue', buildingId, revenue: 'lease' }),
        amount: amount * 100,
        kind: 'other_revenue',
        reason: `lease ${row.number}, ${period}`,
        period,
        status: 'pending',
        buildingId,
        detail: { contractId: row.id, contractVersion: row.version },
      });
    }
  }
  await postTransfers(tx, transfers);
}

async function cancelFrom(tx: EntityManager, contractId: string, from: string) {
  const rows = await tx.execute<{ id: string }[]>(
    `select id from ledger_transfer
      where kind = 'other_revenue' and status = 'pending' and period >= ? and detail->>'contractId' = ?`,
    [from, contractId],
  );
  await voidPending(
    tx,
    rows.map((r) => r.id),
  );
}

/** The management terms billing charges by, from the day each change takes effect. */
async function recordTerms(tx: EntityManager, row: ContractRow, change: Change, today: string) {
  const p = row.parameters;
  if (!('tariffUzsPerM2' in p)) return;
  const buildings = await tx.find(ContractBuilding, { contract: row.id });
  const endsBefore = `${addMonths(month(p.startDate), p.termMonths)}${p.startDate.slice(7)}`;
  await recordManagementTerms(tx, {
    contractId: row.id,
    buildingIds: buildings.map((b) => b.building.id),
    organizationId: row.organization.id,
    change,
    // An amendment holds from the day it took effect; a termination ends the contract after today.
    effectiveFrom: change === 'conclusion' ? p.startDate : change === 'amendment' ? today : addDays(today, 1),
    endsBefore: change === 'termination' ? null : endsBefore,
    tiyinPerM2: change === 'termination' ? null : p.tariffUzsPerM2 * 100,
    contractVersion: row.version,
  });
}

/** Runs inside the transaction that completed the change, after the row holds the new state. */
export async function onCompleted(
  tx: EntityManager,
  row: ContractRow,
  change: Change,
  policy: TaxPolicyInput,
) {
  const now = Date.now();
  const thisMonth = month(tashkentDate(now));
  if (row.kind === 'management') {
    if (change === 'amendment' && row.pendingParameters) {
      row.parameters = row.pendingParameters;
      row.pendingParameters = null;
    }
    await recordTerms(tx, row, change, tashkentDate(now));
  }
  switch (change) {
    case 'conclusion': {
      if (!requiresTaxRegistration(row.kind)) return;
      const deadline = registrationDeadline(policy, now);
      row.taxStatus = 'pending';
      row.taxDeadlineLastDay = deadline.lastDay;
      row.taxDeadlineEndsAt = new Date(deadline.endsAt);
      await book(tx, row, row.parameters, '0000-00');
      return;
    }
    case 'amendment': {
      if (row.pendingParameters) row.parameters = row.pendingParameters;
      row.pendingParameters = null;
      if (!requiresTaxRegistration(row.kind)) return;
      await cancelFrom(tx, row.id, thisMonth);
      await book(tx, row, row.parameters, thisMonth);
      return;
    }
    case 'termination':
      // Income is booked per whole month: the month of termination is still owed.
      await cancelFrom(tx, row.id, addMonths(thisMonth, 1));
  }
}

export async function recordTaxRegistration(
  em: EntityManager,
  contractId: string,
  r: { registrationNumber: string; registeredAt: string },
) {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, contractId);
    if (row.taxStatus === 'registered') return;
    const late =
      row.taxDeadlineEndsAt !== null &&
      Date.parse(r.registeredAt) >= new Date(row.taxDeadlineEndsAt!).getTime();
    row.taxStatus = late ? 'overdue' : 'registered';
    row.taxRegistrationNumber = r.registrationNumber;
    row.taxRegisteredAt = new Date(r.registeredAt);
    row.taxLastError = null;
    appendEvent(
      tx,
      row.id,
      { userId: null, name: null },
      'tax_registered',
      row.state,
      row.state,
      r.registrationNumber,
      {
        registeredAt: r.registeredAt,
        late,
      },
    );
    await tx.flush();
  });
}

export async function recordTaxError(em: EntityManager, contractId: string, message: string) {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, contractId);
    if (row.taxStatus !== 'pending' || row.taxLastError === message) return;
    row.taxLastError = message;
    appendEvent(
      tx,
      row.id,
      { userId: null, name: null },
      'tax_registration_failed',
      row.state,
      row.state,
      message,
    );
    await tx.flush();
  });
}

/** The deadline passed unregistered: returns the organization that answers for it. */
export async function markTaxOverdue(
  em: EntityManager,
  contractId: string,
): Promise<{ organizationId: string }> {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, contractId);
    if (row.taxStatus === 'pending') {
      row.taxStatus = 'overdue';
      appendEvent(
        tx,
        row.id,
        { userId: null, name: null },
        'tax_registration_overdue',
        row.state,
        row.state,
        row.taxDeadlineLastDay ?? null,
      );
      await tx.flush();
    }
    return { organizationId: row.organization.id };
  });
}

/**
 * A removed organization's contracts in force or awaiting signatures are flagged, so the owners
 * choose anew; the flag is audited on each contract. Returns how many were flagged.
 */
export async function flagContractsOf(
  em: EntityManager,
  organizationId: string,
  reason: string,
): Promise<number> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string; state: string }[]>(
      `update contract set flagged_reason = ?, flagged_at = now(), updated_at = now()
        where (organization_id = ? or counterparty_organization_id = ?) and flagged_at is null
          and state <> 'terminated'
        returning id, state`,
      [reason, organizationId, organizationId],
    );
    for (const r of rows) {
      appendEvent(tx, r.id, { userId: null, name: null }, 'flagged', r.state, r.state, reason);
    }
    await tx.flush();
    return rows.length;
  });
}

export interface RevenueView {
  contractId: string;
  period: string;
  amountUzs: number;
  /** scheduled: pending on the ledger until its month is accrued; posted: on the building's account. */
  status: 'scheduled' | 'posted' | 'cancelled';
  contractVersion: number;
}

const STATUS = { pending: 'scheduled', posted: 'posted', voided: 'cancelled' } as const;

/** The building's lease income as the ledger holds it. */
export async function revenueOfBuilding(em: EntityManager, buildingId: string): Promise<RevenueView[]> {
  const rows = await em.execute<
    { contract_id: string; period: string; amount: string; status: keyof typeof STATUS; version: number }[]
  >(
    `select detail->>'contractId' as contract_id, period, amount::text as amount, status,
            (detail->>'contractVersion')::int as version
       from ledger_transfer
      where building_id = ? and kind = 'other_revenue' and credit_account_id = ?
      order by period, (detail->>'contractVersion')::int, id`,
    [buildingId, accountId({ kind: 'revenue', buildingId, revenue: 'lease' })],
  );
  return rows.map((r) => ({
    contractId: r.contract_id,
    period: r.period,
    amountUzs: Number(r.amount) / 100,
    status: STATUS[r.status],
    contractVersion: r.version,
  }));
}
