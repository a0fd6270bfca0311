// Shared by the choice test and its history recorder: the real app and workers on a database of
// their own seeded with the demo, the lots', meetings' and contracts' workflows on queues of their
// own, every term (window, notice, vote, competition) in seconds; small lots of chosen buildings,
// approved through the council's workflow.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOrm } from '../../db/orm.ts';
import { DEMO_IDS, seedDemo } from '../../db/seed/demo.ts';
import type { LotPolicy } from '../../domain/lots/policy.ts';
import { newReceiptSecret } from '../../domain/meetings/tracker.ts';
import { loadConfig, TASK_QUEUES } from '../../platform/config.ts';
import { call, newKey, ok, until } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type RunningWorkers, startWorkers } from '../support/worker-harness.ts';
import { decide, SECOND_IN_DAYS, submit } from './approval-fixtures.ts';

const MINUTE_IN_SECONDS = 60;

/** The terms in seconds. */
export const CHOICE_POLICY: Partial<LotPolicy> = {
  minApartments: 1,
  // Long enough for the test to apply on a loaded machine (load 25 on 2 cores seen): the window is wall-clock.
  applicationDays: 12 * SECOND_IN_DAYS,
  // Long enough for every owner of a small building to vote through the API.
  votingDays: 12 * SECOND_IN_DAYS,
  competitionDays: 3 * SECOND_IN_DAYS,
  resultPollMinutes: 1 / MINUTE_IN_SECONDS,
};
export const MEETING_POLICY = {
  noticeDays: 2 * SECOND_IN_DAYS,
  votingMinDays: 2 * SECOND_IN_DAYS,
  votingMaxDays: 1,
  reminderHoursBeforeClose: [],
  protocolDays: 60 * SECOND_IN_DAYS,
  appealWindowMonths: 0,
};

export interface ChoiceEnv {
  app: TestApp;
  workers: RunningWorkers;
  tokens: Record<'council' | 'resident' | 'admin' | 'inspector' | 'manager' | 'applicant', string>;
  districtId: string;
  em(): EntityManager;
  /** A token for anyone: an owner (by person), an organization's staff. */
  sign(claims: {
    sub: string;
    pid?: string;
    roles: string[];
    org?: string;
    district?: string;
  }): Promise<string>;
  stop(): Promise<void>;
}

export async function startChoiceEnv(
  stack: { databaseUrl: string; temporalAddress: string },
  /** Terms other than CHOICE_POLICY's, e.g. a window long enough for a person in a browser. */
  policy: Partial<LotPolicy> = {},
): Promise<ChoiceEnv> {
  const queue = `lots-choice-${randomUUID()}`;
  const own = ['lots', 'meetings', 'contracts'];
  const seeder = await createOrm({ url: stack.databaseUrl, poolMax: 2 });
  try {
    await seedDemo(seeder, loadConfig({}).demo);
  } finally {
    await seeder.close();
  }
  const taskQueues = Object.fromEntries(
    Object.keys(TASK_QUEUES).map((q) => [q, own.includes(q) ? `${q}-${queue}` : `${q}-unused-${queue}`]),
  );
  const env = {
    LOTS_POLICY: JSON.stringify({ ...CHOICE_POLICY, ...policy }),
    MEETING_POLICY: JSON.stringify(MEETING_POLICY),
  };
  const app = await createTestApp({ env, taskQueues: taskQueues as never, ...stack });
  const workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '6', ...env }),
    orm: app.deps.orm,
    temporalAddress: stack.temporalAddress,
    taskQueues,
  });
  const tokens = {
    council: await app.tokenFor('council'),
    resident: await app.tokenFor('resident'),
    admin: await app.tokenFor('admin'),
    inspector: await app.tokenFor('inspector'),
    manager: await app.tokenFor('manager'),
    applicant: await app.tokenFor('applicant'),
  };
  const em = () => app.deps.orm.em.fork() as EntityManager;
  const [row] = await em().execute<{ id: string }[]>('select district_id as id from building where id = ?', [
    DEMO_IDS.building,
  ]);
  return {
    app,
    workers,
    tokens,
    districtId: row!.id,
    em,
    sign: (claims) => app.deps.dev!.issuer.sign({ name: 'Test user', ...claims }),
    async stop() {
      await workers.stop();
      await app.close();
    },
  };
}

/**
 * Small buildings of the district with registered owners, none the demo personas' own: each is a
 * lot here, so a vote is a few dozen ballots.
 */
export async function smallOwnedBuildings(env: ChoiceEnv, count: number): Promise<string[]> {
  const rows = await env.em().execute<{ id: string }[]>(
    `select b.id from building b
      where b.district_id = ? and b.id <> ?
        and exists (select 1 from apartment a join ownership o on o.apartment_id = a.id where a.building_id = b.id)
      order by (select count(*) from apartment a where a.building_id = b.id), b.id limit ?`,
    [env.districtId, DEMO_IDS.building, count],
  );
  return rows.map((r) => r.id);
}

export interface ChoiceLot {
  id: string;
  number: number;
  buildingIds: string[];
}

/** One lot per building given, saved as drafts and approved through the council's workflow. */
export async function approvedLots(env: ChoiceEnv, buildingIds: string[]): Promise<ChoiceLot[]> {
  const lots = await ok<ChoiceLot[]>(
    await call(env.app, 'POST', '/lots/drafts', {
      token: env.tokens.council,
      key: newKey(),
      body: { districtId: env.districtId, lots: buildingIds.map((b) => ({ buildingIds: [b] })) },
    }),
    201,
  );
  const lotsEnv = { app: env.app, tokens: env.tokens } as never;
  for (const lot of lots) {
    await ok(await submit(lotsEnv, lot.id));
    await ok(await decide(lotsEnv, lot.id, { decision: 'approve' }));
  }
  return lots;
}

export interface ChoiceView {
  selection: string;
  applicationsCloseAt: string | null;
  candidateCount: number;
  candidates: { organizationId: string; organizationName: string; tariff: number; appliedAt: string }[];
  meetingId: string | null;
  competitionReason: string | null;
  competition: { closesAt: string; criteria: Record<string, number> } | null;
  bidCount: number;
  bids: { organizationId: string; tariff: number }[];
  protocol: { organizationId: string; rank: number; points: { total: number } }[] | null;
  organizationId: string | null;
  contractIds: string[];
}

export const choice = async (env: ChoiceEnv, lotId: string, token = env.tokens.council) =>
  ok<ChoiceView>(await call(env.app, 'GET', `/lots/${lotId}/choice`, { token }));

export const inSelection = (env: ChoiceEnv, lotId: string, selections: string[], timeoutMs = 60_000) =>
  until(
    `lot ${lotId} in ${selections.join('|')}`,
    async () => {
      const v = await choice(env, lotId);
      return selections.includes(v.selection) ? v : undefined;
    },
    timeoutMs,
  );

/** Every owner of the meeting's electorate votes `for` on every item, each with their own token. */
export async function everyoneVotesFor(env: ChoiceEnv, meetingId: string): Promise<number> {
  const voters = await env
    .em()
    .execute<{ personId: string; apartmentId: string }[]>(
      'select person_id as "personId", apartment_id as "apartmentId" from meeting_voter where meeting_id = ?',
      [meetingId],
    );
  const items = await env
    .em()
    .execute<{ id: string }[]>('select id from agenda_item where meeting_id = ?', [meetingId]);
  for (const v of voters) {
    const token = await env.sign({ sub: v.personId, pid: v.personId, roles: ['resident'] });
    await ok(
      await call(env.app, 'POST', `/meetings/${meetingId}/ballots`, {
        token,
        key: newKey(),
        body: {
          apartmentId: v.apartmentId,
          choices: Object.fromEntries(items.map((i) => [i.id, 'for'])),
          receiptSecret: newReceiptSecret(),
        },
      }),
      201,
    );
  }
  return voters.length;
}
