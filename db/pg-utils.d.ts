// pg ships its value conversion (what a parameter becomes on the wire) untyped; this declares the
// one function db/sql.ts uses, so a group's values sent as literals read as pg would send them.

declare module 'pg/lib/utils.js' {
  /** A parameter value as pg sends it: text (arrays as array literals, Buffers as bytes), or null. */
  export function prepareValue(value: unknown): string | Buffer | null;
}
