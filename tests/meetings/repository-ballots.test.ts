// Voting against real PostgreSQL: the phase check, eligibility, proxies, revotes, idempotency,
// choice validation, the receipt mail, the close with its tally, and the race at close.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  castBallot,
  closeVoting,
  listAudit,
  myBallots,
  participation,
  publishedBallots,
  recordDecision,
  recordPowerOfAttorney,
  revokePowerOfAttorney,
  tally,
  transitionPhase,
  votingRights,
} from '../../db/meetings/repository.ts';
import { planDueMessages } from '../../db/notifications/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { type Choice, decide } from '../../domain/meetings/decide.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';
import { ballotSetHash, computeTracker } from '../../domain/meetings/tracker.ts';
import type { BallotReceipt } from '../../domain/meetings/types.ts';
import { DEFAULT_NOTIFICATION_POLICY } from '../../domain/notifications/policy.ts';
import type { MessageText } from '../../domain/notifications/types.ts';
import { until } from '../support/api-client.ts';
import {
  allItems,
  ballotInput,
  type Fixture,
  type MadeBuilding,
  makeBuilding,
  makeMeeting,
  newPerson,
  openFixture,
  rejects,
  soleOwners,
  userOf,
  vote,
} from './repository-fixtures.ts';

let f: Fixture;
/** 1: sole 50 m²; 2: ½ + ½ of 60 m²; 3: ⅔ + ⅓ of 45.5 m² (the ⅓ owner has no email). */
let b: MadeBuilding;

beforeAll(async () => {
  f = await openFixture('meetings_ballots');
  b = await makeBuilding(f.em(), [
    { area: 50, owners: [{ num: 1, den: 1, language: 'ru' }] },
    {
      area: 60,
      owners: [
        { num: 1, den: 2 },
        { num: 1, den: 2 },
      ],
    },
    {
      area: 45.5,
      owners: [
        { num: 2, den: 3 },
        { num: 1, den: 3, email: null },
      ],
    },
  ]);
});
afterAll(async () => {
  await f?.close();
});

const owner = (apartment: number, i = 0) => b.apartments[apartment]!.owners[i]!.personId;
const apt = (apartment: number) => b.apartments[apartment]!.id;

const ballotCount = async (meetingId: string) =>
  (
    await f
      .em()
      .execute<{ n: number }[]>('select count(*)::int as n from ballot where meeting_id = ?', [meetingId])
  )[0]!.n;

describe('castBallot', () => {
  it('accepts ballots only while voting is open', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'discussion' });
    const ballot = { meeting: m, apartmentId: apt(0), ownerId: owner(0), choices: allItems(m, 'for') };
    await rejects(vote(f.em(), ballot), 'wrong_phase');
    await transitionPhase(f.em(), m.id, ['discussion'], 'voting');
    expect((await vote(f.em(), ballot)).revision).toBe(1);
    await closeVoting(f.em(), m.id);
    await rejects(vote(f.em(), ballot), 'wrong_phase');
    expect(await ballotCount(m.id)).toBe(1);
    await rejects(vote(f.em(), { ...ballot, meeting: { ...m, id: randomUUID() } }), 'not_found');
  });

  it('lets only the frozen electorate vote, each owner for their own apartment', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const choices = allItems(m, 'for');
    const outsider = await newPerson(f.em());
    await rejects(
      vote(f.em(), { meeting: m, apartmentId: apt(0), ownerId: outsider.id, choices }),
      'not_eligible',
    );
    // An owner, but of another apartment.
    await rejects(
      vote(f.em(), { meeting: m, apartmentId: apt(1), ownerId: owner(0), choices }),
      'not_eligible',
      'apartmentId',
    );
    // A co-owner cannot cast the other co-owner's share without a power of attorney.
    await rejects(
      vote(f.em(), { meeting: m, apartmentId: apt(1), ownerId: owner(1, 1), personId: owner(1, 0), choices }),
      'not_eligible',
      'ownerId',
    );
    // Someone who became an owner after the notice is not in the frozen electorate.
    const late = await newPerson(f.em());
    await f
      .em()
      .execute(
        'insert into ownership (id, person_id, apartment_id, share_numerator, share_denominator) values (?, ?, ?, 1, 4)',
        [randomUUID(), late.id, apt(0)],
      );
    await rejects(
      vote(f.em(), { meeting: m, apartmentId: apt(0), ownerId: late.id, choices }),
      'not_eligible',
    );
    await f.em().execute('delete from ownership where person_id = ?', [late.id]);
    await rejects(
      vote(f.em(), { meeting: m, apartmentId: 'nope', ownerId: owner(0), choices }),
      'not_eligible',
    );
    expect(await ballotCount(m.id)).toBe(0);
  });

  it('co-owners vote their own shares: ½ + ½ and ⅔ + ⅓ add up to the whole apartment', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const cast = (a: number, i: number, c: Choice) =>
      vote(f.em(), { meeting: m, apartmentId: apt(a), ownerId: owner(a, i), choices: allItems(m, c) });
    await cast(1, 0, 'for');
    await cast(1, 1, 'against');
    await cast(2, 0, 'for');
    await cast(2, 1, 'abstain');
    const { tally: t } = await closeVoting(f.em(), m.id);
    // scale = lcm(1, 2, 3) = 6; 60 m² = 6000 centi-m², 45.5 m² = 4550.
    expect(t.totalWeight).toBe(6 * (5000 + 6000 + 4550));
    expect(t.items[0]).toMatchObject({ for: 6000 * 3 + 4550 * 4, against: 6000 * 3, abstain: 4550 * 2 });
    expect(t.participatingWeight).toBe(6 * (6000 + 4550));
  });

  it('a revote replaces the ballot: revision 2, counted once with the last choices', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], agenda: ['ordinary', 'capital_repair'] });
    const base = { meeting: m, apartmentId: apt(0), ownerId: owner(0) };
    const first = await vote(f.em(), { ...base, choices: allItems(m, 'against') });
    const second = await vote(f.em(), { ...base, choices: allItems(m, 'for') });
    expect([first.revision, second.revision]).toEqual([1, 2]);
    expect(second.tracker).not.toBe(first.tracker);
    const mine = await myBallots(f.em(), m.id, owner(0));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ revision: 2, tracker: second.tracker, choices: allItems(m, 'for') });
    const { tally: t, published } = await closeVoting(f.em(), m.id);
    expect(published.map((p) => p.tracker)).toEqual([second.tracker]);
    expect(t.participatingWeight).toBe(30000);
    expect(t.items.map((i) => [i.for, i.against])).toEqual([
      [30000, 0],
      [30000, 0],
    ]);
  });

  it('replays a retried request with its first receipt, and refuses the key for another body', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const input = await ballotInput({
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'for'),
    });
    const first = await castBallot(f.em(), input);
    // A revote in between moves the ballot on; the retry still gets its own receipt back.
    await vote(f.em(), {
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'against'),
    });
    const again = await castBallot(f.em(), input);
    expect(again).toEqual(first);
    const concurrent = await Promise.all([1, 2, 3].map(() => castBallot(f.em(), input)));
    expect(concurrent).toEqual([first, first, first]);
    const other = await ballotInput({
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'abstain'),
      key: input.idempotencyKey,
    });
    await rejects(castBallot(f.em(), other), 'idempotency_conflict');
    // The same key from another account is another request.
    expect((await castBallot(f.em(), { ...other, userId: userOf(2) })).revision).toBe(3);
    expect(await ballotCount(m.id)).toBe(1);
  });

  it('two first requests racing with one key write one ballot', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const input = await ballotInput({
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'for'),
    });
    const receipts = await Promise.all(Array.from({ length: 6 }, () => castBallot(f.em(), input)));
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(receipts[0]!.revision).toBe(1);
    expect(await ballotCount(m.id)).toBe(1);
  });

  it('names the offending choice: missing, unknown value, foreign item, not an object', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], agenda: ['ordinary', 'reconstruction'] });
    const [one, two] = m.agenda.map((a) => a.id) as [string, string];
    const valid = await ballotInput({
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'for'),
    });
    const cast = (choices: unknown) =>
      castBallot(f.em(), {
        ...valid,
        idempotencyKey: randomUUID(),
        choices: choices as Record<string, Choice>,
      });
    await rejects(cast({ [one]: 'for' }), 'invalid', `choices.${two}`);
    await rejects(cast({ [one]: 'for', [two]: 'maybe' }), 'invalid', `choices.${two}`);
    const foreign = randomUUID();
    await rejects(cast({ [one]: 'for', [two]: 'for', [foreign]: 'for' }), 'invalid', `choices.${foreign}`);
    await rejects(cast(['for', 'for']), 'invalid', 'choices');
    await rejects(cast(null), 'invalid', 'choices');
    expect(await ballotCount(m.id)).toBe(0);
  });

  it('hands a localised receipt with the tracker to notifications, one per revision, by the owner’s channels', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const receipt = await vote(f.em(), {
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'for'),
    });
    const revote = await vote(f.em(), {
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'against'),
    });
    await vote(f.em(), {
      meeting: m,
      apartmentId: apt(2),
      ownerId: owner(2, 1),
      choices: allItems(m, 'for'),
    });
    const [ballot] = await f
      .em()
      .execute<{ id: string }[]>('select id from ballot where meeting_id = ? and owner_person_id = ?', [
        m.id,
        owner(0),
      ]);
    // One mailing per revision, to the owner, in every language, the tracker in each.
    const notices = await f
      .em()
      .execute<{ key: string; kind: string; person_id: string; texts: Record<string, MessageText> }[]>(
        `select g.idempotency_key as key, g.kind, m.person_id, g.texts from notification_mailing g
         join notification_message m on m.mailing_id = g.id where g.idempotency_key like ? order by g.idempotency_key`,
        [`ballot-receipt:${ballot!.id}:%`],
      );
    expect(notices.map((x) => [x.key, x.kind, x.person_id])).toEqual([
      [`ballot-receipt:${ballot!.id}:1`, 'ballot_receipt', owner(0)],
      [`ballot-receipt:${ballot!.id}:2`, 'ballot_receipt', owner(0)],
    ]);
    expect(notices[0]!.texts.ru!.subject).toMatch(/^Ваш голос принят/);
    for (const lang of ['uz', 'ru', 'en']) {
      expect(notices[0]!.texts[lang]!.text).toContain(receipt.tracker);
      // Telegram, SMS and the inbox lead with the tracker: a cut SMS still verifies the vote.
      expect(notices[0]!.texts[lang]!.body.split('\n')[0]).toContain(receipt.tracker);
      expect(notices[1]!.texts[lang]!.text).toContain(revote.tracker);
    }
    // The notifications pass mails the owner who has an address; the ⅓ co-owner without any
    // channel gets none, and the ballot counts all the same.
    await planDueMessages(f.em(), DEFAULT_NOTIFICATION_POLICY, new Date(), 1000);
    const mails = await f.em().execute<{ to: string; text: string; person_id: string }[]>(
      `select o."to", o.text, m.person_id from mail_outbox o
         join notification_delivery d on o.idempotency_key = 'notify:' || d.outbox_key
         join notification_message m on m.id = d.message_id join notification_mailing g on g.id = m.mailing_id
        where g.kind = 'ballot_receipt' and m.person_id in (?, ?)
          and exists (select 1 from ballot x where x.meeting_id = ? and g.idempotency_key like 'ballot-receipt:' || x.id || ':%')
        order by g.idempotency_key`,
      [owner(0), owner(2, 1), m.id],
    );
    expect(mails.map((x) => x.person_id)).toEqual([owner(0), owner(0)]);
    expect(mails[0]!.to).toMatch(/^owner/);
    expect(mails[0]!.text).toContain(receipt.tracker);
    expect(mails[1]!.text).toContain(revote.tracker);
    const [skipped] = await f.em().execute<{ status: string }[]>(
      `select m.status from notification_message m join notification_mailing g on g.id = m.mailing_id
        where g.kind = 'ballot_receipt' and m.person_id = ?
          and exists (select 1 from ballot x where x.meeting_id = ? and g.idempotency_key like 'ballot-receipt:' || x.id || ':%')`,
      [owner(2, 1), m.id],
    );
    expect(skipped!.status).toBe('skipped');
    expect(await ballotCount(m.id)).toBe(2);
  });

  it('queues the receipt in the ballot’s own transaction: none without the ballot, no ballot without it', async () => {
    const receipts = (meetingId: string) =>
      f.em().execute<{ key: string }[]>(
        `select g.idempotency_key as key from notification_mailing g
          where g.kind = 'ballot_receipt'
            and exists (select 1 from ballot x where x.meeting_id = ? and g.idempotency_key like 'ballot-receipt:' || x.id || ':%')`,
        [meetingId],
      );
    const allMailings = async () =>
      (await f.em().execute<{ n: number }[]>('select count(*)::int as n from notification_mailing'))[0]!.n;
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const ballot = { meeting: m, apartmentId: apt(0), ownerId: owner(0), choices: allItems(m, 'for') };

    // Queueing the receipt fails (as a crash after the ballot's statement would end it): the
    // ballot is not committed either, so no vote stands without its receipt.
    await f.em().execute(`create function ballot_receipt_fails() returns trigger language plpgsql as $$
      begin raise exception 'receipt queue down'; end $$`);
    await f.em().execute(`create trigger ballot_receipt_fails before insert on notification_mailing
      for each row when (new.kind = 'ballot_receipt') execute function ballot_receipt_fails()`);
    try {
      await expect(vote(f.em(), ballot)).rejects.toThrow(/receipt queue down/);
    } finally {
      await f.em().execute('drop trigger ballot_receipt_fails on notification_mailing');
      await f.em().execute('drop function ballot_receipt_fails()');
    }
    expect(await ballotCount(m.id)).toBe(0);

    // Committed: the receipt's mailing is there as soon as castBallot returns.
    await vote(f.em(), ballot);
    expect(await ballotCount(m.id)).toBe(1);
    expect(await receipts(m.id)).toHaveLength(1);

    // A refused ballot (the vote is closed) queues nothing.
    const before = await allMailings();
    await f.em().execute(`update meeting set phase = 'counting' where id = ?`, [m.id]);
    await rejects(vote(f.em(), { ...ballot, choices: allItems(m, 'against') }), 'wrong_phase');
    expect(await allMailings()).toBe(before);
    expect(await receipts(m.id)).toHaveLength(1);
  });
});

describe('powers of attorney', () => {
  it('a recorded proxy votes for the grantor; revoked, they no longer can', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const proxy = await newPerson(f.em());
    const choices = allItems(m, 'for');
    const asProxy = { meeting: m, apartmentId: apt(1), ownerId: owner(1, 1), personId: proxy.id, choices };
    await rejects(vote(f.em(), asProxy), 'not_eligible', 'ownerId');
    const poa = await recordPowerOfAttorney(f.em(), {
      meetingId: m.id,
      grantorPersonId: owner(1, 1),
      proxyPersonId: proxy.id,
      apartmentId: apt(1),
      documentRef: 'Notarial No. 1234',
      recordedByUserId: userOf(4),
    });
    expect(poa).toMatchObject({ created: true, apartmentId: apt(1), revokedAt: null });
    const rights = await votingRights(f.em(), m.id, proxy.id);
    expect(rights).toEqual([
      expect.objectContaining({
        apartmentId: apt(1),
        ownerId: owner(1, 1),
        viaProxy: true,
        powerOfAttorneyId: poa.id,
        weight: 18000,
      }),
    ]);
    const receipt = await vote(f.em(), asProxy);
    expect(receipt.ownerId).toBe(owner(1, 1));
    const [row] = await f
      .em()
      .execute<{ castBy: string; poa: string }[]>(
        'select cast_by_person_id as "castBy", power_of_attorney_id as poa from ballot where meeting_id = ?',
        [m.id],
      );
    expect(row).toEqual({ castBy: proxy.id, poa: poa.id });
    // Both the grantor and the proxy see the ballot; it is marked as cast by proxy.
    expect((await myBallots(f.em(), m.id, proxy.id)).map((x) => x.viaProxy)).toEqual([true]);
    expect((await myBallots(f.em(), m.id, owner(1, 1))).map((x) => x.tracker)).toEqual([receipt.tracker]);
    // Not for the grantor's other apartments (there are none) nor for other owners.
    await rejects(vote(f.em(), { ...asProxy, ownerId: owner(1, 0) }), 'not_eligible', 'ownerId');

    expect(await revokePowerOfAttorney(f.em(), poa.id, userOf(4))).toBe(true);
    expect(await revokePowerOfAttorney(f.em(), poa.id, userOf(4))).toBe(false);
    await rejects(vote(f.em(), asProxy), 'not_eligible', 'ownerId');
    expect(await votingRights(f.em(), m.id, proxy.id)).toEqual([]);
    expect((await listAudit(f.em(), 'power_of_attorney', poa.id)).map((e) => e.action)).toEqual([
      'record',
      'revoke',
    ]);
    // The ballot cast while it stood still counts, once.
    expect(await ballotCount(m.id)).toBe(1);
  });

  it('only owners of the electorate grant, only before the close, idempotently', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const proxy = await newPerson(f.em());
    const stranger = await newPerson(f.em());
    const base = {
      meetingId: m.id,
      proxyPersonId: proxy.id,
      documentRef: 'Paper PoA',
      recordedByUserId: userOf(4),
    };
    await rejects(
      recordPowerOfAttorney(f.em(), { ...base, grantorPersonId: stranger.id }),
      'not_eligible',
      'grantorPersonId',
    );
    await rejects(
      recordPowerOfAttorney(f.em(), { ...base, grantorPersonId: owner(0), apartmentId: apt(1) }),
      'not_eligible',
      'apartmentId',
    );
    await rejects(
      recordPowerOfAttorney(f.em(), { ...base, grantorPersonId: owner(0), proxyPersonId: owner(0) }),
      'invalid',
      'proxyPersonId',
    );
    await rejects(
      recordPowerOfAttorney(f.em(), { ...base, grantorPersonId: owner(0), proxyPersonId: randomUUID() }),
      'invalid',
      'proxyPersonId',
    );
    await rejects(
      recordPowerOfAttorney(f.em(), { ...base, grantorPersonId: owner(0), documentRef: ' ' }),
      'invalid',
      'documentRef',
    );
    const keyed = { ...base, grantorPersonId: owner(0), idempotencyKey: 'poa-1' };
    const first = await recordPowerOfAttorney(f.em(), keyed);
    const replay = await recordPowerOfAttorney(f.em(), keyed);
    expect(replay).toEqual({ ...first, created: false });
    await rejects(recordPowerOfAttorney(f.em(), { ...keyed, documentRef: 'Other' }), 'idempotency_conflict');
    // A power for all of the grantor's apartments covers their sole apartment.
    expect(await votingRights(f.em(), m.id, proxy.id)).toEqual([
      expect.objectContaining({ apartmentId: apt(0), ownerId: owner(0), viaProxy: true }),
    ]);
    await closeVoting(f.em(), m.id);
    await rejects(recordPowerOfAttorney(f.em(), { ...base, grantorPersonId: owner(1) }), 'wrong_phase');
    await rejects(revokePowerOfAttorney(f.em(), first.id, userOf(4)), 'wrong_phase');
  });
});

describe('closeVoting', () => {
  it('is idempotent, refuses a meeting not yet voting, and keeps the tally secret until the close', async () => {
    const early = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'discussion' });
    await rejects(closeVoting(f.em(), early.id), 'wrong_phase');
    await rejects(tally(f.em(), early.id), 'wrong_phase');
    await rejects(closeVoting(f.em(), randomUUID()), 'not_found');

    const m = await makeMeeting(f.em(), {
      buildingIds: [b.id],
      agenda: ['ordinary', 'management_organization'],
    });
    await vote(f.em(), { meeting: m, apartmentId: apt(0), ownerId: owner(0), choices: allItems(m, 'for') });
    await rejects(publishedBallots(f.em(), m.id), 'wrong_phase');
    await rejects(tally(f.em(), m.id), 'wrong_phase');
    const first = await closeVoting(f.em(), m.id);
    const second = await closeVoting(f.em(), m.id);
    expect(first.closed).toBe(true);
    expect(second).toEqual({ ...first, closed: false });
    expect(await tally(f.em(), m.id)).toEqual(first.tally);
    expect(await publishedBallots(f.em(), m.id)).toEqual(first.published);
    expect(first.published[0]).not.toHaveProperty('ownerId');
    expect((await participation(f.em(), m.id)).phase).toBe('counting');
  });

  it('records the decision once; the database refuses any later change', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    for (const a of [0, 1]) {
      await vote(f.em(), { meeting: m, apartmentId: apt(a), ownerId: owner(a), choices: allItems(m, 'for') });
    }
    const { tally: t, published } = await closeVoting(f.em(), m.id);
    const decision = decide(DEFAULT_MEETING_POLICY, t);
    const record = {
      decision,
      ballotSetSha256: await ballotSetHash(published),
      decidedAt: new Date(),
      appealWindowEndsAt: new Date(Date.now() + 180 * 86_400_000),
    };
    expect(await recordDecision(f.em(), m.id, record)).toBe(true);
    const flipped = { ...decision, quorumReached: !decision.quorumReached };
    expect(await recordDecision(f.em(), m.id, { ...record, decision: flipped })).toBe(false);
    await expect(
      f.em().execute(`update meeting set decision = '{"quorumReached":false}'::jsonb where id = ?`, [m.id]),
    ).rejects.toThrow(/cannot change/);
    await expect(
      f.em().execute('update meeting set ballot_set_sha256 = repeat(?, 64) where id = ?', ['0', m.id]),
    ).rejects.toThrow(/cannot change/);
    // Other columns still move (the phase goes on to 'decided').
    expect(await transitionPhase(f.em(), m.id, ['counting'], 'decided')).toBe(true);
    const [row] = await f
      .em()
      .execute<{ decision: unknown; sha: string }[]>(
        'select decision, ballot_set_sha256 as sha from meeting where id = ?',
        [m.id],
      );
    expect(row).toEqual({ decision, sha: record.ballotSetSha256 });
  });

  it('the close waits for a ballot in flight and counts it', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const input = await ballotInput({
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices: allItems(m, 'for'),
    });
    // Another transaction holds the ballot's request key, so castBallot's statement stops halfway:
    // it has locked the meeting row and written its ballot, and waits to write the request.
    const blocker = new pg.Client({ connectionString: f.db.url });
    await blocker.connect();
    // Watches the database's lock queue, so each step waits for the one before to be blocked
    // rather than for a guess at how long it takes.
    const watcher = new pg.Client({ connectionString: f.db.url });
    await watcher.connect();
    const blockedOnLocks = async () =>
      (
        await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        )
      ).rows[0]!.n;
    const closer: Orm = await createOrm({ url: f.db.url, poolMax: 1 });
    try {
      await blocker.query('begin');
      const other = randomUUID();
      await blocker.query(
        `insert into ballot (id, meeting_id, apartment_id, owner_person_id, cast_by_person_id, choices, weight,
           tracker, revision, cast_at)
         values ($1, $2, $3, $4, $4, '{}'::jsonb, 1, repeat('0', 64), 1, now())`,
        [other, m.id, apt(1), owner(1)],
      );
      await blocker.query(
        `insert into ballot_request (key, request_sha256, ballot_id, revision, tracker, cast_at)
         values ($1, repeat('0', 64), $2, 1, repeat('0', 64), now())`,
        [`${m.id}:${input.userId}:${input.idempotencyKey}`, other],
      );
      const casting = castBallot(f.em(), input);
      await until('the ballot waits for the request key', async () =>
        (await blockedOnLocks()) === 1 ? true : undefined,
      );
      let closedEarly = false;
      const closing = closeVoting(closer.em.fork(), m.id).then((c) => {
        closedEarly = true;
        return c;
      });
      // Either the close queues behind the ballot (right), or it finishes without waiting (wrong).
      await until('the close to queue or finish', async () =>
        closedEarly || (await blockedOnLocks()) === 2 ? true : undefined,
      );
      expect(closedEarly).toBe(false);
      await blocker.query('rollback');
      const receipt = await casting;
      const closed = await closing;
      expect(closed.published.map((p) => p.tracker)).toEqual([receipt.tracker]);
      expect(closed.tally.participatingWeight).toBe(30000);
    } finally {
      await blocker.end();
      await watcher.end();
      await closer.close();
    }
  });

  it('the race at close: every acknowledged ballot is counted, none is accepted after', async () => {
    const many = await makeBuilding(f.em(), soleOwners(200));
    const m = await makeMeeting(f.em(), { buildingIds: [many.id], agenda: ['ordinary', 'capital_repair'] });
    const weights = new Map(
      (
        await f
          .em()
          .execute<{ a: string; w: string }[]>(
            'select apartment_id as a, weight::text as w from meeting_voter where meeting_id = ?',
            [m.id],
          )
      ).map((r) => [r.a, Number(r.w)]),
    );
    const pick: Choice[] = ['for', 'against', 'abstain'];
    const inputs = await Promise.all(
      many.apartments.map((a, i) =>
        ballotInput({
          meeting: m,
          apartmentId: a.id,
          ownerId: a.owners[0]!.personId,
          choices: allItems(m, pick[i % 3]!),
        }),
      ),
    );
    // The close runs on its own pool, so it is not queued behind the ballots.
    const closer: Orm = await createOrm({ url: f.db.url, poolMax: 1 });
    try {
      let settled = 0;
      let closing: Promise<Awaited<ReturnType<typeof closeVoting>>> | undefined;
      const outcomes = await Promise.allSettled(
        inputs.map((input) =>
          castBallot(f.em(), input).finally(() => {
            if (++settled === 40) closing = closeVoting(closer.em.fork(), m.id);
          }),
        ),
      );
      const closed = await closing!;
      const after = await Promise.allSettled(
        inputs.slice(0, 20).map((i) => castBallot(f.em(), { ...i, idempotencyKey: randomUUID() })),
      );

      const accepted = outcomes.flatMap((o, i) =>
        o.status === 'fulfilled' ? [{ input: inputs[i]!, receipt: o.value }] : [],
      );
      const refused = outcomes.filter((o) => o.status === 'rejected');
      // The close started while 160 ballots were still in flight; which of them win the race
      // depends on the machine, so only the invariant is asserted: each either counts or is refused.
      expect(accepted.length).toBeGreaterThanOrEqual(40);
      expect(accepted.length + refused.length).toBe(inputs.length);
      for (const o of [...refused, ...after]) {
        expect(o.status).toBe('rejected');
        expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'wrong_phase' });
      }
      expect(closed.closed).toBe(true);
      expect(closed.published.map((p) => p.tracker).sort()).toEqual(
        accepted.map((a) => a.receipt.tracker).sort(),
      );
      const weightOf = (x: { input: { apartmentId: string } }) => weights.get(x.input.apartmentId)!;
      expect(closed.tally.participatingWeight).toBe(accepted.reduce((s, x) => s + weightOf(x), 0));
      for (const item of closed.tally.items) {
        for (const c of pick) {
          const expected = accepted
            .filter((x) => x.input.choices[item.itemId] === c)
            .reduce((s, x) => s + weightOf(x), 0);
          expect(item[c]).toBe(expected);
        }
      }
      expect(await ballotCount(m.id)).toBe(accepted.length);
    } finally {
      await closer.close();
    }
  });
});

describe('participation and receipts', () => {
  it('counts owners and weight without revealing choices', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    expect(await participation(f.em(), m.id)).toEqual({
      meetingId: m.id,
      phase: 'voting',
      eligibleOwners: 5,
      votedOwners: 0,
      participatingWeightPercent: 0,
    });
    await vote(f.em(), { meeting: m, apartmentId: apt(0), ownerId: owner(0), choices: allItems(m, 'for') });
    await vote(f.em(), { meeting: m, apartmentId: apt(1), ownerId: owner(1), choices: allItems(m, 'for') });
    const view = await participation(f.em(), m.id);
    // (30000 + 18000) / 93300
    expect(view).toMatchObject({ votedOwners: 2, participatingWeightPercent: 51.45 });
    expect(Object.keys(view).sort()).toEqual([
      'eligibleOwners',
      'meetingId',
      'participatingWeightPercent',
      'phase',
      'votedOwners',
    ]);
    await rejects(participation(f.em(), randomUUID()), 'not_found');
  });

  it('a receipt tracker is the voter’s own recomputation, and appears in the published list', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const secret = 'ab'.repeat(32);
    const choices = allItems(m, 'against');
    const receipt: BallotReceipt = await vote(f.em(), {
      meeting: m,
      apartmentId: apt(0),
      ownerId: owner(0),
      choices,
      secret,
    });
    const mine = await computeTracker(
      { meetingId: m.id, apartmentId: apt(0), ownerId: owner(0), choices },
      secret,
    );
    expect(receipt.tracker).toBe(mine);
    const { published } = await closeVoting(f.em(), m.id);
    expect(published).toContainEqual({ tracker: mine, weight: 30000, choices });
  });
});
