// The notifications' writes and reads, in SQL: mailings reach thousands of owners, so every step
// is set-based and claimed with FOR UPDATE SKIP LOCKED, and each change of a delivery writes its
// state and its history row together.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import { applyDeliveryEvent, type DeliveryEvent } from '../../domain/notifications/delivery.ts';
import type { NotificationPolicy } from '../../domain/notifications/policy.ts';
import { type Attempt, nextStep, routeFor } from '../../domain/notifications/routing.ts';
import type {
  Channel,
  Contacts,
  DeliveryState,
  MessageKind,
  MessageText,
  Preferences,
} from '../../domain/notifications/types.ts';
import { enqueueMail, type OutboxMail } from '../mail/outbox.ts';
import { executeBound } from '../sql.ts';

export interface Recipient {
  personId: string;
  buildingId?: string | null;
  /** The apartment(s), for the printable list. */
  place?: string | null;
  /** This person's own text (a receipt); else the mailing's. */
  texts?: Record<Language, MessageText>;
}

export interface MailingInput {
  kind: MessageKind;
  organizationId?: string | null;
  buildingId?: string | null;
  texts: Record<Language, MessageText>;
  /** The sender's key for this mailing: the same key is the same mailing, its recipients added once. */
  idempotencyKey: string;
  recipients: Recipient[];
}

/** Records a mailing and one message per recipient; repeating it adds nothing. */
export async function enqueueMailing(em: EntityManager, input: MailingInput, now: Date): Promise<string> {
  return em.transactional(async (tx) => {
    const [row] = await executeBound<{ id: string }>(
      tx,
      `with ins as (
         insert into notification_mailing (id, kind, organization_id, building_id, texts, idempotency_key, created_at)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7) on conflict (idempotency_key) do nothing returning id)
       select id from ins union all select id from notification_mailing where idempotency_key = $6 limit 1`,
      [
        randomUUID(),
        input.kind,
        input.organizationId ?? null,
        input.buildingId ?? null,
        JSON.stringify(input.texts),
        input.idempotencyKey,
        now,
      ],
    );
    // A twin request that inserted the same key concurrently committed after this statement's
    // snapshot: its row is invisible above, and visible to a statement of its own.
    const mailingId =
      row?.id ??
      (
        await executeBound<{ id: string }>(
          tx,
          'select id from notification_mailing where idempotency_key = $1',
          [input.idempotencyKey],
        )
      )[0]!.id;
    await executeBound(
      tx,
      `insert into notification_message (id, mailing_id, person_id, building_id, place, kind, texts, status, next_check_at, created_at)
       select gen_random_uuid(), $1, r.person_id, coalesce(r.building_id, $2), r.place, $3, r.texts, 'pending', $4, $4
         from jsonb_to_recordset($5::jsonb) as r(person_id uuid, building_id uuid, place text, texts jsonb)
       on conflict (mailing_id, person_id) do nothing`,
      [
        mailingId,
        input.buildingId ?? null,
        input.kind,
        now,
        JSON.stringify(
          input.recipients.map((r) => ({
            person_id: r.personId,
            building_id: r.buildingId ?? null,
            place: r.place ?? null,
            texts: r.texts ?? null,
          })),
        ),
      ],
    );
    return mailingId;
  });
}

interface PlanRow {
  id: string;
  kind: MessageKind;
  route: Channel[] | null;
  person_id: string;
  person_language: Language;
  email: string | null;
  pref_order: Channel[] | null;
  pref_language: Language | null;
  opt_out: boolean | null;
  phone: string | null;
  telegram_chat_id: string | null;
  unreachable: Channel[] | null;
  attempts: { channel: Channel; state: DeliveryState; queued_at: string }[];
  texts: Record<Language, MessageText>;
}

export interface PlanResult {
  claimed: number;
  queued: number;
  printed: number;
  done: number;
}

const addressOf = (c: Contacts, channel: Channel): string =>
  (channel === 'email' ? c.email : channel === 'sms' ? c.phone : c.telegramChatId) as string;

/**
 * One pass of the fallback sweep: takes up to `limit` pending messages whose next look is due,
 * fixes each one's route on its first look, and applies the rule's next step: queue the next
 * channel, wait until its time, or settle the message (done, on the printable list, skipped).
 * Messages are rows, not timers, so a million pending notices cost one indexed query a pass.
 */
export async function planDueMessages(
  em: EntityManager,
  policy: NotificationPolicy,
  now: Date,
  limit: number,
): Promise<PlanResult> {
  return em.transactional(async (tx) => {
    const rows = await executeBound<PlanRow>(
      tx,
      `with due as (
         select id from notification_message
          where status = 'pending' and next_check_at <= $1
          order by next_check_at limit $2 for update skip locked)
       select m.id, m.kind, m.route, m.person_id, p.language as person_language, p.email,
              np.channel_order as pref_order, np.language as pref_language, np.opt_out,
              -- A number is used only once its owner typed the code sent to it.
              case when np.phone_verified_at is not null then np.phone end as phone,
              np.telegram_chat_id, np.unreachable, coalesce(m.texts, g.texts) as texts,
              coalesce((select jsonb_agg(jsonb_build_object('channel', d.channel, 'state', d.state, 'queued_at', d.queued_at)
                                         order by d.queued_at)
                          from notification_delivery d where d.message_id = m.id), '[]'::jsonb) as attempts
         from due join notification_message m on m.id = due.id
         join notification_mailing g on g.id = m.mailing_id
         join person p on p.id = m.person_id
         left join notification_preference np on np.person_id = m.person_id`,
      [now, limit],
    );
    const result: PlanResult = { claimed: rows.length, queued: 0, printed: 0, done: 0 };
    const updates: {
      id: string;
      status: string;
      route: Channel[];
      language: Language;
      next: Date;
      skipped: string | null;
    }[] = [];
    const deliveries: { message_id: string; channel: Channel; outbox_key: string; address: string }[] = [];
    const mails: OutboxMail[] = [];
    for (const r of rows) {
      const prefs: Preferences | null = r.pref_order
        ? { order: r.pref_order, language: r.pref_language as Language, optOut: Boolean(r.opt_out) }
        : null;
      const contacts: Contacts = {
        email: r.email,
        phone: r.phone,
        telegramChatId: r.telegram_chat_id,
        unreachable: r.unreachable ?? [],
      };
      const language = prefs?.language ?? r.person_language;
      let route = r.route;
      let skipped: string | null = null;
      if (!route) {
        const planned = routeFor(policy, r.kind, prefs, contacts);
        route = planned.channels;
        if ('skipped' in planned) skipped = planned.skipped;
      }
      // A channel that went dead since the route was fixed is passed over.
      const live = route.filter(
        (c) => !contacts.unreachable.includes(c) || r.attempts.some((a) => a.channel === c),
      );
      const attempts: Attempt[] = r.attempts.map((a) => ({
        channel: a.channel,
        state: a.state,
        queuedAt: new Date(a.queued_at),
      }));
      const step =
        skipped === 'opted_out'
          ? { kind: 'give_up' as const }
          : nextStep(policy, r.kind, live, attempts, now);
      const base = { id: r.id, route, language, skipped };
      if (step.kind === 'send') {
        deliveries.push({
          message_id: r.id,
          channel: step.channel,
          outbox_key: `${r.id}:${step.channel}`,
          address: addressOf(contacts, step.channel),
        });
        if (step.channel === 'email') {
          const t = r.texts[language] ?? r.texts.uz;
          mails.push({
            idempotencyKey: mailKeyOf(`${r.id}:email`),
            to: addressOf(contacts, 'email'),
            subject: t.subject,
            text: t.text ?? (t.link ? `${t.body}\n\n${t.link}` : t.body),
            html: t.html,
            attachments: t.attachments,
          });
        }
        // Looked at again when the channel reports, or when its time runs out.
        const until = new Date(now.getTime() + policy.fallbackAfterMinutes[step.channel] * 60_000);
        updates.push({ ...base, status: 'pending', next: until });
        result.queued++;
      } else if (step.kind === 'wait') {
        updates.push({ ...base, status: 'pending', next: step.until });
      } else {
        const status =
          step.kind === 'print'
            ? 'printed'
            : step.kind === 'done'
              ? 'done'
              : skipped
                ? 'skipped'
                : 'given_up';
        if (status === 'printed') result.printed++;
        else result.done++;
        updates.push({ ...base, status, next: now });
      }
    }
    if (deliveries.length)
      await executeBound(
        tx,
        `with ins as (
           insert into notification_delivery (id, message_id, channel, outbox_key, address, state, not_before, tries, queued_at)
           select gen_random_uuid(), d.message_id, d.channel, d.outbox_key, d.address, 'queued', $2, 0, $2
             from jsonb_to_recordset($1::jsonb) as d(message_id uuid, channel text, outbox_key text, address text)
           on conflict (outbox_key) do nothing returning id)
         insert into notification_delivery_event (id, delivery_id, state, detail, at)
         select gen_random_uuid(), id, 'queued', null, $2 from ins`,
        [JSON.stringify(deliveries), now],
      );
    // Mail goes through the mail outbox, written in the same transaction as its delivery: the
    // outbox's pooled, leased, batched sender sends it, and settleMailedDeliveries reads back what
    // the server said.
    await enqueueMail(tx, mails);
    if (updates.length)
      await executeBound(
        tx,
        `update notification_message m
            set status = u.status, route = u.route, language = u.language, next_check_at = u.next,
                skipped = u.skipped, settled_at = case when u.status = 'pending' then null else $2::timestamptz end
           from jsonb_to_recordset($1::jsonb) as u(id uuid, status text, route jsonb, language text, next timestamptz, skipped text)
          where m.id = u.id`,
        [JSON.stringify(updates), now],
      );
    return result;
  });
}

/** The mail outbox's key for a delivery by email. */
export const mailKeyOf = (outboxKey: string): string => `notify:${outboxKey}`;

/**
 * Moves queued email deliveries whose mail the outbox has settled (accepted, or refused for
 * good) to what the server said; mail still pending in the outbox is left queued. Resolves to how
 * many were settled.
 */
export async function settleMailedDeliveries(em: EntityManager, now: Date, limit: number): Promise<number> {
  const rows = await executeBound<{
    id: string;
    status: 'sent' | 'failed';
    message_id: string | null;
    error: string | null;
  }>(
    em,
    `select d.id, o.status, o.message_id, o.error
       from notification_delivery d join mail_outbox o on o.idempotency_key = 'notify:' || d.outbox_key
      where d.state = 'queued' and d.channel = 'email' and o.status <> 'pending'
      order by d.not_before limit $1`,
    [limit],
  );
  await recordOutcomes(
    em,
    rows.map((r) => ({
      id: r.id,
      outcome:
        r.status === 'sent'
          ? { kind: 'sent' as const, providerId: r.message_id ?? '', delivered: false }
          : // A server's final refusal: the address does not take mail.
            { kind: 'failed' as const, error: r.error ?? 'refused', unreachable: true, bounced: true },
    })),
    now,
  );
  return rows.length;
}

/**
 * Many deliveries' outcomes at once: the accepted ones (nearly all of a mailing) in one statement
 * that moves each queued delivery to sent (or delivered), appends its history and wakes its
 * message, so a batch costs a few statements rather than five per message; anything else, and any
 * delivery no longer queued, goes through recordOutcome one by one.
 */
export async function recordOutcomes(
  em: EntityManager,
  items: { id: string; outcome: Outcome }[],
  now: Date,
): Promise<void> {
  const sent = items.flatMap((i) =>
    i.outcome.kind === 'sent'
      ? [{ id: i.id, provider_id: i.outcome.providerId, delivered: i.outcome.delivered }]
      : [],
  );
  const done = new Set<string>();
  if (sent.length) {
    const rows = await executeBound<{ id: string }>(
      em,
      `with s as (select * from jsonb_to_recordset($1::jsonb) as s(id uuid, provider_id text, delivered boolean)),
       upd as (
         update notification_delivery d
            set state = case when s.delivered then 'delivered' else 'sent' end, lease_until = null,
                provider_id = s.provider_id, sent_at = coalesce(d.sent_at, $2),
                settled_at = case when s.delivered then $2 else d.settled_at end
           from s where d.id = s.id and d.state = 'queued'
         returning d.id, d.message_id, s.delivered, s.provider_id),
       ev as (
         insert into notification_delivery_event (id, delivery_id, state, detail, at)
         select gen_random_uuid(), u.id, e.state, u.provider_id, $2
           from upd u cross join lateral (values ('sent', 1), ('delivered', 2)) as e(state, n)
          where e.state = 'sent' or u.delivered
          order by u.id, e.n),
       woke as (
         update notification_message m set next_check_at = $2
           from upd u where m.id = u.message_id and m.status = 'pending')
       select id from upd`,
      [JSON.stringify(sent), now],
    );
    for (const r of rows) done.add(r.id);
  }
  for (const i of items) if (!done.has(i.id)) await recordOutcome(em, i.id, i.outcome, now);
}

export interface ClaimedDelivery {
  id: string;
  channel: Channel;
  /** Sends started, this one included. */
  tries: number;
  outboxKey: string;
  address: string;
  text: MessageText;
}

/**
 * Leases up to `limit` queued deliveries that are due and nobody holds. The lease is committed at
 * once, so sending happens outside any transaction and each result is recorded on its own; a
 * dispatcher that dies leaves its rows to be taken again when the lease runs out.
 */
export async function leaseDeliveries(
  em: EntityManager,
  now: Date,
  limit: number,
  leaseMs: number,
  channels: readonly Channel[],
): Promise<ClaimedDelivery[]> {
  const rows = await executeBound<{
    id: string;
    channel: Channel;
    tries: number;
    outbox_key: string;
    address: string;
    text: MessageText;
  }>(
    em,
    `with due as (
       select id from notification_delivery
        where state = 'queued' and not_before <= $1 and (lease_until is null or lease_until < $1)
          and channel = any($4::text[])
        order by not_before limit $2 for update skip locked)
     update notification_delivery d set lease_until = $3, tries = d.tries + 1
       from due, notification_message m, notification_mailing g
      where d.id = due.id and m.id = d.message_id and g.id = m.mailing_id
     returning d.id, d.channel, d.tries, d.outbox_key, d.address,
               coalesce(m.texts, g.texts) -> coalesce(m.language, 'uz') as text`,
    [now, limit, new Date(now.getTime() + leaseMs), channels],
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    tries: r.tries,
    outboxKey: r.outbox_key,
    address: r.address,
    text: r.text,
  }));
}

export type Outcome =
  | { kind: 'sent'; providerId: string; delivered: boolean }
  | { kind: 'retry'; afterMs: number; error: string }
  | { kind: 'failed'; error: string; unreachable: boolean; bounced?: boolean };

/** Applies a delivery's event under its row lock; writes state and history together. */
async function applyEvent(
  tx: EntityManager,
  where: { id?: string; outboxKey?: string },
  events: DeliveryEvent[],
  now: Date,
  extra: { providerId?: string; error?: string } = {},
): Promise<{ id: string; messageId: string; channel: Channel; state: DeliveryState } | null> {
  const [row] = await executeBound<{
    id: string;
    message_id: string;
    channel: Channel;
    state: DeliveryState;
  }>(
    tx,
    `select id, message_id, channel, state from notification_delivery
      where ${where.id ? 'id = $1' : 'outbox_key = $1'} for update`,
    [where.id ?? where.outboxKey],
  );
  if (!row) return null;
  let state = row.state;
  const changes: { state: DeliveryState; detail: string | null }[] = [];
  for (const e of events) {
    const step = applyDeliveryEvent(state, e);
    if (step.changed) {
      state = step.state;
      changes.push({ state, detail: 'reason' in e ? e.reason : (extra.providerId ?? null) });
    }
  }
  if (!changes.length) return { id: row.id, messageId: row.message_id, channel: row.channel, state };
  await executeBound(
    tx,
    `update notification_delivery set state = $2, lease_until = null,
            provider_id = coalesce($3, provider_id), error = coalesce($4, error),
            sent_at = case when $2 in ('sent', 'delivered') then coalesce(sent_at, $5) else sent_at end,
            settled_at = case when $2 in ('delivered', 'failed', 'bounced') then $5 else settled_at end
      where id = $1`,
    [row.id, state, extra.providerId ?? null, extra.error ?? null, now],
  );
  await executeBound(
    tx,
    `insert into notification_delivery_event (id, delivery_id, state, detail, at)
     select gen_random_uuid(), $1, c.state, c.detail, $3 from jsonb_to_recordset($2::jsonb) as c(state text, detail text)`,
    [row.id, JSON.stringify(changes), now],
  );
  // Any news of the channel wakes its message at once instead of at its fallback time (accepted
  // mail may already be the proof the rule needs).
  await executeBound(
    tx,
    `update notification_message set next_check_at = $2 where id = $1 and status = 'pending'`,
    [row.message_id, now],
  );
  return { id: row.id, messageId: row.message_id, channel: row.channel, state };
}

/** What the channel said about one leased delivery. */
export async function recordOutcome(
  em: EntityManager,
  deliveryId: string,
  outcome: Outcome,
  now: Date,
): Promise<void> {
  await em.transactional(async (tx) => {
    if (outcome.kind === 'retry') {
      await executeBound(
        tx,
        `update notification_delivery set lease_until = null, not_before = $2, error = $3 where id = $1 and state = 'queued'`,
        [deliveryId, new Date(now.getTime() + outcome.afterMs), outcome.error],
      );
      return;
    }
    if (outcome.kind === 'sent') {
      const events: DeliveryEvent[] = outcome.delivered
        ? [{ type: 'sent' }, { type: 'delivered' }]
        : [{ type: 'sent' }];
      await applyEvent(tx, { id: deliveryId }, events, now, { providerId: outcome.providerId });
      return;
    }
    const event: DeliveryEvent = outcome.bounced
      ? { type: 'bounced', reason: outcome.error }
      : { type: 'failed', reason: outcome.error };
    const applied = await applyEvent(tx, { id: deliveryId }, [event], now, { error: outcome.error });
    if (applied && outcome.unreachable) await markUnreachable(tx, applied.messageId, applied.channel);
  });
}

/** The gateway's or the server's later report (an SMS delivery report, a bounce). */
export async function recordReport(
  em: EntityManager,
  outboxKey: string,
  event: DeliveryEvent,
  now: Date,
): Promise<DeliveryState | null> {
  return em.transactional(async (tx) => {
    const applied = await applyEvent(
      tx,
      { outboxKey },
      [event],
      now,
      'reason' in event ? { error: event.reason } : {},
    );
    return applied?.state ?? null;
  });
}

async function markUnreachable(tx: EntityManager, messageId: string, channel: Channel): Promise<void> {
  await executeBound(
    tx,
    `insert into notification_preference (person_id, channel_order, language, opt_out, unreachable, updated_at)
     select m.person_id, '[]'::jsonb, p.language, false, jsonb_build_array($2::text), $3
       from notification_message m join person p on p.id = m.person_id where m.id = $1
     on conflict (person_id) do update
       set unreachable = case when notification_preference.unreachable ? $2 then notification_preference.unreachable
                              else notification_preference.unreachable || jsonb_build_array($2::text) end,
           updated_at = $3`,
    [messageId, channel, new Date()],
  );
}
