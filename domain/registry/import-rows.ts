// One record row of the bulk import, read into its typed form: the cell checks of each column and
// the checks against what is already known (districts, buildings, apartments). Cross-row checks
// live in import-csv.ts, which is the entry point.
import type { Language } from '../common/language.ts';
import type { CellReader, ImportKind, ImportPolicy } from './import-fields.ts';

export interface BuildingImportRow {
  row: number;
  cadastralNumber: string;
  districtCode: string;
  address: string;
  yearBuilt: number;
  floors: number;
  entrances: number;
  totalArea: number;
  livingArea: number;
  managementOrganizationTin: string | null;
}

export interface ApartmentImportRow {
  row: number;
  buildingCadastralNumber: string;
  number: string;
  entrance: number;
  floor: number;
  area: number;
}

export interface OwnerImportRow {
  row: number;
  buildingCadastralNumber: string;
  apartmentNumber: string;
  pinfl: string;
  fullName: string;
  share: { numerator: number; denominator: number };
  email: string | null;
  phone: string | null;
  language: Language | null;
}

export interface ImportRows {
  buildings: BuildingImportRow;
  apartments: ApartmentImportRow;
  owners: OwnerImportRow;
}

/** What the file is checked against besides itself; each check is skipped when its list is absent. */
export interface ImportContext {
  /** Bounds year_built: a building cannot be built after this year. */
  currentYear: number;
  districtCodes?: readonly string[];
  /** Buildings already known or in the same import, for apartments: floors and entrances bound theirs. */
  buildings?: readonly { cadastralNumber: string; floors: number; entrances: number }[];
  /** Apartments already known or in the same import, for owners. */
  apartments?: readonly { buildingCadastralNumber: string; number: string }[];
}

type KnownBuilding = NonNullable<ImportContext['buildings']>[number];
type KnownApartment = NonNullable<ImportContext['apartments']>[number];
const aptKey = (building: string, number: string) => JSON.stringify([building, number]);

// Indexed once per context list: a file of 100 000 owners checked by a linear scan per row would
// take minutes. Keyed by the list itself, so callers keep passing plain arrays.
const buildingIndexes = new WeakMap<readonly KnownBuilding[], Map<string, KnownBuilding>>();
const apartmentIndexes = new WeakMap<readonly KnownApartment[], Set<string>>();

function knownBuilding(list: readonly KnownBuilding[], cadastralNumber: string): KnownBuilding | undefined {
  let index = buildingIndexes.get(list);
  if (!index) {
    index = new Map();
    // The first entry wins, as Array.find would pick it.
    for (const b of list) if (!index.has(b.cadastralNumber)) index.set(b.cadastralNumber, b);
    buildingIndexes.set(list, index);
  }
  return index.get(cadastralNumber);
}

function isKnownApartment(list: readonly KnownApartment[], building: string, number: string): boolean {
  let index = apartmentIndexes.get(list);
  if (!index) {
    index = new Set(list.map((a) => aptKey(a.buildingCadastralNumber, a.number)));
    apartmentIndexes.set(list, index);
  }
  return index.has(aptKey(building, number));
}

export function readRow<K extends ImportKind>(
  kind: K,
  c: CellReader,
  row: number,
  policy: ImportPolicy,
  ctx: ImportContext,
): ImportRows[K] {
  if (kind === 'buildings') {
    const b: BuildingImportRow = {
      row,
      cadastralNumber: c.cadastral('cadastral_number'),
      districtCode: c.text('district_code'),
      address: c.text('address', policy.maxAddressLength),
      yearBuilt: c.integer('year_built', policy.minYearBuilt, ctx.currentYear),
      floors: c.integer('floors', 1, policy.maxFloors),
      entrances: c.integer('entrances', 1, policy.maxEntrances),
      totalArea: c.area('total_area'),
      livingArea: c.area('living_area'),
      managementOrganizationTin: c.tin('management_organization_tin'),
    };
    if (b.districtCode && ctx.districtCodes && !ctx.districtCodes.includes(b.districtCode)) {
      c.fail('district_code', 'is not a known district');
    }
    if (b.livingArea > b.totalArea && b.totalArea > 0) c.fail('living_area', 'must not exceed total_area');
    return b as ImportRows[K];
  }
  if (kind === 'apartments') {
    const a: ApartmentImportRow = {
      row,
      buildingCadastralNumber: c.cadastral('building_cadastral_number'),
      number: c.text('number'),
      entrance: c.integer('entrance', 1, policy.maxEntrances),
      floor: c.integer('floor', 1, policy.maxFloors),
      area: c.area('area'),
    };
    const building = ctx.buildings && knownBuilding(ctx.buildings, a.buildingCadastralNumber);
    if (ctx.buildings && a.buildingCadastralNumber && !building) {
      c.fail('building_cadastral_number', 'is not a known building');
    }
    if (building && a.entrance > building.entrances)
      c.fail('entrance', `the building has ${building.entrances}`);
    if (building && a.floor > building.floors) c.fail('floor', `the building has ${building.floors}`);
    return a as ImportRows[K];
  }
  const buildingCadastralNumber = c.cadastral('building_cadastral_number');
  const apartmentNumber = c.text('apartment_number');
  const pinfl = c.pinfl('pinfl');
  const fullName = c.text('full_name');
  const numerator = c.integer('share_numerator', 1, Number.MAX_SAFE_INTEGER);
  const denominator = c.integer('share_denominator', 1, Number.MAX_SAFE_INTEGER);
  if (numerator > denominator && denominator > 0) {
    c.fail('share_numerator', 'a share must not exceed the whole (numerator ≤ denominator)');
  }
  const o: OwnerImportRow = {
    row,
    buildingCadastralNumber,
    apartmentNumber,
    pinfl,
    fullName,
    share: { numerator, denominator },
    email: c.email('email'),
    phone: c.phone('phone'),
    language: c.language('language'),
  };
  const known =
    ctx.apartments && isKnownApartment(ctx.apartments, o.buildingCadastralNumber, o.apartmentNumber);
  if (ctx.apartments && o.apartmentNumber && !known) c.fail('apartment_number', 'is not a known apartment');
  return o as ImportRows[K];
}
