// Notices, reminders and the in-app inbox. The workflow pages through owners in person-id order,
// hands each page to notifications and records its in-app delivery in the same transaction; that
// row is the guard against serving twice, so a retried batch skips everyone already served. The
// proof of notice (channels, sending, delivery, the notice board) is notifications' tracking,
// read back by noticeProof (db/meetings/notice-proof.ts).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import { iso, isoOrNull, isUuid } from '../sql.ts';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './entities.ts';

export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * notice | reminder-<hours> | result | cancelled | postponed[-<n>] | repeat. Hours may be
 * fractional (tests shorten meetings to seconds); the n-th postponement of a meeting is its own kind.
 */
const KIND = /^(notice|result|cancelled|repeat|postponed(-[0-9]{1,4})?|reminder-[0-9]{1,6}(\.[0-9]{1,40})?)$/;
const MAX_KIND = 64;

export interface OwnerToNotify {
  personId: string;
  fullName: string;
  email: string | null;
  language: Language;
  /** The building of the owner's flat (the lowest id if several): its notice board lists them if unreached. */
  buildingId: string;
  /** The owner's flat numbers in the meeting, for the notice board. */
  place: string;
}

export interface OwnerPage {
  afterPersonId?: string;
  limit: number;
}

const NIL = '00000000-0000-0000-0000-000000000000';
/** Rows per multi-row INSERT: one round trip per batch, statements of bounded size. */
const CHUNK = 1_000;

function checkKind(kind: string): void {
  if (typeof kind !== 'string' || kind.length > MAX_KIND || !KIND.test(kind))
    throw new RuleError<MeetingRuleCode>('invalid', `unknown notice kind ${kind}`, ['kind']);
}

function limitOf(limit: number): number {
  return Math.min(5_000, Math.max(1, Math.floor(limit) || 1));
}

async function electorateWithout(
  em: EntityManager,
  meetingId: string,
  kind: string,
  page: OwnerPage,
  onlyNonVoters: boolean,
): Promise<OwnerToNotify[]> {
  checkKind(kind);
  if (!isUuid(meetingId)) return [];
  const after = isUuid(page.afterPersonId) ? page.afterPersonId : NIL;
  const nonVoters = onlyNonVoters
    ? 'and not exists (select 1 from ballot b where b.meeting_id = ? and b.owner_person_id = v.person_id)'
    : '';
  return em.execute<OwnerToNotify[]>(
    `select v.person_id as "personId", p.full_name as "fullName", p.email, p.language,
            v.building_id as "buildingId", v.place
     from (select mv.person_id, min(a.building_id::text)::uuid as building_id,
                  left(string_agg(distinct a.number, ', '), 64) as place
             from meeting_voter mv join apartment a on a.id = mv.apartment_id
            where mv.meeting_id = ? and mv.person_id > ? group by mv.person_id) v
     join person p on p.id = v.person_id
     where not exists (select 1 from notice_delivery d
                       where d.meeting_id = ? and d.person_id = v.person_id and d.kind = ? and d.channel = 'in_app')
       ${nonVoters}
     order by v.person_id
     limit ?`,
    [meetingId, after, meetingId, kind, ...(onlyNonVoters ? [meetingId] : []), limitOf(page.limit)],
  );
}

/** The next page of the electorate not yet served this kind of notice (handed to notifications and the inbox). */
export function ownersToNotify(
  em: EntityManager,
  meetingId: string,
  kind: string,
  page: OwnerPage,
): Promise<OwnerToNotify[]> {
  return electorateWithout(em, meetingId, kind, page, false);
}

/** Like ownersToNotify, restricted to owners with no ballot of their own yet. */
export function nonVotersToRemind(
  em: EntityManager,
  meetingId: string,
  kind: string,
  page: OwnerPage,
): Promise<OwnerToNotify[]> {
  return electorateWithout(em, meetingId, kind, page, true);
}

export interface DeliveryRow {
  meetingId: string;
  personId: string;
  kind: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  messageId?: string | null;
}

/** Records deliveries; a row already there (a retried batch) is kept as first written. */
export async function recordDeliveries(em: EntityManager, rows: DeliveryRow[]): Promise<number> {
  for (const r of rows) {
    checkKind(r.kind);
    if (!isUuid(r.meetingId) || !isUuid(r.personId))
      throw new RuleError<MeetingRuleCode>('invalid', 'deliveries name a meeting and a person by id', [
        'personId',
      ]);
    if (!DELIVERY_CHANNELS.includes(r.channel))
      throw new RuleError<MeetingRuleCode>('invalid', `unknown channel ${r.channel}`, ['channel']);
    if (!DELIVERY_STATUSES.includes(r.status))
      throw new RuleError<MeetingRuleCode>('invalid', `unknown status ${r.status}`, ['status']);
  }
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const result = await em.execute<{ person_id: string }[]>(
      `insert into notice_delivery (meeting_id, person_id, kind, channel, status, message_id, at)
       values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, now())').join(', ')}
       on conflict do nothing returning person_id`,
      chunk.flatMap((r) => [r.meetingId, r.personId, r.kind, r.channel, r.status, r.messageId ?? null]),
    );
    inserted += result.length;
  }
  return inserted;
}

export interface NotificationInput {
  personId: string;
  meetingId: string | null;
  kind: string;
  title: string;
  body: string;
}

/** Adds in-app messages; one per person, meeting and kind, so a retried batch adds nothing. */
export async function addNotifications(em: EntityManager, rows: NotificationInput[]): Promise<number> {
  for (const r of rows) {
    if (!isUuid(r.personId) || (r.meetingId !== null && !isUuid(r.meetingId)))
      throw new RuleError<MeetingRuleCode>('invalid', 'notifications name a person (and a meeting) by id', [
        'personId',
      ]);
    if (typeof r.kind !== 'string' || r.kind === '' || r.kind.length > MAX_KIND)
      throw new RuleError<MeetingRuleCode>('invalid', `the kind has 1 to ${MAX_KIND} characters`, ['kind']);
  }
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const result = await em.execute<{ id: string }[]>(
      `insert into notification (id, person_id, meeting_id, kind, title, body, created_at)
       values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, now())').join(', ')}
       on conflict do nothing returning id`,
      chunk.flatMap((r) => [randomUUID(), r.personId, r.meetingId, r.kind, r.title, r.body]),
    );
    inserted += result.length;
  }
  return inserted;
}

export interface NotificationView {
  id: string;
  meetingId: string | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** Newest first. */
export async function listNotifications(
  em: EntityManager,
  personId: string,
  opts: { unreadOnly?: boolean; limit: number },
): Promise<NotificationView[]> {
  if (!isUuid(personId)) return [];
  const rows = await em.execute<(Omit<NotificationView, 'createdAt'> & { createdAt: string })[]>(
    `select id, meeting_id as "meetingId", kind, title, body, created_at as "createdAt", read_at as "readAt"
     from notification where person_id = ? ${opts.unreadOnly ? 'and read_at is null' : ''}
     order by created_at desc, id desc limit ?`,
    [personId, Math.min(500, Math.max(1, Math.floor(opts.limit) || 50))],
  );
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), readAt: isoOrNull(r.readAt) }));
}

/** Marks the person's own notifications read (others' ids are ignored); returns how many changed. */
export async function markNotificationsRead(
  em: EntityManager,
  personId: string,
  ids: string[],
): Promise<number> {
  const valid = ids.filter(isUuid);
  if (!isUuid(personId) || valid.length === 0) return 0;
  const rows = await em.execute<{ id: string }[]>(
    'update notification set read_at = now() where person_id = ? and id in (?) and read_at is null returning id',
    [personId, valid],
  );
  return rows.length;
}
