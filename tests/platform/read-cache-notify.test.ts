// Held reads answered without PostgreSQL while the process listens (db/read-cache.ts,
// db/read-cache-listener.ts), on a database of their own and the real app: a write committed on
// another connection shows once its notification is applied; an ownership change moves who may
// see a building's card and its meetings; while the listener is down every read asks PostgreSQL;
// and a notification that overtakes a read's statement keeps that answer from being served warm.
// Statements are counted as the pg driver sends them (the card's and the view's all read
// read_version); waits are on the listener's own events, never on a timer.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeetingInScope } from '../../db/meetings/repository.ts';
import type { ReadCacheState } from '../../db/read-cache.ts';
import { getBuildingInScope } from '../../db/registry/repository.ts';
import type { BuildingScope } from '../../domain/access/roles.ts';
import {
  type Fixture,
  type MadeBuilding,
  makeBuilding,
  makeMeeting,
  newPerson,
  openFixture,
} from '../meetings/repository-fixtures.ts';
import { call } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const APPLICATION = `mu-read-notify-${randomUUID().slice(0, 8)}`;
let f: Fixture;
let t: TestApp;
let state: ReadCacheState;
let admin: pg.Client;

let readStatements = 0;
/** The connection that last sent LISTEN: the listener's, whose socket a test may hold still. */
let listenerClient: pg.Client | undefined;
const query = pg.Client.prototype.query;
// biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only counts.
pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
  if (typeof args[0] === 'string' && args[0].startsWith('listen ')) listenerClient = this;
  // The reads' prepared statements (db/sql.ts names them mu_…), not the listener's LISTEN or a test's NOTIFY.
  const q = args[0] as { name?: unknown; text?: unknown } | undefined;
  if (typeof q?.name === 'string' && q.name.startsWith('mu_') && String(q.text).includes('read_version'))
    readStatements++;
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  return (query as (...a: any[]) => any).apply(this, args);
} as typeof query;

/** The statements `work` sent that read a version (the card's and the view's, checks or builds). */
async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  const before = readStatements;
  await work();
  return readStatements - before;
}

/** Resolves once the listener has applied a notification of `channel` (and `key`, for versions). */
function applied(channel: 'version' | 'scope', key = ''): Promise<void> {
  return new Promise((resolve) => {
    const hook = (c: 'version' | 'scope', k: string) => {
      if (c !== channel || (channel === 'version' && k !== key)) return;
      state.applied.delete(hook);
      resolve();
    };
    state.applied.add(hook);
  });
}

/**
 * Resolves once every notification committed before it has been applied: PostgreSQL delivers
 * notifications in commit order, so a fence's own arriving means the fixtures' have arrived too.
 */
async function settled(): Promise<void> {
  const fence = randomUUID();
  const seen = applied('version', fence);
  await admin.query(`select pg_notify('read_version', $1)`, [fence]);
  await seen;
}

beforeAll(async () => {
  f = await openFixture('read_cache_notify', 4);
  t = await createTestApp({
    databaseUrl: f.db.url,
    withTemporal: false,
    listenForReads: true,
    applicationName: APPLICATION,
  });
  state = t.readChanges!.state;
  admin = new pg.Client({ connectionString: f.db.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await t?.close();
  await f?.close();
});

const em = () => t.deps.orm.em as EntityManager;
const residentToken = (personId: string) =>
  t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Resident',
    pid: personId,
    roles: ['resident'],
    org: null,
    district: null,
  });
const get = async (path: string, token: string) => {
  const res = await call(t, 'GET', path, { token });
  return { status: res.status, body: await res.text() };
};
const owner = (personId: string): BuildingScope => ({ kind: 'owner', personId });

describe('held reads while the process listens', () => {
  it('answers from memory, and shows a write committed elsewhere once its notification is applied', async () => {
    const b: MadeBuilding = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
    await settled();
    const token = await residentToken(b.persons[0]!);
    const path = `/buildings/${b.id}`;
    expect((await get(path, token)).status).toBe(200);
    // Confirmed once while listening, the card and this resident's decision need no statement.
    let second: { status: number; body: string } | undefined;
    expect(
      await statementsOf(async () => {
        second = await get(path, token);
      }),
    ).toBe(0);
    expect(JSON.parse(second!.body).floors).toBe(9);

    const seen = applied('version', b.id);
    await admin.query('update building set floors = 12 where id = $1', [b.id]);
    await seen;
    let after: { status: number; body: string } | undefined;
    expect(
      await statementsOf(async () => {
        after = await get(path, token);
      }),
    ).toBe(1);
    expect(JSON.parse(after!.body).floors).toBe(12);
    expect(await statementsOf(() => get(path, token))).toBe(0);
  });

  it("shows what was committed before a write request's answer on the next read, before the listener hears of it", async () => {
    const b: MadeBuilding = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
    await settled();
    const token = await residentToken(b.persons[0]!);
    const path = `/buildings/${b.id}`;
    await get(path, token);
    expect(await statementsOf(() => get(path, token))).toBe(0);

    // The listener's socket is held still: no notification and no confirmation reaches it.
    const socket = (listenerClient as unknown as { connection: { stream: NodeJS.ReadableStream } }).connection
      .stream;
    socket.pause();
    const caughtUp = new Promise<void>((resolve) => {
      const hook = () => {
        state.caughtUp.delete(hook);
        resolve();
      };
      state.caughtUp.add(hook);
    });
    try {
      // A commit the request waited for (a worker's, say: another connection), then its answer.
      await admin.query('update building set floors = 14 where id = $1', [b.id]);
      const answered = await call(t, 'POST', '/appeals', { token, body: {}, key: randomUUID() });
      expect(answered.status).toBe(400);
      // A read alone would still be answered from memory; after the write request it asks: the
      // check finds the version moved, the build returns the card.
      let after: { status: number; body: string } | undefined;
      expect(
        await statementsOf(async () => {
          after = await get(path, token);
        }),
      ).toBe(2);
      expect(JSON.parse(after!.body).floors).toBe(14);
      expect(state.stamp(b.id).caughtUp).toBe(false);
    } finally {
      socket.resume();
    }
    // Once the listener's round trip is answered, reads are served from memory again.
    await caughtUp;
    await get(path, token);
    expect(await statementsOf(() => get(path, token))).toBe(0);
    expect(JSON.parse((await get(path, token)).body).floors).toBe(14);
  });

  it('answers from memory between write requests only what was confirmed: a read alone does not hold it back', async () => {
    const b: MadeBuilding = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
    await settled();
    const token = await residentToken(b.persons[0]!);
    const path = `/buildings/${b.id}`;
    await get(path, token);
    const writes = state.writes;
    expect(await statementsOf(() => Promise.all([get(path, token), get(path, token)]))).toBe(0);
    expect(state.writes).toBe(writes);
  });

  it('takes a building and its meeting from the old owner and gives them to the new one', async () => {
    const b = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    const buyer = (await newPerson(f.em())).id;
    await settled();
    const [seller, newcomer] = [await residentToken(b.persons[0]!), await residentToken(buyer)];
    const paths = [`/buildings/${b.id}`, `/meetings/${m.id}`];
    // Twice each, so the decisions are held: the second answers come from memory.
    for (const p of [...paths, ...paths]) {
      expect((await get(p, seller)).status).toBe(200);
      expect((await get(p, newcomer)).status).toBe(403);
    }
    expect(await statementsOf(() => Promise.all(paths.map((p) => get(p, newcomer))))).toBe(0);

    const seen = applied('scope');
    await admin.query('update ownership set person_id = $1 where apartment_id = $2', [
      buyer,
      b.apartments[0]!.id,
    ]);
    await seen;
    for (const p of [...paths, ...paths]) {
      expect((await get(p, seller)).status, p).toBe(403);
      expect((await get(p, newcomer)).status, p).toBe(200);
    }
  });

  it('asks PostgreSQL for every read while the listener is down, and answers from memory again once it is back', async () => {
    const b = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
    const m = await makeMeeting(f.em(), { buildingIds: [b.id] });
    await settled();
    const scope = owner(b.persons[0]!);
    const reads = () =>
      Promise.all([getBuildingInScope(em(), scope, b.id), getMeetingInScope(em(), scope, m.id)]);
    await reads();
    expect(await statementsOf(reads)).toBe(0);

    const listener = t.readChanges!;
    const sessions = listener.sessions;
    // The reads made the moment the listener knows its connection is gone, before it can be back.
    let whileDown: Promise<number> | undefined;
    const down = new Promise<void>((resolve) => {
      const hook = (listening: boolean) => {
        if (listening) return;
        state.transitions.delete(hook);
        whileDown = statementsOf(reads);
        resolve();
      };
      state.transitions.add(hook);
    });
    // Its backend by pid: its last statement may be a heartbeat or a confirmation, not the LISTEN.
    const pid = (listenerClient as unknown as { processID: number }).processID;
    const ended = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid = $2',
      [APPLICATION, pid],
    );
    expect(ended.rowCount).toBe(1);
    await down;
    expect(await whileDown).toBe(2);

    await listener.listening();
    expect(listener.sessions).toBe(sessions + 1);
    // The first read after it is back confirms the copies again (a change may have gone unheard).
    expect(await statementsOf(reads)).toBe(2);
    expect(await statementsOf(reads)).toBe(0);
  });

  it('does not serve warm an answer that a notification overtook while its statement ran', async () => {
    const b = await makeBuilding(f.em(), [{ area: 50, owners: [{ num: 1, den: 1 }] }]);
    await settled();
    const scope = owner(b.persons[0]!);
    const read = () => getBuildingInScope(em(), scope, b.id);
    await read();
    expect(await statementsOf(read)).toBe(0);

    for (const channel of ['version', 'scope'] as const) {
      // Make the next read ask PostgreSQL, and hold its statement behind a lock on building.
      const dropped = applied('version', b.id);
      await admin.query(`select pg_notify('read_version', $1)`, [b.id]);
      await dropped;
      const locker = new pg.Client({ connectionString: f.db.url });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('lock table building in access exclusive mode');
        const inFlight = read();
        // Announced while that statement waits: what it returns may predate the change.
        const seen = applied(channel, b.id);
        await admin.query(
          channel === 'version'
            ? `select pg_notify('read_version', $1)`
            : `select pg_notify('read_scope', '')`,
          channel === 'version' ? [b.id] : [],
        );
        await seen;
        await locker.query('commit');
        expect(typeof (await inFlight)).toBe('string');
      } finally {
        await locker.end();
      }
      // Its answer was not kept for warm reads: the next asks again, and only then is it warm.
      expect(await statementsOf(read), channel).toBe(1);
      expect(await statementsOf(read), channel).toBe(0);
    }
  });
});
