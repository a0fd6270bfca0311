// A storm of terminated database sessions under concurrent writes: every appeal submitted is
// either acknowledged and stored, or refused with 503 problem+json and Retry-After; none is
// stored twice, none acknowledged is lost, and the API serves again by itself once the storm ends,
// its read cache's listener (one of the sessions ended) listening again too.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type AppealsEnv, newScene, type Scene } from '../../appeals/fixtures.ts';
import { call } from '../../support/api-client.ts';
import { createTestApp } from '../../support/app.ts';
import { answerWithin, expectUnavailable, poll } from './support.ts';

const APPLICATION = `mu-fault-storm-${randomUUID().slice(0, 8)}`;
let env: AppealsEnv;
let listener: NonNullable<Awaited<ReturnType<typeof createTestApp>>['readChanges']>;
let admin: pg.Client;
let scene: Scene;

beforeAll(async () => {
  const app = await createTestApp({
    env: { LOG_LEVEL: 'silent', DATABASE_ACQUIRE_TIMEOUT_MS: '5000' },
    // Nobody polls this queue: the workflows start and wait, the storm is about the API's writes.
    taskQueues: { appeals: `faults-storm-${randomUUID()}` },
    applicationName: APPLICATION,
    listenForReads: true,
  });
  listener = app.readChanges!;
  env = { app, workers: undefined as never, em: () => app.deps.orm.em.fork(), stop: () => app.close() };
  admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  scene = await newScene(env);
});
afterAll(async () => {
  await admin?.end();
  await env?.stop();
});

const submit = async (key: string) => {
  // A request that hangs is a failure of its own, not a test timeout: bound each one.
  const res = await answerWithin(
    60_000,
    call(env.app, 'POST', '/appeals', {
      token: scene.owner,
      key,
      body: {
        category: 'heating',
        kind: 'complaint',
        subject: { buildingId: scene.buildingId },
        text: `No heating (${key})`,
      },
    }),
  );
  return { key, status: res.status, headers: res.headers, body: await res.text() };
};
type Answer = Awaited<ReturnType<typeof submit>>;

const terminateAppSessions = async () =>
  (
    await admin.query(
      'select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1',
      [APPLICATION],
    )
  ).rowCount ?? 0;

it('keeps every acknowledged appeal exactly once through a storm of terminated sessions, and recovers', async () => {
  const answers: Answer[] = [];
  let storming = true;
  const writer = async () => {
    while (storming) answers.push(await submit(`storm-${randomUUID()}`));
  };
  const writers = Array.from({ length: 8 }, writer);

  // The storm lasts until it has cut requests off (at least 40 rounds, at most 2000).
  let rounds = 0;
  let ended = 0;
  const refused = () => answers.filter((a) => a.status === 503).length;
  while (rounds < 2000 && (rounds < 40 || refused() < 5)) {
    ended += await terminateAppSessions();
    rounds++;
    await new Promise((r) => setTimeout(r, 10));
  }
  storming = false;
  const stormEnded = performance.now();
  await Promise.all(writers);

  // Each answer is an acknowledgement or a 503 a client can act on: never 500, never a hang.
  for (const a of answers) {
    if (a.status === 503) expectUnavailable(a.status, a.headers, a.body);
    else expect([200, 201], a.body).toContain(a.status);
  }
  expect(refused()).toBeGreaterThan(0);
  expect(ended).toBeGreaterThan(0);

  // The API serves by itself again: the first write after the storm is acknowledged.
  const recovered = await poll(
    'a write acknowledged after the storm',
    async () => {
      const a = await submit(`after-${randomUUID()}`);
      return a.status === 201 ? a : undefined;
    },
    20,
  );
  // The listener was cut off with the rest and came back by itself.
  await answerWithin(30_000, listener.listening());
  expect(listener.sessions).toBeGreaterThan(1);
  const recoveryMs = Math.round(performance.now() - stormEnded);
  console.log(
    `storm: ${rounds} rounds, ${ended} sessions ended, ${answers.length} writes (${refused()} refused with 503); recovered in ${recoveryMs} ms`,
  );

  // Acknowledged means stored; stored means stored once.
  const acknowledged = answers.filter((a) => a.status !== 503).map((a) => JSON.parse(a.body).id as string);
  const stored = await admin.query<{ id: string; events: number }>(
    `select a.id, (select count(*)::int from appeal_event e where e.appeal_id = a.id) as events
       from appeal a where a.id = any($1::uuid[])`,
    [acknowledged],
  );
  expect(stored.rows.map((r) => r.id).sort()).toEqual([...new Set(acknowledged)].sort());
  expect(stored.rows.filter((r) => r.events !== 1)).toEqual([]);

  // A refused write retried with its key is taken now, once: the appellant's appeals are exactly
  // one per key ever sent.
  const retried = await Promise.all(answers.filter((a) => a.status === 503).map((a) => submit(a.key)));
  for (const r of retried) expect([200, 201], r.body).toContain(r.status);
  const keys = new Set([...answers.map((a) => a.key), recovered.key]);
  const mine = await admin.query<{ n: number; numbers: number }>(
    `select count(*)::int as n, count(distinct registration_number)::int as numbers
       from appeal where applicant_id = $1`,
    [scene.ownerPersonId],
  );
  expect(mine.rows[0]).toEqual({ n: keys.size, numbers: keys.size });
}, 180_000);
