// Grouped commits (db/sql.ts groupCommitted): statements of one lane commit together; two lanes
// commit at the same time on their own connections, so a group waiting on a lock holds up only
// the callers of its own lane. Proven on PostgreSQL's own lock waits, not on a clock.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { groupCommitted, groupLaneOf, statement } from '../../db/sql.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let orm: Orm;
const bump = statement('update group_commit_probe set n = n + 1 where id = ? returning n');

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'group-commit');
  orm = await createOrm({ url: db.url, poolMax: 6 });
  await orm.em.fork().execute(`create table group_commit_probe (id text primary key, n int not null);
    insert into group_commit_probe values ('held', 0), ('free', 0)`);
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

/** Keys of every lane, the first of each found. */
function keysByLane(): Map<number, string> {
  const keys = new Map<number, string>();
  for (let i = 0; keys.size < 2 && i < 100; i++) {
    const key = `account-${i}`;
    if (!keys.has(groupLaneOf(key))) keys.set(groupLaneOf(key), key);
  }
  return keys;
}

async function lockWaits(): Promise<number> {
  const [w] = await orm.em
    .fork()
    .execute<{ n: number }[]>(
      `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
    );
  return w!.n;
}

it('commits a group of one lane while the other lane waits on a lock', async () => {
  const keys = [...keysByLane().values()];
  expect(keys).toHaveLength(2);
  const [blocked, other] = keys as [string, string];

  const pool = (await orm.em.fork().getConnection().getNativeClient()) as {
    connect(): Promise<{ query(q: string, v?: unknown[]): Promise<unknown>; release(): void }>;
  };
  const holder = await pool.connect();
  await holder.query('begin');
  await holder.query(`select 1 from group_commit_probe where id = 'held' for update`);
  try {
    // Three statements of one lane on the locked row: one group, waiting on the holder's lock.
    const waiting = [1, 2, 3].map(() =>
      groupCommitted<{ n: number }>(orm.em.fork(), bump, ['held'], blocked),
    );
    while ((await lockWaits()) === 0) await new Promise((r) => setImmediate(r));

    // The other lane's group commits while the first still waits (one lane would hang here).
    const done = await Promise.all(
      [1, 2].map(() => groupCommitted<{ n: number }>(orm.em.fork(), bump, ['free'], other)),
    );
    expect(done.map((rows) => rows[0]!.n).sort()).toEqual([1, 2]);
    expect(await lockWaits()).toBeGreaterThan(0);

    await holder.query('commit');
    const released = await Promise.all(waiting);
    expect(released.map((rows) => rows[0]!.n).sort()).toEqual([1, 2, 3]);
  } finally {
    await holder.query('rollback').catch(() => undefined);
    holder.release();
  }
});
