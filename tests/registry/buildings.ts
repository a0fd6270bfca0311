// Builds one building with its district, management organization, apartments and owners, with
// random identifiers so that test files sharing one database never collide.
import { randomInt, randomUUID } from 'node:crypto';
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

export interface BuildingSpec {
  totalArea: number;
  livingArea: number;
  /** Shares per apartment as [numerator, denominator] pairs; [] means nobody owns it. */
  apartments: { number: string; area: number; shares: [number, number][] }[];
  /** false: the building has no management organization. */
  managed?: boolean;
}

export interface CreatedBuilding {
  buildingId: string;
  address: string;
  organizationEmail: string | null;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const code = () => randomUUID().slice(0, 8);

export async function createBuilding(orm: Orm, spec: BuildingSpec): Promise<CreatedBuilding> {
  const em = orm.em.fork();
  const region = em.create(Region, { code: code(), name: 'Toshkent shahri' });
  const district = em.create(District, { region, code: code(), name: 'Yunusobod tumani' });
  em.create(Council, { district, name: 'Yunusobod tumani kengashi', email: `kengash-${code()}@example.uz` });
  const organization =
    spec.managed === false
      ? null
      : em.create(ManagementOrganization, {
          tin: digits(9),
          name: `"Obod Uy ${code()}" MChJ`,
          registerStatus: 'registered',
          email: `dispatch-${code()}@example.uz`,
          phone: '+998712000000',
          dispatchPhone: '+998712000001',
        });
  const address = `Amir Temur ko'chasi, ${randomInt(1, 999)}-uy (${code()})`;
  const building = em.create(Building, {
    district,
    address,
    cadastralNumber: `10:01:${digits(2)}:${digits(2)}:${digits(4)}-${code()}`,
    yearBuilt: 1985,
    floors: 9,
    entrances: 4,
    totalArea: spec.totalArea,
    livingArea: spec.livingArea,
    conditionClass: 'yellow',
    managementOrganization: organization,
  });
  for (const a of spec.apartments) {
    const apartment = em.create(Apartment, {
      building,
      number: a.number,
      entrance: 1,
      floor: 1,
      area: a.area,
    });
    for (const [shareNumerator, shareDenominator] of a.shares) {
      const person = em.create(Person, { pinfl: digits(14), fullName: 'Karimov Aziz', language: 'uz' });
      em.create(Ownership, { person, apartment, shareNumerator, shareDenominator });
    }
  }
  await em.flush();
  return { buildingId: building.id, address, organizationEmail: organization?.email ?? null };
}

/** Shares that do not add up, an unowned flat, and flats larger than the declared living area. */
export const DISCREPANT: BuildingSpec = {
  totalArea: 150,
  livingArea: 100,
  apartments: [
    {
      number: '1',
      area: 60,
      shares: [
        [1, 3],
        [1, 3],
      ],
    },
    { number: '2', area: 45.5, shares: [] },
  ],
};

/** Thirds that add up to exactly one, and areas within the declared ones. */
export const CONSISTENT: BuildingSpec = {
  totalArea: 150,
  livingArea: 120,
  apartments: [
    {
      number: '1',
      area: 60,
      shares: [
        [1, 3],
        [2, 3],
      ],
    },
    { number: '2', area: 59.99, shares: [[1, 1]] },
  ],
};
