// The checks of an import file that need the database or its column sizes, beside the pure ones
// of validateImport: whose district each row belongs to (a council imports only its own), what
// the file refers to, and values the rules admit but a column cannot hold.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportError, ImportKind } from '../../domain/registry/import-fields.ts';
import type { ImportContext } from '../../domain/registry/import-rows.ts';

type Cells = Record<string, string>;
const FIRST_RECORD_ROW = 2;
const INT4_MAX = 2_147_483_647;
const cell = (r: Cells, name: string) => (r[name] ?? '').trim();
const distinct = (values: string[]) => JSON.stringify([...new Set(values.filter((v) => v !== ''))]);
const buildingColumn = (kind: ImportKind) =>
  kind === 'buildings' ? 'cadastral_number' : 'building_cadastral_number';

interface KnownBuilding {
  cadastralNumber: string;
  districtId: string;
  districtCode: string;
  floors: number;
  entrances: number;
}

async function buildingsOf(em: EntityManager, kind: ImportKind, records: Cells[]) {
  const rows = await em.execute<KnownBuilding[]>(
    `select b.cadastral_number as "cadastralNumber", b.district_id as "districtId",
            d.code as "districtCode", b.floors, b.entrances
     from building b join district d on d.id = b.district_id
     where b.cadastral_number in (select jsonb_array_elements_text(?::jsonb))`,
    [distinct(records.map((r) => cell(r, buildingColumn(kind))))],
  );
  return new Map(rows.map((b) => [b.cadastralNumber, b]));
}

/** Rows of another district than the council's: each is named, none is written. */
export async function outOfDistrict(
  em: EntityManager,
  kind: ImportKind,
  records: Cells[],
  districtId: string,
): Promise<ImportError[]> {
  const [district] = await em.execute<{ code: string }[]>('select code from district where id = ?', [
    districtId,
  ]);
  const own = district?.code ?? 'unknown';
  const known = await buildingsOf(em, kind, records);
  const errors: ImportError[] = [];
  records.forEach((r, i) => {
    const row = FIRST_RECORD_ROW + i;
    const code = cell(r, 'district_code');
    if (kind === 'buildings' && code !== '' && code !== own) {
      errors.push({ row, field: 'district_code', message: `district ${code} is not yours (${own})` });
      return;
    }
    const building = known.get(cell(r, buildingColumn(kind)));
    if (building && building.districtId !== districtId) {
      errors.push({
        row,
        field: buildingColumn(kind),
        message: `the building is in district ${building.districtCode}, not yours (${own})`,
      });
    }
  });
  return errors;
}

/** What validateImport checks the file against: districts, and the buildings or apartments it names. */
export async function contextOf(
  em: EntityManager,
  kind: ImportKind,
  records: Cells[],
): Promise<ImportContext> {
  const currentYear = new Date().getUTCFullYear();
  if (kind === 'buildings') {
    const districts = await em.execute<{ code: string }[]>('select code from district');
    return { currentYear, districtCodes: districts.map((d) => d.code) };
  }
  if (kind === 'apartments')
    return { currentYear, buildings: [...(await buildingsOf(em, kind, records)).values()] };
  const apartments = await em.execute<{ buildingCadastralNumber: string; number: string }[]>(
    `select b.cadastral_number as "buildingCadastralNumber", a.number
     from apartment a join building b on b.id = a.building_id
     where b.cadastral_number in (select jsonb_array_elements_text(?::jsonb))`,
    [distinct(records.map((r) => cell(r, 'building_cadastral_number')))],
  );
  return { currentYear, apartments };
}

/** Management organizations are referred to, never created, by a buildings file. */
export async function unknownOrganizations(em: EntityManager, records: Cells[]): Promise<ImportError[]> {
  const tins = records.map((r) => cell(r, 'management_organization_tin'));
  const found = await em.execute<{ tin: string }[]>(
    'select tin from management_organization where tin in (select jsonb_array_elements_text(?::jsonb))',
    [distinct(tins)],
  );
  const known = new Set(found.map((o) => o.tin));
  return tins.flatMap((tin, i) =>
    /^\d{9}$/.test(tin) && !known.has(tin)
      ? [
          {
            row: FIRST_RECORD_ROW + i,
            field: 'management_organization_tin',
            message: 'is not a known management organization',
          },
        ]
      : [],
  );
}

const LIMITS: Record<ImportKind, { field: string; max: number; what: 'chars' | 'value' }[]> = {
  buildings: [
    { field: 'total_area', max: 9_999_999_999.99, what: 'value' },
    { field: 'living_area', max: 9_999_999_999.99, what: 'value' },
  ],
  apartments: [
    { field: 'number', max: 16, what: 'chars' },
    { field: 'area', max: 99_999_999.99, what: 'value' },
  ],
  owners: [
    { field: 'email', max: 255, what: 'chars' },
    { field: 'share_numerator', max: INT4_MAX, what: 'value' },
    { field: 'share_denominator', max: INT4_MAX, what: 'value' },
  ],
};

/** Values within the rules that the registry's columns cannot store. */
export function columnLimits(kind: ImportKind, records: Cells[]): ImportError[] {
  return records.flatMap((r, i) =>
    LIMITS[kind].flatMap(({ field, max, what }) => {
      const v = cell(r, field);
      const over = what === 'chars' ? v.length > max : Number(v.replace(',', '.')) > max;
      if (!over) return [];
      const message = what === 'chars' ? `must be at most ${max} characters` : `must be at most ${max}`;
      return [{ row: FIRST_RECORD_ROW + i, field, message }];
    }),
  );
}

const PERSON_FIELDS: { field: string; norm: (v: string) => string; always: boolean }[] = [
  { field: 'full_name', norm: (v) => v, always: true },
  { field: 'email', norm: (v) => v, always: false },
  { field: 'phone', norm: (v) => v.replace(/[\s()-]/g, ''), always: false },
  { field: 'language', norm: (v) => v.toLowerCase(), always: false },
];

/** One PINFL is one person: rows naming them differently leave no single truth to store. */
export function inconsistentPersons(records: Cells[]): ImportError[] {
  const first = new Map<string, number>();
  const errors: ImportError[] = [];
  records.forEach((r, i) => {
    const pinfl = cell(r, 'pinfl');
    const earlier = first.get(pinfl);
    if (pinfl === '') return;
    if (earlier === undefined) {
      first.set(pinfl, i);
      return;
    }
    for (const { field, norm, always } of PERSON_FIELDS) {
      const [a, b] = [norm(cell(records[earlier]!, field)), norm(cell(r, field))];
      if (a !== b && (always || (a !== '' && b !== ''))) {
        errors.push({
          row: FIRST_RECORD_ROW + i,
          field,
          message: `differs from row ${FIRST_RECORD_ROW + earlier} for the same PINFL`,
        });
      }
    }
  });
  return errors;
}
