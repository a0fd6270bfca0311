// The meeting workflow against the real stack: workers wired as in production (scripts/lib/worker.ts)
// on task queues of their own, a real Temporal dev server, PostgreSQL and an SMTP catcher. Plus a
// builder for a small electorate (its own building, owners with and without email, a co-owned
// flat) and meetings whose durations are seconds, set through the meeting's stored policy.
// Shared by the workflow tests and scripts/record-meeting-history.ts.
import { randomInt, randomUUID } from 'node:crypto';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { MailOutbox } from '../../db/mail/entities.ts';
import { castBallot, createMeeting, getMeeting, meetingMailingKey } from '../../db/meetings/repository.ts';
import type { Orm } from '../../db/orm.ts';
import {
  Apartment,
  Building,
  Council,
  District,
  Ownership,
  Person,
  Region,
  UserAccount,
} from '../../db/registry/entities.ts';
import { executeBound } from '../../db/sql.ts';
import type { Language } from '../../domain/common/language.ts';
import type { Choice } from '../../domain/meetings/decide.ts';
import { type MeetingPolicyOverrides, resolvePolicy } from '../../domain/meetings/policy.ts';
import { computeTracker, newReceiptSecret } from '../../domain/meetings/tracker.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { startWorkflow } from '../../platform/workflow-client.ts';
import type { WorkflowOf } from '../../workflows/common/contract.ts';
import { meetingStateQuery, meetingWorkflow, meetingWorkflowId } from '../../workflows/meetings/contract.ts';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness.ts';

export type MeetingHarness = WorkerHarness;

export function startMeetingHarness(opts: {
  databaseUrl: string;
  temporalAddress: string;
  /** More configuration, e.g. a local Telegram server's token and URL. */
  env?: Record<string, string>;
}): Promise<MeetingHarness> {
  return startWorkerHarness({
    databaseUrl: opts.databaseUrl,
    temporalAddress: opts.temporalAddress,
    env: {
      MAIL_FROM: 'Mening Uyim <no-reply@meninguyim.uz>',
      PUBLIC_URL: 'https://meninguyim.example.uz',
      DATABASE_POOL_MAX: '6',
      ...opts.env,
    },
    taskQueuePrefix: 'meetings-test',
    taskQueues: (taskQueue) => ({ registry: `registry-${taskQueue}`, meetings: taskQueue }),
    mailLimit: 5000,
  });
}

// --- electorate -----------------------------------------------------------------------------

export interface Owner {
  personId: string;
  email: string | null;
  language: Language;
}

export interface Electorate {
  buildingId: string;
  address: string;
  /** Apartment id → its owners' person ids. */
  apartments: { apartmentId: string; owners: string[] }[];
  owners: Owner[];
  chairUserId: string;
  secretaryUserId: string;
  initiatorUserId: string;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const tag = () => randomUUID().slice(0, 8);
const LANGS: Language[] = ['uz', 'ru', 'en'];

/**
 * `apartments` flats of 50 m²; flat 1 is co-owned ½ + ½; the last owner has no email address.
 * Every owner gets a unique address, so mails can be counted per owner.
 */
export async function createElectorate(orm: Orm, apartments: number): Promise<Electorate> {
  const em = orm.em.fork();
  const region = em.create(Region, { code: tag(), name: 'Toshkent shahri' });
  const district = em.create(District, { region, code: tag(), name: 'Yunusobod tumani' });
  em.create(Council, { district, name: 'Yunusobod tumani kengashi', email: null });
  const address = `Yunusobod ${randomInt(1, 20)}-mavze, ${randomInt(1, 99)}-uy (${tag()})`;
  const building = em.create(Building, {
    district,
    address,
    cadastralNumber: `10:01:${digits(2)}:${digits(2)}:${digits(4)}-${tag()}`,
    yearBuilt: 1985,
    floors: 9,
    entrances: 2,
    totalArea: 60 * apartments,
    livingArea: 55 * apartments,
    conditionClass: 'yellow',
    managementOrganization: null,
  });
  const flats: Electorate['apartments'] = [];
  const owners: Owner[] = [];
  const total = apartments + 1;
  for (let i = 1; i <= apartments; i++) {
    const apartment = em.create(Apartment, { building, number: String(i), entrance: 1, floor: 1, area: 50 });
    const shares: [number, number][] =
      i === 1
        ? [
            [1, 2],
            [1, 2],
          ]
        : [[1, 1]];
    const ids: string[] = [];
    for (const [shareNumerator, shareDenominator] of shares) {
      const n = owners.length + 1;
      const language = LANGS[n % 3]!;
      const email = n === total ? null : `owner-${tag()}-${n}@example.uz`;
      const person = em.create(Person, {
        pinfl: digits(14),
        fullName: `Gʻulomov Oʻktam ${n}`,
        email,
        language,
      });
      em.create(Ownership, { person, apartment, shareNumerator, shareDenominator });
      owners.push({ personId: person.id, email, language });
      ids.push(person.id);
    }
    flats.push({ apartmentId: apartment.id, owners: ids });
  }
  const chair = em.create(UserAccount, { displayName: 'Shoira Toʻxtayeva', person: null });
  const secretary = em.create(UserAccount, { displayName: 'Анвар Гʻаниев', person: null });
  const initiator = em.create(UserAccount, { displayName: 'Boshqaruv kompaniyasi', person: null });
  await em.flush();
  return {
    buildingId: building.id,
    address,
    apartments: flats,
    owners,
    chairUserId: chair.id,
    secretaryUserId: secretary.id,
    initiatorUserId: initiator.id,
  };
}

// --- meetings -------------------------------------------------------------------------------

const SECOND_IN_DAYS = 1 / 86_400;

/** Durations in seconds, for policies whose unit is days. */
export const seconds = (s: number): number => s * SECOND_IN_DAYS;

export interface MeetingTimes {
  /** Seconds from now until voting opens (the notice period). */
  noticeS: number;
  /** Seconds of voting. */
  votingS: number;
}

export async function createTestMeeting(
  orm: Orm,
  e: Electorate,
  times: MeetingTimes,
  policy: MeetingPolicyOverrides = {},
  title = 'Tomni taʼmirlash va boshqaruv tashkilotini tanlash',
): Promise<MeetingView> {
  const now = Date.now();
  const votingOpensAt = new Date(now + times.noticeS * 1000);
  const { meeting } = await createMeeting(orm.em.fork(), {
    title,
    kind: 'annual',
    form: 'electronic',
    buildingIds: [e.buildingId],
    initiator: { kind: 'management_organization', userId: e.initiatorUserId, name: '"Obod Uy" MChJ' },
    chairUserId: e.chairUserId,
    secretaryUserId: e.secretaryUserId,
    noticeAt: new Date(now),
    votingOpensAt,
    votingClosesAt: new Date(votingOpensAt.getTime() + times.votingS * 1000),
    policy: resolvePolicy(
      {
        noticeDays: seconds(1),
        votingMinDays: seconds(1),
        votingMaxDays: 1,
        protocolDays: seconds(30),
        appealWindowMonths: 0,
        reminderHoursBeforeClose: [],
      },
      policy,
    ),
    agenda: [
      { title: 'Tomni kapital taʼmirlash', description: 'Smeta: 120 mln soʻm', kind: 'capital_repair' },
      { title: 'Yigʻilish raisini saylash', description: '', kind: 'ordinary' },
    ],
  });
  return meeting;
}

export function startMeetingWorkflow(
  h: MeetingHarness,
  meeting: MeetingView,
): Promise<WorkflowHandleWithFirstExecutionRunId<WorkflowOf<typeof meetingWorkflow>>> {
  return startWorkflow(h.client, meetingWorkflow, {
    args: [{ meetingId: meeting.id }],
    taskQueue: h.taskQueue,
    // The first attempt's id is the series id.
    workflowId: meetingWorkflowId(meeting.id),
  });
}

const ORDER: MeetingPhase[] = ['notice', 'discussion', 'voting', 'counting', 'decided', 'appeal_window'];

/**
 * Polls the database until the meeting reaches the phase (the workflow moves it there); fails at
 * once when the meeting is already past it, which on a loaded machine means a step overran.
 */
export async function waitForPhase(
  orm: Orm,
  meetingId: string,
  phase: MeetingPhase,
  timeoutMs = 30_000,
): Promise<MeetingView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await getMeeting(orm.em.fork(), meetingId);
    if (m?.phase === phase) return m;
    const at = ORDER.indexOf(m?.phase ?? 'notice');
    if (at < 0 || at > ORDER.indexOf(phase))
      throw new Error(`meeting ${meetingId} is already in ${m?.phase}, past ${phase}`);
    if (Date.now() > deadline) throw new Error(`meeting ${meetingId} still in ${m?.phase}, not ${phase}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function queryPhase(handle: WorkflowHandle): Promise<MeetingPhase> {
  return (await handle.query(meetingStateQuery)).phase;
}

/** Casts the owner's ballot for the apartment as the API would: tracker from a fresh secret. */
export async function vote(
  orm: Orm,
  meeting: MeetingView,
  apartmentId: string,
  ownerId: string,
  choice: Choice | Record<string, Choice>,
) {
  const choices =
    typeof choice === 'string' ? Object.fromEntries(meeting.agenda.map((a) => [a.id, choice])) : choice;
  const tracker = await computeTracker(
    { meetingId: meeting.id, apartmentId, ownerId, choices },
    newReceiptSecret(),
  );
  return castBallot(orm.em.fork(), {
    meetingId: meeting.id,
    userId: ownerId,
    personId: ownerId,
    apartmentId,
    ownerId,
    choices,
    tracker,
    idempotencyKey: randomUUID(),
    requestSha256: tracker,
  });
}

/** Polls until `check` holds: notifications' dispatchers send after the workflow has queued. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The mail the owner was sent for this kind of notice, once the outbox has sent it: found through
 * notifications' tracking (the meeting's mailing, the owner's message, its delivery by email).
 */
export async function noticeMail(orm: Orm, meetingId: string, kind: string, personId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [d] = await executeBound<{ key: string }>(
      orm.em.fork(),
      `select 'notify:' || d.outbox_key as key from notification_mailing g
         join notification_message m on m.mailing_id = g.id
         join notification_delivery d on d.message_id = m.id and d.channel = 'email'
        where g.idempotency_key = $1 and m.person_id = $2`,
      [meetingMailingKey(meetingId, kind), personId],
    );
    const row = d ? await orm.em.fork().findOne(MailOutbox, { idempotencyKey: d.key, status: 'sent' }) : null;
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no ${kind} mail sent to ${personId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
