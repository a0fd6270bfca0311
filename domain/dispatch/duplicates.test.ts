import { describe, expect, it } from 'vitest';
import { findDuplicates, similarity } from './duplicates.ts';
import { DEFAULT_DISPATCH_POLICY as P } from './policy.ts';

const T0 = Date.UTC(2027, 0, 15, 8);
const H = 3_600_000;

describe('duplicate requests', () => {
  it('scores a retyped text as similar and an unrelated one as not', () => {
    expect(
      similarity('Shiftdan suv oqyapti, tez keling!', 'shiftdan suv oqayapti tez kelinglar'),
    ).toBeGreaterThan(0.6);
    expect(similarity('Потолок течёт, вода с верхнего этажа', 'потолок течет вода сверху')).toBeGreaterThan(
      0.45,
    );
    expect(similarity('Лифт не работает', 'Shiftdan suv oqyapti')).toBeLessThan(0.2);
    expect(similarity('', 'anything')).toBe(0);
    // The same words in the two scripts residents write Uzbek in.
    expect(similarity('Шифтдан сув оқяпти, тез келинг', 'Shiftdan suv oqyapti, tez keling')).toBe(1);
    expect(similarity('Лифт ишламаяпти', 'lift ishlamayapti')).toBeGreaterThan(P.duplicateSimilarity);
  });

  it('finds the same building’s similar request in the window, same apartment first', () => {
    const recent = [
      {
        id: 'a',
        buildingId: 'b1',
        apartmentId: 'x',
        text: 'Подвал затопило, течёт труба',
        registeredAt: T0 - H,
      },
      {
        id: 'b',
        buildingId: 'b1',
        apartmentId: 'y',
        text: 'подвал затопило течет труба!!',
        registeredAt: T0 - 2 * H,
      },
      {
        id: 'c',
        buildingId: 'b2',
        apartmentId: 'y',
        text: 'Подвал затопило, течёт труба',
        registeredAt: T0 - H,
      },
      {
        id: 'd',
        buildingId: 'b1',
        apartmentId: 'y',
        text: 'Подвал затопило, течёт труба',
        registeredAt: T0 - 25 * H,
      },
      { id: 'e', buildingId: 'b1', apartmentId: 'y', text: 'Домофон сломан', registeredAt: T0 - H },
    ];
    const found = findDuplicates(
      P,
      { buildingId: 'b1', apartmentId: 'y', text: 'Подвал затопило, течёт труба', registeredAt: T0 },
      recent,
    );
    expect(found.map((f) => [f.id, f.sameApartment])).toEqual([
      ['b', true],
      ['a', false],
    ]);
  });
});
