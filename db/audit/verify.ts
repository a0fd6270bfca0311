// Reads one stream of a hash-chained history (db/audit/chain.ts) and checks it with the domain's
// own recomputation, so the answer never rests on the database's word about its own hashes.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ChainRow,
  type ChainVerification,
  combineVerifications,
  verifyChain,
} from '../../domain/common/audit-chain.ts';
import type { ChainedHistory } from './chain.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * One stream's rows, `stream` giving the values of the history's columns in order. Oldest first,
 * by position; a row that never went through the trigger (position 0) comes first.
 */
export async function readChain(
  em: EntityManager,
  history: ChainedHistory,
  stream: readonly string[],
): Promise<ChainRow[]> {
  const names = [history.table, ...history.columns];
  if (!names.every((n) => IDENTIFIER.test(n)))
    throw new RangeError(`not a chained history: ${names.join(', ')}`);
  if (stream.length !== history.columns.length)
    throw new RangeError(`${history.table} streams by ${history.columns}`);
  const where = history.columns.map((c) => `t."${c}" = ?`).join(' and ');
  const rows = await em.execute<(Omit<ChainRow, 'id'> & { id: string })[]>(
    `select t.id::text as id, t.chain_pos as position, t.prev_hash as "prevHash", t.row_hash as "rowHash",
            audit_row_content(t) as content
     from "${history.table}" t where ${where} order by t.chain_pos, t.id`,
    [...stream],
  );
  return rows;
}

export async function verifyHistory(
  em: EntityManager,
  history: ChainedHistory,
  stream: readonly string[],
): Promise<ChainVerification> {
  return verifyChain(history.table, await readChain(em, history, stream));
}

/** Several streams of one history that belong together, as one verdict (combineVerifications). */
export async function verifyHistories(
  em: EntityManager,
  history: ChainedHistory,
  streams: readonly (readonly string[])[],
): Promise<ChainVerification> {
  const verdicts: ChainVerification[] = [];
  for (const stream of streams) verdicts.push(await verifyHistory(em, history, stream));
  return combineVerifications(verdicts);
}
