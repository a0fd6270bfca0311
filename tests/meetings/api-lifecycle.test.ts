// The API driving the real meeting workflow on a worker wired as in production, with the policy's
// durations in seconds: initiation → notice → voting through HTTP → the workflow's close and
// decision → published results → protocol PDF, verification and sign-off; and cancel/postpone as
// workflow updates.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256Hex } from '../../domain/common/sha256.ts';
import type { Decision } from '../../domain/meetings/decide.ts';
import { newReceiptSecret, type PublishedBallot } from '../../domain/meetings/tracker.ts';
import type { BallotReceipt, MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { loadConfig } from '../../platform/config.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import { meetingWorkflow, meetingWorkflowId } from '../../workflows/meetings/contract.ts';
import type { TestDatabase } from '../support/database.ts';
import { ownDatabase, type RunningWorkers, startWorkers } from '../support/worker-harness.ts';
import { type Api, allFor, DEMO_IDS, newKey, ok, problem, startApi } from './api-fixtures.ts';

const DAY_S = 86_400;
// Seconds instead of days; a low quorum so that the personas' few ballots decide.
const POLICY = {
  noticeDays: 2 / DAY_S,
  votingMinDays: 2 / DAY_S,
  votingMaxDays: 1,
  reminderHoursBeforeClose: [],
  quorumShare: { numerator: 1, denominator: 100 },
  protocolDays: 60 / DAY_S,
  appealWindowMonths: 0,
};

let api: Api;
let workers: RunningWorkers;
let db: TestDatabase;

beforeAll(async () => {
  const taskQueue = `meetings-api-${randomUUID()}`;
  // A database of its own with the demo: the meetings wait for their notices to go out, which
  // takes the dispatchers, and they run beside the workers only where no other file's mail is.
  db = await ownDatabase('meetings_api', { demo: true });
  api = await startApi({ env: { MEETING_POLICY: JSON.stringify(POLICY) }, taskQueue, databaseUrl: db.url });
  workers = await startWorkers({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' }),
    orm: api.t.deps.orm,
    temporalAddress: inject('temporalAddress'),
    taskQueues: { registry: `registry-unused-${randomUUID()}`, meetings: taskQueue },
  });
});

afterAll(async () => {
  await workers?.stop();
  await api?.t.close();
  await db?.drop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const meeting = async (id: string) =>
  ok<MeetingView>(await api.request('GET', `/api/v1/meetings/${id}`, { as: 'admin' }));

const inPhase = (id: string, phases: MeetingPhase[]) =>
  until(`phase ${phases.join('|')}`, async () => {
    const m = await meeting(id);
    return phases.includes(m.phase) ? m : undefined;
  });

function create(opensInS: number, votingS: number) {
  const opens = Date.now() + opensInS * 1000;
  return api.request('POST', '/api/v1/meetings', {
    as: 'resident',
    key: newKey(),
    body: {
      title: 'Lifecycle meeting',
      kind: 'annual',
      form: 'electronic',
      buildingIds: [DEMO_IDS.building],
      initiator: 'owners',
      votingOpensAt: new Date(opens).toISOString(),
      votingClosesAt: new Date(opens + votingS * 1000).toISOString(),
      agenda: [
        { title: 'Approve the report', description: '', kind: 'ordinary' },
        { title: 'Repair the roof', description: '', kind: 'capital_repair' },
      ],
    },
  });
}

describe('a meeting from initiation to its signed protocol, through the API', () => {
  it('runs the whole lifecycle', async () => {
    // Fifteen seconds of voting for three ballots and a read over HTTP: ample even on a machine
    // many times slower than ours.
    const created = await ok<MeetingView>(await create(4, 15), 201);
    const m = await inPhase(created.id, ['voting']);
    const [report, roof] = m.agenda.map((a) => a.id) as [string, string];
    const vote = (as: string, apartmentId: string, choices: Record<string, string>) =>
      api.request('POST', `/api/v1/meetings/${m.id}/ballots`, {
        as,
        key: newKey(),
        body: { apartmentId, choices, receiptSecret: newReceiptSecret() },
      });
    const receipt = await ok<BallotReceipt>(
      await vote('resident', DEMO_IDS.apartments.residentSole, allFor(m)),
      201,
    );
    await ok(
      await vote('resident', DEMO_IDS.apartments.residentShared, { [report]: 'for', [roof]: 'against' }),
      201,
    );
    await ok(await vote('resident2', DEMO_IDS.apartments.residentShared, allFor(m, 'abstain')), 201);
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'resident' }), 409, {
      detail: 'results are published after the close; the meeting is in phase voting',
    });

    const decided = await inPhase(m.id, ['decided', 'appeal_window', 'completed']);
    expect(decided.decision?.quorumReached).toBe(true);
    const results = await ok<{ decision: Decision; ballots: PublishedBallot[]; ballotSetSha256: string }>(
      await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'resident2' }),
    );
    expect(results.ballots).toHaveLength(3);
    expect(results.ballots.map((b) => b.tracker)).toContain(receipt.tracker);
    expect(results.decision.items.map((i) => [i.kind, i.accepted])).toEqual([
      ['ordinary', true],
      ['capital_repair', false],
    ]);
    // Ballots are in PostgreSQL, not in the workflow: its history stays small.
    const history = await workflowHandle(
      api.t.deps.temporal!,
      meetingWorkflow,
      meetingWorkflowId(m.id),
    ).fetchHistory();
    expect(history.events!.length).toBeLessThan(150);

    const pdf = await until('the protocol', async () => {
      const res = await api.request('GET', `/api/v1/meetings/${m.id}/protocol.pdf`, { as: 'inspector' });
      return res.status === 200 ? res : undefined;
    });
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const sha = await sha256Hex(bytes);
    expect(pdf.headers.get('x-content-sha256')).toBe(sha);
    const verified = await ok<{ meetingId: string }>(
      await api.request('GET', `/api/v1/meetings/protocols/verify?sha256=${sha}`),
    );
    expect(verified.meetingId).toBe(m.id);

    // The initiator is chair and secretary by default.
    await ok(
      await api.request('POST', `/api/v1/meetings/${m.id}/protocol/sign`, {
        as: 'resident',
        body: { role: 'chair' },
      }),
    );
    await ok(
      await api.request('POST', `/api/v1/meetings/${m.id}/protocol/sign`, {
        as: 'resident',
        body: { role: 'secretary' },
      }),
    );
    const done = await inPhase(m.id, ['appeal_window', 'completed']);
    expect(done.protocol).toMatchObject({ sha256: sha, signedByChair: true, signedBySecretary: true });

    const inbox = await ok<{ meetingId: string | null }[]>(
      await api.request('GET', '/api/v1/me/notifications?limit=200', { as: 'resident2' }),
    );
    expect(inbox.filter((n) => n.meetingId === m.id).length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('cancel and postpone through the workflow', () => {
  it('the initiator postpones, then cancels; a cancelled meeting cannot change again', async () => {
    const m = await ok<MeetingView>(await create(60, 10), 201);
    await inPhase(m.id, ['discussion']);
    const opens = Date.now() + 120_000;
    const dates = {
      votingOpensAt: new Date(opens).toISOString(),
      votingClosesAt: new Date(opens + 30_000).toISOString(),
    };
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, {
        as: 'resident2',
        body: { ...dates, reason: 'not mine' },
      }),
      403,
      { detail: 'only the initiator may cancel or postpone a meeting' },
    );
    const postponed = await ok<MeetingView>(
      await api.request('POST', `/api/v1/meetings/${m.id}/postpone`, {
        as: 'resident',
        body: { ...dates, reason: 'the hall is busy' },
      }),
    );
    expect(Date.parse(postponed.votingOpensAt)).toBe(opens);
    expect(Date.parse(postponed.votingClosesAt)).toBe(opens + 30_000);
    expect(postponed.phase).toBe('discussion');

    const cancelled = await ok<MeetingView>(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, {
        as: 'resident',
        body: { reason: 'the roof was repaired' },
      }),
    );
    expect(cancelled).toMatchObject({ phase: 'cancelled', cancelledReason: 'the roof was repaired' });
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/cancel`, {
        as: 'resident',
        body: { reason: 'again' },
      }),
      409,
      { detail: 'the meeting is in phase cancelled: it can be changed only before voting opens' },
    );
    const outcome = await workflowHandle(
      api.t.deps.temporal!,
      meetingWorkflow,
      meetingWorkflowId(m.id),
    ).result();
    expect(outcome).toMatchObject({ phase: 'cancelled' });
  });
});
