// The one way the API answers with a CSV file a person opens in a spreadsheet: rows the domain
// made in the reader's language, written by csv-stringify with a byte-order mark (so Excel reads
// UTF-8) and as an attachment. Cells hold text residents and organizations wrote (an appeal, an
// organization's name), so a cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage
// return first) is prefixed with '.
import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';

/** What every CSV route's description says of its cells, so a client knows what to expect. */
export const CSV_CELLS =
  "UTF-8 with a byte-order mark and a header row. A cell beginning with =, +, -, @, a tab or a carriage return starts with ' so a spreadsheet shows it instead of running it as a formula (an amount such as -12.30 stays a number).";

/** A cell: text, or a number the sheet may count (a negative number is not a formula). */
export type CsvCell = string | number;

/**
 * An amount the domain wrote as a plain decimal ('-12.30': so'm keep their two decimals) is a
 * number, not a formula; only such a cell skips the escaping, so '-1+cmd|…' is still prefixed.
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The rows as CSV text: a byte-order mark, then records ended by LF (csv-stringify's default; with
 * its CRLF setting a lone carriage return in a cell went out unquoted), formulas neutralized.
 */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  const csv = stringify(
    rows.map((r) => [...r]),
    {
      escape_formulas: true,
      cast: { string: (v) => (PLAIN_NUMBER.test(v) ? { value: v, escape_formulas: false } : v) },
    },
  );
  return `\ufeff${csv}`;
}

/** The rows as a downloaded file named `filename` (ASCII: it goes into a header as it is). */
export const csvAnswer = (c: Context, rows: readonly (readonly CsvCell[])[], filename: string) =>
  c.body(csvText(rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
