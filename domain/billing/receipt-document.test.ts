import { describe, expect, it } from 'vitest';
import { area, dayName, money, periodName, RECEIPT_WORDS } from './receipt-document.ts';

describe('receipt words', () => {
  it('prints periods, days, amounts and areas as each language writes them', () => {
    expect([periodName('uz', '2026-08'), periodName('ru', '2026-08'), periodName('en', '2026-08')]).toEqual([
      'avgust 2026',
      'август 2026',
      'August 2026',
    ]);
    expect(dayName('2026-08-15')).toBe('15.08.2026');
    expect(money('uz', 123_456_78)).toBe('123\u00a0456,78 soʻm');
    expect(money('ru', 5)).toBe('0,05 сум');
    expect(money('en', 123_456_78)).toBe('UZS 123,456.78');
    expect([area('uz', 5437), area('en', 5407)]).toEqual(['54,37 m²', '54.07 m²']);
  });

  it('has every word in every language', () => {
    const keys = Object.keys(RECEIPT_WORDS.en).sort();
    expect(Object.keys(RECEIPT_WORDS.uz).sort()).toEqual(keys);
    expect(Object.keys(RECEIPT_WORDS.ru).sort()).toEqual(keys);
  });
});
