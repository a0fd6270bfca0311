// Removal of an organization that is registered without an application in the electronic
// register (carried over from the paper register): no review workflow holds it, so the system
// removes it here, with the same history entry a workflow removal writes. The caller flags the
// organization's contracts, as the review's removal activity does.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RemovalReason } from '../../domain/register/status.ts';

export async function removeWithoutApplication(
  em: EntityManager,
  organizationId: string,
  reason: RemovalReason,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ status: string }[]>(
      `update management_organization o set register_status = 'removed'
        from (select id, register_status from management_organization where id = ? for update) old
       where o.id = old.id and old.register_status in ('registered', 'suspended')
       returning old.register_status as status`,
      [organizationId],
    );
    const from = rows[0]?.status;
    if (!from) return false;
    await tx.execute(
      `insert into register_event (id, organization_id, application_id, at, actor_user_id, action, from_state, to_state, reason, data)
       values (?, ?, null, now(), null, 'remove', ?, 'removed', ?, '{}'::jsonb)`,
      [randomUUID(), organizationId, from, reason],
    );
    return true;
  });
}
