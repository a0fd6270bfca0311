// The API process (scripts/api.ts, as a deployment runs it) under a PostgreSQL that stops, comes
// back, and then freezes: 503 problem+json with Retry-After while it is down, /healthz up and
// /readyz not ready; serving again by itself once it is back; and on SIGTERM with requests stuck
// on a frozen server, the process still exits within SHUTDOWN_GRACE_MS.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createDatabase, withDatabase } from '../../../db/database-url.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../../platform/embedded-postgres.ts';
import { freePort, type Started, startScript } from '../../support/processes.ts';
import { answerWithin, expectUnavailable, poll } from './support.ts';

const GRACE_MS = 5000;
let home: string;
let pgPort: number;
let postgres: EmbeddedPostgres | undefined;
let api: Started | undefined;
let base: string;
let frozen: number[] = [];

const startPostgres = async () => {
  postgres = await startEmbeddedPostgres({ dir: path.join(home, 'cluster'), port: pgPort, durable: false });
  return postgres;
};

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'mu-fault-pg-'));
  pgPort = await freePort();
  const pg = await startPostgres();
  const databaseUrl = await createDatabase(pg.adminUrl, 'mening_uyim');
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const port = await freePort();
  api = startScript('scripts/api.ts', {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    DATABASE_ACQUIRE_TIMEOUT_MS: '3000',
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
  });
  await api.waitFor(/API listening/, 120_000);
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await signal('SIGCONT', frozen);
  await api?.stop('SIGKILL');
  await postgres?.stop();
  if (home) await rm(home, { recursive: true, force: true, maxRetries: 20 });
});

async function signal(name: 'SIGSTOP' | 'SIGCONT', pids: number[]) {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Gone already.
    }
  }
}

/** The postmaster and every process it forked (backends, checkpointer, …). */
async function postgresProcesses(dir: string): Promise<number[]> {
  const postmaster = Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=', '--ppid', String(postmaster)]);
  return [postmaster, ...stdout.split('\n').filter(Boolean).map(Number)];
}

const get = async (p: string) => {
  const res = await answerWithin(30_000, fetch(`${base}${p}`));
  return { status: res.status, headers: res.headers, body: await res.text() };
};
const REGISTER = '/api/v1/register/organizations';

/** A GET on a socket of its own (no keep-alive pool to queue behind); settles however it ends. */
const request = (url: string) =>
  new Promise<void>((resolve) => {
    http
      .get(url, { agent: false }, (res) => res.resume().on('end', resolve).on('error', resolve))
      .on('error', () => resolve());
  });

it('answers 503 while PostgreSQL is down, serves again once it is back, and exits within its grace period when it freezes', async () => {
  expect((await get(REGISTER)).status).toBe(200);
  expect((await get('/readyz')).status).toBe(200);

  await postgres!.stop();
  const down = await get(REGISTER);
  expectUnavailable(down.status, down.headers, down.body);
  // A second request meets no stale connection, only a refused new one: still 503, no hang.
  const again = await get(REGISTER);
  expectUnavailable(again.status, again.headers, again.body);
  expect((await get('/healthz')).status).toBe(200);
  const notReady = await get('/readyz');
  expect(notReady.status).toBe(503);
  expect(JSON.parse(notReady.body)).toMatchObject({
    status: 'not_ready',
    checks: { database: { ok: false } },
  });

  await startPostgres();
  const back = performance.now();
  await poll('the API serving after PostgreSQL is back', async () =>
    (await get(REGISTER)).status === 200 ? true : undefined,
  );
  const recoveryMs = Math.round(performance.now() - back);
  expect((await get('/readyz')).status).toBe(200);

  // Requests stuck in flight when SIGTERM arrives: they wait on a lock we hold, then the server
  // freezes (connections and queries hang rather than fail, and the pool cannot close politely).
  const connect = async (database: string) => {
    const c = new pg.Client({ connectionString: withDatabase(postgres!.adminUrl, database) });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const locker = await connect('mening_uyim');
  // Watched from another session: inside the locker's transaction pg_stat_activity is a snapshot.
  const watcher = await connect('postgres');
  await locker.query('begin; lock table management_organization in access exclusive mode');
  const stuck = Array.from({ length: 4 }, () => request(`${base}${REGISTER}`));
  await poll('requests waiting on the lock', async () => {
    const { rows } = await watcher.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where application_name = 'mening-uyim-api' and wait_event_type = 'Lock'`,
    );
    return rows[0]!.n >= 4 ? true : undefined;
  });
  frozen = await postgresProcesses(postgres!.dir);
  await signal('SIGSTOP', frozen);
  const asked = performance.now();
  const code = await api!.stop('SIGTERM');
  const exitMs = Math.round(performance.now() - asked);
  await Promise.all(stuck);
  await signal('SIGCONT', frozen);
  frozen = [];
  await Promise.all([locker.end(), watcher.end()]).catch(() => undefined);
  console.log(
    `PostgreSQL restart: served again ${recoveryMs} ms after it was back; SIGTERM with a frozen database: exited in ${exitMs} ms (grace ${GRACE_MS} ms), code ${code}`,
  );
  // It gave up on the stuck work at the end of the grace period, and said so.
  expect(code).toBe(1);
  expect(api!.output()).toMatch(/shutdown grace period over/);
  // The grace period plus the time a loaded machine needs to tear a process down.
  expect(exitMs).toBeLessThan(GRACE_MS + 5000);
}, 300_000);
