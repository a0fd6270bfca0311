// Shared by the appeal tests: the real app and workers on queues of their own with terms in
// seconds (through APPEAL_POLICY, as a deployment would configure them), and per test a district
// with a council, an organization managing one building, and the owner who appeals.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import {
  Apartment,
  Building,
  District,
  ManagementOrganization,
  Ownership,
  Person,
} from '../../db/registry/entities.ts';
import type { AppealJson } from '../../domain/appeals/json.ts';
import type { AppealPolicyOverrides } from '../../domain/appeals/policy.ts';
import { loadConfig } from '../../platform/config.ts';
import { call, newKey, newOrganization, type Org, ok, until } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

export const SECOND_IN_DAYS = 1 / 86_400;

export interface AppealsEnv {
  app: TestApp;
  workers: RunningWorkers;
  /** Its database, when not the suite's (withPolicy serves the same one). */
  databaseUrl?: string;
  em(): EntityManager;
  stop(): Promise<void>;
}

/**
 * `policy` in seconds-long terms for the tests that wait for timers; the law's terms otherwise.
 * Scripts outside vitest (scripts/record-appeal-history.ts) pass their own database and Temporal.
 */
export async function startAppealsEnv(
  policy?: AppealPolicyOverrides,
  stack: { databaseUrl?: string; temporalAddress?: string } = {},
): Promise<AppealsEnv> {
  const q = randomUUID();
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent',
    ...(policy ? { APPEAL_POLICY: JSON.stringify(policy) } : {}),
  };
  const temporalAddress = stack.temporalAddress ?? inject('temporalAddress');
  // A database of its own unless given one: the notifications and outbox dispatchers beside the
  // workers send whatever is due in their database, and must not send other test files' messages.
  const own = stack.databaseUrl ? null : await createTestDatabase(inject('postgres'), 'notices');
  const app = await createTestApp({
    env,
    taskQueues: { appeals: `appeals-${q}` },
    databaseUrl: stack.databaseUrl ?? own?.url,
    temporalAddress,
  });
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...env, LOG_LEVEL: 'warn' }),
    orm: app.deps.orm,
    temporalAddress,
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
    databaseUrl: stack.databaseUrl ?? own?.url,
    em: () => app.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await app.close();
      await own?.drop();
    },
  };
}

/**
 * The same workers, database and identity provider behind an app that stamps another policy on
 * the appeals it takes (an appeal keeps the policy it was taken under). A test waits out short
 * terms on the appeals it submits through one and answers in time through the other, so neither
 * races the clock. stop() closes only this app.
 */
export async function withPolicy(env: AppealsEnv, policy: AppealPolicyOverrides): Promise<AppealsEnv> {
  const app = await createTestApp({
    env: { LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent', APPEAL_POLICY: JSON.stringify(policy) },
    taskQueues: env.app.deps.taskQueues,
    databaseUrl: env.databaseUrl,
  });
  // One identity provider, as in production: a scene's tokens work against either app.
  app.deps.verifyToken = env.app.deps.verifyToken;
  app.deps.dev = env.app.deps.dev;
  return { app, workers: env.workers, databaseUrl: env.databaseUrl, em: env.em, stop: () => app.close() };
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

/** A token from the app's development issuer, for any role and scope a test needs. */
export const signToken = (
  env: AppealsEnv,
  roles: string[],
  claims: { pid?: string; org?: string; district?: string } = {},
) =>
  env.app.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: `Test ${roles[0]}`,
    pid: claims.pid ?? null,
    roles,
    org: claims.org ?? null,
    district: claims.district ?? null,
  });

export async function newScene(env: AppealsEnv): Promise<Scene> {
  const org = await newOrganization({ slow: env.app, fast: env.app, em: env.em } as never);
  const building = await env.em().findOneOrFail(Building, { managementOrganization: org.id });
  const person = await env.em().findOneOrFail(Person, { email: org.ownerEmail });
  const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string }) =>
    signToken(env, roles, claims);
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

/**
 * A second organization in the scene's district, managing a building of its own with one owned
 * flat: the council's board compares organizations of one district. Shares the district's tokens.
 */
export async function addOrganization(env: AppealsEnv, s: Scene): Promise<Scene> {
  const em = env.em();
  const district = await em.findOneOrFail(District, { id: s.org.districtId });
  const tag = randomUUID().slice(0, 8);
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
  const email = `org-${tag}@example.uz`;
  const org = em.create(ManagementOrganization, {
    tin: `8${digits(8)}`,
    name: `Yangi Hayot ${tag} MChJ`,
    registerStatus: 'applicant',
    email,
    phone: '+998712000002',
    dispatchPhone: '+998712000003',
  });
  const building = em.create(Building, {
    district,
    address: `Test ko'chasi ${tag}`,
    cadastralNumber: `10:01:${digits(2)}:${digits(2)}:${digits(4)}-${tag}`,
    yearBuilt: 1985,
    floors: 9,
    entrances: 3,
    totalArea: 5000,
    livingArea: 4200,
    conditionClass: 'green',
    managementOrganization: org,
  });
  const apartment = em.create(Apartment, { building, number: '1', entrance: 1, floor: 1, area: 60 });
  const ownerEmail = `owner-${tag}@example.uz`;
  const person = em.create(Person, {
    pinfl: digits(14),
    fullName: 'Second Owner',
    email: ownerEmail,
    language: 'uz',
  });
  em.create(Ownership, { person, apartment, shareNumerator: 1, shareDenominator: 1 });
  await em.flush();
  const staff = await signToken(env, ['management_company'], { org: org.id });
  return {
    org: {
      ...s.org,
      id: org.id,
      tin: org.tin,
      email,
      ownerEmail,
      tokens: { ...s.org.tokens, manager: staff },
    },
    buildingId: building.id,
    ownerPersonId: person.id,
    owner: await signToken(env, ['resident'], { pid: person.id }),
    staff,
  };
}

/** Uploads raw bytes as POST /appeal-attachments does from a browser: the type and name in headers. */
export async function upload(
  env: AppealsEnv,
  token: string | undefined,
  bytes: Uint8Array,
  o: { type: string; filename: string },
): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': o.type,
    'X-Filename': encodeURIComponent(o.filename),
    'Content-Length': String(bytes.byteLength),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  return env.app.app.request('/api/v1/appeal-attachments', {
    method: 'POST',
    headers,
    body: bytes as Uint8Array<ArrayBuffer>,
  });
}

/** A 1×1 PNG: signature, IHDR, IDAT and IEND with their CRCs, as any image library writes it. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A one-page PDF with a correct cross-reference table, so a reader opens it. */
export const PDF_BYTES = (() => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
})();
