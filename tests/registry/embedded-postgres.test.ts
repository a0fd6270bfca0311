// The embedded PostgreSQL (PGlite behind a socket) that `npm start` uses on a laptop without
// PostgreSQL: MikroORM migrates and queries it over TCP, two processes' worth of connections share
// it safely, and the data survives a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmbeddedUrl } from '../../db/database-url.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded-postgres.ts';
import { createOrm, migrateUp, type Orm } from '../../db/orm.ts';
import { getBuilding, listBuildings } from '../../db/registry/repository.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';

let dir: string;
let server: EmbeddedPostgres;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mu-pglite-'));
  server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('runs the migrations, the seed and registry queries through MikroORM', async () => {
    expect(isEmbeddedUrl(server.url)).toBe(true);
    const orm = await createOrm({ url: server.url, poolMax: 10 });
    try {
      expect(orm.config.get('pool').max).toBe(1);
      await migrateUp(orm);
      await migrateUp(orm); // idempotent
      await seedDemo(orm, { seed: 3, apartments: 300 });
      const page = await listBuildings(orm.em.fork(), { kind: 'all' }, { page: 1, pageSize: 100 });
      expect(page.items.reduce((s, b) => s + b.apartmentCount, 0)).toBe(300);
      expect((await getBuilding(orm.em.fork(), DEMO_IDS.building))?.address).toBe('Yunusobod 4-mavze, 12-uy');
    } finally {
      await orm.close();
    }
  });

  it('serves two processes at once (API and worker), a transaction holding the other back', async () => {
    const [api, worker] = await Promise.all([createOrm({ url: server.url }), createOrm({ url: server.url })]);
    try {
      const count = async (o: Orm) =>
        (await o.em.fork().execute<{ n: number }[]>('select count(*)::int as n from apartment'))[0]!.n;
      const reads = await Promise.all(Array.from({ length: 40 }, (_, i) => count(i % 2 ? api : worker)));
      expect(new Set(reads)).toEqual(new Set([300]));

      let committed = false;
      const writer = worker.em.fork().transactional(async (em) => {
        await em.execute(`update building set condition_class = 'red' where id = ?`, [DEMO_IDS.building]);
        await new Promise((r) => setTimeout(r, 300));
        committed = true;
      });
      await new Promise((r) => setTimeout(r, 50));
      // Runs only after the worker's transaction ends, so it sees the committed change.
      const seen = await api.em
        .fork()
        .execute<{ c: string }[]>('select condition_class as c from building where id = ?', [
          DEMO_IDS.building,
        ]);
      expect(committed).toBe(true);
      expect(seen[0]!.c).toBe('red');
      await writer;
    } finally {
      await Promise.all([api.close(), worker.close()]);
    }
  });

  it("never runs one client's Bind against another client's Parse", async () => {
    // A client that sends Parse now and Bind/Execute/Sync later, with another client's whole
    // query in between: pglite-socket's own queue answers the late Bind with the other's rows.
    const port = Number(new URL(server.url).port);
    const raw = await rawClient(port);
    raw.send(parse("select 'from A' as who, $1::int as n"), FLUSH);
    await new Promise((r) => setTimeout(r, 100));
    const other = new pg.Client({ connectionString: server.url });
    const otherQuery = other
      .connect()
      .then(() => other.query("select 'from B' as who, $1::text as t", ['x']));
    await new Promise((r) => setTimeout(r, 200));
    raw.send(bind(['42']), EXECUTE, SYNC);
    expect(await raw.rowsUntilReady()).toEqual([['from A', '42']]);
    expect((await otherQuery).rows).toEqual([{ who: 'from B', t: 'x' }]);
    await other.end();
    raw.close();
  });

  it('keeps the data across a restart', async () => {
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    const orm = await createOrm({ url: server.url });
    try {
      const [row] = await orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from apartment');
      expect(row!.n).toBe(300);
    } finally {
      await orm.close();
    }
  });
});

// --- a minimal wire-protocol client, to control message timing exactly -------------------------

const cstr = (s: string) => Buffer.concat([Buffer.from(s), Buffer.from([0])]);
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, body: Buffer) =>
  Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
const parse = (sql: string) => message('P', Buffer.concat([cstr(''), cstr(sql), int16(0)]));
const bind = (values: string[]) =>
  message(
    'B',
    Buffer.concat([
      cstr(''),
      cstr(''),
      int16(0),
      int16(values.length),
      ...values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]),
      int16(0),
    ]),
  );
const EXECUTE = message('E', Buffer.concat([cstr(''), int32(0)]));
const FLUSH = message('H', Buffer.alloc(0));
const SYNC = message('S', Buffer.alloc(0));

async function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let buffer = Buffer.alloc(0);
  let rows: string[][] = [];
  let onReady: (() => void) | undefined;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5 && buffer.length >= buffer.readInt32BE(1) + 1) {
      const type = String.fromCharCode(buffer[0]!);
      const body = buffer.subarray(5, buffer.readInt32BE(1) + 1);
      buffer = buffer.subarray(buffer.readInt32BE(1) + 1);
      if (type === 'D') {
        const row: string[] = [];
        for (let i = 0, o = 2; i < body.readInt16BE(0); i++) {
          const len = body.readInt32BE(o);
          row.push(body.subarray(o + 4, o + 4 + len).toString());
          o += 4 + len;
        }
        rows.push(row);
      }
      if (type === 'E') rows.push(['error', body.toString()]);
      if (type === 'Z') onReady?.();
    }
  });
  const startup = Buffer.concat([
    int32(196608),
    cstr('user'),
    cstr('postgres'),
    cstr('database'),
    cstr('postgres'),
    Buffer.from([0]),
  ]);
  const ready = () => new Promise<void>((resolve) => (onReady = resolve));
  const started = ready();
  socket.write(Buffer.concat([int32(startup.length + 4), startup]));
  await started;
  return {
    send: (...parts: Buffer[]) => socket.write(Buffer.concat(parts)),
    async rowsUntilReady() {
      rows = [];
      await ready();
      return rows;
    },
    close: () => socket.destroy(),
  };
}
