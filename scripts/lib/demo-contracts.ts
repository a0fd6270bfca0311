// A demo management contract for `npm start`, so the resident (the owners' representative) and
// the management company can each sign it in the portal at once: the council put it up for
// signature for the demo building with the organization that manages it. A fixed id and key
// make a restart a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { createContract } from '../../db/contracts/create.ts';
import { Building, ManagementOrganization, Person } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import { contractWorkflow, contractWorkflowId } from '../../workflows/contracts/contract.ts';

export const DEMO_CONTRACT_ID = 'd3e40000-0000-4000-8000-000f00000001';

/** Returns whether the demo contract was started now (false when it already existed). */
export async function seedDemoContract(
  em: EntityManager,
  temporal: Client,
  portalUrl: string,
): Promise<boolean> {
  const building = await em.findOne(
    Building,
    { id: DEMO_IDS.building },
    { populate: ['managementOrganization'] },
  );
  const orgId = building?.managementOrganization?.id;
  if (!orgId) return false;
  const org = await em.findOneOrFail(ManagementOrganization, { id: orgId });
  // Only a registered organization can be chosen; a demo data set without one has no contract.
  if (org.registerStatus !== 'registered') return false;
  const rep = await em.findOneOrFail(Person, { id: DEMO_IDS.persons.resident });
  // The council officer by name, as the timeline names anyone who acts, not by the switcher's label.
  const council = await em.findOneOrFail(Person, { id: DEMO_IDS.persons.council });
  const { created } = await createContract(em, {
    id: DEMO_CONTRACT_ID,
    kind: 'management',
    organizationId: org.id,
    buildingIds: [DEMO_IDS.building],
    source: null,
    owners: {
      userId: DEMO_IDS.users.resident,
      name: rep.fullName,
      pinfl: rep.pinfl,
      authority: 'Yunusobod tumani Kengashining qarori (demo)',
    },
    counterparty: { organizationId: org.id, userId: null, name: org.name, tin: org.tin, pinfl: null },
    parameters: {
      services: ['cleaning', 'maintenance', 'dispatch'],
      tariffUzsPerM2: 1500,
      termMonths: 12,
      startDate: '2027-01-01',
    },
    lang: 'uz',
    createdBy: { userId: DEMO_IDS.users.council, name: council.fullName },
    idempotencyKey: 'demo-contract-1',
    requestSha256: '0'.repeat(64),
    portalUrl,
  });
  await startWorkflowOnce(temporal, contractWorkflow, {
    workflowId: contractWorkflowId(DEMO_CONTRACT_ID),
    args: [{ contractId: DEMO_CONTRACT_ID }],
  });
  return created;
}
