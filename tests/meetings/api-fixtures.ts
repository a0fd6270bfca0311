// Shared by the meetings API tests: the real app with persona tokens, and meetings put straight
// into a phase through the repository (the workflow is tested on its own), so each endpoint is
// exercised in exactly the state it cares about.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'vitest';
import {
  applyToMeeting,
  closeVoting,
  createMeeting,
  getMeeting,
  publishedBallots,
  recordDecision,
  snapshotElectorate,
  transitionPhase,
} from '../../db/meetings/repository.ts';
import { DEMO_IDS, DEMO_PERSONAS } from '../../db/seed/personas.ts';
import { decide } from '../../domain/meetings/decide.ts';
import {
  type AgendaItemKind,
  DEFAULT_MEETING_POLICY,
  type MeetingPolicy,
} from '../../domain/meetings/policy.ts';
import { ballotSetHash, newReceiptSecret } from '../../domain/meetings/tracker.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

export interface Api {
  t: TestApp;
  tokens: Record<string, string>;
  em(): EntityManager;
  request(
    method: string,
    path: string,
    opts?: { as?: string; token?: string; body?: unknown; key?: string },
  ): Promise<Response>;
}

export async function startApi(
  opts: {
    env?: Record<string, string>;
    taskQueue?: string;
    /** The suite's shared database when omitted; a file whose meetings run to their notices' delivery passes its own. */
    databaseUrl?: string;
  } = {},
): Promise<Api> {
  const t = await createTestApp({
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    taskQueues: { meetings: opts.taskQueue ?? `meetings-idle-${randomUUID()}` },
  });
  const tokens: Record<string, string> = {};
  for (const p of DEMO_PERSONAS) tokens[p.key] = await t.tokenFor(p.key);
  return {
    t,
    tokens,
    em: () => t.deps.orm.em.fork() as EntityManager,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = {};
      const token = o.token ?? (o.as ? tokens[o.as] : undefined);
      if (token) headers.Authorization = `Bearer ${token}`;
      if (o.key) headers['Idempotency-Key'] = o.key;
      if (o.body !== undefined) headers['Content-Type'] = 'application/json';
      return t.app.request(path, {
        method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
    },
  };
}

export const newKey = () => `test-${randomUUID()}`;

export { ok, problem } from '../support/api-client.ts';

const HOUR = 3_600_000;

export interface MeetingSetup {
  buildingIds?: string[];
  initiatorPersona?: 'resident' | 'manager' | 'council';
  agenda?: AgendaItemKind[];
  policy?: MeetingPolicy;
  phase?: MeetingPhase;
}

const initiatorKindOf = {
  resident: 'owners',
  manager: 'management_organization',
  council: 'council',
} as const;

/**
 * A meeting stored through the repository and walked to `phase` the way the workflow walks it:
 * electorate frozen at notice, then discussion, voting, and (for 'decided') close and decision.
 */
export async function meetingIn(api: Api, setup: MeetingSetup = {}): Promise<MeetingView> {
  const persona = setup.initiatorPersona ?? 'resident';
  const policy = setup.policy ?? DEFAULT_MEETING_POLICY;
  const now = Date.now();
  const { meeting } = await createMeeting(api.em(), {
    title: `Test meeting ${randomUUID().slice(0, 8)}`,
    kind: 'annual',
    form: 'electronic',
    buildingIds: setup.buildingIds ?? [DEMO_IDS.building],
    initiator: {
      kind: initiatorKindOf[persona],
      userId: DEMO_IDS.users[persona],
      name: persona,
    },
    chairUserId: DEMO_IDS.users[persona],
    secretaryUserId: DEMO_IDS.users.resident2,
    noticeAt: new Date(now),
    votingOpensAt: new Date(now + 240 * HOUR),
    votingClosesAt: new Date(now + 480 * HOUR),
    policy,
    agenda: (setup.agenda ?? ['ordinary', 'capital_repair']).map((kind, i) => ({
      title: `Item ${i + 1}`,
      description: `About ${kind}`,
      kind,
    })),
  });
  await walkTo(api, meeting.id, setup.phase ?? 'notice', policy);
  const res = await api.request('GET', `/api/v1/meetings/${meeting.id}`, { as: 'admin' });
  return (await res.json()) as MeetingView;
}

const ORDER: MeetingPhase[] = ['notice', 'discussion', 'voting', 'counting', 'decided'];

export async function walkTo(
  api: Api,
  meetingId: string,
  phase: MeetingPhase,
  policy = DEFAULT_MEETING_POLICY,
) {
  if (phase === 'cancelled') {
    const { initiator } = (await getMeeting(api.em(), meetingId))!;
    const by = { kind: 'user', userId: initiator.userId } as const;
    expect(await applyToMeeting(api.em(), meetingId, { type: 'cancel', reason: 'test' }, by)).toMatchObject({
      changed: true,
    });
    return;
  }
  const target = ORDER.indexOf(phase);
  if (target < 0) throw new Error(`walkTo does not reach ${phase}`);
  if (target >= 1) {
    await snapshotElectorate(api.em(), meetingId);
    expect(await transitionPhase(api.em(), meetingId, ['notice'], 'discussion')).toBe(true);
  }
  if (target >= 2) expect(await transitionPhase(api.em(), meetingId, ['discussion'], 'voting')).toBe(true);
  if (target >= 3) await closeVotingAndDecide(api, meetingId, policy, target >= 4);
}

/** What the workflow does at the close, minus notifications and the protocol. */
export async function closeVotingAndDecide(
  api: Api,
  meetingId: string,
  policy = DEFAULT_MEETING_POLICY,
  record = true,
) {
  const { tally } = await closeVoting(api.em(), meetingId);
  if (!record) return;
  const decision = decide(policy, tally);
  const ballots = await publishedBallots(api.em(), meetingId);
  const decidedAt = new Date();
  await recordDecision(api.em(), meetingId, {
    decision,
    ballotSetSha256: await ballotSetHash(ballots),
    decidedAt,
    appealWindowEndsAt: new Date(decidedAt.getTime() + 180 * 24 * HOUR),
  });
  await transitionPhase(api.em(), meetingId, ['counting'], 'decided');
}

export const allFor = (m: MeetingView, choice: 'for' | 'against' | 'abstain' = 'for') =>
  Object.fromEntries(m.agenda.map((a) => [a.id, choice]));

export function ballotBody(
  m: MeetingView,
  apartmentId: string,
  opts: { ownerId?: string; choice?: 'for' | 'against' | 'abstain'; secret?: string } = {},
) {
  return {
    apartmentId,
    ...(opts.ownerId ? { ownerId: opts.ownerId } : {}),
    choices: allFor(m, opts.choice),
    receiptSecret: opts.secret ?? newReceiptSecret(),
  };
}

/** A token for any person, as the identity provider would issue it. */
export async function tokenFor(
  api: Api,
  claims: { personId?: string | null; roles: string[]; district?: string | null; org?: string | null },
) {
  return api.t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Test user',
    pid: claims.personId ?? null,
    roles: claims.roles,
    district: claims.district ?? null,
    org: claims.org ?? null,
  });
}

export { DEMO_IDS };
