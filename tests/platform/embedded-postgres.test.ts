// The embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset, and that the test run
// starts when no server is configured: a real server, so its data outlives a restart on the same
// folder, and its sessions run side by side with PostgreSQL's own row locks between them (what the
// ballot, appeal and outbox race tests rely on).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
  startScratchPostgres,
} from '../../platform/embedded-postgres.ts';
import { freePort, isListening } from '../../platform/local-server.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect(server: EmbeddedPostgres): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  cleanups.push(() => client.end().catch(() => undefined));
  return client;
}

async function one<T>(client: pg.Client, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await client.query(sql, params);
  return rows[0] as T;
}

it('keeps its data across a stop and a start on the same folder, initialising it only once', async () => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mu-embedded-pg-'));
  cleanups.push(() => rm(home, { recursive: true, force: true }));
  const dir = path.join(home, 'postgres');
  const port = await freePort();

  const first = await startEmbeddedPostgres({ dir, port });
  cleanups.push(() => first.stop());
  expect(first.version).toMatch(/^17\./);
  let client = await connect(first);
  const { id } = await one<{ id: string }>(
    client,
    'select system_identifier::text as id from pg_control_system()',
  );
  await client.query('create table kept (note text not null)');
  await client.query("insert into kept values ('Yunusobod, 4-mavze')");
  await client.end();
  await first.stop();
  expect(await isListening(port)).toBe(false);
  // A clean shutdown removes the lock file; a leftover one would mean the server was killed.
  expect(await readdir(dir)).not.toContain('postmaster.pid');

  const second = await startEmbeddedPostgres({ dir, port });
  cleanups.push(() => second.stop());
  client = await connect(second);
  // The same cluster (initdb again would make a new identifier and an empty catalogue).
  expect(await one(client, 'select system_identifier::text as id from pg_control_system()')).toEqual({ id });
  expect((await client.query('select note from kept')).rows).toEqual([{ note: 'Yunusobod, 4-mavze' }]);
});

it("runs sessions side by side: one waits on the other's row lock, the other goes on", async () => {
  const server = await startScratchPostgres();
  cleanups.push(() => server.stop());
  const [setup, holder, waiter] = [await connect(server), await connect(server), await connect(server)];
  await setup.query('create table tally (id int primary key, n int not null)');
  await setup.query('insert into tally values (1, 0)');

  await holder.query('begin');
  await holder.query('select n from tally where id = 1 for update');
  const { pid: waiterPid } = await one<{ pid: number }>(waiter, 'select pg_backend_pid() as pid');
  const { pid: holderPid } = await one<{ pid: number }>(holder, 'select pg_backend_pid() as pid');
  expect(waiterPid).not.toBe(holderPid);
  const waited = waiter.query('update tally set n = n + 1 where id = 1 returning n');

  // The server itself reports the waiter as blocked by the holder: poll its lock table, not a clock.
  for (;;) {
    const { blockers } = await one<{ blockers: number[] }>(setup, 'select pg_blocking_pids($1) as blockers', [
      waiterPid,
    ]);
    if (blockers.includes(holderPid)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  // Meanwhile the holder's session is served: it writes and commits while the waiter still waits.
  await holder.query('update tally set n = n + 10 where id = 1');
  await holder.query('commit');
  // The waiter's update then runs on the committed row, not on the one it first saw.
  expect((await waited).rows).toEqual([{ n: 11 }]);
  expect(await one(setup, 'select n from tally where id = 1')).toEqual({ n: 11 });
});

it("is reached through a Unix socket in its own folder, and over TCP when the folder's path is too long for one", async () => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'mu-embedded-pg-'));
  cleanups.push(() => rm(home, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres({
    dir: path.join(home, 'short'),
    port: await freePort(),
    durable: false,
  });
  cleanups.push(() => server.stop());
  expect(server.socketDir).toBe(server.dir);
  expect(new URL(server.adminUrl).searchParams.get('host')).toBe(server.dir);
  // A session over a Unix socket has no client address; one over TCP has 127.0.0.1.
  const viaSocket = await connect(server);
  expect(await one(viaSocket, 'select inet_client_addr()::text as addr')).toEqual({ addr: null });
  const viaTcp = new pg.Client({
    host: server.host,
    port: server.port,
    user: 'postgres',
    password: 'postgres',
  });
  await viaTcp.connect();
  cleanups.push(() => viaTcp.end().catch(() => undefined));
  expect(await one(viaTcp, 'select inet_client_addr()::text as addr')).toEqual({ addr: '127.0.0.1/32' });

  const deep = path.join(home, 'a-folder-name-long-enough'.repeat(4), 'postgres');
  const far = await startEmbeddedPostgres({ dir: deep, port: await freePort(), durable: false });
  cleanups.push(() => far.stop());
  expect(far.socketDir).toBeNull();
  expect(new URL(far.adminUrl).searchParams.has('host')).toBe(false);
  expect(await one(await connect(far), 'select inet_client_addr()::text as addr')).toEqual({
    addr: '127.0.0.1/32',
  });
});
