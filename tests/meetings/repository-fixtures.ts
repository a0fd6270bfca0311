// Shared by the meetings repository tests: a throwaway database with a small demo district, and
// buildings with hand-made owners and shares, so every expected weight can be written down.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { expect, inject } from 'vitest';
import {
  type CastBallotInput,
  castBallot,
  createMeeting,
  snapshotElectorate,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import type { Choice } from '../../domain/meetings/decide.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import {
  type AgendaItemKind,
  DEFAULT_MEETING_POLICY,
  type MeetingPolicy,
} from '../../domain/meetings/policy.ts';
import { computeTracker, newReceiptSecret } from '../../domain/meetings/tracker.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

export interface Fixture {
  db: TestDatabase;
  orm: Orm;
  em(): EntityManager;
  close(): Promise<void>;
}

export async function openFixture(label: string, poolMax = 8): Promise<Fixture> {
  const db = await createTestDatabase(inject('postgres'), label);
  const orm = await createOrm({ url: db.url, poolMax });
  await seedDemo(orm, { seed: 20261124, apartments: 150 });
  return {
    db,
    orm,
    em: () => orm.em.fork() as EntityManager,
    async close() {
      await orm.close();
      await db.drop();
    },
  };
}

export interface OwnerSpec {
  num: number;
  den: number;
  /** Reuse a person (an owner of several apartments); otherwise a new one is made. */
  personId?: string;
  email?: string | null;
  language?: 'uz' | 'ru' | 'en';
}

export interface ApartmentSpec {
  area: number;
  owners: OwnerSpec[];
}

export interface MadeBuilding {
  id: string;
  apartments: { id: string; number: string; area: number; owners: (OwnerSpec & { personId: string })[] }[];
  persons: string[];
}

let pinflSeq = 0;
const nextPinfl = () =>
  `9${String(process.pid % 1000).padStart(3, '0')}${String(++pinflSeq).padStart(10, '0')}`;

export async function newPerson(em: EntityManager, opts: { email?: string | null; language?: string } = {}) {
  const id = randomUUID();
  const pinfl = nextPinfl();
  await em.execute(`insert into person (id, pinfl, full_name, email, language) values (?, ?, ?, ?, ?)`, [
    id,
    pinfl,
    `Test Owner ${pinfl.slice(-4)}`,
    opts.email === undefined ? `owner${pinfl}@example.uz` : opts.email,
    opts.language ?? 'uz',
  ]);
  return { id, pinfl };
}

/** A building in the demo's Yunusobod district with exactly the given apartments and owners. */
export async function makeBuilding(em: EntityManager, apartments: ApartmentSpec[]): Promise<MadeBuilding> {
  const [district] = await em.execute<{ districtId: string }[]>(
    'select district_id as "districtId" from building where id = ?',
    [DEMO_IDS.building],
  );
  const id = randomUUID();
  await em.execute(
    `insert into building (id, district_id, address, cadastral_number, year_built, floors, entrances,
       total_area, living_area, created_at, updated_at)
     values (?, ?, ?, ?, 1985, 9, 1, 100000, 90000, now(), now())`,
    [id, district!.districtId, `Test ${id.slice(0, 8)}`, `T:${id}`],
  );
  const made: MadeBuilding = { id, apartments: [], persons: [] };
  for (const [i, spec] of apartments.entries()) {
    const apartmentId = randomUUID();
    const number = String(i + 1);
    await em.execute(
      `insert into apartment (id, building_id, number, entrance, floor, area) values (?, ?, ?, 1, 1, ?)`,
      [apartmentId, id, number, spec.area],
    );
    const owners = [];
    for (const o of spec.owners) {
      const personId = o.personId ?? (await newPerson(em, o)).id;
      if (!made.persons.includes(personId)) made.persons.push(personId);
      await em.execute(
        `insert into ownership (id, person_id, apartment_id, share_numerator, share_denominator)
         values (?, ?, ?, ?, ?)`,
        [randomUUID(), personId, apartmentId, o.num, o.den],
      );
      owners.push({ ...o, personId });
    }
    made.apartments.push({ id: apartmentId, number, area: spec.area, owners });
  }
  return made;
}

/** n apartments with one sole owner each, areas cycling through a few realistic sizes. */
export const soleOwners = (n: number): ApartmentSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    area: [41.5, 58.25, 72.1, 96][i % 4]!,
    owners: [{ num: 1, den: 1 }],
  }));

export const userOf = (n: number) => `d3e40000-0000-4000-8000-000c${String(n).padStart(8, '0')}`;

export interface MakeMeetingOptions {
  buildingIds: string[];
  agenda?: AgendaItemKind[];
  policy?: MeetingPolicy;
  /** Stop in this phase; the electorate is snapshotted for every phase but 'notice'. */
  phase?: 'notice' | 'discussion' | 'voting';
}

export async function makeMeeting(em: EntityManager, o: MakeMeetingOptions): Promise<MeetingView> {
  const now = Date.now();
  const { meeting } = await createMeeting(em, {
    title: 'Yillik umumiy yigʻilish',
    kind: 'annual',
    form: 'electronic',
    buildingIds: o.buildingIds,
    initiator: { kind: 'management_organization', userId: DEMO_IDS.users.manager, name: 'Sherzod Rahimov' },
    chairUserId: DEMO_IDS.users.resident,
    secretaryUserId: DEMO_IDS.users.manager,
    noticeAt: new Date(now),
    votingOpensAt: new Date(now + 10 * 86_400_000),
    votingClosesAt: new Date(now + 20 * 86_400_000),
    policy: o.policy ?? DEFAULT_MEETING_POLICY,
    agenda: (o.agenda ?? ['ordinary']).map((kind, i) => ({
      title: `Item ${i + 1}`,
      description: `About ${kind}`,
      kind,
    })),
  });
  const phase = o.phase ?? 'voting';
  if (phase === 'notice') return meeting;
  await snapshotElectorate(em, meeting.id);
  await transitionPhase(em, meeting.id, ['notice'], 'discussion');
  if (phase === 'voting') await transitionPhase(em, meeting.id, ['discussion'], 'voting');
  return { ...meeting, phase };
}

/** Every agenda item gets the same choice. */
export const allItems = (m: MeetingView, choice: Choice): Record<string, Choice> =>
  Object.fromEntries(m.agenda.map((a) => [a.id, choice]));

export interface VoteOptions {
  meeting: MeetingView;
  apartmentId: string;
  ownerId: string;
  /** The person voting; the owner unless a proxy. */
  personId?: string;
  choices: Record<string, Choice>;
  key?: string;
  secret?: string;
}

/** What the API does before castBallot: tracker from a fresh secret, a hash of the request. */
export async function ballotInput(v: VoteOptions): Promise<CastBallotInput> {
  const secret = v.secret ?? newReceiptSecret();
  const tracker = await computeTracker(
    { meetingId: v.meeting.id, apartmentId: v.apartmentId, ownerId: v.ownerId, choices: v.choices },
    secret,
  );
  const personId = v.personId ?? v.ownerId;
  return {
    meetingId: v.meeting.id,
    userId: userOf(1),
    personId,
    apartmentId: v.apartmentId,
    ownerId: v.ownerId,
    choices: v.choices,
    tracker,
    idempotencyKey: v.key ?? randomUUID(),
    requestSha256: await sha256Hex(JSON.stringify({ a: v.apartmentId, o: v.ownerId, c: v.choices, secret })),
  };
}

export async function vote(em: EntityManager, v: VoteOptions) {
  return castBallot(em, await ballotInput(v));
}

/** Expects the work to fail with a meeting RuleError of this code (and field, when given); returns it. */
export async function rejects(work: Promise<unknown>, code: MeetingRuleCode, field?: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleError);
  const rule = error as RuleError<MeetingRuleCode>;
  expect(rule.code).toBe(code);
  if (field !== undefined) expect(rule.fields).toEqual([field]);
  return rule;
}
