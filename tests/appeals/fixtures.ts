// Shared by the appeal tests: the real app and workers on queues of their own with terms in
// seconds (through APPEAL_POLICY, as a deployment would configure them), and per test a district
// with a council, an organization managing one building, and the owner who appeals.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { Building, Person } from '../../db/registry/entities.ts';
import type { AppealJson } from '../../domain/appeals/json.ts';
import type { AppealPolicyOverrides } from '../../domain/appeals/policy.ts';
import { loadConfig } from '../../platform/config.ts';
import { call, newKey, newOrganization, type Org, ok, until } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

export const SECOND_IN_DAYS = 1 / 86_400;

export interface AppealsEnv {
  app: TestApp;
  workers: RunningWorkers;
  em(): EntityManager;
  stop(): Promise<void>;
}

/** `policy` in seconds-long terms for the tests that wait for timers; the law's terms otherwise. */
export async function startAppealsEnv(policy?: AppealPolicyOverrides): Promise<AppealsEnv> {
  const q = randomUUID();
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent',
    ...(policy ? { APPEAL_POLICY: JSON.stringify(policy) } : {}),
  };
  const app = await createTestApp({ env, taskQueues: { appeals: `appeals-${q}` } });
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...env, LOG_LEVEL: 'warn' }),
    orm: app.deps.orm,
    temporalAddress: inject('temporalAddress'),
    taskQueues: {
      registry: `registry-unused-${q}`,
      meetings: `meetings-unused-${q}`,
      register: `register-unused-${q}`,
      contracts: `contracts-unused-${q}`,
      appeals: `appeals-${q}`,
    },
  });
  return {
    app,
    workers,
    em: () => app.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await app.close();
    },
  };
}

export interface Scene {
  org: Org;
  buildingId: string;
  ownerPersonId: string;
  /** The owner of the building's one apartment, as a resident. */
  owner: string;
  /** Staff of the organization that manages the building. */
  staff: string;
}

export async function newScene(env: AppealsEnv): Promise<Scene> {
  const org = await newOrganization({ slow: env.app, fast: env.app, em: env.em } as never);
  const building = await env.em().findOneOrFail(Building, { managementOrganization: org.id });
  const person = await env.em().findOneOrFail(Person, { email: org.ownerEmail });
  const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string }) =>
    env.app.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: `Test ${roles[0]}`,
      pid: claims.pid ?? null,
      roles,
      org: claims.org ?? null,
      district: claims.district ?? null,
    });
  return {
    org,
    buildingId: building.id,
    ownerPersonId: person.id,
    owner: await sign(['resident'], { pid: person.id }),
    staff: await sign(['management_company'], { org: org.id }),
  };
}

export async function submit(
  env: AppealsEnv,
  s: Scene,
  body: Record<string, unknown> = {},
): Promise<AppealJson> {
  return ok<AppealJson>(
    await call(env.app, 'POST', '/appeals', {
      token: s.owner,
      key: newKey(),
      body: {
        category: 'heating',
        kind: 'complaint',
        subject: { buildingId: s.buildingId },
        text: 'No heating since Monday',
        ...body,
      },
    }),
    201,
  );
}

export const get = (env: AppealsEnv, token: string, id: string) =>
  call(env.app, 'GET', `/appeals/${id}`, { token }).then((r) => ok<AppealJson>(r));

export const act = (env: AppealsEnv, token: string, id: string, action: string, body: unknown = {}) =>
  call(env.app, 'POST', `/appeals/${id}/${action}`, { token, body });

export function inStatus(
  env: AppealsEnv,
  token: string,
  id: string,
  status: AppealJson['status'],
  timeoutMs = 20_000,
) {
  return until(
    `appeal ${id} ${status}`,
    async () => {
      const a = await get(env, token, id);
      return a.status === status ? a : undefined;
    },
    timeoutMs,
  );
}

export const mailsTo = (env: AppealsEnv, to: string) =>
  env.workers.catcher.messages().filter((m) => m.to.includes(to));
