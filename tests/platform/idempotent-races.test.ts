// One Idempotency-Key sent several times at once (a client that retries before the first answer, a
// double tap): every answer is the one object, created once and replayed to the rest, never a 500
// from the unique key, nor a rule the first attempt's row makes the others break ("an application
// for this building is open already"). Each creating operation that looks for an earlier attempt
// before it writes is burst here with one key.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { TASK_QUEUES } from '../../platform/config.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';

/** Requests in one burst: enough that, unserialized, several miss the first one's row. */
const BURST = 12;

let db: TestDatabase;
let t: TestApp;
let districtId: string;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'idempotent-races');
  await withOrm(db.url, (orm) => seedDemo(orm, { seed: 20261124, apartments: 150 }));
  const idle = `races-idle-${randomUUID()}`;
  t = await createTestApp({
    databaseUrl: db.url,
    taskQueues: Object.fromEntries(Object.keys(TASK_QUEUES).map((q) => [q, idle])),
  });
  const [row] = (await t.deps.orm.em
    .fork()
    .execute(`select district_id from building where id = '${DEMO_IDS.building}'`)) as {
    district_id: string;
  }[];
  districtId = row!.district_id;
}, 180_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

async function burst(persona: string, path: string, body: unknown) {
  const token = await t.tokenFor(persona);
  const key = `race-${randomUUID()}`;
  return Promise.all(
    Array.from({ length: BURST }, async () => {
      const res = await t.app.request(path, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, text, id: (JSON.parse(text) as { id?: string }).id };
    }),
  );
}

function expectOneCreated(answers: Awaited<ReturnType<typeof burst>>) {
  const statuses = answers.map((a) => a.status).sort((a, b) => a - b);
  expect(statuses, answers.find((a) => a.status >= 300)?.text).toEqual([...Array(BURST - 1).fill(200), 201]);
  expect(new Set(answers.map((a) => a.id)).size).toBe(1);
}

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('a burst of one Idempotency-Key creates one object and replays it', () => {
  it('an appeal', async () => {
    expectOneCreated(
      await burst('resident', '/api/v1/appeals', {
        category: 'lift',
        kind: 'complaint',
        subject: { buildingId: DEMO_IDS.building },
        text: 'The lift stops between floors',
      }),
    );
  });

  it("a resident's report to the dispatch service", async () => {
    expectOneCreated(
      await burst('resident', '/api/v1/dispatch/requests', {
        apartmentId: DEMO_IDS.apartments.residentSole,
        text: 'Water is dripping from the kitchen ceiling',
      }),
    );
  });

  it("a dispatcher's phone call", async () => {
    expectOneCreated(
      await burst('dispatcher', '/api/v1/dispatch/calls', {
        buildingId: DEMO_IDS.building,
        apartmentId: DEMO_IDS.apartments.residentShared,
        text: 'No hot water since the morning',
        callerPhone: '+998901234567',
        callReceivedAt: hoursFromNow(-0.1),
        callAnsweredAt: hoursFromNow(-0.09),
      }),
    );
  });

  it('a shift on the roster', async () => {
    expectOneCreated(
      await burst('manager', '/api/v1/dispatch/roster/shifts', {
        userId: DEMO_IDS.users.technician,
        name: 'Aliyev Rustam',
        role: 'technician',
        startsAt: hoursFromNow(48),
        endsAt: hoursFromNow(56),
        categories: [],
        buildingIds: [],
      }),
    );
  });

  it("a developer's commissioning application", async () => {
    expectOneCreated(
      await burst('developer', '/api/v1/commissioning/applications', {
        cadastralNumber: '10:01:09:99:0001',
        districtId,
        developerName: 'Yangi Shahar Qurilish',
        contactEmail: 'office@yangishahar.uz',
      }),
    );
  });
});

describe('requests at once with different keys keep a rule that allows one', () => {
  it('one open commissioning application per building', async () => {
    const token = await t.tokenFor('developer');
    // A few buildings: one burst alone may happen to go one at a time.
    for (const n of [1, 2, 3, 4]) {
      const answers = await Promise.all(
        Array.from({ length: BURST }, () =>
          t.app.request('/api/v1/commissioning/applications', {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
              'Idempotency-Key': `race-${randomUUID()}`,
            },
            body: JSON.stringify({
              cadastralNumber: `10:01:09:98:000${n}`,
              districtId,
              developerName: 'Yangi Shahar Qurilish',
              contactEmail: 'office@yangishahar.uz',
            }),
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort((a, b) => a - b)).toEqual([
        201,
        ...Array(BURST - 1).fill(409),
      ]);
    }
  });
});
