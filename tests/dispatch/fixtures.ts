// Shared by the dispatch tests: the real app and workers on queues of their own with clocks in
// seconds (through DISPATCH_POLICY, as a deployment would configure them), a triage model whose
// answer the test chooses (the trained model's quality is tested on its own), and per test an
// organization managing one building with its owner, a dispatcher and a technician.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { Apartment, Building, Person } from '../../db/registry/entities.ts';
import type { DispatchPolicyOverrides } from '../../domain/dispatch/policy.ts';
import type { Classification, DispatchCategory, TriageModel, Urgency } from '../../domain/dispatch/triage.ts';
import { loadConfig, TASK_QUEUES } from '../../platform/config.ts';
import { call, newKey, newOrganization, type Org, ok } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

/** Answers what the test last chose; never presented as a model anywhere else. */
export class ChosenTriage implements TriageModel {
  readonly version = 'test-chosen';
  next: Classification = classification('water_leak', 'emergency');
  classify(): Classification {
    return this.next;
  }
}

export function classification(
  category: DispatchCategory,
  urgency: Urgency,
  confidence = 0.95,
): Classification {
  return {
    language: { value: 'uz_cyrl', confidence: 0.99 },
    category: { value: category, confidence },
    urgency: { value: urgency, confidence },
    categoryTop: [
      { value: category, confidence },
      { value: 'other', confidence: 1 - confidence },
    ],
  };
}

export interface DispatchEnv {
  app: TestApp;
  workers: RunningWorkers;
  triage: ChosenTriage;
  em(): EntityManager;
  stop(): Promise<void>;
}

export async function startDispatchEnv(
  policy?: DispatchPolicyOverrides,
  stack: {
    databaseUrl?: string;
    temporalAddress?: string;
    model?: TriageModel;
    /** More configuration for the app and the workers, as a deployment's environment. */
    env?: Record<string, string>;
  } = {},
): Promise<DispatchEnv> {
  const q = randomUUID();
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent',
    ...(policy ? { DISPATCH_POLICY: JSON.stringify(policy) } : {}),
    ...stack.env,
  };
  const temporalAddress = stack.temporalAddress ?? inject('temporalAddress');
  // A database of its own unless given one: the notifications and outbox dispatchers beside the
  // workers send whatever is due in their database, and must not send other test files' messages.
  const own = stack.databaseUrl ? null : await createTestDatabase(inject('postgres'), 'notices');
  const triage = new ChosenTriage();
  const app = await createTestApp({
    env,
    taskQueues: { dispatch: `dispatch-${q}` },
    databaseUrl: stack.databaseUrl ?? own?.url,
    temporalAddress,
    triage: stack.model ?? triage,
  });
  const unused = Object.fromEntries(Object.keys(TASK_QUEUES).map((k) => [k, `${k}-unused-${q}`]));
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...env, LOG_LEVEL: 'warn' }),
    orm: app.deps.orm,
    temporalAddress,
    taskQueues: { ...unused, dispatch: `dispatch-${q}` },
  });
  return {
    app,
    workers,
    triage,
    em: () => app.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await app.close();
      await own?.drop();
    },
  };
}

export interface Scene {
  org: Org;
  buildingId: string;
  apartmentId: string;
  owner: string;
  dispatcher: string;
  techId: string;
  tech: string;
}

export async function newScene(env: DispatchEnv): Promise<Scene> {
  const org = await newOrganization({ slow: env.app, fast: env.app, em: env.em } as never);
  const em = env.em();
  const building = await em.findOneOrFail(Building, { managementOrganization: org.id });
  const apartment = await em.findOneOrFail(Apartment, { building: building.id });
  const person = await em.findOneOrFail(Person, { email: org.ownerEmail });
  const sign = (sub: string, roles: string[], claims: { pid?: string; org?: string }) =>
    env.app.deps.dev!.issuer.sign({
      sub,
      name: `Test ${roles[0]}`,
      pid: claims.pid ?? null,
      roles,
      org: claims.org ?? null,
      district: null,
    });
  const techId = randomUUID();
  return {
    org,
    buildingId: building.id,
    apartmentId: apartment.id,
    owner: await sign(randomUUID(), ['resident'], { pid: person.id }),
    dispatcher: await sign(randomUUID(), ['management_company'], { org: org.id }),
    techId,
    tech: await sign(techId, ['management_company'], { org: org.id }),
  };
}

export type RequestView = {
  id: string;
  number: string;
  status: string;
  category: string;
  urgency: string;
  assigneeUserId: string | null;
  needsConfirmation: boolean;
  reopened: number;
  rating: number | null;
  clocks: { kind: string; dueAt: number; metAt: number | null; escalation: number }[];
  massIncidentId: string | null;
  availableActions: string[];
  triage: { modelVersion: string; categoryTop: unknown[] } | null;
  acknowledgement?: { number: string };
  duplicates?: { id: string }[];
  massIncident?: { id: string; opened: boolean } | null;
};

export const submit = async (env: DispatchEnv, s: Scene, text = 'Шифтдан сув оқяпти, тез келинг!') =>
  ok<RequestView>(
    await call(env.app, 'POST', '/dispatch/requests', {
      token: s.owner,
      key: newKey(),
      body: { apartmentId: s.apartmentId, text },
    }),
    201,
  );

export const step = (env: DispatchEnv, token: string, id: string, body: Record<string, unknown>) =>
  call(env.app, 'POST', `/dispatch/requests/${id}/steps`, { token, key: newKey(), body });

export const get = async (env: DispatchEnv, token: string, id: string) =>
  ok<RequestView>(await call(env.app, 'GET', `/dispatch/requests/${id}`, { token }));

/** A shift for the scene's technician around now. */
export const onDuty = (env: DispatchEnv, s: Scene, categories: string[] = []) =>
  call(env.app, 'POST', '/dispatch/roster/shifts', {
    token: s.dispatcher,
    key: newKey(),
    body: {
      userId: s.techId,
      name: 'Technician',
      role: 'technician',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      categories,
    },
  });

export const mailsTo = (env: DispatchEnv, to: string) =>
  env.workers.catcher.messages().filter((m) => m.to.includes(to));
