// Reading a building's accounting-violation cases and resolving one. A case is resolved once, by
// the organization, with its note; the same request again (same user, Idempotency-Key and body)
// answers the same resolution, anything else on a resolved case is a conflict.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ViolationKind, ViolationSource, ViolationView } from '../../domain/billing/reconciliation.ts';
import { iso, isoOrNull, isUuid } from '../sql.ts';

interface Row {
  id: string;
  building_id: string | null;
  kind: ViolationKind;
  source: ViolationSource;
  amount: string;
  occurred_on: string;
  reference: string;
  status: 'open' | 'resolved';
  opened_at: Date;
  resolved_at: Date | null;
  note: string | null;
  resolution_key: string | null;
  resolution_hash: string | null;
}

const COLUMNS = `id, building_id, kind, source, amount::text as amount, occurred_on, reference, status, opened_at,
                 resolved_at, note, resolution_key, resolution_hash`;

const view = (r: Row): ViolationView => ({
  id: r.id,
  kind: r.kind,
  source: r.source,
  amount: Number(r.amount),
  occurredOn: r.occurred_on,
  reference: r.reference,
  status: r.status,
  openedAt: iso(r.opened_at),
  resolvedAt: isoOrNull(r.resolved_at),
  note: r.note,
});

/** The building's cases, open ones first, the latest first. */
export async function violationsOf(em: EntityManager, buildingId: string): Promise<ViolationView[]> {
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from billing_violation where building_id = ?
      order by status = 'open' desc, occurred_on desc, opened_at desc, id`,
    [buildingId],
  );
  return rows.map(view);
}

export async function violationById(
  em: EntityManager,
  id: string,
): Promise<(ViolationView & { buildingId: string | null }) | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.execute<Row[]>(`select ${COLUMNS} from billing_violation where id = ?`, [id]);
  return row ? { ...view(row), buildingId: row.building_id } : null;
}

export type Resolution =
  | { outcome: 'resolved' | 'replayed'; violation: ViolationView }
  | { outcome: 'already_resolved' }
  | { outcome: 'key_conflict' }
  | { outcome: 'not_found' };

export async function resolveViolation(
  em: EntityManager,
  r: { id: string; userId: string; note: string; key: string; hash: string },
): Promise<Resolution> {
  const [done] = await em.execute<Row[]>(
    `update billing_violation
        set status = 'resolved', resolved_at = now(), resolved_by_user_id = ?, note = ?,
            resolution_key = ?, resolution_hash = ?
      where id = ? and status = 'open'
      returning ${COLUMNS}`,
    [r.userId, r.note, r.key, r.hash, r.id],
  );
  if (done) return { outcome: 'resolved', violation: view(done) };
  const [row] = await em.execute<Row[]>(`select ${COLUMNS} from billing_violation where id = ?`, [r.id]);
  if (!row) return { outcome: 'not_found' };
  if (row.resolution_key !== r.key) return { outcome: 'already_resolved' };
  if (row.resolution_hash !== r.hash) return { outcome: 'key_conflict' };
  return { outcome: 'replayed', violation: view(row) };
}
