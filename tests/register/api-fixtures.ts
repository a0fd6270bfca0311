// Shared by the register tests: the real app (twice, with a slow and a fast policy, because the
// policy is frozen into each application at POST), workers on a task queue of their own with an
// SMTP catcher, and a fresh organization in a fresh district per test, so tests never share a
// register entry and each reviewer token is scoped to exactly that district. Also used outside
// vitest by scripts/record-register-history.ts, which passes its own database and Temporal.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import {
  Apartment,
  Building,
  Council,
  District,
  ManagementOrganization,
  Ownership,
  Person,
  Region,
} from '../../db/registry/entities.ts';
import type { RegisterPolicy } from '../../domain/register/policy.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { loadConfig } from '../../platform/config.ts';
import { call, newKey, ok, until } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

const SECOND_IN_DAYS = 1 / 86_400;
const SECOND_IN_MONTHS = SECOND_IN_DAYS / 30;

/** Deadlines and re-checks in seconds, for the tests that wait for the timers. */
export const FAST_POLICY: Partial<RegisterPolicy> = {
  correctionDays: 2 * SECOND_IN_DAYS,
  recheckIntervalMonths: 3 * SECOND_IN_MONTHS,
};

export interface RegisterEnv {
  /** The deployment's default policy (15 days to correct, a re-check a year). */
  slow: TestApp;
  fast: TestApp;
  workers: RunningWorkers;
  em(): EntityManager;
  stop(): Promise<void>;
}

export async function startRegisterEnv(
  stack: { databaseUrl?: string; temporalAddress?: string } = {},
): Promise<RegisterEnv> {
  const taskQueue = `register-test-${randomUUID()}`;
  const taskQueues = { register: taskQueue };
  const log: Record<string, string> = process.env.MU_TEST_LOG ? { LOG_LEVEL: process.env.MU_TEST_LOG } : {};
  const [slow, fast] = await Promise.all([
    createTestApp({ env: log, taskQueues, ...stack }),
    createTestApp({ env: { ...log, REGISTER_POLICY: JSON.stringify(FAST_POLICY) }, taskQueues, ...stack }),
  ]);
  // One identity provider for both apps, as in production: a token works against either.
  fast.deps.verifyToken = slow.deps.verifyToken;
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' }),
    orm: slow.deps.orm,
    temporalAddress: stack.temporalAddress ?? inject('temporalAddress'),
    taskQueues: {
      registry: `registry-unused-${taskQueue}`,
      meetings: `meetings-unused-${taskQueue}`,
      register: taskQueue,
    },
  });
  return {
    slow,
    fast,
    workers,
    em: () => slow.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await Promise.all([slow.close(), fast.close()]);
    },
  };
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const tag = () => randomUUID().slice(0, 8);

export interface Org {
  id: string;
  tin: string;
  email: string;
  districtId: string;
  councilEmail: string;
  /** The one owner of the one apartment in its building. */
  ownerEmail: string;
  /** Tokens scoped to this organization and its district. */
  tokens: { manager: string; council: string; inspector: string; admin: string };
}

/** An organization managing one building (one owned flat) in a district of its own, whose council has email. */
export async function newOrganization(env: RegisterEnv): Promise<Org> {
  const em = env.em();
  const region = em.create(Region, { code: tag(), name: 'Toshkent shahri' });
  const district = em.create(District, { region, code: tag(), name: `Test tumani ${tag()}` });
  const councilEmail = `council-${tag()}@example.uz`;
  em.create(Council, { district, name: 'Test tumani kengashi', email: councilEmail });
  const email = `org-${tag()}@example.uz`;
  const org = em.create(ManagementOrganization, {
    tin: `9${digits(8)}`,
    name: `Obod Uy ${tag()} MChJ`,
    registerStatus: 'applicant',
    email,
    phone: '+998712000000',
    dispatchPhone: '+998712000001',
  });
  const building = em.create(Building, {
    district,
    address: `Test ko'chasi ${tag()}`,
    cadastralNumber: `10:01:${digits(2)}:${digits(2)}:${digits(4)}-${tag()}`,
    yearBuilt: 1990,
    floors: 5,
    entrances: 2,
    totalArea: 3000,
    livingArea: 2500,
    conditionClass: 'green',
    managementOrganization: org,
  });
  const apartment = em.create(Apartment, { building, number: '1', entrance: 1, floor: 1, area: 50 });
  const ownerEmail = `owner-${tag()}@example.uz`;
  const person = em.create(Person, {
    pinfl: digits(14),
    fullName: 'Test Owner',
    email: ownerEmail,
    language: 'uz',
  });
  em.create(Ownership, { person, apartment, shareNumerator: 1, shareDenominator: 1 });
  await em.flush();
  const sign = (roles: string[], claims: { org?: string; district?: string }) =>
    env.slow.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: `Test ${roles[0]}`,
      pid: null,
      roles,
      org: claims.org ?? null,
      district: claims.district ?? null,
    });
  return {
    id: org.id,
    tin: org.tin,
    email,
    districtId: district.id,
    councilEmail,
    ownerEmail,
    tokens: {
      manager: await sign(['management_company'], { org: org.id }),
      council: await sign(['council'], { district: district.id }),
      inspector: await sign(['inspector'], { district: district.id }),
      admin: await sign(['admin'], {}),
    },
  };
}

// The generic HTTP helpers, for the many tests that import them from here with the fixtures.
export { call, newKey, ok, problem, until } from '../support/api-client.ts';

/** Evidence that meets every default requirement. */
export const goodApplication = (org: Org) => ({
  districtId: org.districtId,
  tin: org.tin,
  name: 'Obod Uy MChJ',
  ownFundsUzs: 50_000_000,
  technicalBase: [
    { category: 'premises', description: 'Office, Chilonzor 5', quantity: 1 },
    { category: 'repair_tools', description: 'Plumbing kit', quantity: 4 },
    { category: 'emergency_equipment', description: 'Pump', quantity: 2 },
    { category: 'communication', description: 'Radio sets', quantity: 6 },
  ],
  dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998712000001' },
});

/** Applies with good evidence (or `body`) and returns the stored application. */
export async function apply(app: TestApp, org: Org, body: unknown = goodApplication(org)) {
  return ok<ApplicationView>(
    await call(app, 'POST', '/register/applications', { token: org.tokens.manager, key: newKey(), body }),
    201,
  );
}

/** Polls the application (as admin) until it is in `state`. */
export function inState(
  app: TestApp,
  org: Org,
  id: string,
  state: ApplicationView['state'],
  timeoutMs?: number,
) {
  return until(
    `application ${id} in ${state}`,
    async () => {
      const a = await ok<ApplicationView>(
        await call(app, 'GET', `/register/applications/${id}`, { token: org.tokens.admin }),
      );
      return a.state === state ? a : undefined;
    },
    timeoutMs,
  );
}
