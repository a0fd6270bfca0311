// Demo dispatch for `npm start`, so each persona has something to act on at once: the demo
// organization's roster covers the week (the dispatcher and the technician on call, one day-long
// shift each per day); the resident reports a water leak in Uzbek Cyrillic, which the triage calls
// an emergency and routes to the technician on call; and three people in the building report the
// same water outage (one in the app, two by phone), which opens a mass incident. They go through
// the repositories and the triage as the API's would, then their workflows hold the clocks. Fixed
// ids and keys make a restart a no-op (a restart on a later day adds that day's shifts).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { triageText } from '../../api/dispatch/triage.ts';
import { registerDispatchRequest } from '../../db/dispatch/repository.ts';
import { addShift } from '../../db/dispatch/rosters.ts';
import { Apartment, Building } from '../../db/registry/entities.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { Principal } from '../../domain/access/roles.ts';
import { TASHKENT_OFFSET_MS } from '../../domain/calendar/working-days.ts';
import type { DispatchPolicy } from '../../domain/dispatch/policy.ts';
import type { RosterRole } from '../../domain/dispatch/roster.ts';
import type { TriageModel } from '../../domain/dispatch/triage.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import {
  dispatchRequestWorkflow,
  dispatchWorkflowId,
  massIncidentWorkflow,
  massIncidentWorkflowId,
} from '../../workflows/dispatch/contract.ts';
import { principalOf } from './demo-principal.ts';

const DAY = 86_400_000;
/** Today and the seven days the roster's coverage check looks ahead. */
const ROSTER_DAYS = 8;

const demoId = (n: number) => `d3e40000-0000-4000-8000-0d15${String(n).padStart(8, '0')}`;

interface DemoRequest {
  id: string;
  text: string;
  /** A resident's own report from their apartment, or a call the dispatcher took (apartment number). */
  from: { app: 'resident' | 'resident2' } | { phone: string };
}

export const DEMO_DISPATCH: readonly DemoRequest[] = [
  {
    id: demoId(1),
    text: 'Ваннахонада қувур ёрилди, шифтдан сув оқяпти, пастки қўшнига ўтяпти! Тез келинглар!',
    from: { app: 'resident' },
  },
  // The same outage three times within the hour: a mass incident for the building.
  { id: demoId(2), text: 'Uyda suv yoʻq, ertalabdan beri kran quruq.', from: { app: 'resident2' } },
  { id: demoId(3), text: 'В квартире нет воды с утра, в подъезде у всех тоже нет.', from: { phone: '5' } },
  { id: demoId(4), text: 'Сувимиз йўқ, эрталабдан бери жўмракдан сув келмаяпти.', from: { phone: '31' } },
];

/** Day-long shifts from today's Tashkent midnight: the dispatcher and the technician on call. */
async function seedRoster(
  em: EntityManager,
  organizationId: string,
  dispatcher: Principal,
  technician: Principal,
) {
  const today = Math.floor((Date.now() + TASHKENT_OFFSET_MS) / DAY) * DAY - TASHKENT_OFFSET_MS;
  const people: [RosterRole, Principal][] = [
    ['dispatcher', dispatcher],
    ['technician', technician],
  ];
  let added = 0;
  for (let d = 0; d < ROSTER_DAYS; d++) {
    const startsAt = today + d * DAY;
    const day = new Date(startsAt + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);
    for (const [role, who] of people) {
      const { created } = await addShift(em.fork(), {
        organizationId,
        userId: who.userId,
        name: who.name,
        role,
        startsAt,
        endsAt: startsAt + DAY,
        categories: [],
        buildingIds: [],
        createdByUserId: dispatcher.userId,
        idempotencyKey: `${dispatcher.userId}:demo-shift-${role}-${day}`,
      });
      if (created) added++;
    }
  }
  return added;
}

/** Returns how many demo requests were registered now (0 when they already existed). */
export async function seedDemoDispatch(
  em: EntityManager,
  temporal: Client,
  policy: DispatchPolicy,
  model: TriageModel,
): Promise<{ shifts: number; requests: number }> {
  const [resident, resident2, dispatcher, technician] = await Promise.all(
    [
      DEMO_IDS.users.resident,
      DEMO_IDS.users.resident2,
      DEMO_IDS.users.dispatcher,
      DEMO_IDS.users.technician,
    ].map((id) => principalOf(em.fork(), id)),
  );
  const building = await em.fork().findOne(Building, { id: DEMO_IDS.building });
  const organizationId = building?.managementOrganization?.id;
  // A demo database seeded before the dispatch personas existed has no one to roster.
  if (!resident || !resident2 || !dispatcher || !technician || !organizationId)
    return { shifts: 0, requests: 0 };
  const shifts = await seedRoster(em, organizationId, dispatcher, technician);
  const residents = { resident, resident2 };
  const apartments = {
    resident: DEMO_IDS.apartments.residentSole,
    resident2: DEMO_IDS.apartments.residentShared,
  };
  let requests = 0;
  for (const demo of DEMO_DISPATCH) {
    const principal = 'app' in demo.from ? residents[demo.from.app] : dispatcher;
    const apartmentId =
      'app' in demo.from
        ? apartments[demo.from.app]
        : ((await em.fork().findOne(Apartment, { building: DEMO_IDS.building, number: demo.from.phone }))
            ?.id ?? null);
    const triage = triageText(model, demo.text, policy);
    const now = Date.now();
    const registered = await registerDispatchRequest(em.fork(), {
      id: demo.id,
      principal,
      channel: 'app' in demo.from ? 'app' : 'phone',
      buildingId: 'app' in demo.from ? null : DEMO_IDS.building,
      apartmentId,
      text: demo.text,
      call: 'app' in demo.from ? null : { receivedAt: now - 90_000, answeredAt: now - 60_000 },
      triage: triage.record,
      triageMicros: triage.micros,
      photos: [],
      policy,
      idempotencyKey: `${principal.userId}:demo-dispatch-${demo.id}`,
      requestSha256: '0'.repeat(64),
    });
    if (registered.created) requests++;
    await startWorkflowOnce(temporal, dispatchRequestWorkflow, {
      workflowId: dispatchWorkflowId(demo.id),
      args: [{ requestId: demo.id }],
    });
    // From the stored request, not the answer: a replayed registration names no incident.
    const incidentId = registered.request.massIncidentId ?? registered.massIncident?.id;
    if (incidentId)
      await startWorkflowOnce(temporal, massIncidentWorkflow, {
        workflowId: massIncidentWorkflowId(incidentId),
        args: [{ incidentId }],
      });
  }
  return { shifts, requests };
}
