// The benches' command-line numbers: each names the option it refuses, before anything starts.

/** The option `name` of a parsed command line as a positive integer. */
export function positiveInt(values: Readonly<Record<string, unknown>>, name: string): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}
