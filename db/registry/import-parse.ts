// Reading an import file into a header and records of strings, for validateImport. A file that is
// not UTF-8 CSV at all is a FileProblem (the caller answers 400); a record whose cell count does
// not match the header is a row error like any other, so the clerk sees it in the same report.
import { CsvError, parse } from 'csv-parse/sync';
import { textFault } from '../../domain/common/text.ts';
import type { ImportError } from '../../domain/registry/import-fields.ts';

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

export function parseImportFile(bytes: Uint8Array): ParsedFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileProblem('the file is not UTF-8 text');
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
