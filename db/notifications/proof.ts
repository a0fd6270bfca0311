// What a sender reads back about its own mailing, named by the idempotency key it sent it under:
// whether every message has gone out (a meeting's notice period counts from then), and, per
// person, the proof of notice: by which channels, when each was sent and delivered, and who
// ended on the building's printable list.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel, DeliveryState } from '../../domain/notifications/types.ts';
import { executeBound } from '../sql.ts';

export interface MailingProgress {
  messages: number;
  /** Messages with nothing sent yet and not settled (printed, skipped…): still to go out. */
  waiting: number;
  /**
   * When the last message went out: its first channel's send, or its settling when nothing was
   * sent (an owner put on the printable list); null while any waits or when there are none.
   */
  sentAt: string | null;
}

export async function mailingProgress(em: EntityManager, idempotencyKey: string): Promise<MailingProgress> {
  const [row] = await executeBound<{ messages: string; waiting: string; sent_at: Date | null }>(
    em,
    `with per as (
       select m.status, m.settled_at,
              (select min(d.sent_at) from notification_delivery d where d.message_id = m.id) as first_sent
         from notification_mailing g join notification_message m on m.mailing_id = g.id
        where g.idempotency_key = $1)
     select count(*) as messages,
            count(*) filter (where first_sent is null and status = 'pending') as waiting,
            max(coalesce(first_sent, settled_at)) as sent_at
       from per`,
    [idempotencyKey],
  );
  const waiting = Number(row?.waiting ?? 0);
  const messages = Number(row?.messages ?? 0);
  return {
    messages,
    waiting,
    sentAt: waiting === 0 && messages > 0 && row?.sent_at ? new Date(row.sent_at).toISOString() : null,
  };
}

export interface DeliveryProof {
  channel: Channel;
  state: DeliveryState;
  address: string;
  queuedAt: string;
  sentAt: string | null;
  /** The channel's delivery report; for mail, which gives none, null. */
  deliveredAt: string | null;
  error: string | null;
}

export interface NoticeProof {
  personId: string;
  fullName: string;
  /** pending | done | printed | skipped | given_up */
  status: string;
  /** On the building's printable list since. */
  printedAt: string | null;
  buildingId: string | null;
  place: string | null;
  deliveries: DeliveryProof[];
}

/** Per recipient of the mailing, in person-id order; `afterPersonId` and `limit` page through it. */
export async function proofOfNotice(
  em: EntityManager,
  idempotencyKey: string,
  page: { afterPersonId?: string; limit: number } = { limit: 1000 },
): Promise<NoticeProof[]> {
  const rows = await executeBound<{
    person_id: string;
    full_name: string;
    status: string;
    settled_at: Date | null;
    building_id: string | null;
    place: string | null;
    deliveries: {
      channel: Channel;
      state: DeliveryState;
      address: string;
      queued_at: string;
      sent_at: string | null;
      delivered_at: string | null;
      error: string | null;
    }[];
  }>(
    em,
    `select m.person_id, p.full_name, m.status, m.settled_at, m.building_id, m.place,
            coalesce((select jsonb_agg(jsonb_build_object(
                        'channel', d.channel, 'state', d.state, 'address', d.address,
                        'queued_at', d.queued_at, 'sent_at', d.sent_at, 'error', d.error,
                        'delivered_at', (select min(e.at) from notification_delivery_event e
                                          where e.delivery_id = d.id and e.state = 'delivered'))
                        order by d.queued_at)
                        from notification_delivery d where d.message_id = m.id), '[]'::jsonb) as deliveries
       from notification_mailing g join notification_message m on m.mailing_id = g.id
       join person p on p.id = m.person_id
      where g.idempotency_key = $1 and m.person_id > $2::uuid
      order by m.person_id limit $3`,
    [idempotencyKey, page.afterPersonId ?? '00000000-0000-0000-0000-000000000000', page.limit],
  );
  const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);
  return rows.map((r) => ({
    personId: r.person_id,
    fullName: r.full_name,
    status: r.status,
    printedAt: r.status === 'printed' ? iso(r.settled_at) : null,
    buildingId: r.building_id,
    place: r.place,
    deliveries: r.deliveries.map((d) => ({
      channel: d.channel,
      state: d.state,
      address: d.address,
      queuedAt: iso(d.queued_at) as string,
      sentAt: iso(d.sent_at),
      deliveredAt: iso(d.delivered_at),
      error: d.error,
    })),
  }));
}
