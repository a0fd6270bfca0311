// Synthetic registry of two Tashkent districts, generated from an integer seed alone: the same
// seed gives the same rows and ids everywhere. Pure (no database), so it is cheap to test and the
// seeder only has to insert what comes out.
import type { Role } from '../../domain/access/roles.ts';
import type { Language } from '../../domain/common/language.ts';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import type { ConditionClass, LandPlotPolygon } from '../../domain/registry/types.ts';
import {
  asciiSlug,
  EMAIL_DOMAINS,
  femaleSurname,
  MOBILE_CODES,
  RU_FEMALE,
  RU_MALE,
  RU_SURNAMES,
  ruPatronymic,
  UZ_FEMALE,
  UZ_MALE,
  UZ_SURNAMES,
} from './names.ts';
import { DEMO_APARTMENT_NUMBERS, DEMO_IDS } from './personas.ts';
import {
  APPLICANT_ORGANIZATION,
  AREA_BY_ROOMS,
  CHILONZOR_SHARE,
  conditionOf,
  DISTRICTS,
  type DistrictPlan,
  type Layout,
  languageOf,
  lotsDemoApartments,
  ORGANIZATIONS,
  pickLayout,
  pinflOf,
  ROOM_PATTERNS,
  SHARE_PATTERNS,
  sample,
  withCheckDigit,
} from './plan.ts';
import { plotOf } from './plots.ts';
import { createRng } from './random.ts';

/** Rows carry a fixed timestamp so that the same seed really gives the same rows. */
export const DEMO_CREATED_AT = new Date('2026-07-01T00:00:00+05:00');

export interface DemoData {
  regions: { id: string; code: string; name: string }[];
  districts: { id: string; region: string; code: string; name: string }[];
  councils: { id: string; district: string; name: string; email: string | null }[];
  organizations: {
    id: string;
    tin: string;
    name: string;
    registerStatus: RegisterStatus;
    email: string;
    phone: string;
    dispatchPhone: string;
  }[];
  buildings: {
    id: string;
    district: string;
    address: string;
    cadastralNumber: string;
    yearBuilt: number;
    floors: number;
    entrances: number;
    totalArea: number;
    livingArea: number;
    conditionClass: ConditionClass | null;
    managementOrganization: string | null;
    plotLon: number | null;
    plotLat: number | null;
    createdAt: Date;
    updatedAt: Date;
  }[];
  apartments: {
    id: string;
    building: string;
    number: string;
    entrance: number;
    floor: number;
    area: number;
  }[];
  persons: {
    id: string;
    pinfl: string;
    fullName: string;
    phone: string | null;
    email: string | null;
    language: Language;
  }[];
  /** Each placed building's land plot (the registry's land_plot), its centre on the building. */
  landPlots: {
    id: string;
    building: string;
    cadastralNumber: string;
    areaM2: number;
    boundary: LandPlotPolygon;
    updatedAt: Date;
  }[];
  ownerships: {
    id: string;
    person: string;
    apartment: string;
    shareNumerator: number;
    shareDenominator: number;
  }[];
  users: { id: string; person: string | null; displayName: string; createdAt: Date }[];
  grants: { id: string; user: string; role: Role; organization: string | null; district: string | null }[];
}

export const MIN_DEMO_APARTMENTS = 100;

const round2 = (x: number) => Math.round(x * 100) / 100;

interface Family {
  surname: string;
  latin: string;
  ethnic: 'uz' | 'ru';
}

export interface DemoOptions {
  seed: number;
  /** Apartments of the two districts as planned. */
  apartments: number;
  /**
   * Top the demo district up to the apartments of its lots of this minimum (lotsDemoApartments)
   * with new quarters, as the configured demo does; a seed of a given size for a test or a
   * benchmark leaves it out.
   */
  lots?: { minApartments: number };
}

export function generateDemo(opts: DemoOptions): DemoData {
  if (!Number.isInteger(opts.apartments) || opts.apartments < MIN_DEMO_APARTMENTS) {
    throw new Error(`demo needs at least ${MIN_DEMO_APARTMENTS} apartments, got ${opts.apartments}`);
  }
  const rng = createRng(opts.seed);
  // Ids come from their own stream, so tuning the data does not reshuffle every id.
  const ids = createRng(opts.seed ^ 0x5bd1e995);
  const data: DemoData = {
    regions: [],
    districts: [],
    councils: [],
    organizations: [],
    buildings: [],
    apartments: [],
    persons: [],
    landPlots: [],
    ownerships: [],
    users: [],
    grants: [],
  };

  const region = { id: ids.uuid(), code: '1726', name: 'Toshkent shahri' };
  data.regions.push(region);
  const districtIds: Record<DistrictPlan['key'], string> = { yunusobod: '', chilonzor: '' };
  for (const d of DISTRICTS) {
    const id = ids.uuid();
    districtIds[d.key] = id;
    data.districts.push({ id, region: region.id, code: d.code, name: d.name });
    data.councils.push({ id: ids.uuid(), district: id, name: d.council.name, email: d.council.email });
  }

  const tins = new Set<string>();
  for (const o of ORGANIZATIONS) {
    let tin: string;
    do tin = `3${rng.digits(8)}`;
    while (tins.has(tin));
    tins.add(tin);
    data.organizations.push({
      id: ids.uuid(),
      tin,
      name: o.name,
      registerStatus: o.status,
      email: `info@${o.domain}`,
      phone: `+99871${rng.digits(7)}`,
      dispatchPhone: `+99871${rng.digits(7)}`,
    });
  }
  const orgId = (i: number | null) => (i === null ? null : data.organizations[i]!.id);

  // --- people -------------------------------------------------------------------------------
  const pinfls = new Set<string>();
  const addPerson = (p: {
    id?: string;
    fullName: string;
    latin: [string, string];
    female: boolean;
    ethnic: 'uz' | 'ru';
    pinfl?: string;
    email?: string;
  }) => {
    const age = rng.int(22, 85);
    const birth = new Date(Date.UTC(2026 - age, rng.int(0, 11), rng.int(1, 28)));
    let pinfl = p.pinfl;
    while (pinfl === undefined || pinfls.has(pinfl)) pinfl = pinflOf(rng, p.female, birth);
    pinfls.add(pinfl);
    const language: Language = languageOf(rng, p.ethnic);
    // Drawn for every person, the cast too, so a cast's fixed address leaves the rest of the town as it was.
    const drawn = rng.chance(0.45)
      ? `${asciiSlug(p.latin[0])}.${asciiSlug(p.latin[1])}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`
      : null;
    const email = p.email ?? drawn;
    const person = {
      id: p.id ?? ids.uuid(),
      pinfl,
      fullName: p.fullName,
      phone: rng.chance(0.92) ? `+998${rng.pick(MOBILE_CODES)}${rng.digits(7)}` : null,
      email,
      language,
    };
    data.persons.push(person);
    return person;
  };
  /** A new person; co-owners share the head's family name, as co-owning spouses mostly do. */
  const randomPerson = (family?: Family) => {
    const ethnic = family?.ethnic ?? (rng.chance(0.86) ? 'uz' : 'ru');
    const female = rng.chance(0.5);
    if (ethnic === 'uz') {
      const surname = family?.surname ?? rng.pick(UZ_SURNAMES);
      const first = rng.pick(female ? UZ_FEMALE : UZ_MALE);
      const father = rng.pick(UZ_MALE);
      const fullName = `${female ? femaleSurname(surname) : surname} ${first} ${father} ${female ? 'qizi' : "o'g'li"}`;
      const person = addPerson({ fullName, latin: [first, surname], female, ethnic });
      return { person, family: { surname, latin: surname, ethnic } satisfies Family };
    }
    const [surname, latin] = family ? [family.surname, family.latin] : rng.pick(RU_SURNAMES);
    const [first, firstLatin] = rng.pick(female ? RU_FEMALE : RU_MALE);
    const [father] = rng.pick(RU_MALE);
    const fullName = `${female ? femaleSurname(surname) : surname} ${first} ${ruPatronymic(father, female)}`;
    const person = addPerson({ fullName, latin: [firstLatin, latin], female, ethnic });
    return { person, family: { surname, latin, ethnic } satisfies Family };
  };

  const cast = DEMO_IDS.persons;
  const DEMO_EMAILS: Record<string, string> = {
    [cast.resident]: 'aziz.karimov@demo.meninguyim.uz',
    [cast.resident2]: 'dilnoza.karimova@demo.meninguyim.uz',
    [cast.manager]: 'sherzod.rahimov@demo.meninguyim.uz',
    [cast.council]: 'malika.yusupova@demo.meninguyim.uz',
    [cast.inspector]: 'jasur.nazarov@demo.meninguyim.uz',
    [cast.dispatcher]: 'nodira.saidova@demo.meninguyim.uz',
    [cast.technician]: 'rustam.aliyev@demo.meninguyim.uz',
  };
  const persona = (id: string, fullName: string, latin: [string, string], female: boolean, pinfl: string) =>
    addPerson({
      id,
      fullName,
      latin,
      female,
      ethnic: 'uz',
      pinfl: withCheckDigit(pinfl),
      // The cast's own mail reaches the development Mail panel, where the portal shows it to them.
      email: DEMO_EMAILS[id],
    });
  persona(cast.resident, "Karimov Aziz Rustam o'g'li", ['Aziz', 'Karimov'], false, '3120585026001');
  persona(cast.resident2, 'Karimova Dilnoza Anvar qizi', ['Dilnoza', 'Karimova'], true, '4170988026002');
  persona(cast.manager, "Rahimov Sherzod Baxtiyor o'g'li", ['Sherzod', 'Rahimov'], false, '3031179026003');
  persona(cast.council, 'Yusupova Malika Akmal qizi', ['Malika', 'Yusupova'], true, '4250482026004');
  persona(cast.inspector, "Nazarov Jasur Ilhom o'g'li", ['Jasur', 'Nazarov'], false, '3090890026005');

  // --- buildings and apartments ---------------------------------------------------------------
  const chilonzorTarget = Math.max(24, Math.round(opts.apartments * CHILONZOR_SHARE));
  const budgets: Record<DistrictPlan['key'], number> = {
    yunusobod: opts.apartments - chilonzorTarget,
    chilonzor: chilonzorTarget,
  };

  const nextSeq: Record<DistrictPlan['key'], number> = { yunusobod: 0, chilonzor: 0 };
  /** One building of `count` apartments and its apartments; random draws in the order they always had. */
  const addBuilding = (
    plan: DistrictPlan,
    at: {
      first: boolean;
      layout: Layout;
      block: number;
      house: number;
      round: number;
      count: number;
      seq: number;
      unmanaged?: boolean;
    },
  ) => {
    const { first, layout, block, house, round, count, seq } = at;
    const suffix = !first && round > 0 ? String.fromCharCode(96 + round) : '';
    const perEntrance = layout.floors * layout.perFloor;
    const entrances = Math.ceil(count / perEntrance);
    const buildingId = first ? DEMO_IDS.building : ids.uuid();
    const pattern = rng.pick(ROOM_PATTERNS[layout.perFloor]!);
    const stackArea = pattern.map((rooms) => {
      const [lo, hi] = AREA_BY_ROOMS[rooms]!;
      return lo + rng.next() * (hi - lo);
    });
    let apartmentsArea = 0;
    for (let k = 0; k < count; k++) {
      const number = String(k + 1);
      const area =
        Math.round(Math.min(120, Math.max(28, stackArea[k % layout.perFloor]! + (rng.next() - 0.5))) * 10) /
        10;
      apartmentsArea += Math.round(area * 100);
      let id: string;
      if (first && number === DEMO_APARTMENT_NUMBERS.residentSole) id = DEMO_IDS.apartments.residentSole;
      else if (first && number === DEMO_APARTMENT_NUMBERS.residentShared)
        id = DEMO_IDS.apartments.residentShared;
      else id = ids.uuid();
      data.apartments.push({
        id,
        building: buildingId,
        number,
        entrance: Math.floor(k / perEntrance) + 1,
        floor: Math.floor((k % perEntrance) / layout.perFloor) + 1,
        area,
      });
    }
    // Declared living area is the apartments' sum (a few are made stale below).
    const living = apartmentsArea / 100;
    const common = living * (0.12 + rng.next() * 0.1);
    const condition = first ? 'yellow' : conditionOf(rng, layout.yearBuilt);
    const manager = first ? 0 : rng.weighted(plan.managers.orgs, plan.managers.weights);
    const cadastralNumber = `10:${plan.cadastral}:${String(block).padStart(2, '0')}:${String(house % 100).padStart(2, '0')}:${String(1 + seq).padStart(4, '0')}`;
    const plot = plotOf(
      plan.plots,
      { block, house, round, entrances, cadastralNumber },
      { alwaysPlaced: first },
    );
    data.buildings.push({
      id: buildingId,
      district: districtIds[plan.key],
      address: plan.address(block, house).replace(/-uy$/, `${suffix}-uy`),
      cadastralNumber,
      yearBuilt: layout.yearBuilt,
      floors: layout.floors,
      entrances,
      totalArea: round2(living + common),
      livingArea: round2(living),
      conditionClass: condition,
      managementOrganization: at.unmanaged ? null : orgId(manager),
      plotLon: plot.plotLon,
      plotLat: plot.plotLat,
      createdAt: DEMO_CREATED_AT,
      updatedAt: DEMO_CREATED_AT,
    });
    // The plot's id is derived, not drawn, so the random streams stay as they were.
    if (plot.plot)
      data.landPlots.push({
        id: `${buildingId.slice(0, 24)}${String(data.landPlots.length).padStart(12, '0')}`,
        building: buildingId,
        cadastralNumber: `${cadastralNumber}:1`,
        ...plot.plot,
        updatedAt: DEMO_CREATED_AT,
      });
  };

  for (const plan of DISTRICTS) {
    let remaining = budgets[plan.key];
    // Every (block, house) once, in a seed-determined order, so addresses never repeat.
    const isPersonaDistrict = plan.key === 'yunusobod';
    const slots: [number, number][] = [];
    for (let b = 1; b <= plan.blocks; b++) {
      for (let h = 1; h <= plan.houses; h++)
        if (!(isPersonaDistrict && b === 4 && h === 12)) slots.push([b, h]);
    }
    for (let i = slots.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    }
    let seq = 0;
    while (remaining > 0) {
      // The persona building comes first, with a fixed id, address and shape.
      const first = isPersonaDistrict && seq === 0;
      const layout: Layout = first
        ? { floors: 9, entrances: 2, perFloor: 4, yearBuilt: 1984 }
        : pickLayout(rng);
      const slot = first ? 0 : isPersonaDistrict ? seq - 1 : seq;
      const [block, house] = first ? [4, 12] : slots[slot % slots.length]!;
      // Past the last slot, letters keep addresses unique ("12a-uy").
      const round = Math.floor(slot / slots.length);
      const capacity = layout.floors * layout.perFloor * layout.entrances;
      // A remainder too small for a building of its own joins this one as a partial entrance.
      const count = first ? Math.min(capacity, remaining) : remaining - capacity < 12 ? remaining : capacity;
      addBuilding(plan, { first, layout, block, house, round, count, seq });
      remaining -= count;
      seq++;
    }
    nextSeq[plan.key] = seq;
  }

  // A few registry entries lag behind a re-measurement: declared living area below the
  // apartments' sum. Finding those is what the registry check is for.
  const others = data.buildings.filter((b) => b.id !== DEMO_IDS.building);
  for (const i of sample(rng, others.length, Math.max(1, Math.round(others.length * 0.02)))) {
    const b = others[i]!;
    b.livingArea = round2(b.livingArea - rng.int(5, 40));
  }

  // --- ownership ------------------------------------------------------------------------------
  const owned = new Set<string>();
  const own = (person: string, apartment: string, num: number, den: number) => {
    data.ownerships.push({ id: ids.uuid(), person, apartment, shareNumerator: num, shareDenominator: den });
    owned.add(apartment);
  };
  own(cast.resident, DEMO_IDS.apartments.residentSole, 1, 1);
  own(cast.resident, DEMO_IDS.apartments.residentShared, 1, 2);
  own(cast.resident2, DEMO_IDS.apartments.residentShared, 1, 2);
  const firstRandomPerson = data.persons.length;
  let missingShares = 0;
  /** Owners for the apartments from index `from` on: sole, co-owned, a handful unowned. */
  const ownFrom = (from: number) => {
    const count = data.apartments.length - from;
    // A handful of apartments have no registered owner yet (never in the persona building).
    const unowned = new Set<number>();
    const candidates = data.apartments.flatMap((a, i) =>
      i < from || a.building === DEMO_IDS.building ? [] : [i],
    );
    for (const k of sample(rng, candidates.length, Math.max(3, Math.round(count * 0.004)))) {
      unowned.add(candidates[k]!);
    }
    for (let index = from; index < data.apartments.length; index++) {
      const a = data.apartments[index]!;
      if (owned.has(a.id) || unowned.has(index)) continue;
      const r = rng.next();
      // Some people own more than one apartment (an investment flat, parents' flat).
      const reuse = data.persons.length > firstRandomPerson + 20 && rng.chance(0.06);
      const head: { person: { id: string }; family?: Family } = reuse
        ? { person: data.persons[rng.int(firstRandomPerson, data.persons.length - 1)]! }
        : randomPerson();
      if (r >= 0.1) {
        own(head.person.id, a.id, 1, 1);
        continue;
      }
      const shares = rng.weighted(SHARE_PATTERNS.values, SHARE_PATTERNS.weights);
      // Now and then (and at least once) a co-owner's share is missing from the register, so the
      // shares sum below 1.
      const missing = a.building !== DEMO_IDS.building && (missingShares === 0 || rng.chance(0.03));
      if (missing) missingShares++;
      const registered = missing ? shares.slice(0, -1) : shares;
      registered.forEach(([num, den], i) => {
        const person = i === 0 ? head.person : randomPerson(head.family).person;
        own(person.id, a.id, num, den);
      });
    }
  };
  ownFrom(0);

  // --- accounts of the cast -------------------------------------------------------------------
  const yunusobod = districtIds.yunusobod;
  const users = DEMO_IDS.users;
  const account = (id: string, person: string | null, displayName: string) =>
    data.users.push({ id, person, displayName, createdAt: DEMO_CREATED_AT });
  const grant = (user: string, role: Role, scope: { organization?: string; district?: string } = {}) =>
    data.grants.push({
      id: ids.uuid(),
      user,
      role,
      organization: scope.organization ?? null,
      district: scope.district ?? null,
    });
  account(users.resident, cast.resident, 'Aziz Karimov');
  account(users.resident2, cast.resident2, 'Dilnoza Karimova');
  account(users.manager, cast.manager, 'Sherzod Rahimov');
  account(users.council, cast.council, 'Malika Yusupova');
  account(users.inspector, cast.inspector, 'Jasur Nazarov');
  account(users.admin, null, 'Tizim administratori');
  grant(users.resident, 'resident');
  grant(users.resident2, 'resident');
  grant(users.manager, 'management_company', { organization: orgId(0)! });
  grant(users.council, 'council', { district: yunusobod });
  grant(users.inspector, 'inspector', { district: yunusobod });
  grant(users.admin, 'admin');

  // Last, so the random streams above are exactly what they were before this organization existed.
  let tin: string;
  do tin = `3${rng.digits(8)}`;
  while (tins.has(tin));
  data.organizations.push({
    id: DEMO_IDS.organizations.applicant,
    tin,
    name: APPLICANT_ORGANIZATION.name,
    registerStatus: 'applicant',
    email: `info@${APPLICANT_ORGANIZATION.domain}`,
    phone: `+99871${rng.digits(7)}`,
    dispatchPhone: `+99871${rng.digits(7)}`,
  });
  persona(cast.applicant, 'Tursunova Kamola Bahodir qizi', ['Kamola', 'Tursunova'], true, '4120791026006');
  account(users.applicant, cast.applicant, 'Kamola Tursunova');
  grant(users.applicant, 'management_company', { organization: DEMO_IDS.organizations.applicant });
  // Later still, for the same reason: the developer persona came with commissioning.
  persona(cast.developer, "Qodirov Bobur Anvar o'g'li", ['Bobur', 'Qodirov'], false, '3140383026007');
  account(users.developer, cast.developer, 'Bobur Qodirov');
  grant(users.developer, 'developer');

  // Last of all, so every row above is what it was before lots existed: new quarters of the demo
  // district (blocks after the plan's last, full buildings) until it holds two lots' apartments.
  // They have no manager yet: the lot's choice is what gives them one, and the organizations'
  // own lists stay as they were.
  const demo = DISTRICTS[0]!;
  const have = data.apartments.length - chilonzorTarget;
  const wanted = opts.lots ? lotsDemoApartments(opts.lots.minApartments) : 0;
  if (have < wanted) {
    const from = data.apartments.length;
    let remaining = wanted - have;
    let seq = nextSeq[demo.key];
    for (let n = 0; remaining > 0; n++) {
      const layout = pickLayout(rng);
      const count = layout.floors * layout.perFloor * layout.entrances;
      const block = demo.blocks + 1 + Math.floor(n / demo.houses);
      const house = 1 + (n % demo.houses);
      addBuilding(demo, { first: false, layout, block, house, round: 0, count, seq, unmanaged: true });
      remaining -= count;
      seq++;
    }
    ownFrom(from);
  }
  // After everything, for the same reason: the dispatch service's dispatcher and technician, staff
  // of the persona building's organization, came with it.
  persona(cast.dispatcher, 'Saidova Nodira Rustam qizi', ['Nodira', 'Saidova'], true, '4150391026008');
  persona(cast.technician, "Aliyev Rustam Shavkat o'g'li", ['Rustam', 'Aliyev'], false, '3220786026009');
  account(users.dispatcher, cast.dispatcher, 'Nodira Saidova');
  account(users.technician, cast.technician, 'Rustam Aliyev');
  grant(users.dispatcher, 'management_company', { organization: orgId(0)! });
  grant(users.technician, 'management_company', { organization: orgId(0)! });
  return data;
}
