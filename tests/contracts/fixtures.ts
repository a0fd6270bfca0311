// Shared by the contract tests: the real app and workers on queues of their own, a tax-authority
// sandbox (the state system we do not own, behind its HTTP adapter), and per test a registered
// organization managing one building whose owner is the authorized representative. Signing is
// done here as a browser would: a WebCrypto key registered through the API, the exact document
// bytes fetched from the API, an ECDSA signature over them.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject } from 'vitest';
import { Building, ManagementOrganization, Person, UserAccount } from '../../db/registry/entities.ts';
import type { TaxRegistrationPolicy } from '../../domain/contracts/tax-registration.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import { ECDSA_KEY_PARAMS, signEcdsa } from '../../domain/signatures/ecdsa.ts';
import { loadConfig } from '../../platform/config.ts';
import { startTaxAuthoritySandbox, type TaxAuthoritySandbox } from '../../platform/tax-authority/sandbox.ts';
import {
  apply,
  call,
  inState,
  newKey,
  newOrganization,
  type Org,
  ok,
  type RegisterEnv,
} from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { startWorkers } from '../support/worker-harness.ts';

/**
 * A registration term a test can wait out: ten times what one registration the sandbox answers at
 * once takes on a loaded machine. Only the tests about a missed or passed term use it; the others
 * keep the production term (weeks), so no registration of theirs ever races its deadline.
 */
export const SHORT_TAX_TERM_SECONDS = 10;

export interface ContractsEnv extends RegisterEnv {
  app: TestApp;
  tax: TaxAuthoritySandbox;
}

export interface ContractsEnvOptions {
  /** More configuration for the app and the workers, e.g. E_IMZO_URL (the workers verify). */
  env?: Record<string, string>;
  /** The tax-registration term in seconds; the production term when omitted. */
  taxTermSeconds?: number;
  /** The suite's (vitest inject) when omitted; scripts outside vitest pass their own. */
  databaseUrl?: string;
  temporalAddress?: string;
}

export async function startContractsEnv(opts: ContractsEnvOptions = {}): Promise<ContractsEnv> {
  const tax = await startTaxAuthoritySandbox();
  const q = randomUUID();
  // Meetings too: a meeting the portal calls runs its workflow on this test's own queue.
  const taskQueues = {
    register: `register-c-${q}`,
    contracts: `contracts-${q}`,
    meetings: `meetings-c-${q}`,
  };
  const env = {
    LOG_LEVEL: process.env.MU_TEST_LOG ?? 'silent',
    TAX_AUTHORITY_URL: tax.url,
    TAX_AUTHORITY_TIMEOUT_MS: '500',
    ...(opts.taxTermSeconds === undefined
      ? {}
      : {
          TAX_REGISTRATION_POLICY: JSON.stringify({
            registrationDays: opts.taxTermSeconds / 86_400,
          } satisfies Partial<TaxRegistrationPolicy>),
        }),
    ...opts.env,
  };
  const temporalAddress = opts.temporalAddress ?? inject('temporalAddress');
  const app = await createTestApp({ env, taskQueues, databaseUrl: opts.databaseUrl, temporalAddress });
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...env, LOG_LEVEL: 'warn' }),
    orm: app.deps.orm,
    temporalAddress,
    taskQueues: { registry: `registry-unused-${q}`, ...taskQueues },
  });
  return {
    app,
    slow: app,
    fast: app,
    tax,
    workers,
    em: () => app.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await app.close();
      await tax.close();
    },
  };
}

export interface Party {
  userId: string;
  personId: string;
  token: string;
  /** Registers a fresh key for this user, once. */
  key(): Promise<CryptoKeyPair>;
}

/** A person with a user account: the representative of the owners, or a lessee. */
export async function newPerson(env: ContractsEnv, roles: string[] = ['resident']): Promise<Party> {
  const em = env.em();
  const person = em.create(Person, {
    pinfl: String(10_000_000_000_000 + Math.floor(Math.random() * 89_999_999_999_999)),
    fullName: `Test Person ${randomUUID().slice(0, 6)}`,
    email: `p-${randomUUID().slice(0, 8)}@example.uz`,
    language: 'uz',
  });
  const user = em.create(UserAccount, { person, displayName: person.fullName });
  await em.flush();
  const token = await env.app.deps.dev!.issuer.sign({
    sub: user.id,
    name: person.fullName,
    pid: person.id,
    roles,
    org: null,
    district: null,
  });
  let keys: CryptoKeyPair | undefined;
  return {
    userId: user.id,
    personId: person.id,
    token,
    async key() {
      if (keys) return keys;
      keys = await registeredKeyOf(env.app, token);
      return keys;
    },
  };
}

export async function registeredKeyOf(app: TestApp, token: string): Promise<CryptoKeyPair> {
  const pair = (await crypto.subtle.generateKey(ECDSA_KEY_PARAMS, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  await ok(await call(app, 'POST', '/me/signing-keys', { token, body: { publicKeyJwk } }), 201);
  return pair;
}

export interface Lot {
  org: Org;
  buildingId: string;
  /** The owner who represents the owners, and a staff member's token for the organization. */
  rep: Party;
  staff: { token: string; userId: string; key(): Promise<CryptoKeyPair> };
}

/** A registered organization (through its review workflow) managing one building. */
export async function newLot(env: ContractsEnv): Promise<Lot> {
  const org = await newOrganization(env);
  const a = await apply(env.app, org);
  await ok(
    await call(env.app, 'POST', `/register/applications/${a.id}/register`, {
      token: org.tokens.inspector,
      body: {},
    }),
  );
  await inState(env.app, org, a.id, 'registered');
  return lotOf(env, org);
}

/**
 * An organization carried over from the paper register, as the demo seed has them: registered
 * without ever having applied, so no review workflow holds it.
 */
export async function newLegacyLot(env: ContractsEnv): Promise<Lot> {
  const org = await newOrganization(env);
  const em = env.em();
  const row = await em.findOneOrFail(ManagementOrganization, { id: org.id });
  row.registerStatus = 'registered';
  await em.flush();
  return lotOf(env, org);
}

async function lotOf(env: ContractsEnv, org: Org): Promise<Lot> {
  const building = await env.em().findOneOrFail(Building, { managementOrganization: org.id });
  const rep = await newPerson(env);
  const staffUserId = randomUUID();
  const staffToken = await env.app.deps.dev!.issuer.sign({
    sub: staffUserId,
    name: 'Test Manager',
    pid: null,
    roles: ['management_company'],
    org: org.id,
    district: null,
  });
  let keys: CryptoKeyPair | undefined;
  return {
    org,
    buildingId: building.id,
    rep,
    staff: {
      token: staffToken,
      userId: staffUserId,
      async key() {
        keys ??= await registeredKeyOf(env.app, staffToken);
        return keys;
      },
    },
  };
}

export const MANAGEMENT_PARAMETERS = {
  services: ['cleaning', 'maintenance', 'dispatch'],
  tariffUzsPerM2: 1500,
  termMonths: 12,
  startDate: '2027-01-01',
};

export const LEASE_PARAMETERS = {
  premises: { kind: 'basement', description: 'Basement, entrance 1, 40 m²', areaM2: 40 },
  purpose: 'household service centre',
  monthlyRentUzs: 2_000_000,
  termMonths: 6,
  startDate: '2027-01-01',
};

/** A management contract started by the district council for the lot. */
export async function startManagementContract(env: ContractsEnv, lot: Lot): Promise<ContractView> {
  return ok<ContractView>(
    await call(env.app, 'POST', '/contracts', {
      token: lot.org.tokens.council,
      key: newKey(),
      body: {
        kind: 'management',
        organizationId: lot.org.id,
        buildingIds: [lot.buildingId],
        representativeUserId: lot.rep.userId,
        parameters: MANAGEMENT_PARAMETERS,
      },
    }),
    201,
  );
}

export async function documentBytes(env: ContractsEnv, token: string, contractId: string, sha256: string) {
  const res = await call(env.app, 'GET', `/contracts/${contractId}/document?sha256=${sha256}`, { token });
  if (res.status !== 200) throw new Error(`document: ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Signs `bytes` (by default the pending document) with `keys` and posts it as `token`. */
export async function sign(
  env: ContractsEnv,
  token: string,
  keys: CryptoKeyPair,
  view: ContractView,
  o: { bytes?: Uint8Array; documentSha256?: string } = {},
): Promise<Response> {
  const sha = o.documentSha256 ?? view.pending!.documentSha256;
  const bytes = o.bytes ?? (await documentBytes(env, token, view.id, view.pending!.documentSha256));
  const publicKeyJwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return call(env.app, 'POST', `/contracts/${view.id}/signatures`, {
    token,
    key: newKey(),
    body: {
      documentSha256: sha,
      signature: {
        scheme: 'ecdsa-p256-sha256',
        publicKeyJwk,
        signatureBase64: await signEcdsa(bytes, keys.privateKey),
      },
    },
  });
}

export async function contract(env: ContractsEnv, token: string, id: string): Promise<ContractView> {
  return ok<ContractView>(await call(env.app, 'GET', `/contracts/${id}`, { token }));
}

/** A lease of the lot's basement to `lessee`, started by the council and signed by both parties. */
export async function concludeLease(env: ContractsEnv, lot: Lot, lessee: Party): Promise<ContractView> {
  const started = await ok<ContractView>(
    await call(env.app, 'POST', '/contracts', {
      token: lot.org.tokens.council,
      key: newKey(),
      body: {
        kind: 'common_property_lease',
        organizationId: lot.org.id,
        buildingIds: [lot.buildingId],
        representativeUserId: lot.rep.userId,
        counterparty: { name: 'Maishiy Xizmat MChJ', tin: '301234567', userId: lessee.userId },
        parameters: LEASE_PARAMETERS,
      },
    }),
    201,
  );
  await ok(
    await sign(env, lot.rep.token, await lot.rep.key(), await contract(env, lot.rep.token, started.id)),
  );
  return ok<ContractView>(
    await sign(env, lessee.token, await lessee.key(), await contract(env, lessee.token, started.id)),
  );
}
