// The worker process (scripts/worker.ts, as a deployment runs it) killed with SIGKILL in the middle
// of an activity, and the Temporal server restarted under sleeping workflows: the work completes
// once a worker is back, with no duplicate row and no duplicate mail, and timers fire after the
// restart. A Temporal dev server and a database of their own: the worker polls the production
// queue names and its outbox dispatcher claims every pending row it can see.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { messageIdFor } from '../../../activities/mail/send-mail.ts';
import { Apartment, Building } from '../../../db/registry/entities.ts';
import { loadConfig } from '../../../platform/config.ts';
import { type MailCatcher, startMailCatcher } from '../../../platform/mail.ts';
import {
  registrySyncWorkflow,
  registrySyncWorkflowId,
  type SyncBuildingRegistrySummary,
} from '../../../workflows/registry/contract.ts';
import { type AppealsEnv, newScene, type Scene, SECOND_IN_DAYS } from '../../appeals/fixtures.ts';
import { call, ok } from '../../support/api-client.ts';
import { createTestApp } from '../../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { type Started, startScript } from '../../support/processes.ts';
import { type PersistentTemporal, startPersistentTemporal } from '../../support/temporal-server.ts';
import { answerWithin, poll } from './support.ts';

const FROM = loadConfig({}).mail.from;
// Long enough that the restart happens while the appeal's deadline timer is still pending.
const APPEAL_POLICY = JSON.stringify({ answerDays: 20 * SECOND_IN_DAYS, reminderHoursBeforeDue: [] });
let home: string;
let db: TestDatabase;
let temporal: PersistentTemporal;
let catcher: MailCatcher;
let env: AppealsEnv;
let scene: Scene;
let watcher: pg.Client;
let worker: Started | undefined;

const startWorker = async () => {
  worker = startScript('scripts/worker.ts', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: catcher.url,
    APPEAL_POLICY,
  });
  await worker.waitFor(/worker polling/, 180_000);
};

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'mu-fault-temporal-'));
  [db, temporal, catcher] = await Promise.all([
    createTestDatabase(inject('postgres'), 'faults_temporal'),
    startPersistentTemporal(home, inject('temporalCliPath')),
    startMailCatcher({ port: 0 }),
  ]);
  const app = await createTestApp({
    env: { LOG_LEVEL: 'silent', APPEAL_POLICY },
    databaseUrl: db.url,
    temporalAddress: temporal.address,
  });
  env = { app, workers: undefined as never, em: () => app.deps.orm.em.fork(), stop: () => app.close() };
  scene = await newScene(env);
  watcher = new pg.Client({ connectionString: db.url });
  await watcher.connect();
  await startWorker();
}, 300_000);
afterAll(async () => {
  await worker?.stop('SIGKILL');
  await watcher?.end();
  await env?.stop();
  await temporal?.stop();
  await catcher?.stop();
  await db?.drop();
  if (home) await rm(home, { recursive: true, force: true, maxRetries: 20 });
});

const client = async () =>
  new Client({ connection: await Connection.connect({ address: temporal.address }) });
const mailsWith = (messageId: string) => catcher.messages().filter((m) => m.messageId === messageId);

it('completes a registry sync whose worker was killed in the middle of an activity, with one row and one mail', async () => {
  // An apartment without an owner: the sync finds it and mails the organization.
  const em = env.em();
  const building = await em.findOneOrFail(Building, { id: scene.buildingId });
  em.create(Apartment, { building, number: '2', entrance: 1, floor: 1, area: 40 });
  await em.flush();

  // The activity that records the check waits on a lock we hold: the worker is killed inside it.
  const locker = new pg.Client({ connectionString: db.url });
  await locker.connect();
  await locker.query('begin; lock table registry_check in access exclusive mode');
  const temporalClient = await client();
  const workflowId = registrySyncWorkflowId(scene.buildingId);
  const handle = await temporalClient.workflow.start(registrySyncWorkflow.name, {
    taskQueue: registrySyncWorkflow.queue,
    workflowId,
    args: [{ buildingId: scene.buildingId }],
  });
  await poll('the worker inside the activity', async () => {
    const { rows } = await watcher.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where application_name = 'mening-uyim-worker' and wait_event_type = 'Lock'`,
    );
    return rows[0]!.n > 0 ? true : undefined;
  });
  await worker!.stop('SIGKILL');
  await locker.query('rollback');
  await locker.end();

  // A new worker takes the activity over once its attempt times out, then mails.
  const restarted = performance.now();
  await startWorker();
  const summary = (await answerWithin(240_000, handle.result())) as SyncBuildingRegistrySummary;
  console.log(
    `worker SIGKILL mid-activity: completed ${Math.round(performance.now() - restarted)} ms after a new worker started (the killed attempt's 30 s start-to-close timeout included)`,
  );
  await temporalClient.connection.close();
  expect(summary.ok).toBe(false);
  expect(summary.notification).toMatchObject({ sent: true, to: scene.org.email, duplicate: false });

  const checks = await watcher.query('select id from registry_check where workflow_id = $1', [workflowId]);
  expect(checks.rows.map((r) => r.id)).toEqual([summary.checkId]);
  const notice = `${workflowId}:${handle.firstExecutionRunId}:notify`;
  expect(mailsWith(messageIdFor(notice, FROM))).toHaveLength(1);
}, 300_000);

it('fires an appeal’s deadline timer after the Temporal server restarts', async () => {
  const appeal = await ok<{ id: string; registrationNumber: string; dueAt: string }>(
    await call(env.app, 'POST', '/appeals', {
      token: scene.owner,
      key: `faults-${scene.buildingId}`,
      body: {
        category: 'heating',
        kind: 'complaint',
        subject: { buildingId: scene.buildingId },
        text: 'No heating',
      },
    }),
    201,
  );
  // The workflow has run (its acknowledgement is mailed) and sleeps until the deadline.
  await poll('the acknowledgement', async () =>
    catcher
      .messages()
      .some((m) => m.to.includes(scene.org.ownerEmail) && m.text.includes(appeal.registrationNumber))
      ? true
      : undefined,
  );
  const status = async () =>
    (await watcher.query<{ status: string }>('select status from appeal where id = $1', [appeal.id])).rows[0]!
      .status;
  expect(await status()).toBe('registered');
  await temporal.stop();
  const stoppedBeforeDue = Date.now() < Date.parse(appeal.dueAt);
  await temporal.start();

  // The worker reconnects by itself; the timer fires and the appeal escalates, once.
  await poll(
    'the escalation after the restart',
    async () => ((await status()) === 'escalated' ? true : undefined),
    400,
  );
  const escalations = await watcher.query(
    `select id from appeal_event where appeal_id = $1 and action = 'escalate'`,
    [appeal.id],
  );
  console.log(
    `Temporal restarted with the deadline timer pending (${stoppedBeforeDue ? 'before' : 'after'} it was due); it fired after the restart`,
  );
  expect(stoppedBeforeDue).toBe(true);
  expect(escalations.rows).toHaveLength(1);
}, 300_000);
