// `npm start` without DATABASE_URL runs on the embedded PGlite: the meetings migration (with its
// trigger) and the SQL the lifecycle leans on (recursive LCM snapshot, the single-statement ballot
// write with FOR SHARE, the jsonb tally) must work there too.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import {
  closeVoting,
  recordDecision,
  snapshotElectorate,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { createOrm, migrateUp, type Orm } from '../../db/orm.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { decide } from '../../domain/meetings/decide.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';
import { ballotSetHash } from '../../domain/meetings/tracker.ts';
import { allItems, makeBuilding, makeMeeting, vote } from './repository-fixtures.ts';

let dir: string;
let server: EmbeddedPostgres;
let orm: Orm;
const em = () => orm.em.fork() as EntityManager;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mu-pglite-meetings-'));
  server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  orm = await createOrm({ url: server.url });
  await migrateUp(orm);
  await seedDemo(orm, { seed: 5, apartments: 100 });
});
afterAll(async () => {
  await orm?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

it('runs a meeting from snapshot to an immutable decision on PGlite', async () => {
  const b = await makeBuilding(em(), [
    { area: 50, owners: [{ num: 1, den: 1 }] },
    {
      area: 45.5,
      owners: [
        { num: 2, den: 3 },
        { num: 1, den: 3 },
      ],
    },
  ]);
  const m = await makeMeeting(em(), { buildingIds: [b.id], phase: 'notice' });
  expect(await snapshotElectorate(em(), m.id)).toEqual({
    eligibleOwners: 3,
    totalWeight: 3 * 9550,
    weightScale: 3,
  });
  await transitionPhase(em(), m.id, ['notice'], 'voting');
  const owner = b.apartments[1]!.owners[0]!.personId;
  const receipt = await vote(em(), {
    meeting: m,
    apartmentId: b.apartments[1]!.id,
    ownerId: owner,
    choices: allItems(m, 'for'),
  });
  const { tally, published } = await closeVoting(em(), m.id);
  expect(published.map((p) => p.tracker)).toEqual([receipt.tracker]);
  expect(tally.items[0]!.for).toBe(4550 * 2);
  const record = {
    decision: decide(DEFAULT_MEETING_POLICY, tally),
    ballotSetSha256: await ballotSetHash(published),
    decidedAt: new Date(),
    appealWindowEndsAt: new Date(),
  };
  expect(await recordDecision(em(), m.id, record)).toBe(true);
  await expect(
    em().execute(`update meeting set decision = '{}'::jsonb where id = ?`, [m.id]),
  ).rejects.toThrow(/cannot change/);
});
