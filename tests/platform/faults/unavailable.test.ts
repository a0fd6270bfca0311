// Which failures mean "the database is unavailable, retry later" (503) and which are the
// request's own fault: the one rule the API's error handler and Open311 apply.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DriverException } from '@mikro-orm/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../db/pool.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a terminated backend', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a server out of memory', pgError('53200', 'out of shared memory')],
    [
      'a full shared-memory segment',
      pgError('53100', 'could not resize shared memory segment: No space left on device'),
    ],
    ['a statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', pgError('ECONNRESET', 'read ECONNRESET')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a client after a connection error',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['the ORM wrapping a driver error', new DriverException(pgError('57P01'))],
    ['a cause chain', new Error('activity failed', { cause: pgError('08006') })],
  ])('%s is unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a check violation', pgError('23514')],
    ['invalid text', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('%s is not', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('a Unix socket whose backlog is full', () => {
  it('refuses pg at once with EAGAIN, which is unavailable', async () => {
    // A server that never accepts, with room for one waiting connection: as a postmaster starved
    // of CPU looks to a burst of new connections over its socket.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mu-backlog-'));
    const port = 5999;
    const server = net.createServer({ pauseOnConnect: true }, (socket) => socket.destroy());
    await new Promise<void>((resolve) =>
      server.listen({ path: path.join(dir, `.s.PGSQL.${port}`), backlog: 1 }, resolve),
    );
    const handle = (server as unknown as { _handle: { readStop(): void; readStart(): void } })._handle;
    handle.readStop();
    const clients = Array.from(
      { length: 8 },
      () => new pg.Client({ host: dir, port, connectionTimeoutMillis: 2_000 }),
    );
    try {
      const failures = (await Promise.allSettled(clients.map((c) => c.connect())))
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as Error & { code?: string });
      const refused = failures.filter((e) => e.code === 'EAGAIN');
      expect(refused.length).toBeGreaterThan(0);
      for (const e of refused) expect(isDatabaseUnavailable(e)).toBe(true);
    } finally {
      // Accepting again lets the waiting connections in (and out), so the server can close.
      handle.readStart();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
