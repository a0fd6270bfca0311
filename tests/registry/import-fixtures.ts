// Import files and a district of their own for each test: the database is shared by every test
// file of a run, so cadastral numbers and PINFLs are random and counts are taken over the file's
// own keys, never over whole tables.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm.ts';
import { Council, District, ManagementOrganization, Region } from '../../db/registry/entities.ts';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const tag = () => randomUUID().slice(0, 8);

export const cadastral = () => `${digits(2)}:${digits(2)}:${digits(2)}:${digits(2)}:${digits(4)}`;
export const pinfl = () => `${randomInt(1, 7)}${digits(13)}`;

export interface TestDistrict {
  id: string;
  code: string;
  organizationTin: string;
}

/** A district with its council and a management organization, all new. */
export async function newDistrict(orm: Orm): Promise<TestDistrict> {
  const em = orm.em.fork();
  const region = em.create(Region, { code: tag(), name: 'Toshkent shahri' });
  const district = em.create(District, { region, code: tag(), name: `Import tumani ${tag()}` });
  em.create(Council, { district, name: 'Import tumani kengashi', email: null });
  const organization = em.create(ManagementOrganization, {
    tin: digits(9),
    name: `"Import Uy ${tag()}" MChJ`,
    registerStatus: 'registered',
    email: `import-${tag()}@example.uz`,
    phone: '+998712000000',
    dispatchPhone: '+998712000001',
  });
  await em.flush();
  return { id: district.id, code: district.code, organizationTin: organization.tin };
}

export const csv = (header: string[], rows: (string | number)[][]) =>
  `${[header, ...rows].map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`;

export const BUILDING_HEADER = [
  'cadastral_number',
  'district_code',
  'address',
  'year_built',
  'floors',
  'entrances',
  'total_area',
  'living_area',
  'management_organization_tin',
];
export const APARTMENT_HEADER = ['building_cadastral_number', 'number', 'entrance', 'floor', 'area'];
export const OWNER_HEADER = [
  'building_cadastral_number',
  'apartment_number',
  'pinfl',
  'full_name',
  'share_numerator',
  'share_denominator',
  'email',
  'phone',
  'language',
];

/** Two buildings in the district, two flats each, owned by three people (one owns two flats). */
export function registryFiles(d: TestDistrict) {
  const [b1, b2] = [cadastral(), cadastral()];
  const [p1, p2, p3] = [pinfl(), pinfl(), pinfl()];
  return {
    cadastrals: [b1, b2],
    pinfls: [p1, p2, p3],
    buildings: csv(BUILDING_HEADER, [
      [b1, d.code, "Amir Temur ko'chasi, 1-uy", 1985, 9, 4, '5400,50', 4100, d.organizationTin],
      [b2, d.code, 'Navoiy ko\'chasi, "Oqtepa" 2', 1979, 5, 2, 2000, 1500, ''],
    ]),
    apartments: csv(APARTMENT_HEADER, [
      [b1, '1', 1, 1, 60],
      [b1, '2', 1, 2, '45.5'],
      [b2, '1', 1, 1, 70],
      [b2, '2', 2, 5, 70],
    ]),
    owners: csv(OWNER_HEADER, [
      [b1, '1', p1, 'Karimov Aziz', 1, 2, 'aziz@example.uz', '+998 90 123 45 67', 'uz'],
      [b1, '1', p2, 'Karimova Dilnoza', 1, 2, '', '', 'ru'],
      [b1, '2', p1, 'Karimov Aziz', 1, 1, '', '', ''],
      [b2, '1', p3, 'Olimov Bek', 1, 1, '', '', ''],
    ]),
  };
}

export interface KeyCounts {
  buildings: number;
  apartments: number;
  persons: number;
  ownerships: number;
}

/** What the registry holds under these buildings and people. */
export async function countsOf(
  em: EntityManager,
  cadastrals: string[],
  pinfls: string[],
): Promise<KeyCounts> {
  const [row] = await em.execute<KeyCounts[]>(
    `select (select count(*)::int from building where cadastral_number in (select jsonb_array_elements_text(?::jsonb))) as buildings,
            (select count(*)::int from apartment a join building b on b.id = a.building_id
              where b.cadastral_number in (select jsonb_array_elements_text(?::jsonb))) as apartments,
            (select count(*)::int from person where pinfl in (select jsonb_array_elements_text(?::jsonb))) as persons,
            (select count(*)::int from ownership o join person p on p.id = o.person_id
              where p.pinfl in (select jsonb_array_elements_text(?::jsonb))) as ownerships`,
    [JSON.stringify(cadastrals), JSON.stringify(cadastrals), JSON.stringify(pinfls), JSON.stringify(pinfls)],
  );
  return row!;
}
