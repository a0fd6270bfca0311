// The demo's other owners at a lot's meeting (scripts/lib/demo-lot-votes.ts), on the real database
// seeded with the configured demo: once the meeting of a lot is open for voting, every owner who is
// not a persona votes, in one statement, for the first item and against the others; the personas
// are left to vote themselves; other meetings are not touched; a second look adds nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { noteOnLot, proposeForDistrict, saveDraftLots } from '../../db/lots/repository.ts';
import { closeVoting } from '../../db/meetings/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import { DEFAULT_LOT_POLICY } from '../../domain/lots/policy.ts';
import { loadConfig } from '../../platform/config.ts';
import { castDemoLotBallots } from '../../scripts/lib/demo-lot-votes.ts';
import { makeMeeting, vote } from '../meetings/repository-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'lots_demo_votes');
  orm = await createOrm({ url: db.url });
  await seedDemo(orm, loadConfig({}).demo);
}, 240_000);
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const count = async (sql: string, params: unknown[]) =>
  Number((await orm.em.fork().execute<{ n: string }[]>(sql, params))[0]!.n);

describe("the demo's other owners at a lot's meeting", () => {
  it('vote for the first candidate in one go, leave the personas their own ballots and other meetings alone', async () => {
    const em = orm.em.fork();
    const [{ districtId }] = (await em.execute<{ districtId: string }[]>(
      'select district_id as "districtId" from building where id = ?',
      [DEMO_IDS.building],
    )) as [{ districtId: string }];
    const proposal = await proposeForDistrict(em, districtId, DEFAULT_LOT_POLICY);
    const lots = await saveDraftLots(em, {
      districtId,
      lots: proposal.lots.map((l) => ({ buildingIds: l.buildingIds })),
      policy: DEFAULT_LOT_POLICY,
      idempotencyKey: randomUUID(),
      requestSha256: 'a'.repeat(64),
      actorUserId: randomUUID(),
      now: new Date(),
    });
    const lot = lots.find((l) => l.buildingIds.includes(DEMO_IDS.building))!;
    const meeting = await makeMeeting(em, { buildingIds: lot.buildingIds, agenda: ['ordinary', 'ordinary'] });
    const other = await makeMeeting(em, { buildingIds: [DEMO_IDS.building] });
    // Not yet the lot's: nothing is cast.
    const done = new Set<string>();
    await castDemoLotBallots(orm.em, done);
    expect(await count('select count(*) n from ballot where meeting_id = ?', [meeting.id])).toBe(0);
    await noteOnLot(em, {
      lotId: lot.id,
      requestId: `test:${meeting.id}`,
      action: 'vote_called',
      data: { meetingId: meeting.id },
    });

    const heard: { id: string; ballots: number; ms: number }[] = [];
    await castDemoLotBallots(orm.em, done, (id, ballots, ms) => heard.push({ id, ballots, ms }));
    const personas = `{${Object.values(DEMO_IDS.persons).join(',')}}`;
    const others = await count(
      'select count(*) n from meeting_voter where meeting_id = ? and person_id <> all(?::uuid[])',
      [meeting.id, personas],
    );
    expect(others).toBeGreaterThanOrEqual(7000);
    expect(heard).toEqual([{ id: meeting.id, ballots: others, ms: expect.any(Number) }]);
    console.log(`cast ${others} ballots in ${heard[0]!.ms} ms`);
    expect(
      await count('select count(*) n from ballot where meeting_id = ? and owner_person_id = any(?::uuid[])', [
        meeting.id,
        personas,
      ]),
    ).toBe(0);
    expect(await count('select count(*) n from ballot where meeting_id = ?', [other.id])).toBe(0);
    // A second look, even by a restarted demo that forgot what it did, adds nothing.
    await castDemoLotBallots(orm.em, done);
    await castDemoLotBallots(orm.em, new Set());
    expect(await count('select count(*) n from ballot where meeting_id = ?', [meeting.id])).toBe(others);

    // The resident still votes, as the portal does.
    const [first, second] = meeting.agenda.map((a) => a.id) as [string, string];
    const one = performance.now();
    await vote(em, {
      meeting,
      apartmentId: DEMO_IDS.apartments.residentSole,
      ownerId: DEMO_IDS.persons.resident,
      choices: { [first]: 'for', [second]: 'against' },
    });
    console.log(`one ballot the API's way in ${Math.round(performance.now() - one)} ms`);
    const { tally } = await closeVoting(orm.em.fork(), meeting.id);
    const items = new Map(tally.items.map((i) => [i.itemId, i]));
    expect(items.get(first)!.for * 2).toBeGreaterThan(tally.totalWeight);
    expect(items.get(first)!.for).toBe(tally.participatingWeight);
    expect(items.get(second)!).toMatchObject({ for: 0, against: tally.participatingWeight });
  }, 120_000);
});
