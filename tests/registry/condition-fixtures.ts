// Shared by the building-condition API tests: the real app, and per test a building of its own in
// a district of its own, with tokens scoped to it (and to a second district, for the 403s).
import { randomInt, randomUUID } from 'node:crypto';
import type { AssessmentView } from '../../db/registry/condition-assessments.ts';
import type { ClassificationView } from '../../db/registry/condition-classification.ts';
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
import type { ConditionClass } from '../../domain/registry/types.ts';
import { newKey, ok, problem, call as send } from '../support/api-client.ts';
import type { TestApp } from '../support/app.ts';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const tag = () => randomUUID().slice(0, 8);

export interface Site {
  buildingId: string;
  districtId: string;
  organizationId: string;
  tokens: {
    inspector: string;
    admin: string;
    council: string;
    manager: string;
    /** Owns a flat in the building. */
    resident: string;
    /** An inspector of another district. */
    otherInspector: string;
    /** A management company that does not manage this building. */
    otherManager: string;
  };
}

/** A building in a fresh district; more buildings of that district via `classes`. */
export async function newSite(t: TestApp, classes: (ConditionClass | null)[] = []): Promise<Site> {
  const em = t.deps.orm.em.fork();
  const region = em.create(Region, { code: tag(), name: 'Toshkent shahri' });
  const district = em.create(District, { region, code: tag(), name: `Test tumani ${tag()}` });
  em.create(Council, { district, name: 'Test tumani kengashi', email: `council-${tag()}@example.uz` });
  const other = em.create(District, { region, code: tag(), name: `Boshqa tuman ${tag()}` });
  em.create(Council, { district: other, name: 'Boshqa kengash', email: null });
  const org = em.create(ManagementOrganization, {
    tin: `8${digits(8)}`,
    name: `Obod Uy ${tag()} MChJ`,
    registerStatus: 'registered',
    email: `org-${tag()}@example.uz`,
    phone: '+998712000000',
    dispatchPhone: '+998712000001',
  });
  const building = (conditionClass: ConditionClass | null) =>
    em.create(Building, {
      district,
      address: `Test ko'chasi ${tag()}`,
      cadastralNumber: `10:01:${digits(2)}:${digits(2)}:${digits(4)}-${tag()}`,
      yearBuilt: 1978,
      floors: 5,
      entrances: 2,
      totalArea: 3000,
      livingArea: 2500,
      conditionClass,
      managementOrganization: org,
    });
  const main = building(null);
  for (const c of classes) building(c);
  const apartment = em.create(Apartment, { building: main, number: '1', entrance: 1, floor: 1, area: 50 });
  const person = em.create(Person, { pinfl: digits(14), fullName: 'Test Owner', language: 'uz' });
  em.create(Ownership, { person, apartment, shareNumerator: 1, shareDenominator: 1 });
  await em.flush();
  const sign = (roles: string[], claims: { org?: string; district?: string; pid?: string } = {}) =>
    t.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: `Test ${roles[0]}`,
      pid: claims.pid ?? null,
      roles,
      org: claims.org ?? null,
      district: claims.district ?? null,
    });
  return {
    buildingId: main.id,
    districtId: district.id,
    organizationId: org.id,
    tokens: {
      inspector: await sign(['inspector'], { district: district.id }),
      admin: await sign(['admin']),
      council: await sign(['council'], { district: district.id }),
      manager: await sign(['management_company'], { org: org.id }),
      resident: await sign(['resident'], { pid: person.id }),
      otherInspector: await sign(['inspector'], { district: other.id }),
      otherManager: await sign(['management_company'], { org: randomUUID() }),
    },
  };
}

/** Writes carry a fresh Idempotency-Key unless a test names one, or `false` for none. */
export function call(
  t: TestApp,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; key?: string | false } = {},
): Promise<Response> {
  const key = o.key === false ? undefined : (o.key ?? (method === 'GET' ? undefined : newKey()));
  return send(t, method, path, { ...o, key });
}

export { ok, problem };

// --- assessments ---

export type Recorded = { assessment: AssessmentView; classification: ClassificationView };
export const REQUIRED = [
  'roof',
  'facade',
  'foundation',
  'heating',
  'water_supply',
  'sewerage',
  'electricity',
];

export const assess = (
  app: TestApp,
  site: Site,
  body: Record<string, unknown>,
  o: { token?: string; key?: string | false } = {},
) =>
  call(app, 'POST', `/buildings/${site.buildingId}/assessments`, {
    token: o.token ?? site.tokens.inspector,
    key: o.key,
    body: { defects: [], ...body },
  });

export async function allAt(app: TestApp, site: Site, wear: number): Promise<ClassificationView> {
  let last: Recorded | undefined;
  for (const element of REQUIRED)
    last = await ok<Recorded>(await assess(app, site, { element, wearPercent: wear }), 201);
  return last!.classification;
}

export const classOf = async (t: TestApp, site: Site) =>
  ok<ClassificationView>(
    await call(t, 'GET', `/buildings/${site.buildingId}/classification`, { token: site.tokens.resident }),
  );
