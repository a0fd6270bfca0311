// `npm start` without DATABASE_URL runs on the embedded PGlite, whose pool is one connection: a
// statement that left its transaction for another pooled connection would wait forever there.
// The register's, contracts' and appeals' write paths each run once here, under a time limit.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyToAppeal, createAppeal } from '../../db/appeals/repository.ts';
import { createContract } from '../../db/contracts/create.ts';
import { proposeChange, withdrawPending } from '../../db/contracts/repository.ts';
import { recordSignature } from '../../db/contracts/signing.ts';
import { flagContractsOf } from '../../db/contracts/tax.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { createOrm, migrateUp, type Orm } from '../../db/orm.ts';
import { applyToApplication, createApplication } from '../../db/register/repository.ts';
import { Building, ManagementOrganization } from '../../db/registry/entities.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { Principal, Role } from '../../domain/access/roles.ts';
import { DEFAULT_APPEAL_POLICY } from '../../domain/appeals/policy.ts';
import { DEFAULT_TAX_REGISTRATION_POLICY } from '../../domain/contracts/tax-registration.ts';
import { DEFAULT_REGISTER_POLICY } from '../../domain/register/policy.ts';

let dir: string;
let server: EmbeddedPostgres;
let orm: Orm;
const em = () => orm.em.fork() as EntityManager;
const LIMIT = 20_000;

const who = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  userId: randomUUID(),
  personId: null,
  roles,
  organizationId: null,
  districtId: null,
  name: 'PGlite test',
  ...extra,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mu-pglite-writes-'));
  server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  orm = await createOrm({ url: server.url, poolMax: 1 });
  await migrateUp(orm);
  await seedDemo(orm, { seed: 7, apartments: 100 });
}, 120_000);
afterAll(async () => {
  await orm?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const demoBuilding = () =>
  em().findOneOrFail(
    Building,
    { id: DEMO_IDS.building },
    { populate: ['district', 'managementOrganization'] },
  );

describe('write paths on one embedded connection', () => {
  it('the register: apply, register, remove', { timeout: LIMIT }, async () => {
    const building = await demoBuilding();
    const org = await em().findOneOrFail(ManagementOrganization, { id: DEMO_IDS.organizations.applicant });
    const id = randomUUID();
    await createApplication(em(), {
      id,
      organizationId: org.id,
      districtId: building.district.id,
      data: {
        tin: org.tin,
        name: org.name,
        ownFundsUzs: 50_000_000,
        technicalBase: ['premises', 'repair_tools', 'emergency_equipment', 'communication'].map(
          (category) => ({
            category,
            description: category,
            quantity: 1,
          }),
        ),
        dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998712000001' },
      },
      principal: who(['management_company'], { organizationId: org.id }),
      policy: DEFAULT_REGISTER_POLICY,
      idempotencyKey: randomUUID(),
      requestSha256: '0'.repeat(64),
    });
    const inspector = who(['inspector'], { districtId: building.district.id });
    const registered = await applyToApplication(em(), {
      applicationId: id,
      action: { type: 'register' },
      actor: { kind: 'user', principal: inspector },
      requestId: randomUUID(),
    });
    expect(registered.application.state).toBe('registered');
    const removed = await applyToApplication(em(), {
      applicationId: id,
      action: { type: 'remove', reason: 'false_data' },
      actor: { kind: 'system' },
      requestId: randomUUID(),
    });
    expect(removed.application.state).toBe('removed');
  });

  it('contracts: create, both sign, amend and withdraw, flag', { timeout: LIMIT }, async () => {
    const building = await demoBuilding();
    const org = building.managementOrganization!;
    const { id } = await createContract(em(), {
      id: randomUUID(),
      kind: 'management',
      organizationId: org.id,
      buildingIds: [building.id],
      source: null,
      owners: { userId: DEMO_IDS.users.resident, name: 'Owner', pinfl: null, authority: 'test' },
      counterparty: { organizationId: org.id, userId: null, name: org.name, tin: org.tin, pinfl: null },
      parameters: { services: ['cleaning'], tariffUzsPerM2: 1000, termMonths: 12, startDate: '2027-01-01' },
      lang: 'en',
      createdBy: { userId: randomUUID(), name: 'Council' },
      idempotencyKey: randomUUID(),
      requestSha256: '0'.repeat(64),
    });
    const pending = (
      await em()
        .getConnection()
        .execute<{ pending: { documentSha256: string } }[]>('select pending from contract where id = ?', [id])
    )[0]!.pending.documentSha256;
    for (const party of ['owners', 'counterparty'] as const) {
      await recordSignature(
        em(),
        {
          contractId: id,
          party,
          signer: { userId: randomUUID(), name: party },
          documentSha256: pending,
          envelope: { scheme: 'e-imzo-pkcs7', pkcs7Base64: 'MIIB' },
          verification: { status: 'verified', signer: {} },
          idempotencyKey: randomUUID(),
          requestSha256: '0'.repeat(64),
        },
        DEFAULT_TAX_REGISTRATION_POLICY,
      );
    }
    const principal = who(['resident'], { userId: DEMO_IDS.users.resident });
    await proposeChange(
      em(),
      {
        contractId: id,
        change: 'amendment',
        parameters: { services: ['cleaning'], tariffUzsPerM2: 1200, termMonths: 12, startDate: '2027-01-01' },
        principal,
        lang: 'en',
        requestId: randomUUID(),
      },
      DEFAULT_TAX_REGISTRATION_POLICY,
    );
    await withdrawPending(
      em(),
      { contractId: id, principal, requestId: randomUUID() },
      DEFAULT_TAX_REGISTRATION_POLICY,
    );
    expect(await flagContractsOf(em(), org.id, 'requirements_not_met')).toBeGreaterThan(0);
  });

  it('appeals: submit, take up', { timeout: LIMIT }, async () => {
    const resident = who(['resident'], {
      personId: DEMO_IDS.persons.resident,
      userId: DEMO_IDS.users.resident,
    });
    const { id } = await createAppeal(em(), {
      id: randomUUID(),
      principal: resident,
      category: 'lift',
      kind: 'complaint',
      subject: { buildingId: DEMO_IDS.building },
      text: 'The lift is stuck',
      attachmentIds: [],
      policy: DEFAULT_APPEAL_POLICY,
      idempotencyKey: randomUUID(),
      requestSha256: '0'.repeat(64),
    });
    const building = await demoBuilding();
    const staff = who(['management_company'], { organizationId: building.managementOrganization!.id });
    const taken = await applyToAppeal(em(), {
      appealId: id,
      command: { type: 'accept' },
      actor: { kind: 'user', principal: staff },
      requestId: randomUUID(),
    });
    expect(taken.appeal.status).toBe('in_progress');
  });
});
