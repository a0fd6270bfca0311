// Shared by the commissioning tests: the real app and workers on task queues of their own, a
// cadastre sandbox (the state system we do not own, behind its HTTP adapter) and a policy in
// seconds; per test a fresh district with its inspector, a registered management organization
// with a staff member, and a developer. Acts are signed as a browser would: a WebCrypto key
// registered through the API, the exact act bytes fetched from the API, an ECDSA signature.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import type { CommissioningView } from '../../db/commissioning/views.ts';
import { Council, District, ManagementOrganization, Region } from '../../db/registry/entities.ts';
import type { ActKind } from '../../domain/commissioning/act.ts';
import type { CommissioningPolicyOverrides } from '../../domain/commissioning/policy.ts';
import { signEcdsa } from '../../domain/signatures/ecdsa.ts';
import type { CadastralPassport } from '../../platform/cadastre/client.ts';
import { type CadastreSandbox, startCadastreSandbox } from '../../platform/cadastre/sandbox.ts';
import { loadConfig } from '../../platform/config.ts';
import { registeredKeyOf } from '../contracts/fixtures.ts';
import { call, newKey, ok, until } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';

const SECOND = 1 / 86_400;
/** 15 seconds to meet what is missing, a reminder 10 seconds before the end. */
export const DEADLINE_SECONDS = 15;
export const FAST_POLICY: CommissioningPolicyOverrides = {
  deadlineDays: DEADLINE_SECONDS * SECOND,
  reminderDaysBeforeDeadline: [10 * SECOND],
};

export interface CommissioningEnv {
  app: TestApp;
  cadastre: CadastreSandbox;
  workers: RunningWorkers;
  em(): EntityManager;
  stop(): Promise<void>;
}

export async function startCommissioningEnv(
  opts: { databaseUrl?: string; temporalAddress?: string; policy?: CommissioningPolicyOverrides } = {},
): Promise<CommissioningEnv> {
  const cadastre = await startCadastreSandbox();
  const q = randomUUID();
  const taskQueues = { commissioning: `commissioning-${q}` };
  const env = {
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent',
    CADASTRE_URL: cadastre.url,
    CADASTRE_TIMEOUT_MS: '500',
    COMMISSIONING_POLICY: JSON.stringify(opts.policy ?? FAST_POLICY),
  };
  const temporalAddress = opts.temporalAddress ?? inject('temporalAddress');
  const app = await createTestApp({ env, taskQueues, databaseUrl: opts.databaseUrl, temporalAddress });
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...env, LOG_LEVEL: 'warn' }),
    orm: app.deps.orm,
    temporalAddress,
    taskQueues: {
      registry: `registry-unused-${q}`,
      meetings: `meetings-unused-${q}`,
      register: `register-unused-${q}`,
      contracts: `contracts-unused-${q}`,
      appeals: `appeals-unused-${q}`,
      ...taskQueues,
    },
  });
  return {
    app,
    cadastre,
    workers,
    em: () => app.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await app.close();
      await cadastre.close();
    },
  };
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const tag = () => randomUUID().slice(0, 8);

export interface Signer {
  token: string;
  userId: string;
  key(): Promise<CryptoKeyPair>;
}

export interface Site {
  districtId: string;
  cadastralNumber: string;
  email: string;
  org: { id: string; tin: string };
  developer: Signer & { tin: string };
  staff: Signer;
  inspector: string;
  otherInspector: string;
  admin: string;
}

function signer(app: TestApp, claims: Record<string, unknown>): Promise<Signer> {
  const userId = randomUUID();
  let keys: CryptoKeyPair | undefined;
  return app.deps
    .dev!.issuer.sign({ sub: userId, name: `Test ${tag()}`, pid: null, org: null, district: null, ...claims })
    .then((token) => ({
      token,
      userId,
      async key() {
        keys ??= await registeredKeyOf(app, token);
        return keys;
      },
    }));
}

/** A district of its own with its inspector, a registered organization, a developer and a new building's number. */
export async function newSite(env: CommissioningEnv): Promise<Site> {
  const em = env.em();
  const region = em.create(Region, { code: tag(), name: 'Toshkent shahri' });
  const district = em.create(District, { region, code: tag(), name: `Test tumani ${tag()}` });
  em.create(Council, { district, name: 'Test tumani kengashi', email: `council-${tag()}@example.uz` });
  const org = em.create(ManagementOrganization, {
    tin: `8${digits(8)}`,
    name: `Yangi Uy ${tag()} MChJ`,
    registerStatus: 'registered',
    email: `org-${tag()}@example.uz`,
    phone: '+998712000000',
    dispatchPhone: '+998712000001',
  });
  await em.flush();
  const tin = `7${digits(8)}`;
  const s = (claims: Record<string, unknown>) => signer(env.app, claims);
  return {
    districtId: district.id,
    cadastralNumber: `10:09:${digits(2)}:${digits(2)}:${digits(4)}-${tag()}`,
    email: `dev-${tag()}@example.uz`,
    org: { id: org.id, tin: org.tin },
    developer: { ...(await s({ roles: ['developer'], dtin: tin })), tin },
    staff: await s({ roles: ['management_company'], org: org.id }),
    inspector: (await s({ roles: ['inspector'], district: district.id })).token,
    otherInspector: (await s({ roles: ['inspector'], district: randomUUID() })).token,
    admin: (await s({ roles: ['admin'] })).token,
  };
}

export function passportOf(site: Site): CadastralPassport {
  return {
    cadastralNumber: site.cadastralNumber,
    passportNumber: `KP-${digits(6)}`,
    issuedAt: '2026-11-20T10:00:00+05:00',
    address: `Yangi Hayot ko'chasi ${randomInt(1, 200)}`,
    yearBuilt: 2026,
    floors: 12,
    entrances: 3,
    totalAreaM2: 10_800.5,
    livingAreaM2: 8_640,
    apartments: 144,
  };
}

export const path = (id: string, rest = '') => `/commissioning/applications/${id}${rest}`;

export async function applyFor(env: CommissioningEnv, site: Site): Promise<CommissioningView> {
  return ok<CommissioningView>(
    await call(env.app, 'POST', '/commissioning/applications', {
      token: site.developer.token,
      key: newKey(),
      body: {
        cadastralNumber: site.cadastralNumber,
        districtId: site.districtId,
        developerName: 'Qurilish Invest MChJ',
        contactEmail: site.email,
      },
    }),
    201,
  );
}

export const view = async (env: CommissioningEnv, site: Site, id: string) =>
  ok<CommissioningView>(await call(env.app, 'GET', path(id), { token: site.inspector }));

/** Polls until `probe` holds for the application as its inspector sees it. */
export const until$ = (
  env: CommissioningEnv,
  site: Site,
  id: string,
  what: string,
  probe: (v: CommissioningView) => boolean,
  ms = 30_000,
) =>
  until(
    what,
    async () => {
      const v = await view(env, site, id);
      return probe(v) ? v : undefined;
    },
    ms,
  );

export const missing = (v: CommissioningView) => v.conditions.filter((c) => !c.met).map((c) => c.condition);

export async function drawUp(
  env: CommissioningEnv,
  site: Site,
  id: string,
  kind: 'solar_transfer' | 'management_engagement',
) {
  const v = await ok<CommissioningView>(
    await call(env.app, 'POST', path(id, '/acts'), {
      token: site.developer.token,
      key: newKey(),
      body: {
        kind,
        organizationId: site.org.id,
        ...(kind === 'solar_transfer' ? { panels: { count: 40, capacityKw: 16.4 } } : {}),
      },
    }),
    201,
  );
  return v.acts.filter((a) => a.kind === kind).at(-1)!;
}

export async function signAct(
  env: CommissioningEnv,
  who: Signer,
  id: string,
  act: { id: string; sha256: string },
  bytes?: Uint8Array,
) {
  const res = await call(env.app, 'GET', path(id, `/acts/${act.id}/document`), { token: who.token });
  const doc = bytes ?? new Uint8Array(await res.arrayBuffer());
  const keys = await who.key();
  return call(env.app, 'POST', path(id, `/acts/${act.id}/signatures`), {
    token: who.token,
    body: {
      documentSha256: act.sha256,
      signature: {
        scheme: 'ecdsa-p256-sha256',
        publicKeyJwk: await crypto.subtle.exportKey('jwk', keys.publicKey),
        signatureBase64: await signEcdsa(doc, keys.privateKey),
      },
    },
  });
}

/** Both acts drawn up and signed by both parties. */
export async function signBothActs(
  env: CommissioningEnv,
  site: Site,
  id: string,
  kinds: readonly ActKind[] = ['management_engagement', 'solar_transfer'],
) {
  for (const kind of kinds) {
    const act = await drawUp(env, site, id, kind);
    await ok(await signAct(env, site.developer, id, act));
    await ok(await signAct(env, site.staff, id, act));
  }
}

export const beginCheck = async (env: CommissioningEnv, site: Site, id: string) =>
  ok<CommissioningView>(await call(env.app, 'POST', path(id, '/check'), { token: site.inspector }));
