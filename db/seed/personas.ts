// The demo's fixed cast. Their ids do not depend on the seed, so the portal, the API's dev token
// endpoint and the tests can name them without reading the database; seedDemo writes exactly
// these rows. No database imports here: the API and widgets read this list as plain data.
import type { Role } from '../../domain/access/roles.ts';

export interface DemoPersona {
  key: string;
  userId: string;
  role: Role;
  label: { uz: string; ru: string; en: string };
  /** The building the persona's story happens in, when there is one. */
  buildingId?: string;
}

const fixed = (kind: string, n: number) => `d3e40000-0000-4000-8000-${kind}${String(n).padStart(8, '0')}`;

/**
 * Fixed ids of the rows behind the personas (hex kinds: a person, b building, c user, d apartment,
 * e management organization).
 */
export const DEMO_IDS = {
  /** "Yunusobod 4-mavze, 12-uy": 9 floors, 2 entrances, 72 apartments. */
  building: fixed('000b', 1),
  apartments: { residentSole: fixed('000d', 12), residentShared: fixed('000d', 47) },
  persons: {
    resident: fixed('000a', 1),
    resident2: fixed('000a', 2),
    manager: fixed('000a', 3),
    council: fixed('000a', 4),
    inspector: fixed('000a', 5),
    applicant: fixed('000a', 6),
    developer: fixed('000a', 7),
    dispatcher: fixed('000a', 8),
    technician: fixed('000a', 9),
  },
  users: {
    resident: fixed('000c', 1),
    resident2: fixed('000c', 2),
    manager: fixed('000c', 3),
    council: fixed('000c', 4),
    inspector: fixed('000c', 5),
    admin: fixed('000c', 6),
    applicant: fixed('000c', 7),
    developer: fixed('000c', 8),
    dispatcher: fixed('000c', 9),
    technician: fixed('000c', 10),
  },
  /** The organization the applicant persona works for: seeded as an applicant to the register. */
  organizations: { applicant: fixed('000e', 1) },
  /**
   * The construction company the developer persona acts for. Not a row: a developer is known by
   * its TIN alone (the token's `dtin`), as the company certificate would name it.
   */
  developer: { tin: '207511904', name: '"Yangi Shahar Qurilish" MChJ' },
} as const;

/** Apartment numbers in DEMO_IDS.building: 12 is the resident's alone, 47 is shared ½ + ½. */
export const DEMO_APARTMENT_NUMBERS = { residentSole: '12', residentShared: '47' } as const;

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    key: 'resident',
    userId: DEMO_IDS.users.resident,
    role: 'resident',
    label: {
      uz: 'Aziz Karimov — uy egasi (2 ta xonadon)',
      ru: 'Азиз Каримов — собственник (2 квартиры)',
      en: 'Aziz Karimov — owner of 2 apartments',
    },
    buildingId: DEMO_IDS.building,
  },
  {
    key: 'resident2',
    userId: DEMO_IDS.users.resident2,
    role: 'resident',
    label: {
      uz: 'Dilnoza Karimova — xonadon sherik egasi',
      ru: 'Дилноза Каримова — совладелец квартиры',
      en: 'Dilnoza Karimova — co-owner of an apartment',
    },
    buildingId: DEMO_IDS.building,
  },
  {
    key: 'manager',
    userId: DEMO_IDS.users.manager,
    role: 'management_company',
    label: {
      uz: 'Sherzod Rahimov — boshqaruv kompaniyasi xodimi',
      ru: 'Шерзод Рахимов — сотрудник управляющей компании',
      en: 'Sherzod Rahimov — management company staff',
    },
    buildingId: DEMO_IDS.building,
  },
  {
    key: 'applicant',
    userId: DEMO_IDS.users.applicant,
    role: 'management_company',
    label: {
      uz: 'Kamola Tursunova — reyestrga kirmagan kompaniya xodimi',
      ru: 'Камола Турсунова — сотрудник компании вне реестра',
      en: 'Kamola Tursunova — staff of a company not yet in the register',
    },
  },
  {
    key: 'dispatcher',
    userId: DEMO_IDS.users.dispatcher,
    role: 'management_company',
    label: {
      uz: 'Nodira Saidova — avariya-dispetcherlik xizmati dispetcheri',
      ru: 'Нодира Саидова — диспетчер аварийно-диспетчерской службы',
      en: 'Nodira Saidova — dispatcher of the 24-hour service',
    },
    buildingId: DEMO_IDS.building,
  },
  {
    key: 'technician',
    userId: DEMO_IDS.users.technician,
    role: 'management_company',
    label: {
      uz: 'Rustam Aliyev — navbatchi usta',
      ru: 'Рустам Алиев — дежурный мастер',
      en: 'Rustam Aliyev — technician on call',
    },
    buildingId: DEMO_IDS.building,
  },
  {
    key: 'council',
    userId: DEMO_IDS.users.council,
    role: 'council',
    label: {
      uz: 'Malika Yusupova — Yunusobod tumani Kengashi',
      ru: 'Малика Юсупова — Кенгаш Юнусабадского района',
      en: 'Malika Yusupova — Yunusobod district council',
    },
  },
  {
    key: 'inspector',
    userId: DEMO_IDS.users.inspector,
    role: 'inspector',
    label: {
      uz: 'Jasur Nazarov — uy-joy inspektori, Yunusobod',
      ru: 'Жасур Назаров — жилищный инспектор, Юнусабад',
      en: 'Jasur Nazarov — housing inspector, Yunusobod',
    },
  },
  {
    key: 'admin',
    userId: DEMO_IDS.users.admin,
    role: 'admin',
    label: { uz: 'Tizim administratori', ru: 'Администратор системы', en: 'System administrator' },
  },
  {
    key: 'developer',
    userId: DEMO_IDS.users.developer,
    role: 'developer',
    label: {
      uz: 'Bobur Qodirov — quruvchi kompaniya xodimi',
      ru: 'Бобур Кодиров — сотрудник застройщика',
      en: 'Bobur Qodirov — staff of a developer',
    },
  },
];
