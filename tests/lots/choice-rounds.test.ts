// A lot's competition that nobody bids in for a while, on the real stack as tests/lots/choice.test.ts
// runs it (every term in seconds), with competitionRoundsPerRun = 2: the choice's workflow goes
// through two empty rounds, continues as new at the third with the state its query showed, keeps
// numbering the rounds' request ids, and a bid that lands later is ranked and appointed by the
// council through the update as in any competition, with the contracts after it.
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workflowHandle } from '../../platform/workflow-client.ts';
import {
  type LotChoiceInput,
  lotChoiceStateQuery,
  lotChoiceWorkflow,
  lotChoiceWorkflowId,
} from '../../workflows/lots/contract.ts';
import { call, newKey, ok, until } from '../support/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  approvedLots,
  type ChoiceEnv,
  type ChoiceLot,
  choice,
  inSelection,
  smallOwnedBuildings,
  startChoiceEnv,
} from './choice-fixtures.ts';

let db: TestDatabase;
let env: ChoiceEnv;
let lot: ChoiceLot;
let managerOrg: string;
beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'lots_choice_rounds');
  env = await startChoiceEnv(
    { databaseUrl: db.url, temporalAddress: inject('temporalAddress') },
    { competitionRoundsPerRun: 2 },
  );
  [lot] = (await approvedLots(env, await smallOwnedBuildings(env, 1))) as [ChoiceLot];
  managerOrg = (
    await ok<{ organizationId: string }>(await call(env.app, 'GET', '/me', { token: env.tokens.manager }))
  ).organizationId;
}, 240_000);
afterAll(async () => {
  await env?.stop();
  await db?.drop();
});

/** The request ids the lot's competition rounds were opened under, in order. */
const openedRounds = async () =>
  (
    await env
      .em()
      .execute<{ requestId: string }[]>(
        `select request_id as "requestId" from lot_event where lot_id = ? and action = 'competition_opened' order by chain_pos`,
        [lot.id],
      )
  ).map((r) => r.requestId);

describe("a lot's competition nobody bids in", () => {
  it('continues as new after competitionRoundsPerRun empty rounds, numbering the rounds on, and the council still appoints a later bid', async () => {
    const client = env.app.deps.temporal!;
    const workflowId = lotChoiceWorkflowId(lot.id, 1);
    const prefix = workflowId;
    const handle = workflowHandle(client, lotChoiceWorkflow, workflowId);
    await ok(
      await call(env.app, 'POST', `/lots/${lot.id}/choice`, { token: env.tokens.council, key: newKey() }),
      202,
    );
    // The application window lasts seconds more than this: the run described is the first.
    const started = await handle.describe();
    const firstRunId = started.runId;
    expect(started.raw.workflowExecutionInfo?.firstRunId).toBe(firstRunId);
    expect(started.memo).toEqual({ openedBy: expect.any(String) });

    // Nobody applies, so the competition; nobody bids, so it continues as new after two rounds.
    await inSelection(env, lot.id, ['competition'], 60_000);
    const inFirstRun = await workflowHandle(client, lotChoiceWorkflow, workflowId, firstRunId).query(
      lotChoiceStateQuery,
    );
    const continued = await until(
      'the choice continued as new',
      async () => {
        const d = await handle.describe();
        return d.runId !== firstRunId ? d : undefined;
      },
      60_000,
    );
    expect(continued.raw.workflowExecutionInfo?.firstRunId).toBe(firstRunId);
    // Who opened the choice stays on the run that goes on with it.
    expect(continued.memo).toEqual(started.memo);

    // The first run: two rounds published, then the patch's marker and the continue-as-new.
    const firstEvents = (
      await workflowHandle(client, lotChoiceWorkflow, workflowId, firstRunId).fetchHistory()
    ).events!;
    const scheduled = (name: string) =>
      firstEvents.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === name).length;
    expect(scheduled('openLotCompetition')).toBe(2);
    expect(scheduled('rankLotCompetition')).toBe(2);
    const last = firstEvents.at(-1)!.workflowExecutionContinuedAsNewEventAttributes;
    expect(last).toBeTruthy();

    // The next run starts at the third round with the state the first one's query showed.
    const nextRun = workflowHandle(client, lotChoiceWorkflow, workflowId, last!.newExecutionRunId!);
    const nextStarted = (await nextRun.fetchHistory()).events![0]!.workflowExecutionStartedEventAttributes!;
    expect(nextStarted.continuedExecutionRunId).toBe(firstRunId);
    const input = defaultPayloadConverter.fromPayload<LotChoiceInput>(nextStarted.input!.payloads![0]!);
    expect(input.policy.competitionRoundsPerRun).toBe(2);
    expect(input.resume).toMatchObject({
      competitionRound: 3,
      state: {
        selection: 'competition',
        applicationsCloseAt: inFirstRun.applicationsCloseAt,
        meetingSeriesId: null,
        attempt: 0,
        polls: 0,
        protocol: null,
        organizationId: null,
        contractIds: [],
      },
    });
    expect(inFirstRun.applicationsCloseAt).toEqual(expect.any(Number));
    const shown = await handle.query(lotChoiceStateQuery);
    expect(shown).toMatchObject({
      selection: 'competition',
      applicationsCloseAt: inFirstRun.applicationsCloseAt,
      protocol: null,
    });

    // The rounds' request ids go on from the first run's, each opened once.
    const rounds = await until(
      'the third round opened',
      async () => {
        const ids = await openedRounds();
        return ids.length >= 3 ? ids : undefined;
      },
      30_000,
    );
    expect(rounds.slice(0, 3)).toEqual([
      `${prefix}:competition`,
      `${prefix}:competition:2`,
      `${prefix}:competition:3`,
    ]);
    expect((await choice(env, lot.id)).protocol).toBeNull();

    // A round lasts seconds here: a bid that reaches one already closed waits for the next.
    await until('a bid in an open round', async () => {
      const res = await call(env.app, 'POST', `/lots/${lot.id}/bid`, {
        token: env.tokens.manager,
        key: newKey(),
        body: { tariff: 280_000, programmeCommitment: 0, experienceYears: 2 },
      });
      const text = await res.clone().text();
      if (res.status === 409 && /"reason":"window_closed"/.test(text)) return undefined;
      return ok(res);
    });
    const ranked = await until('the protocol', async () => (await choice(env, lot.id)).protocol ?? undefined);
    expect(ranked.map((b) => b.organizationId)).toEqual([managerOrg]);
    const appointed = await ok<{ selection: string; organizationId: string }>(
      await call(env.app, 'POST', `/lots/${lot.id}/appointment`, {
        token: env.tokens.council,
        key: newKey(),
        body: { organizationId: managerOrg },
      }),
    );
    expect(appointed).toMatchObject({ selection: 'appointed', organizationId: managerOrg });

    // The result of the chain's last run: appointed, with a contract per building.
    const result = await handle.result();
    expect(result).toMatchObject({ selection: 'appointed', organizationId: managerOrg, tariff: 280_000 });
    expect(result.contractIds).toHaveLength(lot.buildingIds.length);
    const done = await choice(env, lot.id);
    expect(done).toMatchObject({ selection: 'appointed', organizationId: managerOrg });
    expect(done.contractIds.sort()).toEqual([...result.contractIds].sort());
    // Every round the chain published has its own request id: none was opened twice.
    const all = await openedRounds();
    expect(all).toEqual(
      all.map((_, i) => (i === 0 ? `${prefix}:competition` : `${prefix}:competition:${i + 1}`)),
    );
  }, 200_000);
});
