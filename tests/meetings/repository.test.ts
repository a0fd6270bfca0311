// Meetings, their electorate and their notices against real PostgreSQL: idempotent creation with
// field-named errors, scoped lists, conditional phase moves, exact snapshot weights under both
// weightings, and the keyset paging the workflow uses to serve notices and reminders.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addNotifications,
  applyToMeeting,
  type CreateMeetingInput,
  createMeeting,
  electorateWeightOf,
  getMeeting,
  getMeetingInScope,
  getMeetingRecord,
  isMeetingInScope,
  listMeetings,
  listNotifications,
  markNotificationsRead,
  nonVotersToRemind,
  ownersToNotify,
  personIdByPinfl,
  recordDecision,
  recordDeliveries,
  saveProtocol,
  signProtocol,
  snapshotElectorate,
  transitionPhase,
  votingRights,
} from '../../db/meetings/repository.ts';
import { DEMO_IDS } from '../../db/seed/demo.ts';
import { iso } from '../../db/sql.ts';
import { decide } from '../../domain/meetings/decide.ts';
import { DEFAULT_MEETING_POLICY, resolvePolicy } from '../../domain/meetings/policy.ts';
import type { AgendaItemView } from '../../domain/meetings/types.ts';
import {
  allItems,
  type Fixture,
  type MadeBuilding,
  makeBuilding,
  makeMeeting,
  newPerson,
  openFixture,
  rejects,
  soleOwners,
  vote,
} from './repository-fixtures.ts';

let f: Fixture;
/** 1: sole 50 m²; 2: ½ + ½ of 60 m²; 3: ⅔ + ⅓ of 45.5 m², the ⅔ owner also owns apartment 1. */
let b: MadeBuilding;
let other: MadeBuilding;

beforeAll(async () => {
  f = await openFixture('meetings_repository');
  b = await makeBuilding(f.em(), [
    { area: 50, owners: [{ num: 1, den: 1 }] },
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
        { num: 1, den: 3 },
      ],
    },
  ]);
  // Make the ⅔ owner of apartment 3 the sole owner of apartment 1 too.
  const twoThirds = b.apartments[2]!.owners[0]!.personId;
  await f
    .em()
    .execute('update ownership set person_id = ? where apartment_id = ?', [twoThirds, b.apartments[0]!.id]);
  b.apartments[0]!.owners[0]!.personId = twoThirds;
  other = await makeBuilding(f.em(), soleOwners(3));
});
afterAll(async () => {
  await f?.close();
});

const owner = (apartment: number, i = 0) => b.apartments[apartment]!.owners[i]!.personId;

const input = (over: Partial<CreateMeetingInput> = {}): CreateMeetingInput => {
  const now = Date.now();
  return {
    title: 'Navbatdan tashqari yigʻilish',
    kind: 'extraordinary',
    form: 'electronic',
    buildingIds: [b.id],
    initiator: { kind: 'owners', userId: DEMO_IDS.users.resident, name: 'Aziz Karimov' },
    chairUserId: DEMO_IDS.users.resident,
    secretaryUserId: DEMO_IDS.users.resident2,
    noticeAt: new Date(now),
    votingOpensAt: new Date(now + 11 * 86_400_000),
    votingClosesAt: new Date(now + 21 * 86_400_000),
    policy: DEFAULT_MEETING_POLICY,
    agenda: [
      { title: 'Tomni taʼmirlash', description: 'Kapital taʼmir', kind: 'capital_repair' },
      { title: 'Hisobot', description: '', kind: 'ordinary' },
    ],
    ...over,
  };
};

describe('createMeeting', () => {
  it('stores the meeting with its agenda, rules from its own policy, and phase notice', async () => {
    const policy = resolvePolicy({ rules: { ordinary: 'majority_of_all' } });
    const { meeting, created } = await createMeeting(f.em(), input({ policy }));
    expect(created).toBe(true);
    expect(meeting).toMatchObject({
      phase: 'notice',
      attempt: 1,
      kind: 'extraordinary',
      buildingIds: [b.id],
      initiator: { kind: 'owners', name: 'Aziz Karimov', userId: DEMO_IDS.users.resident },
      decision: null,
      protocol: null,
      cancelledReason: null,
      appealWindowEndsAt: null,
    });
    expect(meeting.agenda.map((a) => [a.position, a.kind, a.rule])).toEqual([
      [1, 'capital_repair', 'two_thirds_of_all'],
      [2, 'ordinary', 'majority_of_all'],
    ]);
    const record = (await getMeetingRecord(f.em(), meeting.id))!;
    expect(record).toMatchObject({ seriesId: meeting.id, policy, weightScale: null, totalWeight: null });
    expect(await getMeeting(f.em(), meeting.id)).toEqual(meeting);
    expect(Object.keys(meeting)).not.toContain('policy');
  });

  it('answers a retry with the same meeting and a reused key with a conflict', async () => {
    const key = `create-${randomUUID()}`;
    const sha = 'a'.repeat(64);
    const first = await createMeeting(f.em(), input({ idempotencyKey: key, requestSha256: sha }));
    const retry = await createMeeting(f.em(), input({ idempotencyKey: key, requestSha256: sha }));
    expect(retry).toEqual({ meeting: first.meeting, created: false });
    await rejects(
      createMeeting(f.em(), input({ idempotencyKey: key, requestSha256: 'b'.repeat(64) })),
      'idempotency_conflict',
    );
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        createMeeting(f.em(), input({ idempotencyKey: `${key}-race`, requestSha256: sha })),
      ),
    );
    expect(new Set(racing.map((r) => r.meeting.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
  });

  it('a repeat is the next attempt of the same series, once', async () => {
    const { meeting } = await createMeeting(f.em(), input());
    const repeat = input({ id: randomUUID(), seriesId: meeting.id, attempt: 2, form: 'absentee' });
    const made = await createMeeting(f.em(), repeat);
    expect(made.created).toBe(true);
    expect((await getMeetingRecord(f.em(), made.meeting.id))!).toMatchObject({
      seriesId: meeting.id,
      attempt: 2,
      // The repeat names its first attempt; the first names none.
      repeatOf: { id: meeting.id, title: meeting.title },
    });
    expect((await getMeetingRecord(f.em(), meeting.id))!.repeatOf).toBeNull();
    // A retried activity with another id finds the same attempt.
    const again = await createMeeting(f.em(), { ...repeat, id: randomUUID() });
    expect(again).toEqual({ meeting: made.meeting, created: false });
  });

  it('names the field of bad input', async () => {
    const unknownBuilding = randomUUID();
    const cases: [Partial<CreateMeetingInput>, string][] = [
      [{ title: ' ' }, 'title'],
      [{ buildingIds: [] }, 'buildingIds'],
      [{ buildingIds: ['x'] }, 'buildingIds'],
      [{ buildingIds: [b.id, unknownBuilding] }, 'buildingIds'],
      [{ agenda: [] }, 'agenda'],
      [{ agenda: [{ title: 'x', description: '', kind: 'bribery' as never }] }, 'agenda.0.kind'],
      [
        {
          agenda: Array.from({ length: 51 }, () => ({
            title: 'x',
            description: '',
            kind: 'ordinary' as const,
          })),
        },
        'agenda',
      ],
      [{ votingClosesAt: new Date(Date.now()) }, 'votingClosesAt'],
      [{ votingOpensAt: new Date(Number.NaN) }, 'votingOpensAt'],
      [{ chairUserId: 'chair' }, 'chairUserId'],
      [{ kind: 'weekly' as never }, 'kind'],
      [{ attempt: 2 }, 'seriesId'],
    ];
    for (const [over, field] of cases) await rejects(createMeeting(f.em(), input(over)), 'invalid', field);
  });
});

describe('reading meetings', () => {
  it('lists newest first within scope, filtered by building and phase', async () => {
    // A building of its own: the listings below must see this test's meetings and no other's.
    const apart = await makeBuilding(f.em(), soleOwners(3));
    const here = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    const lot = await makeMeeting(f.em(), { buildingIds: [b.id, apart.id], phase: 'discussion' });
    const there = await makeMeeting(f.em(), { buildingIds: [apart.id], phase: 'notice' });
    const ids = async (scope: Parameters<typeof listMeetings>[1], filter = {}) =>
      (await listMeetings(f.em(), scope, { page: 1, pageSize: 100, ...filter })).items.map((m) => m.id);

    // owner(1) owns only in b: sees the meetings over b, including the lot.
    const mine = await ids({ kind: 'owner', personId: owner(1) });
    expect(mine).toContain(here.id);
    expect(mine).toContain(lot.id);
    expect(mine).not.toContain(there.id);
    expect(mine.indexOf(lot.id)).toBeLessThan(mine.indexOf(here.id));
    expect(await ids({ kind: 'all' }, { buildingId: apart.id })).toEqual([there.id, lot.id]);
    expect(await ids({ kind: 'all' }, { buildingId: apart.id, phase: 'discussion' })).toEqual([lot.id]);
    const [district] = await f
      .em()
      .execute<{ id: string }[]>('select district_id as id from building where id = ?', [b.id]);
    expect(await ids({ kind: 'district', districtId: district!.id })).toEqual(
      expect.arrayContaining([here.id, there.id]),
    );
    expect(await ids({ kind: 'district', districtId: randomUUID() })).toEqual([]);
    expect(await ids({ kind: 'none' })).toEqual([]);
    expect(await ids({ kind: 'all' }, { buildingId: 'x' })).toEqual([]);

    const page = await listMeetings(f.em(), { kind: 'all' }, { page: 2, pageSize: 1, buildingId: apart.id });
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(page.items.map((m) => m.id)).toEqual([lot.id]);

    expect(await isMeetingInScope(f.em(), { kind: 'owner', personId: owner(1) }, lot.id)).toBe(true);
    expect(await isMeetingInScope(f.em(), { kind: 'owner', personId: owner(1) }, there.id)).toBe(false);
    expect(await isMeetingInScope(f.em(), { kind: 'all' }, randomUUID())).toBe(false);
    expect(await isMeetingInScope(f.em(), { kind: 'all' }, 'nope')).toBe(false);
    expect(await getMeeting(f.em(), 'nope')).toBeNull();
    expect(await getMeeting(f.em(), randomUUID())).toBeNull();
  });

  it('reads a meeting in scope as the view PostgreSQL writes: getMeeting, field for field, as JSON text', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], agenda: ['capital_repair', 'ordinary'] });
    // Microseconds a JavaScript Date never holds: the text drops them as a Date does.
    await f
      .em()
      .execute(`update meeting set notice_at = '2026-03-01 10:20:30.987654+05' where id = ?`, [m.id]);
    const decision = decide(DEFAULT_MEETING_POLICY, {
      totalWeight: 300,
      participatingWeight: 200,
      items: m.agenda.map((a) => ({ itemId: a.id, kind: a.kind, for: 150, against: 30, abstain: 20 })),
    });
    const appealEnds = new Date('2026-09-01T00:00:00.001Z');
    const ballotSetSha256 = 'c'.repeat(64);
    await recordDecision(f.em(), m.id, {
      decision,
      ballotSetSha256,
      decidedAt: new Date(),
      appealWindowEndsAt: appealEnds,
    });
    const pdf = new TextEncoder().encode('%PDF-1.7 protocol');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await saveProtocol(f.em(), m.id, pdf, sha256);
    await signProtocol(f.em(), m.id, 'chair', DEMO_IDS.users.resident);

    const text = await getMeetingInScope(f.em(), { kind: 'owner', personId: owner(1) }, m.id);
    expect(typeof text).toBe('string');
    const view = JSON.parse(text as string);
    expect(view).toEqual(await getMeeting(f.em(), m.id));
    expect(Object.keys(view)).toEqual([
      'id',
      'title',
      'kind',
      'form',
      'phase',
      'attempt',
      'buildingIds',
      'initiator',
      'chairUserId',
      'secretaryUserId',
      'quorumShare',
      'noticeAt',
      'votingOpensAt',
      'votingClosesAt',
      'agenda',
      'cancelledReason',
      'decision',
      'protocol',
      'appealWindowEndsAt',
      'repeatOf',
    ]);
    const [stored] = await f
      .em()
      .execute<{ noticeAt: unknown }[]>('select notice_at as "noticeAt" from meeting where id = ?', [m.id]);
    expect(view).toMatchObject({
      noticeAt: '2026-03-01T05:20:30.987Z',
      votingOpensAt: m.votingOpensAt,
      quorumShare: DEFAULT_MEETING_POLICY.quorumShare,
      decision,
      protocol: { sha256, ballotSetSha256, signedByChair: true, signedBySecretary: false },
      appealWindowEndsAt: appealEnds.toISOString(),
    });
    expect(view.noticeAt).toBe(iso(stored!.noticeAt));
    expect(view.agenda.map((a: AgendaItemView) => [a.kind, a.rule, a.organizationId])).toEqual([
      ['capital_repair', 'two_thirds_of_all', null],
      ['ordinary', 'majority_of_cast', null],
    ]);

    expect(await getMeetingInScope(f.em(), { kind: 'owner', personId: randomUUID() }, m.id)).toBe('outside');
    expect(await getMeetingInScope(f.em(), { kind: 'none' }, m.id)).toBe('outside');
    expect(await getMeetingInScope(f.em(), { kind: 'all' }, randomUUID())).toBeNull();
    expect(await getMeetingInScope(f.em(), { kind: 'all' }, 'nope')).toBeNull();
  });

  it('moves phases only as the table allows, under the row lock', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    const initiator = { kind: 'user', userId: m.initiator.userId } as const;
    expect(await transitionPhase(f.em(), m.id, ['voting'], 'counting')).toBe(false);
    const opens = Date.now() + 30 * 86_400_000;
    const closes = Date.now() + 40 * 86_400_000;
    const postpone = (votingOpensAt: number, votingClosesAt: number) =>
      ({ type: 'postpone', votingOpensAt, votingClosesAt, reason: 'Bayram' }) as const;
    expect(await applyToMeeting(f.em(), m.id, postpone(opens, closes), initiator)).toEqual({
      changed: true,
      phase: 'notice',
    });
    expect(await transitionPhase(f.em(), m.id, ['notice'], 'discussion')).toBe(true);
    await rejects(
      applyToMeeting(f.em(), m.id, postpone(closes, opens), initiator),
      'invalid',
      'votingClosesAt',
    );
    const cancel = { type: 'cancel', reason: 'Sud qarori' } as const;
    await rejects(applyToMeeting(f.em(), m.id, cancel, { kind: 'user', userId: randomUUID() }), 'forbidden');
    expect(await applyToMeeting(f.em(), m.id, cancel, initiator)).toEqual({
      changed: true,
      phase: 'cancelled',
    });
    expect(await transitionPhase(f.em(), m.id, ['discussion'], 'voting')).toBe(false);
    await rejects(transitionPhase(f.em(), m.id, ['notice'], 'voting'), 'invalid', 'phase');
    expect(await getMeeting(f.em(), m.id)).toMatchObject({
      phase: 'cancelled',
      cancelledReason: 'Sud qarori',
      votingOpensAt: new Date(opens).toISOString(),
      votingClosesAt: new Date(closes).toISOString(),
    });
  });
});

describe('electorate', () => {
  it('snapshots exact area weights: scale = lcm(1, 2, 3), co-owners ½ + ½ and ⅔ + ⅓', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    const snap = await snapshotElectorate(f.em(), m.id);
    // Apartments 5000, 6000 and 4550 centi-m², times 6.
    expect(snap).toEqual({ eligibleOwners: 4, totalWeight: 6 * 15550, weightScale: 6 });
    const rows = await f.em().execute<{ a: string; p: string; w: string; n: number; d: number }[]>(
      `select apartment_id as a, person_id as p, weight::text as w, share_numerator as n, share_denominator as d
         from meeting_voter where meeting_id = ?`,
      [m.id],
    );
    const weight = (apartment: number, i: number) =>
      Number(rows.find((r) => r.a === b.apartments[apartment]!.id && r.p === owner(apartment, i))!.w);
    expect(rows).toHaveLength(5);
    expect(weight(0, 0)).toBe(30000);
    expect([weight(1, 0), weight(1, 1)]).toEqual([18000, 18000]);
    expect([weight(2, 0), weight(2, 1)]).toEqual([18200, 9100]);
    expect(await snapshotElectorate(f.em(), m.id)).toEqual(snap);
    const [count] = await f
      .em()
      .execute<{ n: number }[]>('select count(*)::int as n from meeting_voter where meeting_id = ?', [m.id]);
    expect(count!.n).toBe(5);
  });

  it('snapshots per-apartment weights: each apartment is worth the scale, split by shares', async () => {
    const policy = resolvePolicy({ weighting: 'apartment' });
    const m = await makeMeeting(f.em(), { buildingIds: [b.id, other.id], phase: 'notice', policy });
    const snap = await snapshotElectorate(f.em(), m.id);
    expect(snap).toEqual({ eligibleOwners: 7, totalWeight: 6 * 6, weightScale: 6 });
    const rights = await votingRights(f.em(), m.id, owner(2, 0));
    expect(rights.map((r) => [r.apartmentNumber, r.weight, r.weightPercent])).toEqual([
      ['1', 6, 16.67],
      ['3', 4, 11.11],
    ]);
    expect((await votingRights(f.em(), m.id, owner(2, 1))).map((r) => r.weight)).toEqual([2]);
  });

  it('is a single snapshot even when two workers race for it', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    const snaps = await Promise.all([1, 2, 3, 4].map(() => snapshotElectorate(f.em(), m.id)));
    expect(new Set(snaps.map((s) => JSON.stringify(s))).size).toBe(1);
    const [count] = await f
      .em()
      .execute<{ n: number }[]>('select count(*)::int as n from meeting_voter where meeting_id = ?', [m.id]);
    expect(count!.n).toBe(5);
    await rejects(snapshotElectorate(f.em(), randomUUID()), 'not_found');
  });

  it('weighs initiators live, in the same units as the snapshot', async () => {
    const live = await electorateWeightOf(f.em(), [b.id], [owner(2, 0)], 'area');
    expect(live).toEqual({ initiatorsWeight: 30000 + 18200, totalWeight: 93300 });
    expect(await electorateWeightOf(f.em(), [b.id], [owner(2, 1), 'x'], 'apartment')).toEqual({
      initiatorsWeight: 2,
      totalWeight: 18,
    });
    expect(await electorateWeightOf(f.em(), [b.id], [], 'area')).toEqual({
      initiatorsWeight: 0,
      totalWeight: 93300,
    });
    expect(await electorateWeightOf(f.em(), ['x'], [owner(0)], 'area')).toEqual({
      initiatorsWeight: 0,
      totalWeight: 0,
    });
  });

  it('voting rights list the person’s own apartments with name, number and percent', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const rights = await votingRights(f.em(), m.id, owner(1, 1));
    expect(rights).toEqual([
      {
        apartmentId: b.apartments[1]!.id,
        apartmentNumber: '2',
        buildingId: b.id,
        ownerId: owner(1, 1),
        ownerName: expect.stringMatching(/^Test Owner/),
        weight: 18000,
        weightPercent: 19.29,
        viaProxy: false,
        powerOfAttorneyId: null,
      },
    ]);
    expect(await votingRights(f.em(), m.id, randomUUID())).toEqual([]);
    expect(await votingRights(f.em(), m.id, 'x')).toEqual([]);
    await rejects(votingRights(f.em(), randomUUID(), owner(0)), 'not_found');
  });

  it('finds a person by PINFL', async () => {
    const p = await newPerson(f.em());
    expect(await personIdByPinfl(f.em(), p.pinfl)).toBe(p.id);
    expect(await personIdByPinfl(f.em(), '123')).toBeNull();
  });
});

describe('notices', () => {
  it('pages owners by person id, skipping those already served by email', async () => {
    const many = await makeBuilding(f.em(), soleOwners(7));
    const m = await makeMeeting(f.em(), { buildingIds: [many.id] });
    const sorted = [...many.persons].sort();
    const page1 = await ownersToNotify(f.em(), m.id, 'notice', { limit: 3 });
    expect(page1.map((o) => o.personId)).toEqual(sorted.slice(0, 3));
    expect(page1[0]).toMatchObject({ language: 'uz', email: expect.stringContaining('@') });
    const page2 = await ownersToNotify(f.em(), m.id, 'notice', {
      afterPersonId: page1[2]!.personId,
      limit: 3,
    });
    expect(page2.map((o) => o.personId)).toEqual(sorted.slice(3, 6));

    const rows = page1.flatMap((o) => [
      {
        meetingId: m.id,
        personId: o.personId,
        kind: 'notice',
        channel: 'email' as const,
        status: 'sent' as const,
      },
      {
        meetingId: m.id,
        personId: o.personId,
        kind: 'notice',
        channel: 'in_app' as const,
        status: 'sent' as const,
      },
    ]);
    expect(await recordDeliveries(f.em(), rows)).toBe(6);
    expect(await recordDeliveries(f.em(), rows)).toBe(0);
    // A restarted batch starts from the beginning and finds only the unserved.
    const restart = await ownersToNotify(f.em(), m.id, 'notice', { limit: 100 });
    expect(restart.map((o) => o.personId)).toEqual(sorted.slice(3));
    // Another kind is another delivery.
    expect(await ownersToNotify(f.em(), m.id, 'reminder-24', { limit: 100 })).toHaveLength(7);
    // Fractional hours (meetings shortened for tests) and repeated postponements are kinds too.
    expect(await ownersToNotify(f.em(), m.id, 'reminder-0.0025', { limit: 100 })).toHaveLength(7);
    expect(await ownersToNotify(f.em(), m.id, 'postponed-2', { limit: 100 })).toHaveLength(7);
    await rejects(ownersToNotify(f.em(), m.id, 'spam', { limit: 1 }), 'invalid', 'kind');
    await rejects(ownersToNotify(f.em(), m.id, 'reminder-', { limit: 1 }), 'invalid', 'kind');
    await rejects(recordDeliveries(f.em(), [{ ...rows[0]!, channel: 'sms' as never }]), 'invalid', 'channel');
  });

  it('reminds only owners without a ballot of their own', async () => {
    const many = await makeBuilding(f.em(), soleOwners(4));
    const m = await makeMeeting(f.em(), { buildingIds: [many.id] });
    const [voted] = many.apartments;
    await vote(f.em(), {
      meeting: m,
      apartmentId: voted!.id,
      ownerId: voted!.owners[0]!.personId,
      choices: allItems(m, 'for'),
    });
    const remind = await nonVotersToRemind(f.em(), m.id, 'reminder-72', { limit: 10 });
    expect(remind.map((o) => o.personId)).toEqual(
      many.persons.filter((p) => p !== voted!.owners[0]!.personId).sort(),
    );
    await recordDeliveries(f.em(), [
      {
        meetingId: m.id,
        personId: remind[0]!.personId,
        kind: 'reminder-72',
        channel: 'in_app',
        status: 'skipped',
      },
    ]);
    expect(await nonVotersToRemind(f.em(), m.id, 'reminder-72', { limit: 10 })).toHaveLength(2);
  });

  it('the in-app inbox holds one message per person, meeting and kind', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const person = owner(1);
    const note = (kind: string) => ({
      personId: person,
      meetingId: m.id,
      kind,
      title: `T ${kind}`,
      body: 'B',
    });
    expect(await addNotifications(f.em(), [note('notice'), note('reminder-24')])).toBe(2);
    expect(await addNotifications(f.em(), [note('notice')])).toBe(0);
    const inbox = await listNotifications(f.em(), person, { limit: 10 });
    expect(inbox.map((n) => n.kind).sort()).toEqual(['notice', 'reminder-24']);
    expect(inbox.every((n) => n.readAt === null && n.meetingId === m.id)).toBe(true);
    expect(await markNotificationsRead(f.em(), person, [inbox[0]!.id])).toBe(1);
    expect(await markNotificationsRead(f.em(), owner(0), [inbox[1]!.id])).toBe(0);
    expect(
      (await listNotifications(f.em(), person, { unreadOnly: true, limit: 10 })).map((n) => n.id),
    ).toEqual([inbox[1]!.id]);
    expect(await listNotifications(f.em(), person, { limit: 1 })).toHaveLength(1);
    expect(await listNotifications(f.em(), 'x', { limit: 10 })).toEqual([]);
  });
});
