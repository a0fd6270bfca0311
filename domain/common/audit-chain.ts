// The hash chain over history rows, recomputed outside the database. The database writes each
// link in a trigger (db/audit/chain.ts); this file checks them, and runs the same in the API, in
// an inspector's own tool and in the browser. The serialization here and the trigger's SQL must
// stay byte for byte the same: tests/platform/audit-chain.test.ts compares them on real rows.
import { sha256Hex } from './sha256.ts';

/** The previous hash of a stream's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed text ever changes shape, so old and new links are never confused. */
export const CHAIN_VERSION = 'mu-audit-v1';

/**
 * A row's content as the database renders it: every column except the two hashes, each as the
 * text of its JSON form (timestamps in UTC, JSON columns as PostgreSQL's jsonb text), null as null.
 */
export type ChainContent = Readonly<Record<string, string | null>>;

export interface ChainRow {
  id: string;
  position: number | null;
  prevHash: string | null;
  rowHash: string | null;
  content: ChainContent;
}

export type ChainBreak = 'row_missing' | 'row_inserted' | 'link_broken' | 'content_changed';

export interface ChainVerification {
  valid: boolean;
  rows: number;
  /** The last row's hash: an inspector who noted it earlier can tell whether rows were cut off the end. */
  headHash: string | null;
  firstBrokenAt?: { position: number | null; rowId: string };
  reason?: ChainBreak;
}

/**
 * Keys in code-point order (column names are ASCII, where this equals PostgreSQL's "C" order),
 * no whitespace, strings escaped as JSON.stringify does, which is what PostgreSQL's to_json(text)
 * does for every character text can hold.
 */
export function canonicalContent(content: ChainContent): string {
  const keys = Object.keys(content).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${content[k] === null ? 'null' : JSON.stringify(content[k])}`).join(',')}}`;
}

/** The text a row's hash is taken over: version, table, previous hash, content. */
export const chainedText = (table: string, prevHash: string, content: ChainContent): string =>
  `${CHAIN_VERSION}\n${table}\n${prevHash}\n${canonicalContent(content)}`;

export const chainRowHash = (table: string, prevHash: string, content: ChainContent): Promise<string> =>
  sha256Hex(chainedText(table, prevHash, content));

/**
 * Walks one stream's rows in position order and names the first that does not hold: a gap in the
 * positions (a row deleted), a position seen twice or none at all (a row slipped in), a previous hash that is not
 * the hash of the row before (rows reordered or inserted), or content whose hash is not the one
 * written when the row was inserted (a row edited).
 */
export async function verifyChain(table: string, rows: readonly ChainRow[]): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  const broken = (row: ChainRow, reason: ChainBreak): ChainVerification => ({
    valid: false,
    rows: rows.length,
    headHash: rows.at(-1)?.rowHash ?? null,
    firstBrokenAt: { position: row.position, rowId: row.id },
    reason,
  });
  for (const [i, row] of rows.entries()) {
    const expected = i + 1;
    if (row.position === null || row.position < expected) return broken(row, 'row_inserted');
    if (row.position > expected) return broken(row, 'row_missing');
    if (row.prevHash !== prev) return broken(row, 'link_broken');
    if (row.rowHash !== (await chainRowHash(table, prev, row.content))) return broken(row, 'content_changed');
    prev = row.rowHash;
  }
  return { valid: true, rows: rows.length, headHash: rows.at(-1)?.rowHash ?? null };
}

/**
 * One verdict over several streams that belong together (a meeting's own trail and those of its
 * powers of attorney, comments and protocol), given in a fixed order: valid when all are, broken
 * at the first broken one, and a head that changes whenever any stream's head does.
 */
export async function combineVerifications(
  verdicts: readonly ChainVerification[],
): Promise<ChainVerification> {
  if (verdicts.length === 1) return verdicts[0]!;
  const rows = verdicts.reduce((n, v) => n + v.rows, 0);
  const headHash = await sha256Hex(verdicts.map((v) => v.headHash ?? '').join('\n'));
  const broken = verdicts.find((v) => !v.valid);
  if (!broken) return { valid: true, rows, headHash };
  return { valid: false, rows, headHash, firstBrokenAt: broken.firstBrokenAt!, reason: broken.reason! };
}
