// A district of buildings for billing tests: each with its apartments and co-owners, registered for
// billing or not, with management terms as the contracts capability would record them. Random
// codes, so test files sharing one database never collide.
import { randomInt, randomUUID } from 'node:crypto';
import { recordManagementTerms } from '../../db/billing/terms.ts';
import type { Orm } from '../../db/orm.ts';
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
import type { TermChange } from '../../domain/billing/administration.ts';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const code = () => randomUUID().slice(0, 8);

export interface ApartmentSpec {
  number: string;
  /** m², two decimals. */
  area: number;
  shares: [number, number][];
}

export interface District_ {
  districtId: string;
  organization(): Promise<string>;
  building(
    apartments: ApartmentSpec[],
  ): Promise<{ buildingId: string; apartmentIds: string[]; ownerIds: string[][] }>;
}

export async function createDistrict(orm: Orm, opts: { soato?: string } = {}): Promise<District_> {
  const em = orm.em.fork();
  const region = em.create(Region, { code: code(), name: 'Toshkent shahri' });
  const district = em.create(District, {
    region,
    code: opts.soato ?? `1726${digits(3)}${code().slice(0, 4)}`,
    name: 'Yunusobod tumani',
  });
  em.create(Council, { district, name: 'Yunusobod tumani kengashi', email: `kengash-${code()}@example.uz` });
  await em.flush();
  return {
    districtId: district.id,
    async organization() {
      const em = orm.em.fork();
      const o = em.create(ManagementOrganization, {
        tin: digits(9),
        name: `"Obod Uy ${code()}" MChJ`,
        registerStatus: 'registered',
        email: `org-${code()}@example.uz`,
        phone: '+998712000000',
        dispatchPhone: '+998712000001',
      });
      await em.flush();
      return o.id;
    },
    async building(apartments) {
      const em = orm.em.fork();
      const building = em.create(Building, {
        district: district.id,
        address: `Amir Temur ko'chasi, ${randomInt(1, 999)}-uy (${code()})`,
        cadastralNumber: `10:01:${digits(2)}:${digits(2)}:${digits(4)}-${code()}`,
        yearBuilt: 1985,
        floors: 9,
        entrances: 1,
        totalArea: 10_000,
        livingArea: 9_000,
        conditionClass: 'yellow',
        managementOrganization: null,
      });
      const apartmentIds: string[] = [];
      const ownerIds: string[][] = [];
      for (const a of apartments) {
        const apartment = em.create(Apartment, {
          building,
          number: a.number,
          entrance: 1,
          floor: 1,
          area: a.area,
        });
        apartmentIds.push(apartment.id);
        ownerIds.push(
          a.shares.map(([shareNumerator, shareDenominator]) => {
            const person = em.create(Person, {
              pinfl: digits(14),
              fullName: 'Karimova Nodira',
              language: 'uz',
            });
            em.create(Ownership, { person, apartment, shareNumerator, shareDenominator });
            return person.id;
          }),
        );
      }
      await em.flush();
      return { buildingId: building.id, apartmentIds, ownerIds };
    },
  };
}

/** Registered as the owners' application would: TIN, bank account, from `registeredOn`. */
export async function registerForBilling(orm: Orm, buildingId: string, registeredOn = '2026-07-01') {
  await orm.em.fork().execute(
    `insert into billing_building (building_id, tin, bank_account, bank_code, registered_by, registered_on,
                                   idempotency_key, request_sha256, created_at)
     values (?, ?, ?, '00014', 'owners', ?, ?, ?, now())`,
    [buildingId, digits(9), digits(20), registeredOn, randomUUID(), '0'.repeat(64)],
  );
}

/** A management contract concluded for [from, to) at `somPerM2`, as contracts would record it. */
export async function concluded(
  orm: Orm,
  t: {
    buildingId: string;
    organizationId: string;
    from: string;
    to: string;
    somPerM2: number;
    contractId?: string;
  },
): Promise<string> {
  const contractId = t.contractId ?? randomUUID();
  await recordManagementTerms(orm.em.fork(), {
    contractId,
    buildingIds: [t.buildingId],
    organizationId: t.organizationId,
    change: 'conclusion',
    effectiveFrom: t.from,
    endsBefore: t.to,
    tiyinPerM2: t.somPerM2 * 100,
    contractVersion: 1,
  });
  return contractId;
}

export async function amended(
  orm: Orm,
  t: {
    buildingId: string;
    organizationId: string;
    contractId: string;
    from: string;
    to: string;
    somPerM2: number;
  },
  change: TermChange['change'] = 'amendment',
): Promise<void> {
  await recordManagementTerms(orm.em.fork(), {
    contractId: t.contractId,
    buildingIds: [t.buildingId],
    organizationId: t.organizationId,
    change,
    effectiveFrom: t.from,
    endsBefore: change === 'termination' ? null : t.to,
    tiyinPerM2: change === 'termination' ? null : t.somPerM2 * 100,
    contractVersion: 2,
  });
}
