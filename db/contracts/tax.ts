// What follows a completed change: a common-property contract starts its tax-registration term
// and books its income per month for the building; an amendment re-books from its month on; a
// termination cancels what falls after it. Also the registration's outcomes and the flags a
// removal from the register puts on an organization's contracts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import type { ContractParameters } from '../../domain/contracts/document.ts';
import type { Change } from '../../domain/contracts/lifecycle.ts';
import {
  registrationDeadline,
  requiresTaxRegistration,
  type TaxRegistrationPolicy,
} from '../../domain/contracts/tax-registration.ts';
import { ContractBuilding, RevenueEntry } from './entities.ts';
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

async function book(tx: EntityManager, row: ContractRow, params: ContractParameters, from: string) {
  const amount = monthlyIncome(params);
  if (amount <= 0) return;
  const buildings = await tx.find(ContractBuilding, { contract: row.id });
  const first = month(params.startDate);
  for (let i = 0; i < params.termMonths; i++) {
    const period = addMonths(first, i);
    if (period < from) continue;
    for (const b of buildings) {
      tx.create(RevenueEntry, {
        contract: row.id,
        building: b.building.id,
        period,
        amountUzs: amount,
        contractVersion: row.version,
        status: 'scheduled',
      });
    }
  }
}

const cancelFrom = (tx: EntityManager, contractId: string, from: string) =>
  tx.nativeUpdate(
    RevenueEntry,
    { contract: contractId, period: { $gte: from }, status: 'scheduled' },
    { status: 'cancelled' },
  );

/** Runs inside the transaction that completed the change, after the row holds the new state. */
export async function onCompleted(
  tx: EntityManager,
  row: ContractRow,
  change: Change,
  policy: TaxPolicyInput,
) {
  const now = Date.now();
  const thisMonth = month(tashkentDate(now));
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
  status: 'scheduled' | 'cancelled';
  contractVersion: number;
}

export async function revenueOfBuilding(em: EntityManager, buildingId: string): Promise<RevenueView[]> {
  const rows = await em.find(
    RevenueEntry,
    { building: buildingId },
    { orderBy: { period: 'asc', contractVersion: 'asc' } },
  );
  return rows.map((r) => ({
    contractId: r.contract.id,
    period: r.period,
    amountUzs: r.amountUzs,
    status: r.status,
    contractVersion: r.contractVersion,
  }));
}
