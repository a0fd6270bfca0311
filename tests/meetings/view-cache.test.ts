// The meeting view the API keeps in process (getMeetingInScope over versionedJson): every write
// through the repository's real paths shows on the very next read, the copy is really what is
// served while nothing changed, and the scope is still checked on every read of a held copy.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyToMeeting,
  getMeeting,
  getMeetingInScope,
  recordDecision,
  saveProtocol,
  signProtocol,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { DEMO_IDS } from '../../db/seed/demo.ts';
import { decide } from '../../domain/meetings/decide.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import {
  type Fixture,
  type MadeBuilding,
  makeBuilding,
  makeMeeting,
  openFixture,
} from './repository-fixtures.ts';

let f: Fixture;
let b: MadeBuilding;
let other: MadeBuilding;

beforeAll(async () => {
  f = await openFixture('meetings_view_cache');
  b = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
  other = await makeBuilding(f.em(), [{ area: 40, owners: [{ num: 1, den: 1 }] }]);
});
afterAll(() => f.close());

const ownerOf = (x: MadeBuilding) => ({ kind: 'owner', personId: x.persons[0]! }) as const;
/** The view as the resident of `b` reads it through the held copy. */
async function read(id: string): Promise<MeetingView> {
  const text = await getMeetingInScope(f.em(), ownerOf(b), id);
  expect(typeof text).toBe('string');
  return JSON.parse(text as string) as MeetingView;
}
/** What the meeting is now, read without any copy. */
const truth = async (id: string) => (await getMeeting(f.em(), id))!;

describe('the meeting view held in process', () => {
  it('shows each write through the repository on the very next read', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    expect(await read(m.id)).toEqual(await truth(m.id));

    const initiator = { kind: 'user', userId: m.initiator.userId } as const;
    const opens = Date.now() + 30 * 86_400_000;
    const closes = Date.now() + 40 * 86_400_000;
    await applyToMeeting(
      f.em(),
      m.id,
      { type: 'postpone', votingOpensAt: opens, votingClosesAt: closes, reason: 'Bayram' },
      initiator,
    );
    expect(await read(m.id)).toMatchObject({ votingOpensAt: new Date(opens).toISOString() });
    expect(await read(m.id)).toEqual(await truth(m.id));

    expect(await transitionPhase(f.em(), m.id, ['notice'], 'discussion')).toBe(true);
    expect((await read(m.id)).phase).toBe('discussion');
    expect(await transitionPhase(f.em(), m.id, ['discussion'], 'voting')).toBe(true);
    expect(await transitionPhase(f.em(), m.id, ['voting'], 'counting')).toBe(true);
    expect((await read(m.id)).phase).toBe('counting');

    const decision = decide(DEFAULT_MEETING_POLICY, {
      totalWeight: 50,
      participatingWeight: 50,
      items: m.agenda.map((a) => ({ itemId: a.id, kind: a.kind, for: 50, against: 0, abstain: 0 })),
    });
    await recordDecision(f.em(), m.id, {
      decision,
      ballotSetSha256: 'd'.repeat(64),
      decidedAt: new Date(),
      appealWindowEndsAt: new Date(Date.now() + 86_400_000),
    });
    expect((await read(m.id)).decision).toEqual(decision);

    const pdf = new TextEncoder().encode(`%PDF-1.7 ${randomUUID()}`);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await saveProtocol(f.em(), m.id, pdf, sha256);
    expect((await read(m.id)).protocol).toMatchObject({ sha256, signedByChair: false });
    await signProtocol(f.em(), m.id, 'chair', DEMO_IDS.users.resident);
    expect((await read(m.id)).protocol).toMatchObject({ sha256, signedByChair: true });
    expect(await read(m.id)).toEqual(await truth(m.id));
  });

  it('serves the held copy while the version stands, and an agenda or building change moves it', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    expect((await read(m.id)).title).toBe(m.title);
    // Without its triggers (this session only) a change does not bump the version: the copy is
    // still served, which shows it is the copy being served, and that the triggers invalidate it.
    await f.em().transactional(async (tx) => {
      await tx.execute('set local session_replication_role = replica');
      await tx.execute('update meeting set title = ? where id = ?', ['Unseen title', m.id]);
    });
    expect((await read(m.id)).title).toBe(m.title);
    await f.em().execute('update agenda_item set title = ? where meeting_id = ?', ['Changed item', m.id]);
    const after = await read(m.id);
    expect(after.title).toBe('Unseen title');
    expect(after.agenda.map((a) => a.title)).toEqual(['Changed item']);

    await f
      .em()
      .execute('insert into meeting_building (meeting_id, building_id) values (?, ?)', [m.id, other.id]);
    expect((await read(m.id)).buildingIds).toEqual([b.id, other.id].sort());
    expect(await read(m.id)).toEqual(await truth(m.id));
  });

  it('checks the scope on every read of a held copy', async () => {
    const m = await makeMeeting(f.em(), { buildingIds: [b.id], phase: 'notice' });
    await read(m.id);
    expect(await getMeetingInScope(f.em(), ownerOf(other), m.id)).toBe('outside');
    expect(await getMeetingInScope(f.em(), { kind: 'owner', personId: randomUUID() }, m.id)).toBe('outside');
    expect(await getMeetingInScope(f.em(), { kind: 'none' }, m.id)).toBe('outside');
    expect(await getMeetingInScope(f.em(), { kind: 'all' }, randomUUID())).toBeNull();
    // The same copy answers the owner of the other building once the meeting covers it too, and
    // no longer once it does not.
    await f
      .em()
      .execute('insert into meeting_building (meeting_id, building_id) values (?, ?)', [m.id, other.id]);
    expect(typeof (await getMeetingInScope(f.em(), ownerOf(other), m.id))).toBe('string');
    await f
      .em()
      .execute('delete from meeting_building where meeting_id = ? and building_id = ?', [m.id, other.id]);
    expect(await getMeetingInScope(f.em(), ownerOf(other), m.id)).toBe('outside');
    expect((await read(m.id)).buildingIds).toEqual([b.id]);
  });
});
