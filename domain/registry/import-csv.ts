// Validation of a bulk import of buildings, apartments and owners, after CSV parsing. Either every
// row is good and typed, or the report lists every problem by row and column, so a clerk fixes the
// file in one pass. Cross-row checks: a natural key twice in one file (NATURAL_KEYS), and the
// owners' shares of one apartment adding up to more than the whole. Shares below the whole are
// not refused: an import may bring the owners of an apartment over several files, and
// reconcileBuilding reports an apartment whose shares are not whole.

import { sumFractions } from '../common/fractions.ts';
import {
  CellReader,
  DEFAULT_IMPORT_POLICY,
  IMPORT_COLUMNS,
  type ImportError,
  type ImportKind,
  type ImportPolicy,
  NATURAL_KEYS,
} from './import-fields.ts';
import type { ImportContext, ImportRows, OwnerImportRow } from './import-rows.ts';
import { readRow } from './import-rows.ts';

export type {
  ApartmentImportRow,
  BuildingImportRow,
  ImportContext,
  ImportRows,
  OwnerImportRow,
} from './import-rows.ts';

export type ImportResult<K extends ImportKind> =
  | { ok: true; rows: ImportRows[K][] }
  | { ok: false; errors: ImportError[] };

type Cells = Readonly<Record<string, string | undefined>>;
const FIRST_RECORD_ROW = 2;

function checkHeader(kind: ImportKind, header: readonly string[]): ImportError[] {
  const { required, optional } = IMPORT_COLUMNS[kind];
  const names = header.map((h) => h.trim());
  return [
    ...required
      .filter((c) => !names.includes(c))
      .map((c) => ({ row: 1, field: c, message: 'column is missing' })),
    ...names
      .filter((c) => !required.includes(c) && !optional.includes(c))
      .map((c) => ({ row: 1, field: c, message: 'unknown column' })),
  ];
}

/** The natural key of a row, as NATURAL_KEYS names it, for upserts and duplicate detection. */
export function naturalKey(kind: ImportKind, cells: Cells): string {
  return JSON.stringify(NATURAL_KEYS[kind].map((k) => (cells[k] ?? '').trim()));
}

function overShared(rows: readonly OwnerImportRow[]): ImportError[] {
  const errors: ImportError[] = [];
  const byApartment = new Map<string, OwnerImportRow[]>();
  for (const o of rows) {
    const key = JSON.stringify([o.buildingCadastralNumber, o.apartmentNumber]);
    const owners = byApartment.get(key) ?? [];
    const exceededBefore = exceedsWhole(owners);
    owners.push(o);
    byApartment.set(key, owners);
    // Reported once, at the row that tipped the apartment over the whole.
    if (!exceededBefore && exceedsWhole(owners)) {
      const sum = sumFractions(owners.map((x) => ({ num: x.share.numerator, den: x.share.denominator })));
      errors.push({
        row: o.row,
        field: 'share_numerator',
        message: `shares of apartment ${o.apartmentNumber} in building ${o.buildingCadastralNumber} add up to ${sum.num}/${sum.den}, more than 1 (rows ${owners.map((x) => x.row).join(', ')})`,
      });
    }
  }
  return errors;
}

function exceedsWhole(owners: readonly OwnerImportRow[]): boolean {
  const sum = sumFractions(owners.map((x) => ({ num: x.share.numerator, den: x.share.denominator })));
  return sum.num > sum.den;
}

export function validateImport<K extends ImportKind>(
  kind: K,
  header: readonly string[],
  records: readonly Cells[],
  ctx: ImportContext,
  policy: ImportPolicy = DEFAULT_IMPORT_POLICY,
): ImportResult<K> {
  const headerErrors = checkHeader(kind, header);
  // A missing column would fail every row; the header alone says what to fix.
  if (headerErrors.some((e) => e.message === 'column is missing')) return { ok: false, errors: headerErrors };

  const errors = [...headerErrors];
  const rows: ImportRows[K][] = [];
  const firstRowOfKey = new Map<string, number>();
  // Only clean rows enter the share sum: a duplicate would count twice, a bad share not at all.
  const clean: ImportRows[K][] = [];
  records.forEach((cells, i) => {
    const row = FIRST_RECORD_ROW + i;
    const reader = new CellReader(cells, row, policy);
    rows.push(readRow(kind, reader, row, policy, ctx));
    const key = naturalKey(kind, cells);
    const first = firstRowOfKey.get(key);
    if (first === undefined) firstRowOfKey.set(key, row);
    else
      reader.fail(
        NATURAL_KEYS[kind].at(-1)!,
        `duplicate of row ${first} (${NATURAL_KEYS[kind].join(' + ')})`,
      );
    errors.push(...reader.errors);
    if (reader.errors.length === 0) clean.push(rows.at(-1)!);
  });
  if (kind === 'owners') errors.push(...overShared(clean as OwnerImportRow[]));
  errors.sort((x, y) => x.row - y.row);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
