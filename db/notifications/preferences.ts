// A person's preferences and channels, Telegram link codes, and the reports read from deliveries.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import type { BoardEntry } from '../../domain/notifications/notice-board.ts';
import type { Channel, DeliveryState, MessageText } from '../../domain/notifications/types.ts';
import { executeBound } from '../sql.ts';

export interface PreferencesView {
  order: Channel[];
  language: Language;
  optOut: boolean;
  phone: string | null;
  /** The person typed the code sent to `phone`: only then do SMS notices go to it. */
  phoneVerified: boolean;
  email: string | null;
  telegramLinked: boolean;
  unreachable: Channel[];
}

export async function readPreferences(
  em: EntityManager,
  personId: string,
  defaultOrder: Channel[],
): Promise<PreferencesView | null> {
  const [row] = await executeBound<{
    order: Channel[] | null;
    pref_language: Language | null;
    language: Language;
    opt_out: boolean | null;
    phone: string | null;
    phone_verified: boolean | null;
    email: string | null;
    chat: string | null;
    unreachable: Channel[] | null;
  }>(
    em,
    `select np.channel_order as order, np.language as pref_language, p.language, np.opt_out, np.phone,
            np.phone_verified_at is not null as phone_verified, p.email,
            np.telegram_chat_id as chat, np.unreachable
       from person p left join notification_preference np on np.person_id = p.id where p.id = $1`,
    [personId],
  );
  if (!row) return null;
  return {
    order: row.order?.length ? row.order : defaultOrder,
    language: row.pref_language ?? row.language,
    optOut: row.opt_out ?? false,
    phone: row.phone,
    phoneVerified: Boolean(row.phone && row.phone_verified),
    email: row.email,
    telegramLinked: row.chat !== null,
    unreachable: row.unreachable ?? [],
  };
}

export interface PreferencesInput {
  order: Channel[];
  language: Language;
  optOut: boolean;
  phone: string | null;
}

/**
 * Sets a person's choices. A new phone number clears SMS from the unreachable channels (the
 * person says it works now) and is unverified until its code is typed; the same number keeps its
 * proof. Keyed: the key of the last write with the same body is that write
 * again ('replayed', nothing changes); with another body it is a 'conflict'.
 */
export async function savePreferences(
  em: EntityManager,
  personId: string,
  input: PreferencesInput,
  key: string,
  requestSha256: string,
): Promise<'written' | 'replayed' | 'conflict'> {
  return em.transactional(async (tx) => {
    const [earlier] = await executeBound<{ idempotency_key: string | null; request_sha256: string | null }>(
      tx,
      'select idempotency_key, request_sha256 from notification_preference where person_id = $1 for update',
      [personId],
    );
    if (earlier?.idempotency_key === key)
      return earlier.request_sha256 === requestSha256 ? 'replayed' : 'conflict';
    await executeBound(
      tx,
      `insert into notification_preference (person_id, channel_order, language, opt_out, phone, unreachable, idempotency_key, request_sha256, updated_at)
       values ($1, $2::jsonb, $3, $4, $5, '[]'::jsonb, $6, $7, now())
       on conflict (person_id) do update set channel_order = excluded.channel_order, language = excluded.language,
         opt_out = excluded.opt_out, phone = excluded.phone, idempotency_key = excluded.idempotency_key,
         request_sha256 = excluded.request_sha256, updated_at = now(),
         phone_verified_at = case when notification_preference.phone is distinct from excluded.phone
                                  then null else notification_preference.phone_verified_at end,
         unreachable = case when notification_preference.phone is distinct from excluded.phone
                            then notification_preference.unreachable - 'sms' else notification_preference.unreachable end`,
      [personId, JSON.stringify(input.order), input.language, input.optOut, input.phone, key, requestSha256],
    );
    return 'written';
  });
}

export async function createLinkCode(
  em: EntityManager,
  personId: string,
  code: string,
  expiresAt: Date,
): Promise<void> {
  await executeBound(
    em,
    `insert into telegram_link_code (code, person_id, expires_at, created_at) values ($1, $2, $3, now())`,
    [code, personId, expiresAt],
  );
}

/**
 * `/start <code>` from a chat: the code is used once, before it expires; the chat becomes the
 * person's (taken from anyone it belonged to before: the chat is the proof) and Telegram is
 * reachable again. Null when the code is unknown, used or expired.
 */
export async function redeemLinkCode(
  em: EntityManager,
  code: string,
  chatId: string,
  now: Date,
): Promise<string | null> {
  return em.transactional(async (tx) => {
    const [row] = await executeBound<{ person_id: string }>(
      tx,
      `update telegram_link_code set used_at = $2 where code = $1 and used_at is null and expires_at > $2 returning person_id`,
      [code, now],
    );
    if (!row) return null;
    await executeBound(
      tx,
      `update notification_preference set telegram_chat_id = null where telegram_chat_id = $1`,
      [chatId],
    );
    await executeBound(
      tx,
      `insert into notification_preference (person_id, channel_order, language, opt_out, telegram_chat_id, unreachable, updated_at)
       select p.id, '[]'::jsonb, p.language, false, $2, '[]'::jsonb, $3 from person p where p.id = $1
       on conflict (person_id) do update set telegram_chat_id = $2, updated_at = $3,
         unreachable = notification_preference.unreachable - 'telegram'`,
      [row.person_id, chatId, now],
    );
    return row.person_id;
  });
}

export interface MailingReport {
  mailingId: string;
  kind: string;
  organizationId: string | null;
  /** The building it went to, whose printable list holds its unreachable owners. */
  buildingId: string | null;
  messages: number;
  byStatus: Record<string, number>;
  byChannel: Record<Channel, Partial<Record<DeliveryState, number>>>;
}

/** Who sent a mailing (null: the platform itself, e.g. a resident's test message); null if there is none. */
export async function mailingSender(
  em: EntityManager,
  mailingId: string,
): Promise<{ organizationId: string | null } | null> {
  const [row] = await executeBound<{ organization_id: string | null }>(
    em,
    'select organization_id from notification_mailing where id = $1',
    [mailingId],
  );
  return row ? { organizationId: row.organization_id } : null;
}

export async function mailingReport(em: EntityManager, mailingId: string): Promise<MailingReport | null> {
  const [head] = await executeBound<{
    kind: string;
    organization_id: string | null;
    building_id: string | null;
    messages: string;
  }>(
    em,
    `select g.kind, g.organization_id, g.building_id, (select count(*) from notification_message m where m.mailing_id = g.id) as messages
       from notification_mailing g where g.id = $1`,
    [mailingId],
  );
  if (!head) return null;
  const statuses = await executeBound<{ status: string; n: string }>(
    em,
    `select status, count(*) as n from notification_message where mailing_id = $1 group by status`,
    [mailingId],
  );
  const channels = await executeBound<{ channel: Channel; state: DeliveryState; n: string }>(
    em,
    `select d.channel, d.state, count(*) as n from notification_delivery d
       join notification_message m on m.id = d.message_id where m.mailing_id = $1 group by d.channel, d.state`,
    [mailingId],
  );
  const byChannel = { email: {}, telegram: {}, sms: {} } as MailingReport['byChannel'];
  for (const c of channels) byChannel[c.channel][c.state] = Number(c.n);
  return {
    mailingId,
    kind: head.kind,
    organizationId: head.organization_id,
    buildingId: head.building_id,
    messages: Number(head.messages),
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    byChannel,
  };
}

export interface UnreachableOwner {
  fullName: string;
  place: string | null;
  kind: string;
  since: string;
}

/** The owners a legal notice could not reach, per building: the notice board's list. */
export async function unreachableOwners(em: EntityManager, buildingId: string): Promise<UnreachableOwner[]> {
  const rows = await executeBound<{ full_name: string; place: string | null; kind: string; since: Date }>(
    em,
    `select p.full_name, m.place, m.kind, m.settled_at as since from notification_message m
       join person p on p.id = m.person_id
      where m.building_id = $1 and m.status = 'printed' order by m.place nulls last, p.full_name`,
    [buildingId],
  );
  return rows.map((r) => ({
    fullName: r.full_name,
    place: r.place,
    kind: r.kind,
    since: new Date(r.since).toISOString(),
  }));
}

/**
 * The notice board's rows for a building: every printed message with its mailing's subjects and
 * date; null when there is no such building.
 */
export async function noticeBoardOf(
  em: EntityManager,
  buildingId: string,
): Promise<{ address: string; entries: BoardEntry[] } | null> {
  const [building] = await executeBound<{ address: string }>(
    em,
    'select address from building where id = $1',
    [buildingId],
  );
  if (!building) return null;
  const rows = await executeBound<{
    full_name: string;
    place: string | null;
    mailing_id: string;
    texts: Partial<Record<Language, MessageText>>;
    created_at: Date;
  }>(
    em,
    `select p.full_name, m.place, g.id as mailing_id, g.texts, g.created_at from notification_message m
       join person p on p.id = m.person_id join notification_mailing g on g.id = m.mailing_id
      where m.building_id = $1 and m.status = 'printed'`,
    [buildingId],
  );
  return {
    address: building.address,
    entries: rows.map((r) => ({
      place: r.place,
      fullName: r.full_name,
      mailingId: r.mailing_id,
      titles: Object.fromEntries(Object.entries(r.texts).map(([l, t]) => [l, t?.subject ?? ''])),
      mailedAt: new Date(r.created_at).toISOString(),
    })),
  };
}
