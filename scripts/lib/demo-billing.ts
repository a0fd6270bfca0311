// The demo's books for `npm start`: the demo building registered for billing with its own TIN and
// bank account, management terms at 1 500 so'm/m² from the previous month, a household service
// centre on its ground floor, and this month accrued by the real accrual workflow, which then
// posts the centre's charge, makes every owner's receipt and mails it. So the resident persona
// sees real receipts (apartment 12 alone, apartment 47 by halves) and the management company the
// building's statement. Fixed ids and keys make a restart a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { recordManagementTerms } from '../../db/billing/terms.ts';
import { Building } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { addMonths, firstDay } from '../../domain/billing/period.ts';
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
  const period = tashkentDate((opts.now ?? new Date()).getTime()).slice(0, 7);
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
  const workflowId = billingAccrualWorkflowId(building.district.id, period);
  const started = await startWorkflowOnce(temporal, billingAccrualWorkflow, {
    workflowId,
    args: [{ districtId: building.district.id, period, batchSize: opts.batchSize }],
    ...(opts.taskQueue ? { taskQueue: opts.taskQueue } : {}),
  });
  return { workflowId, started };
}
