import { describe, expect, it } from 'vitest';
import { naturalKey, validateImport } from './import-csv.ts';
import { IMPORT_COLUMNS, resolveImportPolicy } from './import-fields.ts';

const CTX = { currentYear: 2026 };
const header = (kind: keyof typeof IMPORT_COLUMNS) => [
  ...IMPORT_COLUMNS[kind].required,
  ...IMPORT_COLUMNS[kind].optional,
];

const building = {
  cadastral_number: '10:01:02:03:0045',
  district_code: 'TSH-YU',
  address: 'Yunusobod 4, 12',
  year_built: '1978',
  floors: '9',
  entrances: '4',
  total_area: '5400,50',
  living_area: '4100.25',
  management_organization_tin: '',
};
const apartment = {
  building_cadastral_number: '10:01:02:03:0045',
  number: '12a',
  entrance: '1',
  floor: '3',
  area: '54.3',
};
const owner = {
  building_cadastral_number: '10:01:02:03:0045',
  apartment_number: '12a',
  pinfl: '31234567890123',
  full_name: 'Karimov Aziz',
  share_numerator: '1',
  share_denominator: '2',
  email: '',
  phone: '+998 90 123-45-67',
  language: 'UZ',
};

describe('validateImport: buildings', () => {
  it('types good rows and keeps their file row', () => {
    const r = validateImport(
      'buildings',
      header('buildings'),
      [building, { ...building, cadastral_number: '10:01:02:03:0046' }],
      CTX,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows[0]).toEqual({
      row: 2,
      cadastralNumber: '10:01:02:03:0045',
      districtCode: 'TSH-YU',
      address: 'Yunusobod 4, 12',
      yearBuilt: 1978,
      floors: 9,
      entrances: 4,
      totalArea: 5400.5,
      livingArea: 4100.25,
      managementOrganizationTin: null,
    });
    expect(r.rows[1]!.row).toBe(3);
  });

  it('reports every bad cell by row and column', () => {
    const bad = {
      ...building,
      cadastral_number: '10-01',
      address: ' ',
      year_built: '2027',
      floors: '0',
      entrances: '2.5',
      total_area: '-5',
      management_organization_tin: '12345',
    };
    const r = validateImport('buildings', header('buildings'), [building, bad], CTX);
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'cadastral_number'],
      [3, 'address'],
      [3, 'year_built'],
      [3, 'floors'],
      [3, 'entrances'],
      [3, 'total_area'],
      [3, 'management_organization_tin'],
    ]);
  });

  it('checks living area against total area, and known districts', () => {
    const r = validateImport('buildings', header('buildings'), [{ ...building, living_area: '6000' }], {
      ...CTX,
      districtCodes: ['TSH-MI'],
    });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['district_code', 'living_area']);
  });

  it('refuses a repeated cadastral number, naming the first row', () => {
    const r = validateImport('buildings', header('buildings'), [building, building], CTX);
    expect(r.ok ? null : r.errors).toEqual([
      { row: 3, field: 'cadastral_number', message: 'duplicate of row 2 (cadastral_number)' },
    ]);
  });

  it('checks the header: missing columns stop, unknown ones are reported', () => {
    const missing = validateImport('buildings', ['cadastral_number', 'address', 'extra'], [building], CTX);
    expect(
      missing.ok ? [] : missing.errors.filter((e) => e.message === 'column is missing').map((e) => e.field),
    ).toEqual(['district_code', 'year_built', 'floors', 'entrances', 'total_area', 'living_area']);
    const unknown = validateImport('buildings', [...header('buildings'), 'note'], [building], CTX);
    expect(unknown.ok ? null : unknown.errors).toEqual([
      { row: 1, field: 'note', message: 'unknown column' },
    ]);
  });

  it('takes the cadastral pattern from the policy', () => {
    const policy = resolveImportPolicy({ cadastralPattern: '^\\d+$' });
    expect(
      validateImport(
        'buildings',
        header('buildings'),
        [{ ...building, cadastral_number: '777' }],
        CTX,
        policy,
      ).ok,
    ).toBe(true);
  });
});

describe('validateImport: apartments', () => {
  it('accepts good rows and checks them against known buildings', () => {
    const buildings = [{ cadastralNumber: '10:01:02:03:0045', floors: 9, entrances: 4 }];
    expect(validateImport('apartments', header('apartments'), [apartment], { ...CTX, buildings }).ok).toBe(
      true,
    );
    const r = validateImport(
      'apartments',
      header('apartments'),
      [
        { ...apartment, entrance: '5', floor: '10' },
        { ...apartment, number: '13', building_cadastral_number: '10:01:02:03:0099' },
      ],
      { ...CTX, buildings },
    );
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, 'entrance', 'the building has 4'],
      [2, 'floor', 'the building has 9'],
      [3, 'building_cadastral_number', 'is not a known building'],
    ]);
  });

  it('keys apartments by building and number', () => {
    const r = validateImport(
      'apartments',
      header('apartments'),
      [
        apartment,
        { ...apartment, area: '60' },
        { ...apartment, building_cadastral_number: '10:01:02:03:0046' },
      ],
      CTX,
    );
    expect(r.ok ? null : r.errors).toEqual([
      { row: 3, field: 'number', message: 'duplicate of row 2 (building_cadastral_number + number)' },
    ]);
  });
});

describe('validateImport: owners', () => {
  it('normalizes phone and language', () => {
    const r = validateImport('owners', header('owners'), [owner], CTX);
    expect(r.ok && r.rows[0]).toMatchObject({
      phone: '+998901234567',
      language: 'uz',
      email: null,
      share: { numerator: 1, denominator: 2 },
    });
  });

  it('accepts co-owners whose shares make the whole, or less', () => {
    const rows = [owner, { ...owner, pinfl: '31234567890124', share_numerator: '1', share_denominator: '2' }];
    expect(validateImport('owners', header('owners'), rows, CTX).ok).toBe(true);
    expect(validateImport('owners', header('owners'), [owner], CTX).ok).toBe(true);
  });

  it('refuses shares over the whole, once, at the row that tips it', () => {
    const rows = [
      owner,
      { ...owner, pinfl: '31234567890124', share_numerator: '1', share_denominator: '3' },
      { ...owner, pinfl: '31234567890125', share_numerator: '1', share_denominator: '3' },
      { ...owner, pinfl: '31234567890126', share_numerator: '1', share_denominator: '3' },
    ];
    const r = validateImport('owners', header('owners'), rows, CTX);
    expect(r.ok ? null : r.errors).toEqual([
      {
        row: 4,
        field: 'share_numerator',
        message:
          'shares of apartment 12a in building 10:01:02:03:0045 add up to 7/6, more than 1 (rows 2, 3, 4)',
      },
    ]);
  });

  it('refuses a repeated owner without counting the share twice, and bad cells', () => {
    const r = validateImport(
      'owners',
      header('owners'),
      [
        owner,
        owner,
        {
          ...owner,
          pinfl: '123',
          share_numerator: '3',
          share_denominator: '2',
          email: 'x@',
          language: 'de',
          phone: '123',
        },
      ],
      CTX,
    );
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'pinfl'],
      [4, 'pinfl'],
      [4, 'share_numerator'],
      [4, 'email'],
      [4, 'phone'],
      [4, 'language'],
    ]);
  });

  it('checks owners against known apartments and survives non-numeric shares', () => {
    const r = validateImport(
      'owners',
      header('owners'),
      [
        { ...owner, share_numerator: 'half' },
        { ...owner, pinfl: '31234567890124' },
      ],
      {
        ...CTX,
        apartments: [{ buildingCadastralNumber: '10:01:02:03:0045', number: '12' }],
      },
    );
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'share_numerator'],
      [2, 'apartment_number'],
      [3, 'apartment_number'],
    ]);
  });

  it('gives the same natural key to a repeated row whatever its other cells', () => {
    expect(naturalKey('owners', owner)).toBe(
      naturalKey('owners', { ...owner, full_name: 'Other', pinfl: ' 31234567890123 ' }),
    );
    expect(naturalKey('owners', owner)).not.toBe(naturalKey('owners', { ...owner, apartment_number: '12' }));
  });
});
