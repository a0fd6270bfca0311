// The test harness's dispatchers send whatever is due in their database: on the suite's shared
// database they would take other files' queued mail to their own SMTP catcher, so the harness
// starts them only on a database of the file's own and refuses to be told otherwise.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { loadConfig } from '../../platform/config.ts';
import type { TestDatabase } from '../support/database.ts';
import { onSharedDatabase, ownDatabase, startWorkers } from '../support/worker-harness.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '2' });
const queues = () => {
  const q = randomUUID();
  return { registry: `registry-harness-${q}`, meetings: `meetings-harness-${q}` };
};

let shared: Orm;
let own: Orm;
let db: TestDatabase;
beforeAll(async () => {
  db = await ownDatabase('worker_harness');
  [shared, own] = await Promise.all([
    createOrm({ url: inject('databaseUrl'), poolMax: 2 }),
    createOrm({ url: db.url, poolMax: 2 }),
  ]);
});
afterAll(async () => {
  await Promise.all([shared?.close(), own?.close()]);
  await db?.drop();
});

const start = (orm: Orm, dispatchers?: boolean) =>
  startWorkers({
    config,
    orm,
    temporalAddress: inject('temporalAddress'),
    taskQueues: queues(),
    ...(dispatchers === undefined ? {} : { dispatchers }),
  });

describe('the worker harness', () => {
  it('tells the shared database from a file’s own', async () => {
    expect(await onSharedDatabase(shared)).toBe(true);
    expect(await onSharedDatabase(own)).toBe(false);
  });

  it('runs no dispatcher on the shared database, and refuses one asked for there', async () => {
    const workers = await start(shared);
    try {
      expect(workers.dispatching).toBe(false);
    } finally {
      await workers.stop();
    }
    await expect(start(shared, true)).rejects.toThrow(/shared database/);
  });

  it('runs the dispatchers on a database of the file’s own unless told not to', async () => {
    for (const [asked, running] of [
      [undefined, true],
      [false, false],
    ] as const) {
      const workers = await start(own, asked);
      try {
        expect(workers.dispatching).toBe(running);
      } finally {
        await workers.stop();
      }
    }
  });
});
