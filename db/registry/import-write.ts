// The upserts of one chunk of validated import rows, by natural key. Each statement updates only
// rows whose values differ (IS DISTINCT FROM) and returns the rows it touched, xmax = 0 marking an
// insert; a row it did not return was already as the file says. A chunk travels as one JSON
// parameter, so its size is not bounded by PostgreSQL's 65 535 bind parameters.
import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  ApartmentImportRow,
  BuildingImportRow,
  OwnerImportRow,
} from '../../domain/registry/import-csv.ts';

export interface ChunkCounts {
  created: number;
  updated: number;
  unchanged: number;
}

type Touched = { created: boolean }[];

function countOf(total: number, touched: Touched): ChunkCounts {
  const created = touched.filter((t) => t.created).length;
  return { created, updated: touched.length - created, unchanged: total - touched.length };
}

export async function upsertBuildings(tx: EntityManager, rows: BuildingImportRow[]): Promise<ChunkCounts> {
  const touched = await tx.execute<Touched>(
    `insert into building (id, district_id, address, cadastral_number, year_built, floors, entrances,
                           total_area, living_area, management_organization_id, created_at, updated_at)
     select gen_random_uuid(), d.id, r."address", r."cadastralNumber", r."yearBuilt", r."floors",
            r."entrances", r."totalArea", r."livingArea", o.id, now(), now()
     from jsonb_to_recordset(?::jsonb) as r("cadastralNumber" text, "districtCode" text, "address" text,
            "yearBuilt" smallint, "floors" smallint, "entrances" smallint, "totalArea" numeric,
            "livingArea" numeric, "managementOrganizationTin" text)
     join district d on d.code = r."districtCode"
     left join management_organization o on o.tin = r."managementOrganizationTin"
     on conflict (cadastral_number) do update set
       district_id = excluded.district_id, address = excluded.address, year_built = excluded.year_built,
       floors = excluded.floors, entrances = excluded.entrances, total_area = excluded.total_area,
       living_area = excluded.living_area, management_organization_id = excluded.management_organization_id,
       updated_at = now()
     where (building.district_id, building.address, building.year_built, building.floors,
            building.entrances, building.total_area, building.living_area, building.management_organization_id)
       is distinct from
           (excluded.district_id, excluded.address, excluded.year_built, excluded.floors,
            excluded.entrances, excluded.total_area, excluded.living_area, excluded.management_organization_id)
     returning (xmax = 0) as created`,
    [JSON.stringify(rows)],
  );
  return countOf(rows.length, touched);
}

export async function upsertApartments(tx: EntityManager, rows: ApartmentImportRow[]): Promise<ChunkCounts> {
  const touched = await tx.execute<Touched>(
    `insert into apartment (id, building_id, number, entrance, floor, area)
     select gen_random_uuid(), b.id, r."number", r."entrance", r."floor", r."area"
     from jsonb_to_recordset(?::jsonb) as r("buildingCadastralNumber" text, "number" text,
            "entrance" smallint, "floor" smallint, "area" numeric)
     join building b on b.cadastral_number = r."buildingCadastralNumber"
     on conflict (building_id, number) do update set
       entrance = excluded.entrance, floor = excluded.floor, area = excluded.area
     where (apartment.entrance, apartment.floor, apartment.area)
       is distinct from (excluded.entrance, excluded.floor, excluded.area)
     returning (xmax = 0) as created`,
    [JSON.stringify(rows)],
  );
  return countOf(rows.length, touched);
}

/**
 * An owner row is a person (by PINFL) and their share of an apartment. The row is created when
 * the ownership is new, updated when its share or the person's details changed. An empty
 * email, phone or language keeps what is stored (the file is not where contact data is erased);
 * a new person without a language gets Uzbek, the state language.
 */
/** One entry per PINFL, each detail from whichever row gives it (the rows agree where both do). */
function personsOf(rows: OwnerImportRow[]) {
  const byPinfl = new Map<
    string,
    Pick<OwnerImportRow, 'pinfl' | 'fullName' | 'email' | 'phone' | 'language'>
  >();
  for (const o of rows) {
    const p = byPinfl.get(o.pinfl);
    byPinfl.set(o.pinfl, {
      pinfl: o.pinfl,
      fullName: o.fullName,
      email: p?.email ?? o.email,
      phone: p?.phone ?? o.phone,
      language: p?.language ?? o.language,
    });
  }
  return [...byPinfl.values()];
}

export async function upsertOwners(tx: EntityManager, rows: OwnerImportRow[]): Promise<ChunkCounts> {
  const persons = JSON.stringify(personsOf(rows));
  const recordset = `jsonb_to_recordset(?::jsonb) as r("pinfl" text, "fullName" text, "email" text,
                       "phone" text, "language" text)`;
  const updated = await tx.execute<{ pinfl: string }[]>(
    `update person p set full_name = r."fullName", email = coalesce(r."email", p.email),
            phone = coalesce(r."phone", p.phone), language = coalesce(r."language", p.language)
     from ${recordset}
     where p.pinfl = r."pinfl"
       and (p.full_name, p.email, p.phone, p.language) is distinct from
           (r."fullName", coalesce(r."email", p.email), coalesce(r."phone", p.phone),
            coalesce(r."language", p.language))
     returning p.pinfl`,
    [persons],
  );
  const inserted = await tx.execute<{ pinfl: string }[]>(
    `insert into person (id, pinfl, full_name, email, phone, language)
     select gen_random_uuid(), r."pinfl", r."fullName", r."email", r."phone", coalesce(r."language", 'uz')
     from ${recordset}
     on conflict (pinfl) do nothing
     returning pinfl`,
    [persons],
  );
  const changedPersons = [...updated, ...inserted];
  const touched = await tx.execute<{ rn: number; created: boolean }[]>(
    `with src as (
       select r."row" as rn, p.id as person_id, a.id as apartment_id,
              (r."share"->>'numerator')::int as num, (r."share"->>'denominator')::int as den
       from jsonb_to_recordset(?::jsonb) as r("row" int, "pinfl" text, "buildingCadastralNumber" text,
              "apartmentNumber" text, "share" jsonb)
       join person p on p.pinfl = r."pinfl"
       join building b on b.cadastral_number = r."buildingCadastralNumber"
       join apartment a on a.building_id = b.id and a.number = r."apartmentNumber"
     ), up as (
       insert into ownership (id, person_id, apartment_id, share_numerator, share_denominator)
       select gen_random_uuid(), person_id, apartment_id, num, den from src
       on conflict (person_id, apartment_id) do update set
         share_numerator = excluded.share_numerator, share_denominator = excluded.share_denominator
       where (ownership.share_numerator, ownership.share_denominator)
         is distinct from (excluded.share_numerator, excluded.share_denominator)
       returning person_id, apartment_id, (xmax = 0) as created
     )
     select src.rn, up.created from up join src using (person_id, apartment_id)`,
    [JSON.stringify(rows)],
  );
  const changed = new Set(changedPersons.map((p) => p.pinfl));
  const byRow = new Map(touched.map((t) => [t.rn, t.created]));
  const counts: ChunkCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const o of rows) {
    const created = byRow.get(o.row);
    if (created === true) counts.created++;
    else if (created === false || changed.has(o.pinfl)) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}
