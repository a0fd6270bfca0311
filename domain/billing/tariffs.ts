// The minimum tariff of mandatory contributions, per m² per month, by place × floors × elevator,
// as dated data: a management contract's tariff below it is refused. Places are SOATO code
// prefixes, the codes the registry gives regions ('1726', Tashkent city) and districts
// ('1726266'), so one row can cover the country, a region or a single district.
import { formatSom } from './money.ts';
import { isDate } from './period.ts';

export interface MinimumTariffRow {
  /** '*' for everywhere, else a SOATO prefix: a region's or a district's code. */
  area: string;
  /** Floors of the building, both ends included; null: no upper end. */
  floorsFrom: number;
  floorsTo: number | null;
  /** Whether the building has an elevator; null: either. */
  elevator: boolean | null;
  tiyinPerM2: number;
  /** In force on [validFrom, validTo), Tashkent dates; validTo null: until replaced. */
  validFrom: string;
  validTo: string | null;
  /** Where the figure comes from, with its tag. */
  source: string;
}

export interface TariffClass {
  districtCode: string;
  floors: number;
  hasElevator: boolean;
}

const som = (s: number) => s * 100;
const TASHKENT = '1726';
const TASHKENT_2023 = '[news] Tashkent 2023 minimum: 1,147–1,829 so`m/m² by district and floors';
const BETWEEN = '[design] between the ends of the Tashkent 2023 range, by floors and elevator';

/**
 * [news] Only the Tashkent 2023 range (1,147–1,829 so'm/m²) and 2026 averages (1,221 national,
 * 1,823 Tashkent) are published, not the table itself. Tashkent keeps its 2023 range by floors
 * and elevator, ends as published, steps between them interpolated [design]; elsewhere the 2026
 * national average stands as the floor from 2026 [news, used as a minimum: design]. A deployment
 * loads the official table through BILLING_POLICY.
 */
export const DEFAULT_MINIMUM_TARIFFS: MinimumTariffRow[] = [
  row(TASHKENT, 1, 5, null, 1147, '2023-01-01', TASHKENT_2023),
  row(TASHKENT, 6, 9, false, 1300, '2023-01-01', BETWEEN),
  row(TASHKENT, 6, 9, true, 1488, '2023-01-01', BETWEEN),
  row(TASHKENT, 10, null, false, 1488, '2023-01-01', BETWEEN),
  row(TASHKENT, 10, null, true, 1829, '2023-01-01', TASHKENT_2023),
  row('*', 1, null, null, 1221, '2026-01-01', '[news] 2026 national average 1,221 so`m/m², as a floor'),
];

function row(
  area: string,
  floorsFrom: number,
  floorsTo: number | null,
  elevator: boolean | null,
  somPerM2: number,
  validFrom: string,
  source: string,
): MinimumTariffRow {
  return {
    area,
    floorsFrom,
    floorsTo,
    elevator,
    tiyinPerM2: som(somPerM2),
    validFrom,
    validTo: null,
    source,
  };
}

const matches = (r: MinimumTariffRow, c: TariffClass, date: string): boolean =>
  (r.area === '*' || c.districtCode.startsWith(r.area)) &&
  c.floors >= r.floorsFrom &&
  (r.floorsTo === null || c.floors <= r.floorsTo) &&
  (r.elevator === null || r.elevator === c.hasElevator) &&
  r.validFrom <= date &&
  (r.validTo === null || date < r.validTo);

/** Negative when `a` is more specific than `b`. */
function bySpecificity(a: MinimumTariffRow, b: MinimumTariffRow): number {
  const area = (r: MinimumTariffRow) => (r.area === '*' ? 0 : r.area.length);
  const span = (r: MinimumTariffRow) =>
    r.floorsTo === null ? Number.MAX_SAFE_INTEGER : r.floorsTo - r.floorsFrom;
  const elevator = (r: MinimumTariffRow) => (r.elevator === null ? 1 : 0);
  return (
    area(b) - area(a) ||
    span(a) - span(b) ||
    elevator(a) - elevator(b) ||
    (a.validFrom === b.validFrom ? 0 : a.validFrom > b.validFrom ? -1 : 1) ||
    // Equally specific overlapping rows: the stricter one, so a gap in the data never lowers the floor.
    b.tiyinPerM2 - a.tiyinPerM2
  );
}

/**
 * The row that sets the minimum for this building on this date: the most specific one in force
 * (the narrowest place, then the narrowest floor range, then a stated elevator class, then the
 * latest start), or null when no row covers it.
 */
export function minimumTariff(
  table: readonly MinimumTariffRow[],
  building: TariffClass,
  date: string,
): MinimumTariffRow | null {
  return table.filter((r) => matches(r, building, date)).sort(bySpecificity)[0] ?? null;
}

export type TariffCheck =
  | { ok: true; minimum: MinimumTariffRow | null }
  | { ok: false; code: 'invalid_tariff' | 'below_minimum'; reason: string; minimum: MinimumTariffRow | null };

/** A contract's tariff (tiyin per m² per month) against the minimum; no row covering it: accepted. */
export function checkTariff(tiyinPerM2: number, minimum: MinimumTariffRow | null): TariffCheck {
  if (!Number.isSafeInteger(tiyinPerM2) || tiyinPerM2 <= 0)
    return {
      ok: false,
      code: 'invalid_tariff',
      reason: `the tariff must be a positive whole number of tiyin per m² per month, got ${tiyinPerM2}`,
      minimum,
    };
  if (minimum && tiyinPerM2 < minimum.tiyinPerM2)
    return {
      ok: false,
      code: 'below_minimum',
      reason:
        `the tariff ${formatSom(tiyinPerM2, 'en')} so'm/m² is below the minimum ${formatSom(minimum.tiyinPerM2, 'en')} ` +
        `so'm/m² for ${describe(minimum)} in force since ${minimum.validFrom}`,
      minimum,
    };
  return { ok: true, minimum };
}

function describe(r: MinimumTariffRow): string {
  const floors = r.floorsTo === null ? `${r.floorsFrom}+ floors` : `${r.floorsFrom}–${r.floorsTo} floors`;
  const elevator = r.elevator === null ? '' : r.elevator ? ', with elevator' : ', without elevator';
  return `${r.area === '*' ? 'any place' : `area ${r.area}`}, ${floors}${elevator}`;
}

/** Problems of a table, each naming its key as BILLING_POLICY spells it. */
export function validateTariffTable(
  rows: unknown,
  key = 'minimumTariffs',
): { key: string; message: string }[] {
  if (!Array.isArray(rows)) return [{ key, message: 'must be an array of rows' }];
  const problems: { key: string; message: string }[] = [];
  const int = (v: unknown, min: number) => Number.isSafeInteger(v) && (v as number) >= min;
  rows.forEach((r: Partial<MinimumTariffRow>, i) => {
    const k = (f: string) => `${key}[${i}].${f}`;
    const bad = (f: string, message: string) => {
      problems.push({ key: k(f), message });
    };
    if (typeof r !== 'object' || r === null) {
      problems.push({ key: `${key}[${i}]`, message: 'must be an object' });
      return;
    }
    if (r.area !== '*' && !(typeof r.area === 'string' && /^\d{2,}$/.test(r.area)))
      bad('area', "must be '*' or a SOATO code of digits");
    if (!int(r.floorsFrom, 1)) bad('floorsFrom', 'must be an integer ≥ 1');
    if (r.floorsTo !== null && !(int(r.floorsTo, 1) && (r.floorsTo as number) >= (r.floorsFrom as number)))
      bad('floorsTo', 'must be null or an integer ≥ floorsFrom');
    if (r.elevator !== null && typeof r.elevator !== 'boolean')
      bad('elevator', 'must be true, false or null');
    if (!int(r.tiyinPerM2, 1)) bad('tiyinPerM2', 'must be a positive integer of tiyin');
    if (typeof r.validFrom !== 'string' || !isDate(r.validFrom))
      bad('validFrom', "must be a date 'YYYY-MM-DD'");
    if (
      r.validTo !== null &&
      !(typeof r.validTo === 'string' && isDate(r.validTo) && r.validTo > r.validFrom!)
    )
      bad('validTo', "must be null or a date 'YYYY-MM-DD' after validFrom");
    if (typeof r.source !== 'string' || r.source === '')
      bad('source', 'must say where the figure comes from');
  });
  if (problems.length === 0) problems.push(...duplicates(rows as MinimumTariffRow[], key));
  return problems;
}

/** Two rows for the same class in force on a common day: which one holds would be arbitrary. */
function duplicates(rows: readonly MinimumTariffRow[], key: string): { key: string; message: string }[] {
  const problems: { key: string; message: string }[] = [];
  const same = (a: MinimumTariffRow, b: MinimumTariffRow) =>
    a.area === b.area &&
    a.floorsFrom === b.floorsFrom &&
    a.floorsTo === b.floorsTo &&
    a.elevator === b.elevator;
  const overlap = (a: MinimumTariffRow, b: MinimumTariffRow) =>
    (a.validTo === null || b.validFrom < a.validTo) && (b.validTo === null || a.validFrom < b.validTo);
  rows.forEach((b, j) => {
    const i = rows.findIndex((a, i) => i < j && same(a, b) && overlap(a, b));
    if (i >= 0)
      problems.push({ key: `${key}[${j}]`, message: `overlaps row ${i} for the same class and dates` });
  });
  return problems;
}
