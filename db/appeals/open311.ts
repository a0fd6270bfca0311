// Reads for the Open311 endpoints: whole appeals (Open311 shows the text, the answer and the last
// change, which the list summaries leave out) with their building's address, in the list's scope.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import type { Appeal } from '../../domain/appeals/appeal.ts';
import type { AppealCategory } from '../../domain/appeals/types.ts';
import { Building } from '../registry/entities.ts';
import { isUuid } from '../sql.ts';
import { AppealRow } from './entities.ts';
import { scopeOf } from './views.ts';

export interface Open311Filter {
  /** Registration numbers or appeal ids; when given, the other filters are ignored, as the spec says. */
  ids?: string[];
  category?: AppealCategory;
  /** Open311's two statuses: closed is closed or forwarded off the platform. */
  closed?: boolean;
  receivedFrom?: Date;
  receivedTo?: Date;
}

export interface Located {
  appeal: Appeal;
  address: string | null;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function filterOf(f: Open311Filter): { sql: string[]; params: unknown[] } {
  if (f.ids) {
    const ids = f.ids.filter(isUuid);
    return {
      sql: [
        `(a.registration_number in (${marks(f.ids.length)})${ids.length ? ` or a.id in (${marks(ids.length)})` : ''})`,
      ],
      params: [...f.ids, ...ids],
    };
  }
  const sql: string[] = [];
  const params: unknown[] = [];
  if (f.category) {
    sql.push('a.category = ?');
    params.push(f.category);
  }
  if (f.closed !== undefined) sql.push(`a.status ${f.closed ? '' : 'not '}in ('closed','transferred')`);
  if (f.receivedFrom) {
    sql.push('a.received_at >= ?');
    params.push(f.receivedFrom);
  }
  if (f.receivedTo) {
    sql.push('a.received_at <= ?');
    params.push(f.receivedTo);
  }
  return { sql, params };
}

export async function open311Appeals(
  em: EntityManager,
  p: Principal,
  f: Open311Filter,
  limit: number,
): Promise<Located[]> {
  const scope = scopeOf(p, false);
  if (!scope || f.ids?.length === 0) return [];
  const extra = filterOf(f);
  const rows = await em.getConnection().execute<{ state: Appeal; address: string | null }[]>(
    `select a.state, b.address from appeal a left join building b on b.id = a.building_id
      where ${[scope.sql, ...extra.sql].join(' and ')}
      order by a.received_at desc, a.id desc limit ${limit}`,
    [...scope.params, ...extra.params],
  );
  return rows.map((r) => ({ appeal: r.state, address: r.address }));
}

/** One appeal by its id or registration number; who may see it is the caller's to decide. */
export async function open311Appeal(em: EntityManager, idOrNumber: string): Promise<Located | null> {
  const row = await em.findOne(
    AppealRow,
    isUuid(idOrNumber) ? { id: idOrNumber } : { registrationNumber: idOrNumber },
    { fields: ['state'] },
  );
  if (!row) return null;
  const building = await em.findOne(Building, { id: row.state.subject.buildingId }, { fields: ['address'] });
  return { appeal: row.state, address: building?.address ?? null };
}
