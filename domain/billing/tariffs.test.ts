import { describe, expect, it } from 'vitest';
import {
  checkTariff,
  DEFAULT_MINIMUM_TARIFFS,
  type MinimumTariffRow,
  minimumTariff,
  validateTariffTable,
} from './tariffs.ts';

const YUNUSOBOD = '1726266';
const SAMARKAND = '1718203';
const row = (over: Partial<MinimumTariffRow>): MinimumTariffRow => ({
  area: '*',
  floorsFrom: 1,
  floorsTo: null,
  elevator: null,
  tiyinPerM2: 100_000,
  validFrom: '2026-01-01',
  validTo: null,
  source: '[design] test',
  ...over,
});

describe('minimum tariff lookup', () => {
  const t = DEFAULT_MINIMUM_TARIFFS;
  it('Tashkent by floors and elevator, from the 2023 range', () => {
    const at = (floors: number, hasElevator: boolean) =>
      minimumTariff(t, { districtCode: YUNUSOBOD, floors, hasElevator }, '2026-07-01')?.tiyinPerM2;
    expect(at(5, false)).toBe(114_700);
    expect(at(6, false)).toBe(130_000);
    expect(at(9, true)).toBe(148_800);
    expect(at(10, true)).toBe(182_900);
    expect(at(16, false)).toBe(148_800);
  });

  it('elsewhere the 2026 national floor, and nothing before 2026', () => {
    const c = { districtCode: SAMARKAND, floors: 9, hasElevator: true };
    expect(minimumTariff(t, c, '2026-01-01')?.tiyinPerM2).toBe(122_100);
    expect(minimumTariff(t, c, '2025-12-31')).toBeNull();
  });

  it('picks the narrowest place, then floors, then a stated elevator, then the latest start', () => {
    const table = [
      row({ tiyinPerM2: 1, source: 'country' }),
      row({ area: '1726', tiyinPerM2: 2, source: 'region' }),
      row({ area: YUNUSOBOD, tiyinPerM2: 3, source: 'district' }),
      row({ area: YUNUSOBOD, floorsFrom: 6, floorsTo: 9, tiyinPerM2: 4, source: 'district 6-9' }),
      row({ area: YUNUSOBOD, floorsFrom: 6, floorsTo: 9, elevator: true, tiyinPerM2: 5, source: 'lift' }),
      row({
        area: YUNUSOBOD,
        floorsFrom: 6,
        floorsTo: 9,
        elevator: true,
        tiyinPerM2: 6,
        validFrom: '2027-01-01',
        source: 'new',
      }),
    ];
    const src = (districtCode: string, floors: number, hasElevator: boolean, date = '2026-06-01') =>
      minimumTariff(table, { districtCode, floors, hasElevator }, date)?.source;
    expect(src(SAMARKAND, 9, true)).toBe('country');
    expect(src('1726294', 9, true)).toBe('region');
    expect(src(YUNUSOBOD, 5, true)).toBe('district');
    expect(src(YUNUSOBOD, 9, false)).toBe('district 6-9');
    expect(src(YUNUSOBOD, 9, true)).toBe('lift');
    expect(src(YUNUSOBOD, 9, true, '2027-01-01')).toBe('new');
  });

  it('honours validity as [validFrom, validTo)', () => {
    const table = [row({ validFrom: '2026-01-01', validTo: '2026-07-01' })];
    const c = { districtCode: SAMARKAND, floors: 1, hasElevator: false };
    expect(minimumTariff(table, c, '2026-06-30')).not.toBeNull();
    expect(minimumTariff(table, c, '2026-07-01')).toBeNull();
  });

  it('equally specific overlapping rows: the stricter holds', () => {
    const table = [
      row({ floorsFrom: 1, floorsTo: 5, tiyinPerM2: 7 }),
      row({ floorsFrom: 3, floorsTo: 7, tiyinPerM2: 9 }),
    ];
    expect(
      minimumTariff(table, { districtCode: SAMARKAND, floors: 4, hasElevator: false }, '2026-02-01')
        ?.tiyinPerM2,
    ).toBe(9);
  });
});

describe('checkTariff', () => {
  const min = row({ area: '1726', tiyinPerM2: 114_700 });
  it('accepts the minimum itself and refuses a tiyin below it with a clear reason', () => {
    expect(checkTariff(114_700, min)).toEqual({ ok: true, minimum: min });
    const r = checkTariff(114_699, min);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('below_minimum');
    expect(r.reason).toBe(
      "the tariff 1,146.99 so'm/m² is below the minimum 1,147.00 so'm/m² for area 1726, 1+ floors in force since 2026-01-01",
    );
  });

  it('refuses a non-integer or non-positive tariff; accepts anything when no minimum covers it', () => {
    expect(checkTariff(1500.5, min)).toMatchObject({ ok: false, code: 'invalid_tariff' });
    expect(checkTariff(0, null)).toMatchObject({ ok: false, code: 'invalid_tariff' });
    expect(checkTariff(1, null)).toEqual({ ok: true, minimum: null });
  });
});

describe('validateTariffTable', () => {
  it('accepts the default table', () => {
    expect(validateTariffTable(DEFAULT_MINIMUM_TARIFFS)).toEqual([]);
  });

  it('names each bad field by its key', () => {
    const bad = [
      row({
        area: 'Tashkent',
        floorsFrom: 0,
        floorsTo: 0,
        tiyinPerM2: 1.5,
        validFrom: '2026-02-30',
        source: '',
      }),
    ];
    expect(validateTariffTable(bad).map((p) => p.key)).toEqual([
      'minimumTariffs[0].area',
      'minimumTariffs[0].floorsFrom',
      'minimumTariffs[0].floorsTo',
      'minimumTariffs[0].tiyinPerM2',
      'minimumTariffs[0].validFrom',
      'minimumTariffs[0].source',
    ]);
    expect(validateTariffTable([row({ validTo: '2025-01-01' })])[0]?.key).toBe('minimumTariffs[0].validTo');
    expect(validateTariffTable({})).toEqual([{ key: 'minimumTariffs', message: 'must be an array of rows' }]);
  });

  it('refuses two rows for the same class in force on a common day, not consecutive ones', () => {
    const a = row({ validTo: '2027-01-01' });
    expect(validateTariffTable([a, row({ validFrom: '2026-12-31' })])).toEqual([
      { key: 'minimumTariffs[1]', message: 'overlaps row 0 for the same class and dates' },
    ]);
    expect(validateTariffTable([a, row({ validFrom: '2027-01-01' })])).toEqual([]);
  });
});
