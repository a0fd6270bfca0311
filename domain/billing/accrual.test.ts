import { describe, expect, it } from 'vitest';
import {
  type AccrualLine,
  type ApartmentMonth,
  accrueApartment,
  accrueBuilding,
  forgoneCharge,
  monthSegments,
  suspensionKey,
  type Terms,
} from './accrual.ts';

const ORG = 'org-1';
const apartment = (areaHundredths: number, ...owners: [string, number, number][]): ApartmentMonth => ({
  apartmentId: 'apt-1',
  areaHundredths,
  owners: (owners.length ? owners : [['own-a', 1, 1] as [string, number, number]]).map(([ownerId, n, d]) => ({
    ownerId,
    ownerKind: 'person' as const,
    share: { numerator: n, denominator: d },
  })),
});
const terms = (...ts: [string, string | null, number, string?][]): Terms[] =>
  ts.map(([from, to, tiyinPerM2, organizationId = ORG]) => ({ from, to, tiyinPerM2, organizationId }));
const accrue = (period: string, a: ApartmentMonth, t: Terms[], rounding: 'tiyin' | 'som' = 'tiyin') =>
  accrueApartment(period, 'bld-1', a, monthSegments(period, t), rounding);
const amounts = (lines: AccrualLine[]) => lines.map((l) => l.amount);
const total = (lines: AccrualLine[]) => lines.reduce((s, l) => s + l.amount, 0);

describe('monthly accrual', () => {
  it('charges area × tariff for a whole month, with the line showing how', () => {
    const [line, ...rest] = accrue('2026-07', apartment(5437), terms(['2026-01-01', null, 150_000]));
    expect(rest).toEqual([]);
    expect(line).toEqual({
      key: 'accrual/2026-07/apt-1/own-a/2026-07-01',
      ownerId: 'own-a',
      ownerKind: 'person',
      apartmentId: 'apt-1',
      buildingId: 'bld-1',
      period: '2026-07',
      organizationId: ORG,
      from: '2026-07-01',
      to: '2026-08-01',
      amount: 8_155_500, // 54.37 m² × 1,500 so'm = 81,555 so'm
      areaHundredths: 5437,
      tiyinPerM2: 150_000,
      days: 31,
      daysInMonth: 31,
    });
  });

  it('⅓ + ⅓ + ⅓ co-owners of an odd charge: lines sum exactly to the apartment', () => {
    const owners: [string, number, number][] = [
      ['c', 1, 3],
      ['a', 1, 3],
      ['b', 1, 3],
    ];
    const lines = accrue('2026-07', apartment(5437, ...owners), terms(['2026-01-01', null, 150_002]));
    // 54.37 m² × 1,500.02 so'm = 8 155 608.74 → 8 155 609, not divisible by 3: the tie goes to 'a'.
    expect(amounts(lines)).toEqual([2_718_536, 2_718_537, 2_718_536]);
    expect(total(lines)).toBe(8_155_609);
  });

  it('mid-month tariff change: 15 and 16 days, rounded once for the month', () => {
    const lines = accrue(
      '2026-07',
      apartment(5437),
      terms(['2026-01-01', '2026-07-16', 150_000], ['2026-07-16', null, 165_000]),
    );
    // exact 3 946 209.68 + 4 630 219.35 = 8 576 429.03 → 8 576 429; the leftover tiyin to .68
    expect(lines.map((l) => [l.from, l.to, l.days, l.tiyinPerM2, l.amount])).toEqual([
      ['2026-07-01', '2026-07-16', 15, 150_000, 3_946_210],
      ['2026-07-16', '2026-08-01', 16, 165_000, 4_630_219],
    ]);
  });

  it('a change on the 1st is no split; a change on the last day is a 1-day segment', () => {
    const onFirst = accrue(
      '2026-07',
      apartment(6000),
      terms(['2026-01-01', '2026-07-01', 123_457], ['2026-07-01', null, 130_001]),
    );
    expect(onFirst.map((l) => [l.days, l.tiyinPerM2])).toEqual([[31, 130_001]]);
    const onLast = accrue(
      '2026-07',
      apartment(6000),
      terms(['2026-01-01', '2026-07-31', 123_457], ['2026-07-31', null, 130_001]),
    );
    // exact 7 168 470.97 + 251 614.84 = 7 420 085.81 → 7 420 086: both segments take a leftover tiyin
    expect(onLast.map((l) => [l.days, l.amount])).toEqual([
      [30, 7_168_471],
      [1, 251_615],
    ]);
  });

  it('leap February: a change on the 29th is 28 + 1 days of 29', () => {
    // exact 7 151 991.72 + 268 967.59 = 7 420 959.31 → 7 420 959; in proportion to the exact parts
    // the rounded total gives 7 151 991.42 and 268 967.58, so the leftover tiyin goes to the 29th.
    const lines = accrue(
      '2028-02',
      apartment(6000),
      terms(['2026-01-01', '2028-02-29', 123_457], ['2028-02-29', null, 130_001]),
    );
    expect(lines.map((l) => [l.days, l.daysInMonth, l.amount])).toEqual([
      [28, 29, 7_151_991],
      [1, 29, 268_968],
    ]);
    expect(total(lines)).toBe(7_420_959);
  });

  it('a change of organization at the same tariff costs exactly the unsplit month', () => {
    const whole = accrue(
      '2026-09',
      apartment(7777, ['a', 2, 3], ['b', 1, 3]),
      terms(['2026-01-01', null, 133_333]),
    );
    const split = accrue(
      '2026-09',
      apartment(7777, ['a', 2, 3], ['b', 1, 3]),
      terms(['2026-01-01', '2026-09-11', 133_333, 'org-1'], ['2026-09-11', null, 133_333, 'org-2']),
    );
    expect(total(split)).toBe(total(whole));
    expect(split.map((l) => [l.organizationId, l.ownerId, l.days])).toEqual([
      ['org-1', 'a', 10],
      ['org-1', 'b', 10],
      ['org-2', 'a', 20],
      ['org-2', 'b', 20],
    ]);
  });

  it('rounds halves up: 0.5 tiyin is charged 1, 0.49 tiyin is not charged at all', () => {
    expect(amounts(accrue('2026-07', apartment(1), terms(['2026-01-01', null, 50])))).toEqual([1]);
    expect(accrue('2026-07', apartment(1), terms(['2026-01-01', null, 49]))).toEqual([]);
  });

  it('to the so`m when the policy says so, owners splitting whole so`m', () => {
    const lines = accrue(
      '2026-07',
      apartment(5437, ['a', 1, 3], ['b', 1, 3], ['c', 1, 3]),
      terms(['2026-01-01', null, 150_001]),
      'som',
    );
    expect(amounts(lines)).toEqual([2_718_600, 2_718_500, 2_718_500]); // 8 155 554.37 → 8 155 600
  });

  it('charges only the days a contract covers, and refuses overlapping terms', () => {
    const ended = accrue('2026-07', apartment(5437), terms(['2026-01-01', '2026-07-11', 150_000]));
    expect(ended.map((l) => [l.days, l.amount])).toEqual([[10, 2_630_806]]); // 8 155 500 × 10/31 = 2 630 806.45
    expect(() =>
      monthSegments('2026-07', terms(['2026-01-01', '2026-07-20', 1], ['2026-07-10', null, 2])),
    ).toThrow(/overlap/);
    expect(() => monthSegments('2026-07', terms(['2026-01-01', null, 1], ['2026-07-10', null, 2]))).toThrow(
      /overlap/,
    );
  });

  it('joins a renewal on equal terms into one segment', () => {
    expect(monthSegments('2026-07', terms(['2026-01-01', '2026-07-15', 1], ['2026-07-15', null, 1]))).toEqual(
      [{ from: '2026-07-01', to: '2026-08-01', tiyinPerM2: 1, organizationId: ORG }],
    );
  });

  it('refuses a bad area, tariff or segment', () => {
    const seg = { from: '2026-07-01', to: '2026-08-01', tiyinPerM2: 1, organizationId: ORG };
    expect(() => accrueApartment('2026-07', 'b', apartment(0), [seg], 'tiyin')).toThrow(/area/);
    expect(() =>
      accrueApartment('2026-07', 'b', apartment(10), [{ ...seg, tiyinPerM2: 1.5 }], 'tiyin'),
    ).toThrow(/tariff/);
    expect(() =>
      accrueApartment('2026-07', 'b', apartment(10), [{ ...seg, to: '2026-08-02' }], 'tiyin'),
    ).toThrow(/must lie/);
  });
});

describe('building month and its gate', () => {
  const building = {
    buildingId: 'bld-1',
    terms: terms(['2026-01-01', null, 150_000]),
    apartments: [apartment(5437, ['a', 1, 2], ['b', 1, 2]), { ...apartment(4000), apartmentId: 'apt-2' }],
  };

  it('accrues every apartment, with the same keys on a re-run', () => {
    const first = accrueBuilding('2026-07', building, { chargeRounding: 'tiyin' }, new Map());
    const again = accrueBuilding('2026-07', building, { chargeRounding: 'tiyin' }, new Map());
    expect(first.status).toBe('accrued');
    if (first.status !== 'accrued') return;
    expect(first.lines.map((l) => l.key)).toEqual([
      'accrual/2026-07/apt-1/a/2026-07-01',
      'accrual/2026-07/apt-1/b/2026-07-01',
      'accrual/2026-07/apt-2/own-a/2026-07-01',
    ]);
    expect(again).toEqual(first);
  });

  it('a suspended month yields no lines and says why; other months are unaffected', () => {
    const suspended = new Map([[suspensionKey('bld-1', '2026-07'), 'no quarterly report for 2026 Q2']]);
    expect(accrueBuilding('2026-07', building, { chargeRounding: 'tiyin' }, suspended)).toEqual({
      buildingId: 'bld-1',
      period: '2026-07',
      status: 'suspended',
      reason: 'no quarterly report for 2026 Q2',
    });
    expect(accrueBuilding('2026-08', building, { chargeRounding: 'tiyin' }, suspended).status).toBe(
      'accrued',
    );
  });
});

describe('forgoneCharge', () => {
  it('is what the accrual would have charged the apartments, a mid-month tariff change prorated', () => {
    const terms = [
      { from: '2027-01-01', to: '2027-04-10', tiyinPerM2: 150_000, organizationId: 'a' },
      { from: '2027-04-10', to: null, tiyinPerM2: 160_000, organizationId: 'b' },
    ];
    const areas = [5000, 6240, 3333];
    const expected = areas
      .flatMap((area, i) =>
        accrueApartment(
          '2027-04',
          'x',
          {
            apartmentId: `a${i}`,
            areaHundredths: area,
            owners: [{ ownerId: 'o', ownerKind: 'person', share: { numerator: 1, denominator: 1 } }],
          },
          monthSegments('2027-04', terms),
          'som',
        ),
      )
      .reduce((s, l) => s + l.amount, 0);
    expect(forgoneCharge('2027-04', terms, areas, 'som')).toBe(expected);
    expect(forgoneCharge('2027-05', terms, [5000], 'tiyin')).toBe((5000 * 160_000) / 100);
    // No terms that month, or no area: nothing would have been charged.
    expect(forgoneCharge('2026-12', terms, areas, 'tiyin')).toBe(0);
    expect(forgoneCharge('2027-05', terms, [0], 'tiyin')).toBe(0);
  });
});
