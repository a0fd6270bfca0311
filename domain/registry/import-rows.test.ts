import { describe, expect, it } from 'vitest';
import { CellReader, DEFAULT_IMPORT_POLICY } from './import-fields.ts';
import { readRow } from './import-rows.ts';

const CTX = { currentYear: 2026 };
const reader = (cells: Record<string, string>) => new CellReader(cells, 2, DEFAULT_IMPORT_POLICY);

describe('readRow', () => {
  it('reads an apartment and bounds it by its building', () => {
    const c = reader({
      building_cadastral_number: '10:01:02:03:0045',
      number: '7',
      entrance: '2',
      floor: '5',
      area: '40',
    });
    const ctx = { ...CTX, buildings: [{ cadastralNumber: '10:01:02:03:0045', floors: 4, entrances: 2 }] };
    expect(readRow('apartments', c, 2, DEFAULT_IMPORT_POLICY, ctx)).toEqual({
      row: 2,
      buildingCadastralNumber: '10:01:02:03:0045',
      number: '7',
      entrance: 2,
      floor: 5,
      area: 40,
    });
    expect(c.errors).toEqual([{ row: 2, field: 'floor', message: 'the building has 4' }]);
  });

  it('refuses a share larger than the whole', () => {
    const c = reader({
      building_cadastral_number: '10:01:02:03:0045',
      apartment_number: '7',
      pinfl: '31234567890123',
      full_name: 'A',
      share_numerator: '3',
      share_denominator: '2',
    });
    readRow('owners', c, 2, DEFAULT_IMPORT_POLICY, CTX);
    expect(c.errors.map((e) => e.field)).toEqual(['share_numerator']);
  });
});
