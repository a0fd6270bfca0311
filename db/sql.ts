// Small pieces every repository's raw SQL shares. MikroORM inlines parameters into the SQL text
// (it scans for `?`), so queries never contain a literal `?` (no jsonb `?` operators) and never
// pass undefined.
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import type { Page } from '../domain/common/page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs, bodies and tokens; a malformed one names nothing (and must not become a SQL error). */
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

/** bigint and numeric columns arrive as strings; weights must stay exact, so refuse what is not. */
export function int(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`expected a safe integer, got ${String(value)}`);
  return n;
}

/** The driver hands timestamps over as text or Date (entities as epoch ms); the API speaks ISO 8601 in UTC. */
export const iso = (value: unknown): string => new Date(value as string).toISOString();
export const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));

export interface PageRequest {
  page: number;
  pageSize: number;
}

export function paging(p: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, Math.floor(p.page) || 1);
  const pageSize = Math.min(1000, Math.max(1, Math.floor(p.pageSize) || 20));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const emptyPage = <T>(p: PageRequest): Page<T> => {
  const { page, pageSize } = paging(p);
  return { items: [], page, pageSize, total: 0 };
};

/**
 * Runs `sql` with `$1, $2 …` bound by the driver instead of inlined into the text: for statements
 * whose parameter is a batch of thousands of rows as JSON, where inlining (escaping megabytes,
 * then PostgreSQL parsing them as a literal) would cost more than the work. Inside
 * `em.transactional` it runs in that transaction.
 */
export async function executeBound<T>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  const context = (em.getTransactionContext() ?? em.getConnection().getClient()) as {
    executeQuery<R>(query: CompiledQuery<R>): Promise<{ rows: R[] }>;
  };
  const result = await context.executeQuery<T>(CompiledQuery.raw(sql, [...params]));
  return result.rows;
}
