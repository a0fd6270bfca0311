// The demo's books for `npm start`: the demo building registered for billing with its own TIN and
// bank account, management terms at 1 500 so'm/m² from the previous month, a household service
// centre on its ground floor, and this month accrued by the real accrual workflow, which then
// posts the centre's charge, makes every owner's receipt and mails it. So the resident persona
// sees real receipts (apartment 12 alone, apartment 47 by halves) and the management company the
// building's statement. Last month's contributions of a few apartments, the resident's own
// apartment 12 among them, are still unpaid (demoArrears): the company sees debtors, and the
// resident starts blocked at the electricity supplier and pays it off from the portal through a
// provider's sandbox. This month's bank statement has a payment whose purpose names only an
// apartment, which waits in the company's queue of unmatched payments (demoBankStatement). Fixed
// ids, keys and files make a restart within the month a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { importStatement, readStatement } from '../../db/billing/bank-statements.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import { recordManagementTerms } from '../../db/billing/terms.ts';
import { Building } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { addMonths, firstDay } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import { billingAccrualWorkflow, billingAccrualWorkflowId } from '../../workflows/billing/contract.ts';

const DEMO_TERMS_CONTRACT = 'd3e40000-0000-4000-8000-000f000b0001';
const DEMO_SOURCE = 'd3e40000-0000-4000-8000-000f000b0002';

/**
 * Starts the demo month's accrual (once: `started` is false when a run already exists) and names
 * its workflow; null when there is no managed demo building.
 */
export async function seedDemoBilling(
  em: EntityManager,
  temporal: Client,
  opts: { batchSize: number; now?: Date; taskQueue?: string },
): Promise<{ workflowId: string; started: boolean } | null> {
  const building = await em.findOne(
    Building,
    { id: DEMO_IDS.building },
    { populate: ['managementOrganization'] },
  );
  const organizationId = building?.managementOrganization?.id;
  if (!building || !organizationId) return null;
  const today = tashkentDate((opts.now ?? new Date()).getTime());
  const period = today.slice(0, 7);
  const from = firstDay(addMonths(period, -1));
  await em.execute(
    `insert into billing_building (building_id, tin, bank_account, bank_code, registered_by, registered_on,
                                   idempotency_key, request_sha256, created_at)
     values (?, '305000001', '20208000900000000001', '00014', 'owners', ?, 'demo-billing-building', ?, now())
     on conflict do nothing`,
    [building.id, from, '0'.repeat(64)],
  );
  await recordManagementTerms(em, {
    contractId: DEMO_TERMS_CONTRACT,
    buildingIds: [building.id],
    organizationId,
    change: 'conclusion',
    effectiveFrom: from,
    endsBefore: firstDay(addMonths(period, 12)),
    tiyinPerM2: 150_000,
    contractVersion: 1,
  });
  await em.execute(
    `insert into billing_revenue_source (id, building_id, kind, party_name, party_id, contract_number,
       monthly_charge, valid_from, valid_to, created_by_user_id, idempotency_key, request_sha256, created_at, updated_at)
     values (?, ?, 'household_service_centre', '"Usta Sartarosh" YaTT', '301234567', 'MXK-2026/14', 120000000, ?, null,
             ?, 'demo-billing-source', ?, now(), now())
     on conflict do nothing`,
    [DEMO_SOURCE, building.id, from, DEMO_IDS.users.manager, '0'.repeat(64)],
  );
  await demoArrears(em, building.id, addMonths(period, -1), today);
  await demoBankStatement(em, building.id, period);
  const workflowId = billingAccrualWorkflowId(building.district.id, period);
  const started = await startWorkflowOnce(temporal, billingAccrualWorkflow, {
    workflowId,
    args: [{ districtId: building.district.id, period, batchSize: opts.batchSize }],
    ...(opts.taskQueue ? { taskQueue: opts.taskQueue } : {}),
  });
  return { workflowId, started };
}

/** The demo building's apartments whose last month is unpaid; 12 is the resident persona's. */
const DEMO_DEBTOR_APARTMENTS = ['12', '3', '18', '25', '61'];

/**
 * Last month's contributions of DEMO_DEBTOR_APARTMENTS at the demo tariff, unpaid, and the
 * resident persona blocked at the electricity supplier for them. The demo starts this month, so
 * nothing earlier ran: the ledger records those contributions today (it stamps each posting with
 * its own clock), and the block is dated `today` too, as the debtor list sent at the demo's start.
 * Dated on last month's handover day, the resident read "blocked since 16.11" beside the very
 * charge it stands on posted on 07.12.
 */
async function demoArrears(
  em: EntityManager,
  buildingId: string,
  period: string,
  today: string,
): Promise<void> {
  const shares = await em.execute<
    { person_id: string; apartment_id: string; area: string; n: number; d: number }[]
  >(
    `select o.person_id, o.apartment_id, ap.area::text as area, o.share_numerator as n, o.share_denominator as d
       from ownership o join apartment ap on ap.id = o.apartment_id
      where ap.building_id = ? and ap.number in (select jsonb_array_elements_text(?::jsonb))`,
    [buildingId, JSON.stringify(DEMO_DEBTOR_APARTMENTS)],
  );
  await postTransfers(
    em,
    shares.map((s) => ({
      id: `demo-arrears:${period}:${s.apartment_id}:${s.person_id}`,
      debit: accountId({ kind: 'owner_receivable', ownerId: s.person_id, apartmentId: s.apartment_id }),
      credit: accountId({ kind: 'revenue', buildingId, revenue: 'contributions' }),
      amount: Math.round((Number(s.area) * 150_000 * s.n) / s.d),
      kind: 'accrual' as const,
      reason: `contributions ${period}`,
      period,
      buildingId,
    })),
  );
  const resident = DEMO_IDS.persons.resident;
  await em.execute(
    `insert into electricity_block (owner_id, status, blocked_on, overdue, periods, lifted_at, updated_at)
     select ?, 'blocked', ?, coalesce(sum(a.balance), 0), ?::jsonb, null, now()
       from ledger_account a where a.kind = 'owner_receivable' and a.owner_id = ? and a.building_id = ?
     on conflict (owner_id) do nothing`,
    [resident, today, JSON.stringify([period]), resident, buildingId],
  );
  // The supplier hears of the block as it would have on that day; the lift follows on payment.
  await em.execute(
    `insert into electricity_outbox (key, owner_id, action, payload, status, attempts, next_attempt_at, created_at)
     select 'block:' || b.owner_id || ':' || b.blocked_on, b.owner_id, 'block',
            jsonb_build_object('ownerId', b.owner_id, 'date', b.blocked_on, 'overdueTiyin', b.overdue,
                               'periods', b.periods),
            'pending', 0, now(), now()
       from electricity_block b where b.owner_id = ?
     on conflict (key) do nothing`,
    [resident],
  );
}

/**
 * A bank statement of the demo building's account dated the 1st of `period` with one payment whose
 * purpose names only an apartment (one of the debtors, owned by one person): no personal account,
 * so it is not matched without a person and waits in the queue of unmatched payments.
 */
async function demoBankStatement(em: EntityManager, buildingId: string, period: string): Promise<void> {
  const [apartment] = await em.execute<{ number: string }[]>(
    `select ap.number from apartment ap join ownership o on o.apartment_id = ap.id
      where ap.building_id = ? and ap.number in (select jsonb_array_elements_text(?::jsonb))
      group by ap.number having count(*) = 1 order by ap.number::int limit 1`,
    [buildingId, JSON.stringify(DEMO_DEBTOR_APARTMENTS.filter((n) => n !== '12'))],
  );
  if (!apartment) return;
  const csv = [
    'date;amount;payer;purpose;reference',
    `${firstDay(period)};100 000,00;Naqd pul kassasi;kv ${apartment.number} oylik badal;DEMO-${period}`,
  ].join('\n');
  const bytes = new TextEncoder().encode(csv);
  const read = readStatement(bytes);
  if (!read.ok) throw new Error(`demo bank statement: ${JSON.stringify(read.errors)}`);
  await importStatement(em, {
    buildingId,
    filename: `demo-${period}.csv`,
    bytes,
    lines: read.lines,
    userId: null,
    policy: DEFAULT_BILLING_POLICY,
  });
}
