// Tamper-evident histories. A history table opts in with three lines in its entity:
//
//   uniques: [{ properties: ['appeal', 'chainPos'] }],
//   triggers: [appendOnly('appeal_event', 'appeal history'), hashChained(APPEAL_HISTORY)],
//   properties: { ...chainColumns(), ... },
//
// with `APPEAL_HISTORY = { table: 'appeal_event', columns: ['appeal_id'] }` exported for the
// verification route (api/audit/verification.ts). `npm run migration:create` then writes the
// columns, the unique index and the trigger; a table that already has rows adds
// `select audit_chain_backfill(table, columns, insertion order)` to that migration before the
// index (Migration20261206051152_audit_chain.ts shows how). The trigger runs
// `audit_chain()` (created in the audit-chain migration) before every insert: it takes a
// transaction lock on the stream (the rows sharing the stream columns' values), so concurrent
// inserts line up, numbers the row after the stream's last one, and stores that row's hash as
// `prev_hash` and its own hash over `prev_hash` and its content as `row_hash`. No writer can forget
// it, and domain/common/audit-chain.ts recomputes it to prove that nobody edited, deleted, reordered
// or slipped in a row since.
import { p } from '@mikro-orm/core';

/**
 * The trigger fills these; the defaults only let a writer leave them out (the ORM omits a column
 * with a default), and a row that somehow kept them fails verification.
 */
export const chainColumns = () => ({
  /** 1, 2, 3 … within the stream, in insertion order. */
  chainPos: p.integer().default(0),
  prevHash: p.string().length(64).default(''),
  rowHash: p.string().length(64).default(''),
});

/** A chained table and its stream: the columns (SQL names) whose values name one chain. */
export interface ChainedHistory {
  table: string;
  columns: readonly string[];
}

/** The insert trigger that chains the history's rows per stream. */
export const hashChained = ({ table, columns }: ChainedHistory) => ({
  name: `${table}_chain`,
  timing: 'before' as const,
  events: ['insert' as const],
  forEach: 'row' as const,
  expression: `create trigger "${table}_chain" before insert on "${table}" for each row execute function audit_chain(${columns.map((c) => `'${c}'`).join(', ')});`,
});
