// What a file import reports about a bad cell: the line and the column it is in, and why. Every
// import speaks it (the registry's CSV files, billing's bank statements), so an importer's report
// reads the same whatever the file.
export interface ImportError {
  /** 1-based line of the file: the header is row 1, the first record row 2. */
  row: number;
  field: string;
  message: string;
}
