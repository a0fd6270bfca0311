// Reading an uploaded CSV file (the registry's imports, billing's bank statements) into a header
// and records of strings for the capability's own validation. A file that is
// not UTF-8 CSV at all is a FileProblem (the caller answers 400); a record whose cell count does
// not match the header is a row error like any other, so the clerk sees it in the same report.
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportError } from '../domain/common/import-error.ts';
import { textFault } from '../domain/common/text.ts';

export class FileProblem extends Error {}

export interface ParsedFile {
  header: string[];
  records: Record<string, string>[];
  /** Records whose cell count differs from the header's. */
  errors: ImportError[];
}

/**
 * Spreadsheets in Uzbek and Russian locales save CSV with semicolons (the comma is their decimal
 * separator); the header row tells which one the file uses.
 */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** Bank exports from 1C are often Windows-1251; the caller names it from the upload's charset. */
export type FileEncoding = 'utf-8' | 'windows-1251';

export function parseImportFile(bytes: Uint8Array, encoding: FileEncoding = 'utf-8'): ParsedFile {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new FileProblem(`the file is not ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1251'} text`);
  }
  // A NUL never occurs in a spreadsheet's CSV; it marks a binary file that happens to decode.
  if (text.includes('\u0000')) throw new FileProblem('the file is binary, not CSV');
  let lines: string[][];
  try {
    lines = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      // Row numbers count records, the header as 1: the row numbers a spreadsheet shows.
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw new FileProblem(`the file is not valid CSV: ${err.message}`);
    throw err;
  }
  const [header, ...rows] = lines;
  if (!header) throw new FileProblem('the file is empty: a header row is required');
  const names = header.map((h) => h.trim());
  const errors: ImportError[] = [];
  const records = rows.map((cells, i) => {
    if (cells.length !== names.length) {
      errors.push({
        row: i + 2,
        field: 'row',
        message: `has ${cells.length} cells, the header has ${names.length}`,
      });
    }
    names.forEach((name, j) => {
      const fault = textFault(cells[j] ?? '');
      if (fault) errors.push({ row: i + 2, field: name, message: fault });
    });
    return Object.fromEntries(names.map((name, j) => [name, cells[j] ?? '']));
  });
  return { header: names, records, errors };
}
