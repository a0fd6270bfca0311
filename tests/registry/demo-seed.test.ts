// The demo generator at its default size: shape and realism of the data (pure, no database), and
// one full seed into PostgreSQL with the defaults `npm start` uses.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import {
  DEMO_IDS,
  DEMO_PERSONAS,
  generateDemo,
  isDatabaseEmpty,
  resetRegistry,
  seedDemo,
} from '../../db/seed/demo.ts';
import { LOTS_DEMO_LOTS, lotsDemoApartments } from '../../db/seed/plan.ts';
import {
  DEFAULT_CADASTRAL_PATTERN,
  isCadastralNumber,
  isPinfl,
  isTin,
} from '../../domain/common/identifiers.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const defaults = loadConfig({}).demo;

describe('generated demo data', () => {
  const d = generateDemo(defaults);
  const buildingOf = new Map(d.buildings.map((b) => [b.id, b]));

  it('has the default size: at least 50 buildings, the configured apartments and the lots quarters', () => {
    expect(defaults.apartments).toBe(3200);
    const yunusobod = new Set(d.buildings.filter((b) => b.district === d.districts[0]!.id).map((b) => b.id));
    const chilonzor = d.apartments.filter((a) => !yunusobod.has(a.building)).length;
    // The configured size, plus the demo district topped up to its lots' apartments with full buildings.
    const wanted = lotsDemoApartments(defaults.lots.minApartments);
    expect(wanted).toBeGreaterThanOrEqual(7000 * LOTS_DEMO_LOTS);
    expect(d.apartments.length - chilonzor).toBeGreaterThanOrEqual(wanted);
    expect(d.apartments.length - chilonzor).toBeLessThan(wanted + 200);
    // A larger minimum tops it up further: the figure follows the policy.
    const bigger = generateDemo({ ...defaults, lots: { minApartments: 9000 } });
    const biggerIds = new Set(
      bigger.buildings.filter((b) => b.district === bigger.districts[0]!.id).map((b) => b.id),
    );
    expect(bigger.apartments.filter((a) => biggerIds.has(a.building)).length).toBeGreaterThanOrEqual(
      lotsDemoApartments(9000),
    );
    expect(generateDemo({ ...defaults, apartments: 20_000 }).apartments).toHaveLength(20_000);
    expect(d.buildings.length).toBeGreaterThanOrEqual(50);
    expect(d.districts.map((x) => x.name)).toEqual(['Yunusobod tumani', 'Chilonzor tumani']);
    expect(d.regions[0]!.name).toBe('Toshkent shahri');
    expect(d.councils).toHaveLength(2);
  });

  it('uses national identifier formats', () => {
    expect(d.buildings.every((b) => isCadastralNumber(b.cadastralNumber, DEFAULT_CADASTRAL_PATTERN))).toBe(
      true,
    );
    expect(d.persons.every((p) => isPinfl(p.pinfl))).toBe(true);
    expect(new Set(d.persons.map((p) => p.pinfl)).size).toBe(d.persons.length);
    expect(d.organizations.length).toBeGreaterThanOrEqual(3);
    expect(d.organizations.every((o) => isTin(o.tin))).toBe(true);
    expect(d.organizations.filter((o) => o.registerStatus === 'suspended')).toHaveLength(1);
    expect(d.persons.filter((p) => p.phone !== null).every((p) => /^\+998\d{9}$/.test(p.phone!))).toBe(true);
  });

  it('has plausible buildings and apartments', () => {
    for (const b of d.buildings) {
      expect([4, 5, 9, 12, 16]).toContain(b.floors);
      expect(b.yearBuilt).toBeGreaterThanOrEqual(1965);
      expect(b.yearBuilt).toBeLessThanOrEqual(2024);
      expect(b.totalArea).toBeGreaterThan(b.livingArea);
      expect(b.address).toMatch(/^(Yunusobod \d+-mavze|Chilonzor \d+-kvartal), \d+[a-z]?-uy$/);
    }
    const perBuilding = new Map<string, number>();
    for (const a of d.apartments) {
      const b = buildingOf.get(a.building)!;
      expect(a.area).toBeGreaterThanOrEqual(28);
      expect(a.area).toBeLessThanOrEqual(120);
      expect(a.floor).toBeLessThanOrEqual(b.floors);
      expect(a.entrance).toBeLessThanOrEqual(b.entrances);
      perBuilding.set(a.building, (perBuilding.get(a.building) ?? 0) + 1);
      expect(a.number).toBe(String(perBuilding.get(a.building)));
    }
    const conditions = new Set(d.buildings.map((b) => b.conditionClass));
    expect(conditions).toEqual(new Set(['green', 'yellow', 'red', null]));
  });

  it('has co-owners, multi-apartment owners and a handful of unowned apartments', () => {
    const owners = new Map<string, number>();
    const holdings = new Map<string, number>();
    for (const o of d.ownerships) {
      expect(o.shareNumerator).toBeGreaterThan(0);
      expect(o.shareNumerator).toBeLessThanOrEqual(o.shareDenominator);
      owners.set(o.apartment, (owners.get(o.apartment) ?? 0) + 1);
      holdings.set(o.person, (holdings.get(o.person) ?? 0) + 1);
    }
    const coOwned = [...owners.values()].filter((n) => n > 1).length;
    expect(coOwned / d.apartments.length).toBeGreaterThan(0.07);
    expect(coOwned / d.apartments.length).toBeLessThan(0.13);
    const unowned = d.apartments.length - owners.size;
    expect(unowned).toBeGreaterThanOrEqual(3);
    expect(unowned).toBeLessThan(d.apartments.length * 0.01);
    expect([...holdings.values()].filter((n) => n > 1).length).toBeGreaterThan(20);
    expect(new Set(d.persons.map((p) => p.language))).toEqual(new Set(['uz', 'ru', 'en']));
    expect(d.persons.some((p) => /[А-Яа-я]/.test(p.fullName))).toBe(true);
    expect(d.persons.some((p) => /o'g'li$/.test(p.fullName))).toBe(true);
  });

  it('is a pure function of the seed', () => {
    expect(generateDemo(defaults)).toEqual(d);
    expect(generateDemo({ ...defaults, seed: defaults.seed + 1 }).buildings[1]!.id).not.toBe(
      d.buildings[1]!.id,
    );
  });

  it('gives every persona its user, and the fixed rows exist', () => {
    expect(DEMO_PERSONAS.map((p) => p.key)).toEqual([
      'resident',
      'resident2',
      'manager',
      'applicant',
      'dispatcher',
      'technician',
      'council',
      'inspector',
      'admin',
      'developer',
    ]);
    for (const p of DEMO_PERSONAS) {
      expect(d.users.some((u) => u.id === p.userId)).toBe(true);
      expect(d.grants.filter((g) => g.user === p.userId).map((g) => g.role)).toEqual([p.role]);
    }
    expect(buildingOf.get(DEMO_IDS.building)?.address).toBe('Yunusobod 4-mavze, 12-uy');
  });
});

describe('seeding PostgreSQL with the defaults', () => {
  let db: TestDatabase;
  let orm: Orm;
  beforeAll(async () => {
    db = await createTestDatabase(inject('postgres'), 'demo_seed');
    orm = await createOrm({ url: db.url });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('fills an empty database, reports progress, and can be reset', async () => {
    expect(await isDatabaseEmpty(orm.em.fork())).toBe(true);
    const progress: [number, number][] = [];
    const result = await seedDemo(orm, {
      ...defaults,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const generated = generateDemo(defaults).apartments.length;
    expect(result.apartments).toBe(generated);
    expect(result.buildings).toBeGreaterThanOrEqual(50);
    const [counts] = await orm.em
      .fork()
      .execute<{ b: number; a: number }[]>(
        'select (select count(*) from building)::int b, (select count(*) from apartment)::int a',
      );
    expect(counts).toEqual({ b: result.buildings, a: generated });
    // A class is never shown without the assessments and reasons behind it: every classed building
    // has its latest classification, of the same class, over an assessment of each required element,
    // with a reason for any class worse than green; an unclassed one has neither.
    const classes = await orm.em
      .fork()
      .execute<{ cls: string | null; outcome: string | null; reasons: number; elements: number }[]>(
        `select b.condition_class cls, c.outcome, coalesce(jsonb_array_length(c.reasons), 0)::int reasons,
              (select count(distinct e.element) from element_assessment e where e.building_id = b.id)::int elements
         from building b
         left join lateral (select outcome, reasons from building_classification x
                             where x.building_id = b.id order by x.seq desc limit 1) c on true`,
      );
    expect(classes.length).toBe(result.buildings);
    for (const row of classes) {
      expect(row.outcome).toBe(row.cls);
      expect(row.elements).toBe(row.cls === null ? 0 : 7);
      if (row.cls === 'yellow' || row.cls === 'red') expect(row.reasons).toBeGreaterThan(0);
    }
    expect(new Set(classes.map((r) => r.cls))).toEqual(new Set(['green', 'yellow', 'red', null]));
    expect(progress[0]![0]).toBe(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(await isDatabaseEmpty(orm.em.fork())).toBe(false);
    await resetRegistry(orm.em.fork());
    expect(await isDatabaseEmpty(orm.em.fork())).toBe(true);
  });
});
