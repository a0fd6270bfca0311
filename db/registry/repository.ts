// Registry reads. Each function takes a forked EntityManager and returns the API's view types.
// Lists, counts and scope checks are SQL: one round trip per page instead of hydrating entities.
// Every list has a total order (natural order of addresses and apartment numbers, then id), so
// pages never overlap or skip rows.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuildingScope, Role } from '../../domain/access/roles.ts';
import type { Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import type { ReconciliationInput } from '../../domain/registry/reconcile.ts';
import type {
  ApartmentView,
  BuildingView,
  ConditionClass,
  DistrictView,
  MyApartmentView,
  OwnershipView,
} from '../../domain/registry/types.ts';
import { Lru, versionedJson } from '../read-cache.ts';
import {
  emptyPage,
  isUuid,
  type JsonText,
  type PageRequest,
  pageTotal,
  paging,
  parseJsonText,
  preparedRows,
  statement,
  statementsBy,
} from '../sql.ts';
import { RoleGrant, UserAccount } from './entities.ts';
import { scopeKeyOf, scopeWhere } from './scope.ts';

export interface BuildingFilter extends PageRequest {
  districtId?: string;
  conditionClass?: ConditionClass;
}

export interface UserWithGrants {
  user: { id: string; displayName: string; createdAt: Date };
  person: {
    id: string;
    pinfl: string;
    fullName: string;
    phone: string | null;
    email: string | null;
    language: Language;
  } | null;
  grants: { id: string; role: Role; organizationId: string | null; districtId: string | null }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Sort key that orders embedded numbers by value ("2-mavze" before "10-mavze", "9" before "10"):
 * every digit run is left-padded to 8 digits. Byte order ("C") so every server sorts alike,
 * whatever collation its database was created with.
 */
const natural = (expr: string) =>
  `regexp_replace(regexp_replace(${expr}, '([0-9]+)', '00000000\\1', 'g'), '0*([0-9]{8})', '\\1', 'g') collate "C"`;

// --- districts -----------------------------------------------------------------------------

interface DistrictRow {
  id: string;
  code: string;
  name: string;
  regionId: string;
  regionName: string;
  councilId: string;
  councilName: string;
  councilEmail: string | null;
  buildingCount: number;
}

// A district is listed together with its council; one without a council is not yet usable.
const DISTRICT_SELECT = `
  select d.id, d.code, d.name, r.id as "regionId", r.name as "regionName",
         c.id as "councilId", c.name as "councilName", c.email as "councilEmail",
         (select count(*) from building b where b.district_id = d.id)::int as "buildingCount"
  from district d
  join region r on r.id = d.region_id
  join council c on c.district_id = d.id`;

const districtView = (r: DistrictRow): DistrictView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  regionId: r.regionId,
  regionName: r.regionName,
  council: { id: r.councilId, name: r.councilName, email: r.councilEmail },
  buildingCount: r.buildingCount,
});

export async function listDistricts(em: EntityManager, req: PageRequest): Promise<Page<DistrictView>> {
  const { page, pageSize, offset } = paging(req);
  const [rows, count] = await Promise.all([
    em.execute<DistrictRow[]>(`${DISTRICT_SELECT} order by ${natural('d.name')}, d.id limit ? offset ?`, [
      pageSize,
      offset,
    ]),
    em.execute<{ total: number }[]>(
      'select count(*)::int as total from district d join council c on c.district_id = d.id',
    ),
  ]);
  return { items: rows.map(districtView), page, pageSize, total: count[0]?.total ?? 0 };
}

export async function getDistrict(em: EntityManager, id: string): Promise<DistrictView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<DistrictRow[]>(`${DISTRICT_SELECT} where d.id = ?`, [id]);
  return rows[0] ? districtView(rows[0]) : null;
}

// --- buildings -----------------------------------------------------------------------------

interface BuildingRow {
  id: string;
  address: string;
  cadastralNumber: string;
  yearBuilt: number;
  floors: number;
  entrances: number;
  totalArea: number;
  livingArea: number;
  conditionClass: ConditionClass | null;
  districtId: string;
  districtName: string;
  orgId: string | null;
  orgTin: string | null;
  orgName: string | null;
  orgStatus: RegisterStatus | null;
  apartmentCount: number;
}

const BUILDING_COLUMNS = `b.id, b.address, b.cadastral_number as "cadastralNumber", b.year_built as "yearBuilt",
         b.floors, b.entrances, b.total_area::float8 as "totalArea", b.living_area::float8 as "livingArea",
         b.condition_class as "conditionClass", d.id as "districtId", d.name as "districtName",
         mo.id as "orgId", mo.tin as "orgTin", mo.name as "orgName", mo.register_status as "orgStatus",
         (select count(*) from apartment a where a.building_id = b.id)::int as "apartmentCount"`;
const BUILDING_FROM = `from building b
  join district d on d.id = b.district_id
  left join management_organization mo on mo.id = b.management_organization_id`;
const BUILDING_SELECT = `select ${BUILDING_COLUMNS} ${BUILDING_FROM}`;

const buildingView = (r: BuildingRow): BuildingView => ({
  id: r.id,
  address: r.address,
  cadastralNumber: r.cadastralNumber,
  yearBuilt: r.yearBuilt,
  floors: r.floors,
  entrances: r.entrances,
  totalArea: round2(r.totalArea),
  livingArea: round2(r.livingArea),
  conditionClass: r.conditionClass,
  district: { id: r.districtId, name: r.districtName },
  managementOrganization:
    r.orgId === null ? null : { id: r.orgId, tin: r.orgTin!, name: r.orgName!, registerStatus: r.orgStatus! },
  apartmentCount: r.apartmentCount,
});

export async function listBuildings(
  em: EntityManager,
  scope: BuildingScope,
  req: BuildingFilter,
): Promise<Page<BuildingView>> {
  return parseJsonText(await listBuildingsJson(em, scope, req));
}

/**
 * A page of buildings as its ids in order, their read versions and the count, in one prepared
 * statement; the page's cards are those `cards` holds (the same as GET /buildings/{id} serves),
 * offered by their versions, and PostgreSQL builds a card only where its version moved. The
 * versions come from the page's own snapshot, so a held card is the card as of that snapshot.
 */
const pageStatement = statementsBy(
  (filter) => `select p.id, coalesce(v.version, 0)::text as version,
      case when coalesce(v.version, 0) = h.version then null
           else (select ${BUILDING_CARD} ${BUILDING_FROM} where b.id = p.id) end as json,
      (select count(*)::int from building b where ${filter}) as total
    from (select b.id, b.address_sort_key from building b where ${filter}
           order by b.address_sort_key collate "C", b.id limit ? offset ?) as p
    left join read_version v on v.id = p.id
    left join unnest(?::uuid[], ?::bigint[]) as h(id, version) on h.id = p.id
    order by p.address_sort_key collate "C", p.id`,
);

/** The ids each page showed last time, per ORM: the cards to offer when it is asked again. */
const shownPages = new WeakMap<object, Lru<string, string[]>>();

/** listBuildings as the JSON the API sends, put together from held cards (API only). */
export async function listBuildingsJson(
  em: EntityManager,
  scope: BuildingScope,
  req: BuildingFilter,
): Promise<JsonText<Page<BuildingView>>> {
  const where = scopeWhere(scope);
  if (!where || (req.districtId !== undefined && !isUuid(req.districtId)))
    return JSON.stringify(emptyPage(req)) as JsonText<Page<BuildingView>>;
  const { page, pageSize, offset } = paging(req);
  const clauses = [where.sql];
  const params = [...where.params];
  if (req.districtId !== undefined) {
    clauses.push('b.district_id = ?');
    params.push(req.districtId);
  }
  if (req.conditionClass !== undefined) {
    clauses.push('b.condition_class = ?');
    params.push(req.conditionClass);
  }
  const filter = clauses.join(' and ');
  const held = cards.heldBy(em);
  let shown = shownPages.get(em.getDriver());
  if (!shown) {
    shown = new Lru(2_000);
    shownPages.set(em.getDriver(), shown);
  }
  const pageKey = `${filter}\u0000${params.join('\u0000')}\u0000${pageSize}\u0000${offset}`;
  // The copies held when the statement is sent: a concurrent read may replace them meanwhile.
  const offered = new Map<string, { version: string; json: JsonText<BuildingView> }>();
  for (const id of shown.get(pageKey) ?? []) {
    const card = held.get(id);
    if (card) offered.set(id, card);
  }
  const rows = await preparedRows<{
    id: string;
    version: string;
    json: JsonText<BuildingView> | null;
    total: number;
  }>(em, pageStatement(filter), [
    ...params,
    ...params,
    pageSize,
    offset,
    [...offered.keys()],
    [...offered.values()].map((card) => card.version),
  ]);
  const items: string[] = [];
  for (const r of rows) {
    if (r.json !== null) {
      cards.hold(em, r.id, r.version, r.json);
      items.push(r.json);
      continue;
    }
    const card = offered.get(r.id);
    if (card?.version !== r.version)
      throw new Error(`the page returned no card for version ${r.version} of ${r.id}`);
    items.push(card.json);
  }
  shown.set(
    pageKey,
    rows.map((r) => r.id),
  );
  const total = await pageTotal(
    rows,
    offset,
    async () =>
      (
        await preparedRows<{ total: number }>(
          em,
          statement(`select count(*)::int as total from building b where ${filter}`),
          params,
        )
      )[0]?.total ?? 0,
  );
  return `{"items":[${items.join(',')}],"page":${page},"pageSize":${pageSize},"total":${total}}` as JsonText<
    Page<BuildingView>
  >;
}

export async function getBuilding(em: EntityManager, id: string): Promise<BuildingView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<BuildingRow[]>(`${BUILDING_SELECT} where b.id = ?`, [id]);
  return rows[0] ? buildingView(rows[0]) : null;
}

/**
 * The card as PostgreSQL writes it, the same fields, values and order `buildingView` gives: the
 * read hands this text on as it is, so the API neither parses sixteen columns nor serialises
 * them again. Areas are float8, whose shortest text is what JavaScript prints for the same number.
 */
const BUILDING_CARD = `json_build_object(
    'id', b.id, 'address', b.address, 'cadastralNumber', b.cadastral_number, 'yearBuilt', b.year_built,
    'floors', b.floors, 'entrances', b.entrances,
    'totalArea', b.total_area::float8, 'livingArea', b.living_area::float8,
    'conditionClass', b.condition_class,
    'district', json_build_object('id', d.id, 'name', d.name),
    'managementOrganization', case when mo.id is null then null
      else json_build_object('id', mo.id, 'tin', mo.tin, 'name', mo.name, 'registerStatus', mo.register_status) end,
    'apartmentCount', (select count(*) from apartment a where a.building_id = b.id)::int)::text`;

const cardStatement = statementsBy(
  (scopeSql) => `select coalesce(v.version, 0)::text as version, ${scopeSql} as "inScope",
      case when coalesce(v.version, 0) = ?::bigint then null
           else (select ${BUILDING_CARD} ${BUILDING_FROM} where b.id = ?) end as json
    from building b left join read_version v on v.id = b.id where b.id = ?`,
);
const cardCheck = statementsBy(
  (scopeSql) => `select coalesce(v.version, 0)::text as version, ${scopeSql} as "inScope"
    from building b left join read_version v on v.id = b.id where b.id = ?`,
);

/**
 * Cards kept in process (db/read-cache.ts `versionedJson`): the building row, its district's name, its
 * management company and its apartments' count all bump the building's read version. About 0.6 kB
 * each; the character bound only guards against what the registry's text fields could grow to.
 */
const cards = versionedJson<BuildingView>({ entries: 10_000, chars: 16_000_000 });

/**
 * The building card as JSON text: 'outside' when the building exists outside the scope, null when
 * it does not exist. From memory while the API listens for changes and this scope was decided for
 * it since (db/read-cache.ts); otherwise one prepared statement with the scope check: a small one
 * that only returns the version while the copy held in process stands, one that builds the card
 * after a write changed it: the card is the portal's most frequent read (API only, never inside a
 * transaction).
 */
export async function getBuildingInScope(
  em: EntityManager,
  scope: BuildingScope,
  id: string,
): Promise<JsonText<BuildingView> | 'outside' | null> {
  if (!isUuid(id)) return null;
  const where = scopeWhere(scope) ?? { sql: 'false', params: [] };
  return cards(em, { check: cardCheck(where.sql), build: cardStatement(where.sql) }, id, scopeKeyOf(scope), {
    check: [...where.params, id],
    build: (version) => [...where.params, version, id, id],
  });
}

// --- apartments and owners -----------------------------------------------------------------

interface ApartmentRow {
  id: string;
  buildingId: string;
  number: string;
  entrance: number;
  floor: number;
  area: number;
}

const APARTMENT_COLUMNS = `a.id, a.building_id as "buildingId", a.number, a.entrance, a.floor,
  a.area::float8 as area`;

const apartmentView = (r: ApartmentRow): ApartmentView => ({
  id: r.id,
  buildingId: r.buildingId,
  number: r.number,
  entrance: r.entrance,
  floor: r.floor,
  area: round2(r.area),
});

export async function listApartments(
  em: EntityManager,
  buildingId: string,
  req: PageRequest,
): Promise<Page<ApartmentView>> {
  if (!isUuid(buildingId)) return emptyPage(req);
  const { page, pageSize, offset } = paging(req);
  const [rows, count] = await Promise.all([
    em.execute<ApartmentRow[]>(
      `select ${APARTMENT_COLUMNS} from apartment a where a.building_id = ?
       order by ${natural('a.number')}, a.id limit ? offset ?`,
      [buildingId, pageSize, offset],
    ),
    em.execute<{ total: number }[]>(
      'select count(*)::int as total from apartment a where a.building_id = ?',
      [buildingId],
    ),
  ]);
  return { items: rows.map(apartmentView), page, pageSize, total: count[0]?.total ?? 0 };
}

/** The person's apartments with their own share; coOwners counts all owners, the person included. */
export async function listMyApartments(em: EntityManager, personId: string): Promise<MyApartmentView[]> {
  if (!isUuid(personId)) return [];
  const rows = await em.execute<
    (ApartmentRow & { address: string; num: number; den: number; owners: number })[]
  >(
    `select ${APARTMENT_COLUMNS}, b.address, o.share_numerator as num, o.share_denominator as den,
            (select count(*) from ownership x where x.apartment_id = a.id)::int as owners
     from ownership o
     join apartment a on a.id = o.apartment_id
     join building b on b.id = a.building_id
     where o.person_id = ?
     order by ${natural('b.address')}, b.id, ${natural('a.number')}, a.id`,
    [personId],
  );
  return rows.map((r) => ({
    ...apartmentView(r),
    address: r.address,
    share: { numerator: r.num, denominator: r.den },
    coOwners: r.owners,
  }));
}

/** Largest share first; equal shares by name, then person id. */
export async function getApartmentOwners(em: EntityManager, apartmentId: string): Promise<OwnershipView[]> {
  if (!isUuid(apartmentId)) return [];
  const rows = await em.execute<{ personId: string; fullName: string; num: number; den: number }[]>(
    `select p.id as "personId", p.full_name as "fullName", o.share_numerator as num, o.share_denominator as den
     from ownership o join person p on p.id = o.person_id
     where o.apartment_id = ?
     order by o.share_numerator::numeric / o.share_denominator desc, p.full_name collate "C", p.id`,
    [apartmentId],
  );
  return rows.map((r) => ({
    personId: r.personId,
    fullName: r.fullName,
    share: { numerator: r.num, denominator: r.den },
  }));
}

// --- accounts ------------------------------------------------------------------------------

export async function getUserWithGrants(em: EntityManager, userId: string): Promise<UserWithGrants | null> {
  if (!isUuid(userId)) return null;
  const user = await em.findOne(UserAccount, userId, { populate: ['person'] });
  if (!user) return null;
  const grants = await em.find(RoleGrant, { user: userId }, { orderBy: { role: 'asc', id: 'asc' } });
  const p = user.person;
  return {
    user: { id: user.id, displayName: user.displayName, createdAt: user.createdAt },
    person: p
      ? {
          id: p.id,
          pinfl: p.pinfl,
          fullName: p.fullName,
          phone: p.phone ?? null,
          email: p.email ?? null,
          language: p.language,
        }
      : null,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role,
      organizationId: g.organization?.id ?? null,
      districtId: g.district?.id ?? null,
    })),
  };
}

// --- registry reconciliation ---------------------------------------------------------------

/** What reconcileBuilding needs about one building; null if it does not exist. */
export async function buildingReconciliationInput(
  em: EntityManager,
  buildingId: string,
): Promise<ReconciliationInput | null> {
  if (!isUuid(buildingId)) return null;
  const [building] = await em.execute<{ id: string; totalArea: number; livingArea: number }[]>(
    `select id, total_area::float8 as "totalArea", living_area::float8 as "livingArea" from building where id = ?`,
    [buildingId],
  );
  if (!building) return null;
  const rows = await em.execute<
    { id: string; number: string; area: number; num: number | null; den: number | null }[]
  >(
    `select a.id, a.number, a.area::float8 as area, o.share_numerator as num, o.share_denominator as den
     from apartment a left join ownership o on o.apartment_id = a.id
     where a.building_id = ?
     order by ${natural('a.number')}, a.id, o.id`,
    [buildingId],
  );
  const apartments: ReconciliationInput['apartments'] = [];
  for (const r of rows) {
    let last = apartments[apartments.length - 1];
    if (last?.id !== r.id) {
      last = { id: r.id, number: r.number, area: round2(r.area), shares: [] };
      apartments.push(last);
    }
    if (r.num !== null && r.den !== null) last.shares.push({ num: r.num, den: r.den });
  }
  return {
    building: {
      id: building.id,
      totalArea: round2(building.totalArea),
      livingArea: round2(building.livingArea),
    },
    apartments,
  };
}

export interface RegistryCheckView {
  id: string;
  workflowId: string;
  runId: string;
  checkedAt: string;
  ok: boolean;
  findings: unknown[];
}

/** The newest checks first: what a registry sync found, for staff reviewing a building. */
export async function listRegistryChecks(
  em: EntityManager,
  buildingId: string,
  limit = 20,
): Promise<RegistryCheckView[]> {
  if (!isUuid(buildingId)) return [];
  const rows = await em
    .getConnection()
    .execute<
      { id: string; workflowId: string; runId: string; checkedAt: Date; ok: boolean; findings: unknown[] }[]
    >(
      `select id, workflow_id as "workflowId", run_id as "runId", checked_at as "checkedAt", ok, findings
       from registry_check where building_id = ? order by checked_at desc, id limit ?`,
      [buildingId, limit],
    );
  return rows.map((r) => ({ ...r, checkedAt: new Date(r.checkedAt).toISOString() }));
}
