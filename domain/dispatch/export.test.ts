import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../common/language.ts';
import { figuresExportRows, type NamedFigures } from './export.ts';
import { noFigures } from './figures.ts';

const figures: NamedFigures = {
  ...noFigures('0190b1a2-0000-7000-8000-000000000001', '2027-Q3'),
  name: 'Toza Hovli MChJ',
  requests: 16,
  answer: { count: 16, decided: 16, inTime: 13, share: 0.8125, medianMinutes: 3.5 },
  contain: { count: 4, decided: 3, inTime: 2, share: 0.6667, medianMinutes: 21 },
  meanRating: 4.25,
};

describe('figuresExportRows', () => {
  it('heads each column in the reader’s language, no code among the words', () => {
    const headers = Object.fromEntries(LANGUAGES.map((l) => [l, figuresExportRows([], l)[0]!]));
    expect(headers.uz![0]).toBe('Tashkilot');
    expect(headers.ru).toContain('Звонков принято в срок (%)');
    expect(headers.en).toContain('Median time to contain (min)');
    for (const lang of LANGUAGES) {
      expect(headers[lang]!.join(' '), lang).not.toMatch(/\b[a-z]+_[a-z_]+\b|[a-z][A-Z]/);
      expect(headers[lang], lang).toHaveLength(11);
    }
    expect(new Set(LANGUAGES.map((l) => headers[l]!.join()))).toHaveProperty('size', 3);
  });

  it('names the organization beside its id, the quarter as people write it, shares as percentages', () => {
    const row = (lang: (typeof LANGUAGES)[number]) => figuresExportRows([figures], lang)[1]!;
    expect(row('en')).toEqual([
      'Toza Hovli MChJ',
      figures.organizationId,
      'Q3 2027',
      16,
      81.25,
      3.5,
      66.67,
      21,
      // Nothing decided for the done clock: empty, not 0 %.
      '',
      '',
      4.25,
    ]);
    expect(row('uz')[2]).toBe('2027-yil 3-chorak');
    expect(row('ru')[2]).toBe('3 квартал 2027');
  });
});
