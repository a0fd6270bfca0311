// Dispatch requests and shifts written straight through the repositories, for the tests that read
// the figures (dispatch's own, the reports' summary, the register's re-check): no workflow runs,
// and each request is then placed at the instant the test needs, its clocks moved with it.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DispatchRequestRow, DispatchShift } from '../../db/dispatch/entities.ts';
import { registerDispatchRequest } from '../../db/dispatch/repository.ts';
import { clocksFor } from '../../domain/dispatch/deadlines.ts';
import { DEFAULT_DISPATCH_POLICY, type DispatchPolicy } from '../../domain/dispatch/policy.ts';
import type { RosterRole } from '../../domain/dispatch/roster.ts';
import type { DispatchCategory, Urgency } from '../../domain/dispatch/triage.ts';
import type { DispatchRequest } from '../../domain/dispatch/types.ts';
import { classification } from './fixtures.ts';

export const MIN = 60_000;

export interface PlacedRequest {
  organizationId: string;
  buildingId: string;
  /** When it was registered; the clocks start here. */
  at: number;
  category: DispatchCategory;
  urgency: Urgency;
  /** A phone call answered this many minutes after it rang (before `at`); null: a report from the app. */
  answeredAfter: number | null;
  /** Minutes after `at` its first contain and done clocks were met; null: not met. */
  containedAfter?: number | null;
  doneAfter?: number | null;
  /** Reopened a day after registration, its second done clock met this many minutes later. */
  reopenedDoneAfter?: number;
  rating?: number | null;
  policy?: DispatchPolicy;
}

/** Registers a request as a dispatcher would take a call, then moves it to `at` with its clocks met as told. */
export async function placeRequest(em: () => EntityManager, r: PlacedRequest): Promise<string> {
  const policy = r.policy ?? DEFAULT_DISPATCH_POLICY;
  const id = randomUUID();
  const now = Date.now();
  await registerDispatchRequest(em(), {
    id,
    principal: {
      userId: randomUUID(),
      personId: null,
      roles: ['management_company'],
      organizationId: r.organizationId,
      districtId: null,
      name: 'Dispatcher',
      developerTin: null,
    },
    channel: 'phone',
    buildingId: r.buildingId,
    apartmentId: null,
    text: `Request ${id}`,
    call: { receivedAt: now - MIN, answeredAt: now },
    triage: {
      modelVersion: 'test-chosen',
      classification: classification(r.category, r.urgency),
      ruleFired: null,
      needsConfirmation: false,
    },
    triageMicros: 1,
    photos: [],
    policy,
    idempotencyKey: randomUUID(),
    requestSha256: 'a'.repeat(64),
  });
  const tx = em();
  const row = await tx.findOneOrFail(DispatchRequestRow, { id });
  const met = (kind: string) => (kind === 'contain' ? r.containedAfter : r.doneAfter) ?? null;
  const state: DispatchRequest = {
    ...row.state,
    registeredAt: r.at,
    call: r.answeredAfter === null ? null : { receivedAt: r.at - r.answeredAfter * MIN, answeredAt: r.at },
    clocks: [
      ...clocksFor(policy, r.category, r.urgency, r.at).map((c) => ({
        ...c,
        metAt: met(c.kind) === null ? null : r.at + met(c.kind)! * MIN,
      })),
      ...(r.reopenedDoneAfter === undefined
        ? []
        : clocksFor(policy, r.category, r.urgency, r.at + 1440 * MIN)
            .filter((c) => c.kind === 'done')
            .map((c) => ({ ...c, metAt: c.startsAt + r.reopenedDoneAfter! * MIN }))),
    ],
    rating: r.rating ?? null,
  };
  row.state = state;
  row.registeredAt = new Date(r.at);
  row.rating = state.rating;
  await tx.flush();
  return id;
}

/** A shift of the organization, straight into its table. */
export async function placeShift(
  em: () => EntityManager,
  s: {
    organizationId: string;
    role: RosterRole;
    from: number;
    to: number;
    categories?: DispatchCategory[];
  },
): Promise<void> {
  const tx = em();
  tx.create(DispatchShift, {
    organization: s.organizationId,
    userId: randomUUID(),
    name: s.role,
    role: s.role,
    startsAt: new Date(s.from),
    endsAt: new Date(s.to),
    categories: s.categories ?? [],
    buildingIds: [],
    idempotencyKey: randomUUID(),
    createdByUserId: randomUUID(),
  });
  await tx.flush();
}
