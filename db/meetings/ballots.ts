// Ballots, the close and the tally. Race-freedom rests on one row lock: every ballot write reads
// the meeting's phase FOR SHARE in its own transaction, and the close takes that row FOR UPDATE
// (db/meetings/phases.ts), which waits for every ballot transaction holding the lock. So a ballot either commits before the
// close (and the tally, read after it, counts it) or sees 'counting' and is refused; none is lost
// and none slips in. The write is a single statement, so the lock is held for one round trip.
import { randomUUID } from 'node:crypto';
import { DeadlockException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { CHOICES, type Choice, type TallyInput } from '../../domain/meetings/decide.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import { SYSTEM } from '../../domain/meetings/phases.ts';
import type { AgendaItemKind } from '../../domain/meetings/policy.ts';
import { ballotReceiptNotice, renderBallotReceipt } from '../../domain/meetings/receipt-mail.ts';
import type { PublishedBallot } from '../../domain/meetings/tracker.ts';
import type {
  BallotReceipt,
  MeetingPhase,
  MyBallotView,
  ParticipationView,
} from '../../domain/meetings/types.ts';
import { percentOf } from '../../domain/meetings/weights.ts';
import { type MessageText, notify } from '../notifications/public.ts';
import { int, iso, isUuid } from '../sql.ts';
import { tryMeetingCommand } from './phases.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Phases in which the tally and the individual ballots are still secret. */
const SECRET_PHASES: readonly MeetingPhase[] = ['notice', 'discussion', 'voting', 'cancelled'];

export interface CastBallotInput {
  meetingId: string;
  /** The account calling; scopes the idempotency key. */
  userId: string;
  /** The natural person voting: the owner, or their proxy. */
  personId: string;
  apartmentId: string;
  /** The owner whose vote this is; equal to personId unless voting as a proxy. */
  ownerId: string;
  choices: Record<string, Choice>;
  tracker: string;
  idempotencyKey: string;
  requestSha256: string;
  /** The portal the receipt mail links into (domain/common/links.ts); no link when absent. */
  portalUrl?: string;
}

const invalid = (field: string, message: string) =>
  new RuleError<MeetingRuleCode>('invalid', message, [field]);

function checkInput(b: CastBallotInput): void {
  if (typeof b.idempotencyKey !== 'string' || b.idempotencyKey === '' || b.idempotencyKey.length > 255)
    throw invalid('idempotencyKey', 'the idempotency key has 1 to 255 characters');
  if (!SHA256_HEX.test(b.requestSha256))
    throw invalid('requestSha256', 'requestSha256 must be 64 lowercase hex digits');
  if (!SHA256_HEX.test(b.tracker)) throw invalid('tracker', 'the tracker must be 64 lowercase hex digits');
  if (!isUuid(b.userId)) throw invalid('userId', 'the caller must be a user account');
  if (!isUuid(b.apartmentId))
    throw new RuleError<MeetingRuleCode>('not_eligible', 'you hold no vote for this apartment', [
      'apartmentId',
    ]);
  if (!isUuid(b.personId) || !isUuid(b.ownerId))
    throw new RuleError<MeetingRuleCode>('not_eligible', 'you hold no vote for this owner', ['ownerId']);
}

/** Exactly the agenda's items, each with a valid choice; returns them in agenda order. */
function checkChoices(itemIds: string[], choices: unknown): Record<string, Choice> {
  if (choices === null || typeof choices !== 'object' || Array.isArray(choices))
    throw invalid('choices', 'choices map every agenda item to for, against or abstain');
  const given = choices as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!itemIds.includes(key)) throw invalid(`choices.${key}`, "not an item of this meeting's agenda");
  }
  const out: Record<string, Choice> = {};
  for (const id of itemIds) {
    const c = given[id];
    if (c === undefined) throw invalid(`choices.${id}`, 'every agenda item needs a choice');
    if (!CHOICES.includes(c as Choice))
      throw invalid(`choices.${id}`, 'the choice is for, against or abstain');
    out[id] = c as Choice;
  }
  return out;
}

interface Replay {
  ballotId: string;
  sha: string;
  revision: number;
  tracker: string;
  castAt: string;
  apartmentId: string;
  ownerId: string;
}

interface Voter {
  weight: string;
  email: string | null;
  language: Language;
  ownerName: string;
  apartmentNumber: string;
  address: string;
}

interface BallotFacts {
  phase: MeetingPhase;
  title: string;
  items: string[];
  replay: Replay | null;
  voter: Voter | null;
  poaId: string | null;
  proxyName: string | null;
}

/** Everything the rules need, in one read. The phase is checked again, under the lock, by the write. */
async function factsOf(em: EntityManager, b: CastBallotInput, key: string): Promise<BallotFacts | null> {
  const [row] = await em.execute<BallotFacts[]>(
    `select m.phase, m.title,
            (select coalesce(json_agg(ai.id order by ai.position), '[]') from agenda_item ai
              where ai.meeting_id = m.id) as items,
            (select json_build_object('ballotId', r.ballot_id, 'sha', r.request_sha256, 'revision', r.revision, 'tracker', r.tracker,
                                      'castAt', r.cast_at, 'apartmentId', x.apartment_id,
                                      'ownerId', x.owner_person_id)
               from ballot_request r join ballot x on x.id = r.ballot_id where r.key = ?) as replay,
            (select json_build_object('weight', mv.weight::text, 'email', p.email, 'language', p.language,
                                      'ownerName', p.full_name, 'apartmentNumber', a.number, 'address', bl.address)
               from meeting_voter mv
               join person p on p.id = mv.person_id
               join apartment a on a.id = mv.apartment_id
               join building bl on bl.id = a.building_id
              where mv.meeting_id = m.id and mv.apartment_id = ? and mv.person_id = ?) as voter,
            (select x.id from power_of_attorney x
              where x.meeting_id = m.id and x.grantor_person_id = ? and x.proxy_person_id = ? and x.revoked_at is null
                and (x.apartment_id is null or x.apartment_id = ?)
              order by x.recorded_at desc, x.id limit 1) as "poaId",
            (select full_name from person where id = ?) as "proxyName"
     from meeting m where m.id = ?`,
    [key, b.apartmentId, b.ownerId, b.ownerId, b.personId, b.apartmentId, b.personId, b.meetingId],
  );
  return row ?? null;
}

const receiptOf = (
  b: CastBallotInput,
  r: { apartmentId: string; ownerId: string },
  x: Replay | WriteResult,
) => ({
  meetingId: b.meetingId,
  apartmentId: r.apartmentId,
  ownerId: r.ownerId,
  tracker: 'tracker' in x ? x.tracker : b.tracker,
  castAt: iso(x.castAt),
  revision: x.revision,
});

interface WriteResult {
  ballotId: string | null;
  phase: MeetingPhase;
  revision: number;
  castAt: string;
}

async function castOnce(em: EntityManager, b: CastBallotInput, key: string): Promise<BallotReceipt> {
  const facts = await factsOf(em, b, key);
  if (!facts) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (facts.replay) {
    if (facts.replay.sha !== b.requestSha256)
      throw new RuleError<MeetingRuleCode>(
        'idempotency_conflict',
        'this idempotency key was already used for a different ballot',
      );
    // A ballot committed before its receipt was queued with it may lack one: queueing it again
    // adds nothing when it is there.
    if (facts.voter)
      await queueReceipt(
        em,
        b,
        receiptTexts(b, facts, facts.replay.tracker),
        facts.replay.ballotId,
        facts.replay.revision,
      );
    return receiptOf(b, facts.replay, facts.replay);
  }
  if (facts.phase !== 'voting')
    throw new RuleError<MeetingRuleCode>(
      'wrong_phase',
      `ballots are accepted only while voting is open (${facts.phase})`,
    );
  const voter = facts.voter;
  if (!voter)
    throw new RuleError<MeetingRuleCode>('not_eligible', 'this owner holds no vote for this apartment', [
      'apartmentId',
    ]);
  const viaProxy = b.ownerId !== b.personId;
  const poaId = viaProxy ? facts.poaId : null;
  if (viaProxy && !poaId)
    throw new RuleError<MeetingRuleCode>(
      'not_eligible',
      'no recorded power of attorney lets you vote for this owner',
      ['ownerId'],
    );
  const choices = checkChoices(facts.items, b.choices);
  const texts = receiptTexts(b, facts, b.tracker);
  // One statement takes the meeting row FOR SHARE, writes only while the phase is 'voting' (and
  // the power of attorney still stands), and writes the ballot (a revote bumps the revision and
  // replaces choices and tracker) and the request it answers together. The receipt's mailing is
  // queued in the same transaction: a ballot never commits without its receipt (a crash between
  // two transactions would lose it), and a refused one queues none.
  const row = await em.transactional(async (tx) => {
    const [row] = await tx.execute<WriteResult[]>(
      `with m as (
       select phase from meeting where id = ? for share
     ), b as (
       insert into ballot (id, meeting_id, apartment_id, owner_person_id, cast_by_person_id, power_of_attorney_id,
                           choices, weight, tracker, revision, cast_at)
       select ?, ?, ?, ?, ?, ?::uuid, ?::jsonb, ?, ?, 1, now() from m
       where m.phase = 'voting'
         and (?::uuid is null or exists (select 1 from power_of_attorney x where x.id = ?::uuid and x.revoked_at is null))
       on conflict (meeting_id, apartment_id, owner_person_id) do update
         set cast_by_person_id = excluded.cast_by_person_id, power_of_attorney_id = excluded.power_of_attorney_id,
             choices = excluded.choices, tracker = excluded.tracker, revision = ballot.revision + 1,
             cast_at = excluded.cast_at
       returning id, revision, cast_at
     ), request as (
       insert into ballot_request (key, request_sha256, ballot_id, revision, tracker, cast_at)
       select ?, ?, b.id, b.revision, ?, b.cast_at from b
     )
     select b.id as "ballotId", m.phase, b.revision, b.cast_at as "castAt" from m left join b on true`,
      [
        b.meetingId,
        randomUUID(),
        b.meetingId,
        b.apartmentId,
        b.ownerId,
        b.personId,
        poaId,
        JSON.stringify(choices),
        voter.weight,
        b.tracker,
        poaId,
        poaId,
        key,
        b.requestSha256,
        b.tracker,
      ],
    );
    if (row?.ballotId) await queueReceipt(tx, b, texts, row.ballotId, row.revision);
    return row;
  });
  if (!row) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (row.revision == null) {
    if (row.phase !== 'voting')
      throw new RuleError<MeetingRuleCode>(
        'wrong_phase',
        `ballots are accepted only while voting is open (${row.phase})`,
      );
    throw new RuleError<MeetingRuleCode>('not_eligible', 'the power of attorney was revoked', ['ownerId']);
  }
  return receiptOf(b, b, row);
}

/** The notifications mailing of one revision of a ballot's receipt. */
export const ballotReceiptKey = (ballotId: string, revision: number): string =>
  `ballot-receipt:${ballotId}:${revision}`;

/**
 * The ballot's receipt in every language: the mail keeps its template's text and HTML; Telegram,
 * SMS and the inbox lead with the tracker, so even an SMS cut to its length keeps what verifies
 * the vote.
 */
function receiptTexts(
  b: CastBallotInput,
  facts: BallotFacts,
  tracker: string,
): Record<Language, MessageText> {
  const voter = facts.voter as Voter;
  const link = b.portalUrl ? objectLink(b.portalUrl, 'meeting', b.meetingId) : undefined;
  return Object.fromEntries(
    LANGUAGES.map((lang): [Language, MessageText] => {
      const data = {
        ownerName: voter.ownerName,
        meetingTitle: facts.title,
        address: voter.address,
        apartmentNumber: voter.apartmentNumber,
        tracker,
        proxyName: b.ownerId !== b.personId ? facts.proxyName : null,
        ...(link ? { link } : {}),
      };
      const mail = renderBallotReceipt(lang, data);
      return [
        lang,
        {
          subject: mail.subject,
          body: ballotReceiptNotice(lang, data),
          text: mail.text,
          html: mail.html,
          ...(link ? { link } : {}),
        },
      ];
    }),
  ) as Record<Language, MessageText>;
}

/**
 * Queues the receipt to the owner whose vote it is, by their own channels: one mailing per
 * revision, so a repeated call adds nothing. The notifications dispatcher sends it once the
 * caller's transaction commits.
 */
async function queueReceipt(
  em: EntityManager,
  b: CastBallotInput,
  texts: Record<Language, MessageText>,
  ballotId: string,
  revision: number,
): Promise<void> {
  await notify(
    em,
    {
      kind: 'ballot_receipt',
      texts,
      idempotencyKey: ballotReceiptKey(ballotId, revision),
      recipients: [{ personId: b.ownerId }],
    },
    new Date(),
  );
}

/**
 * Refuses a person who may not come to the meeting's ballot box at all, before their ballot is
 * read: only an owner in one of its buildings, or a proxy holding a power of attorney for it, may.
 * Which vote they cast, and its weight, castBallot decides.
 */
export async function assertMayVoteIn(em: EntityManager, meetingId: string, personId: string): Promise<void> {
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (!isUuid(personId))
    throw new RuleError<MeetingRuleCode>('not_eligible', 'you hold no vote in this meeting');
  const [row] = await em.execute<{ may: boolean }[]>(
    `select exists (select 1 from meeting_building mb join apartment a on a.building_id = mb.building_id
                      join ownership o on o.apartment_id = a.id
                     where mb.meeting_id = m.id and o.person_id = ?)
         or exists (select 1 from power_of_attorney x
                     where x.meeting_id = m.id and x.proxy_person_id = ? and x.revoked_at is null) as may
       from meeting m where m.id = ?`,
    [personId, personId, meetingId],
  );
  if (!row) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  if (!row.may) throw new RuleError<MeetingRuleCode>('not_eligible', 'you hold no vote in this meeting');
}

/**
 * Casts (or recasts) one owner's ballot in one short transaction. A retried request with the same
 * idempotency key and body gets its first receipt back; with another body, 'idempotency_conflict'.
 */
export async function castBallot(em: EntityManager, input: CastBallotInput): Promise<BallotReceipt> {
  if (!isUuid(input.meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  checkInput(input);
  const key = `${input.meetingId}:${input.userId}:${input.idempotencyKey}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await castOnce(em, input, key);
    } catch (error) {
      // A concurrent twin with the same key committed first (its request row is now visible, so
      // the next attempt replays it), or two revotes of one owner deadlocked: run it again.
      const retry = error instanceof UniqueConstraintViolationException || error instanceof DeadlockException;
      if (!retry || attempt >= 3) throw error;
    }
  }
}

/** The tally by SQL: Σ electorate weight, Σ ballot weight, and per item Σ weight per choice. */
async function tallyOf(em: EntityManager, meetingId: string): Promise<TallyInput> {
  const [row] = await em.execute<
    {
      total: string;
      participating: string;
      items: { itemId: string; kind: AgendaItemKind; for: string; against: string; abstain: string }[];
    }[]
  >(
    `select (select coalesce(sum(weight), 0) from meeting_voter where meeting_id = m.id)::text as total,
            (select coalesce(sum(weight), 0) from ballot where meeting_id = m.id)::text as participating,
            (select coalesce(json_agg(json_build_object(
                      'itemId', ai.id, 'kind', ai.kind, 'for', coalesce(v.f, 0)::text,
                      'against', coalesce(v.a, 0)::text, 'abstain', coalesce(v.x, 0)::text) order by ai.position), '[]')
               from agenda_item ai
               left join (
                 select c.key as item_id,
                        sum(b.weight) filter (where c.value = 'for') as f,
                        sum(b.weight) filter (where c.value = 'against') as a,
                        sum(b.weight) filter (where c.value = 'abstain') as x
                 from ballot b cross join lateral jsonb_each_text(b.choices) c
                 where b.meeting_id = m.id
                 group by c.key
               ) v on v.item_id = ai.id::text
              where ai.meeting_id = m.id) as items
     from meeting m where m.id = ?`,
    [meetingId],
  );
  if (!row) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  return {
    totalWeight: int(row.total),
    participatingWeight: int(row.participating),
    items: row.items.map((i) => ({
      itemId: i.itemId,
      kind: i.kind,
      for: int(i.for),
      against: int(i.against),
      abstain: int(i.abstain),
    })),
  };
}

async function publishedOf(em: EntityManager, meetingId: string): Promise<PublishedBallot[]> {
  const rows = await em.execute<{ tracker: string; weight: string; choices: Record<string, Choice> }[]>(
    'select tracker, weight::text as weight, choices from ballot where meeting_id = ? order by tracker, id',
    [meetingId],
  );
  return rows.map((r) => ({ tracker: r.tracker, weight: int(r.weight), choices: r.choices }));
}

async function phaseOf(em: EntityManager, meetingId: string): Promise<MeetingPhase> {
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const [row] = await em.execute<{ phase: MeetingPhase }[]>('select phase from meeting where id = ?', [
    meetingId,
  ]);
  if (!row) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  return row.phase;
}

async function afterClose(em: EntityManager, meetingId: string): Promise<void> {
  const phase = await phaseOf(em, meetingId);
  if (SECRET_PHASES.includes(phase))
    throw new RuleError<MeetingRuleCode>('wrong_phase', `ballots stay secret until voting closes (${phase})`);
}

/**
 * Ends voting. The phase change's row lock waits for in-flight ballot transactions, so the tally
 * read after it sees every acknowledged ballot and no later one. Idempotent once past 'voting'.
 */
export async function closeVoting(
  em: EntityManager,
  meetingId: string,
): Promise<{ closed: boolean; tally: TallyInput; published: PublishedBallot[] }> {
  const outcome = await tryMeetingCommand(em, meetingId, { type: 'close_voting' }, SYSTEM);
  if (!outcome) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const closed = outcome.ok && outcome.changed;
  // Not voting: counted already, or refused while the ballots are still secret.
  if (!closed) await afterClose(em, meetingId);
  const [tally, published] = await Promise.all([tallyOf(em, meetingId), publishedOf(em, meetingId)]);
  return { closed, tally, published };
}

/** Per-item totals; refused while they are still secret. */
export async function tally(em: EntityManager, meetingId: string): Promise<TallyInput> {
  await afterClose(em, meetingId);
  return tallyOf(em, meetingId);
}

/** Every counted ballot's tracker, weight and choices, without identities; refused before close. */
export async function publishedBallots(em: EntityManager, meetingId: string): Promise<PublishedBallot[]> {
  await afterClose(em, meetingId);
  return publishedOf(em, meetingId);
}

/** Counts only, cheap enough to poll every second per open stream. */
export async function participation(em: EntityManager, meetingId: string): Promise<ParticipationView> {
  if (!isUuid(meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const [row] = await em.execute<
    {
      phase: MeetingPhase;
      eligible: number | null;
      total: string | null;
      voted: number;
      participating: string;
    }[]
  >(
    `select m.phase, m.eligible_owners as eligible, m.total_weight::text as total,
            (select count(distinct owner_person_id)::int from ballot where meeting_id = m.id) as voted,
            (select coalesce(sum(weight), 0)::text from ballot where meeting_id = m.id) as participating
     from meeting m where m.id = ?`,
    [meetingId],
  );
  if (!row) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  return {
    meetingId,
    phase: row.phase,
    eligibleOwners: row.eligible ?? 0,
    votedOwners: row.voted,
    participatingWeightPercent: percentOf(int(row.participating), row.total === null ? 0 : int(row.total)),
  };
}

/** Ballots for the person's own votes (whoever cast them) and those they cast as a proxy. */
export async function myBallots(
  em: EntityManager,
  meetingId: string,
  personId: string,
): Promise<MyBallotView[]> {
  await phaseOf(em, meetingId);
  if (!isUuid(personId)) return [];
  const rows = await em.execute<
    {
      apartmentId: string;
      ownerId: string;
      castBy: string;
      tracker: string;
      castAt: string;
      revision: number;
      choices: Record<string, Choice>;
      weight: string;
      total: string | null;
    }[]
  >(
    `select b.apartment_id as "apartmentId", b.owner_person_id as "ownerId", b.cast_by_person_id as "castBy",
            b.tracker, b.cast_at as "castAt", b.revision, b.choices, b.weight::text as weight,
            m.total_weight::text as total
     from ballot b join meeting m on m.id = b.meeting_id
     join apartment a on a.id = b.apartment_id
     where b.meeting_id = ? and (b.owner_person_id = ? or b.cast_by_person_id = ?)
     order by b.owner_person_id <> ?, length(a.number), a.number, b.owner_person_id`,
    [meetingId, personId, personId, personId],
  );
  return rows.map((r) => ({
    meetingId,
    apartmentId: r.apartmentId,
    ownerId: r.ownerId,
    tracker: r.tracker,
    castAt: iso(r.castAt),
    revision: r.revision,
    choices: r.choices,
    weightPercent: percentOf(int(r.weight), r.total === null ? 0 : int(r.total)),
    viaProxy: r.castBy !== r.ownerId,
  }));
}
