import { describe, expect, it } from 'vitest';
import {
  CellReader,
  DEFAULT_IMPORT_POLICY,
  IMPORT_COLUMNS,
  NATURAL_KEYS,
  resolveImportPolicy,
} from './import-fields.ts';

const read = (cells: Record<string, string>) => new CellReader(cells, 7, DEFAULT_IMPORT_POLICY);

describe('import columns and keys', () => {
  it('keys every kind by required columns only', () => {
    for (const [kind, key] of Object.entries(NATURAL_KEYS)) {
      for (const column of key)
        expect(IMPORT_COLUMNS[kind as keyof typeof IMPORT_COLUMNS].required).toContain(column);
    }
  });
  it('layers policy overrides', () => {
    expect(resolveImportPolicy({ maxFloors: 40 }, undefined).maxFloors).toBe(40);
    expect(DEFAULT_IMPORT_POLICY.maxFloors).toBe(100);
  });
});

describe('CellReader', () => {
  it('treats blank cells as absent and trims', () => {
    const c = read({ a: '  ', b: ' x ' });
    expect(c.optional('a')).toBeNull();
    expect(c.optional('missing')).toBeNull();
    expect(c.text('b')).toBe('x');
    expect(c.errors).toEqual([]);
  });
  it('reads decimal commas and refuses more than two decimals', () => {
    const c = read({ a: '54,30', b: '54.305', d: '0' });
    expect(c.area('a')).toBe(54.3);
    c.area('b');
    c.area('d');
    expect(c.errors.map((e) => [e.row, e.field])).toEqual([
      [7, 'b'],
      [7, 'd'],
    ]);
  });
  it('bounds whole numbers', () => {
    const c = read({ a: '5', b: '1.0', e: '', f: '-1' });
    expect(c.integer('a', 1, 5)).toBe(5);
    c.integer('b', 1, 5);
    c.integer('e', 1, 5);
    c.integer('f', 0, 5);
    expect(c.errors.map((e) => [e.field, e.message])).toEqual([
      ['b', 'must be a whole number from 1 to 5'],
      ['e', 'is required'],
      ['f', 'must be a whole number from 0 to 5'],
    ]);
  });
});
