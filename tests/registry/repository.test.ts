// Registry reads against real PostgreSQL and a small seeded demo: pagination, every scope kind,
// shares, the reconciliation input, determinism of the seed, and the constraints that keep the
// register consistent whatever the application does.
import { CheckConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { Ownership, Person } from '../../db/registry/entities.ts';
import {
  buildingReconciliationInput,
  getApartmentOwners,
  getBuilding,
  getDistrict,
  getUserWithGrants,
  listApartments,
  listBuildings,
  listDistricts,
  listMyApartments,
} from '../../db/registry/repository.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import { buildingScopeOf } from '../../domain/access/roles.ts';
import { reconcileBuilding } from '../../domain/registry/reconcile.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';

const SEED = 424242;
const APARTMENTS = 600;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'repository');
  orm = await createOrm({ url: db.url, poolMax: 4 });
  await seedDemo(orm, { seed: SEED, apartments: APARTMENTS });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

/** "Yunusobod 4-mavze, 12-uy" → ['Yunusobod ', 4, '-mavze, ', 12, '-uy'] compared piecewise. */
function naturalCompare(a: string, b: string): number {
  const split = (s: string) => s.split(/(\d+)/).map((p, i) => (i % 2 ? Number(p) : p));
  const [x, y] = [split(a), split(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

async function allBuildings(scope: Parameters<typeof listBuildings>[1]) {
  const items = [];
  for (let page = 1; ; page++) {
    const p = await listBuildings(em(), scope, { page, pageSize: 25 });
    items.push(...p.items);
    if (p.items.length < 25) return { items, total: p.total };
  }
}

async function grantsOf(userId: string) {
  const found = await getUserWithGrants(em(), userId);
  if (!found) throw new Error(`no user ${userId}`);
  const [g] = found.grants;
  return buildingScopeOf({
    userId,
    personId: found.person?.id ?? null,
    roles: found.grants.map((x) => x.role),
    organizationId: g?.organizationId ?? null,
    districtId: g?.districtId ?? null,
    name: found.user.displayName,
  });
}

describe('districts', () => {
  it('lists both districts with their councils and building counts', async () => {
    const page = await listDistricts(em(), { page: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.items.map((d) => d.name)).toEqual(['Chilonzor tumani', 'Yunusobod tumani']);
    expect(
      page.items.every((d) => d.council.name.includes('Kengashi') && d.regionName === 'Toshkent shahri'),
    ).toBe(true);
    const all = await listBuildings(em(), { kind: 'all' }, { page: 1, pageSize: 1 });
    expect(page.items.reduce((s, d) => s + d.buildingCount, 0)).toBe(all.total);
    expect(await getDistrict(em(), page.items[1]!.id)).toEqual(page.items[1]);
    expect(await getDistrict(em(), UNKNOWN)).toBeNull();
    expect(await getDistrict(em(), 'not-a-uuid')).toBeNull();
  });

  it('pages past the end are empty but keep the total', async () => {
    const page = await listDistricts(em(), { page: 5, pageSize: 1 });
    expect(page).toEqual({ items: [], page: 5, pageSize: 1, total: 2 });
  });
});

describe('buildings', () => {
  it('pages are disjoint, complete and in natural address order', async () => {
    const { items, total } = await allBuildings({ kind: 'all' });
    expect(items).toHaveLength(total);
    expect(new Set(items.map((b) => b.id)).size).toBe(total);
    const addresses = items.map((b) => b.address);
    expect(addresses).toEqual([...addresses].sort(naturalCompare));
    const apartments = items.reduce((s, b) => s + b.apartmentCount, 0);
    expect(apartments).toBe(APARTMENTS);
  });

  it('filters by district and condition class', async () => {
    const districts = await listDistricts(em(), { page: 1, pageSize: 10 });
    const chilonzor = districts.items[0]!;
    const page = await listBuildings(
      em(),
      { kind: 'all' },
      { page: 1, pageSize: 200, districtId: chilonzor.id },
    );
    expect(page.total).toBe(chilonzor.buildingCount);
    expect(page.items.every((b) => b.district.id === chilonzor.id)).toBe(true);
    const red = await listBuildings(em(), { kind: 'all' }, { page: 1, pageSize: 200, conditionClass: 'red' });
    expect(red.items.every((b) => b.conditionClass === 'red')).toBe(true);
  });

  it('a building carries its registry data', async () => {
    const b = (await getBuilding(em(), DEMO_IDS.building))!;
    expect(b).toMatchObject({
      address: 'Yunusobod 4-mavze, 12-uy',
      floors: 9,
      entrances: 2,
      apartmentCount: 72,
      district: { name: 'Yunusobod tumani' },
      managementOrganization: { registerStatus: 'registered' },
    });
    expect(b.totalArea).toBeGreaterThan(b.livingArea);
    expect(Number.isInteger(Math.round(b.livingArea * 100))).toBe(true);
    expect(await getBuilding(em(), UNKNOWN)).toBeNull();
  });
});

describe('scopes', () => {
  it('a council officer and an inspector see exactly their district', async () => {
    for (const user of [DEMO_IDS.users.council, DEMO_IDS.users.inspector]) {
      const scope = await grantsOf(user);
      expect(scope.kind).toBe('district');
      const { items, total } = await allBuildings(scope);
      const yunusobod = (await listDistricts(em(), { page: 1, pageSize: 10 })).items[1]!;
      expect(total).toBe(yunusobod.buildingCount);
      expect(items.every((b) => b.district.id === yunusobod.id)).toBe(true);
    }
  });

  it('a management company sees only the buildings it manages', async () => {
    const scope = await grantsOf(DEMO_IDS.users.manager);
    expect(scope.kind).toBe('organization');
    const { items, total } = await allBuildings(scope);
    const all = await listBuildings(em(), { kind: 'all' }, { page: 1, pageSize: 1 });
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all.total);
    expect(new Set(items.map((b) => b.managementOrganization?.id)).size).toBe(1);
    expect(items.some((b) => b.id === DEMO_IDS.building)).toBe(true);
  });

  it('an owner sees the buildings where they own, wherever those are', async () => {
    const resident = await allBuildings(await grantsOf(DEMO_IDS.users.resident));
    expect(resident.items.map((b) => b.id)).toEqual([DEMO_IDS.building]);
    // Someone from the generated population who owns in two buildings.
    const [row] = await em().execute<{ personId: string; n: number }[]>(
      `select o.person_id as "personId", count(distinct a.building_id)::int as n
       from ownership o join apartment a on a.id = o.apartment_id
       group by o.person_id having count(distinct a.building_id) > 1 order by o.person_id limit 1`,
    );
    expect(row).toBeDefined();
    const theirs = await allBuildings({ kind: 'owner', personId: row!.personId });
    expect(theirs.total).toBe(row!.n);
  });

  it('none sees nothing, and scope checks agree with the lists', async () => {
    expect(await listBuildings(em(), { kind: 'none' }, { page: 1, pageSize: 10 })).toEqual({
      items: [],
      page: 1,
      pageSize: 10,
      total: 0,
    });
    const building = DEMO_IDS.building;
    const other = (await listBuildings(em(), { kind: 'all' }, { page: 1, pageSize: 200 })).items.find(
      (b) => b.district.name === 'Chilonzor tumani',
    )!;
    const resident = await grantsOf(DEMO_IDS.users.resident);
    const council = await grantsOf(DEMO_IDS.users.council);
    expect(await isBuildingInScope(em(), resident, building)).toBe(true);
    expect(await isBuildingInScope(em(), resident, other.id)).toBe(false);
    expect(await isBuildingInScope(em(), council, building)).toBe(true);
    expect(await isBuildingInScope(em(), council, other.id)).toBe(false);
    expect(await isBuildingInScope(em(), { kind: 'all' }, other.id)).toBe(true);
    expect(await isBuildingInScope(em(), { kind: 'all' }, UNKNOWN)).toBe(false);
    expect(await isBuildingInScope(em(), { kind: 'all' }, 'x')).toBe(false);
    expect(await isBuildingInScope(em(), { kind: 'none' }, building)).toBe(false);
  });
});

describe('apartments and owners', () => {
  it('lists apartments in numeric order with consistent totals', async () => {
    const first = await listApartments(em(), DEMO_IDS.building, { page: 1, pageSize: 10 });
    const second = await listApartments(em(), DEMO_IDS.building, { page: 2, pageSize: 10 });
    expect(first.total).toBe(72);
    expect([...first.items, ...second.items].map((a) => a.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1)),
    );
    const last = await listApartments(em(), DEMO_IDS.building, { page: 8, pageSize: 10 });
    expect(last.items.map((a) => [a.number, a.entrance, a.floor])).toEqual([
      ['71', 2, 9],
      ['72', 2, 9],
    ]);
    expect(last.items.every((a) => a.area >= 28 && a.area <= 120)).toBe(true);
  });

  it('co-owners hold exact shares; my apartments carry my share and the owner count', async () => {
    const owners = await getApartmentOwners(em(), DEMO_IDS.apartments.residentShared);
    expect(owners.map((o) => [o.personId, o.share])).toEqual(
      expect.arrayContaining([
        [DEMO_IDS.persons.resident, { numerator: 1, denominator: 2 }],
        [DEMO_IDS.persons.resident2, { numerator: 1, denominator: 2 }],
      ]),
    );
    expect(owners).toHaveLength(2);
    const mine = await listMyApartments(em(), DEMO_IDS.persons.resident);
    expect(mine.map((a) => [a.number, a.share, a.coOwners])).toEqual([
      ['12', { numerator: 1, denominator: 1 }, 1],
      ['47', { numerator: 1, denominator: 2 }, 2],
    ]);
    expect(mine[0]!.address).toBe('Yunusobod 4-mavze, 12-uy');
    expect((await listMyApartments(em(), DEMO_IDS.persons.resident2)).map((a) => a.id)).toEqual([
      DEMO_IDS.apartments.residentShared,
    ]);
    expect(await listMyApartments(em(), UNKNOWN)).toEqual([]);
  });

  it('generated co-ownerships are whole or knowingly incomplete, never above 1', async () => {
    const rows = await em().execute<{ over: number; coOwned: number }[]>(
      `select count(*) filter (where s > 1)::int as over, count(*) filter (where n > 1)::int as "coOwned"
       from (select apartment_id, sum(share_numerator::numeric / share_denominator) s, count(*) n
             from ownership group by apartment_id) t`,
    );
    expect(rows[0]!.over).toBe(0);
    expect(rows[0]!.coOwned).toBeGreaterThan(APARTMENTS * 0.05);
  });
});

describe('accounts', () => {
  it('returns users with their person and scoped grants', async () => {
    const manager = (await getUserWithGrants(em(), DEMO_IDS.users.manager))!;
    const building = (await getBuilding(em(), DEMO_IDS.building))!;
    expect(manager.person?.id).toBe(DEMO_IDS.persons.manager);
    expect(manager.grants).toEqual([
      expect.objectContaining({
        role: 'management_company',
        organizationId: building.managementOrganization!.id,
      }),
    ]);
    const admin = (await getUserWithGrants(em(), DEMO_IDS.users.admin))!;
    expect(admin.person).toBeNull();
    expect(admin.grants.map((g) => g.role)).toEqual(['admin']);
    expect(await getUserWithGrants(em(), UNKNOWN)).toBeNull();
    expect(await getUserWithGrants(em(), 'sub-from-a-foreign-token')).toBeNull();
  });
});

describe('reconciliation input', () => {
  it('carries every apartment with its shares, in order', async () => {
    const input = (await buildingReconciliationInput(em(), DEMO_IDS.building))!;
    expect(input.apartments).toHaveLength(72);
    expect(input.apartments.map((a) => a.number).slice(0, 12)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
    const shared = input.apartments.find((a) => a.id === DEMO_IDS.apartments.residentShared)!;
    expect(shared.shares).toEqual([
      { num: 1, den: 2 },
      { num: 1, den: 2 },
    ]);
    // The persona building is the clean one of the demo.
    expect(reconcileBuilding(input)).toEqual([]);
    expect(await buildingReconciliationInput(em(), UNKNOWN)).toBeNull();
  });

  it('the demo holds buildings the registry check will flag', async () => {
    const ids = await em().execute<{ id: string }[]>('select id from building order by id');
    const kinds = new Set<string>();
    for (const { id } of ids) {
      for (const f of reconcileBuilding((await buildingReconciliationInput(em(), id))!)) kinds.add(f.kind);
    }
    expect([...kinds].sort()).toEqual(['apartments_exceed_living_area', 'no_owner', 'shares_not_whole']);
  });
});

describe('determinism', () => {
  const fingerprint = (url: string) =>
    withOrm(url, async (o) => {
      const out: Record<string, string> = {};
      for (const table of [
        'region',
        'district',
        'council',
        'management_organization',
        'building',
        'apartment',
        'person',
        'ownership',
        'user_account',
        'role_grant',
      ]) {
        const [r] = await o.em
          .fork()
          .execute<{ h: string }[]>(
            `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as h from "${table}" t`,
          );
        out[table] = r!.h;
      }
      return out;
    });

  it('the same seed gives the same ids and rows; another seed does not', async () => {
    const twin = await createTestDatabase(inject('postgres'), 'repository_twin');
    try {
      await withOrm(twin.url, (o) =>
        seedDemo(o, { seed: SEED, apartments: APARTMENTS }).then(() => undefined),
      );
      const [a, b] = await Promise.all([fingerprint(db.url), fingerprint(twin.url)]);
      expect(b).toEqual(a);
      await withOrm(twin.url, async (o) => {
        await o.em
          .fork()
          .execute(
            'truncate table region, district, council, management_organization, building, apartment, person, ownership, user_account, role_grant cascade',
          );
        await seedDemo(o, { seed: SEED + 1, apartments: APARTMENTS });
      });
      const c = await fingerprint(twin.url);
      expect(c.building).not.toBe(a.building);
      expect(c.person).not.toBe(a.person);
    } finally {
      await twin.drop();
    }
  });
});

describe('constraints', () => {
  const apartmentOf = async () =>
    (await em().execute<{ id: string }[]>('select id from apartment order by id limit 1'))[0]!.id;

  it('rejects a second person with the same PINFL', async () => {
    const [existing] = await em().execute<{ pinfl: string }[]>(
      'select pinfl from person order by id limit 1',
    );
    const e = em();
    e.create(Person, { pinfl: existing!.pinfl, fullName: 'Dublikat Shaxs', language: 'uz' });
    await expect(e.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('rejects a malformed PINFL', async () => {
    const e = em();
    e.create(Person, { pinfl: '1234567890123', fullName: "Noto'g'ri PINFL", language: 'uz' });
    await expect(e.flush()).rejects.toBeInstanceOf(CheckConstraintViolationException);
  });

  it('rejects a share above 1 or of zero', async () => {
    const apartment = await apartmentOf();
    for (const [shareNumerator, shareDenominator] of [
      [3, 2],
      [0, 2],
    ] as const) {
      const e = em();
      e.create(Ownership, { person: DEMO_IDS.persons.council, apartment, shareNumerator, shareDenominator });
      await expect(e.flush()).rejects.toBeInstanceOf(CheckConstraintViolationException);
    }
  });

  it('rejects the same person owning the same apartment twice', async () => {
    const e = em();
    e.create(Ownership, {
      person: DEMO_IDS.persons.resident,
      apartment: DEMO_IDS.apartments.residentSole,
      shareNumerator: 1,
      shareDenominator: 1,
    });
    await expect(e.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });
});
