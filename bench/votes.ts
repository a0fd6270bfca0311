// `npm run bench:votes`: a lot-level general meeting with one ballot per owner's share, cast through
// the HTTP API at concurrency 50 against the real stack (bench/stack.ts). It prints ballots/s and
// latency, the meeting workflow's history length (which must not grow with the ballots), whether
// the SQL tally at the close equals what was cast, and the raw single-row INSERT rate of the same
// PostgreSQL for scale. Exit 1 when the tally does not match or a ballot was refused.
//   npm run bench:votes -- [--apartments 8100] [--concurrency 50] [--inserts 5000]
//                          [--notice-seconds N] [--voting-seconds N]
// The notice period must cover sending every notice (the workflow opens the vote only after
// that), and the voting window the casting: both default to estimates from the electorate's size.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { tally } from '../db/meetings/repository.ts';
import type { Page } from '../domain/common/page.ts';
import { CHOICES, type Choice, type Decision, type TallyInput } from '../domain/meetings/decide.ts';
import { newReceiptSecret } from '../domain/meetings/tracker.ts';
import type { MeetingPhase, MeetingView } from '../domain/meetings/types.ts';
import type { BuildingView } from '../domain/registry/types.ts';
import { workflowHandle } from '../platform/workflow-client.ts';
import { meetingWorkflow, meetingWorkflowId } from '../workflows/meetings/contract.ts';
import { positiveInt } from './args.ts';
import { percentile, pool } from './load.ts';
import { type Stack, startStack } from './stack.ts';

const { values } = parseArgs({
  options: {
    apartments: { type: 'string', default: '8100' },
    concurrency: { type: 'string', default: '50' },
    'notice-seconds': { type: 'string' },
    'voting-seconds': { type: 'string' },
    inserts: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '20261124' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const APARTMENTS = int('apartments');
const CONCURRENCY = int('concurrency');
/** Rough floors of this stack on a small machine, for windows that rarely need the flags. */
const NOTICE_MAILS_PER_S = 20;
const BALLOTS_PER_S = 90;
const INSERTS = int('inserts');
const say = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

interface Job {
  personId: string;
  apartmentId: string;
  weight: number;
  choices: Record<string, Choice>;
}

async function api<T>(
  stack: Stack,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function waitForPhase(
  stack: Stack,
  token: string,
  id: string,
  phases: MeetingPhase[],
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await api<MeetingView>(stack, token, 'GET', `/api/v1/meetings/${id}`);
    if (phases.includes(m.phase)) return m;
    if (Date.now() > deadline)
      throw new Error(`meeting still in phase ${m.phase} after ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

/** The tally the cast ballots must produce, summed here from what the API acknowledged. */
function expectedTally(jobs: Job[], itemIds: string[]) {
  const items = new Map(itemIds.map((id) => [id, { for: 0, against: 0, abstain: 0 }]));
  let participating = 0;
  for (const j of jobs) {
    participating += j.weight;
    for (const [itemId, choice] of Object.entries(j.choices)) items.get(itemId)![choice] += j.weight;
  }
  return { participating, items };
}

function tallyMatches(expected: ReturnType<typeof expectedTally>, actual: TallyInput | Decision): boolean {
  if (actual.participatingWeight !== expected.participating) return false;
  return actual.items.every((item) => {
    const e = expected.items.get(item.itemId);
    return !!e && CHOICES.every((c) => item[c] === e[c]);
  });
}

/** Single-row INSERTs through pg at the same concurrency: the floor any ballot path stands on. */
async function rawInsertRate(url: string): Promise<{ perSecond: number; ms: number }> {
  const db = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  try {
    await db.query(`create table bench_scratch (id bigserial primary key, meeting_id uuid not null,
      apartment_id uuid not null, choices jsonb not null, at timestamptz not null default now())`);
    const meetingId = randomUUID();
    const rows = Array.from({ length: INSERTS }, () => randomUUID());
    const ms = await pool(rows, CONCURRENCY, async (apartmentId) => {
      await db.query('insert into bench_scratch (meeting_id, apartment_id, choices) values ($1, $2, $3)', [
        meetingId,
        apartmentId,
        '{"a":"for","b":"against"}',
      ]);
    });
    await db.query('drop table bench_scratch');
    return { perSecond: (INSERTS / ms) * 1000, ms };
  } finally {
    await db.end();
  }
}

interface Lot {
  token: string;
  districtId: string;
  buildings: BuildingView[];
  apartments: number;
  /** Owners with an e-mail address: each gets a notice mail before voting opens. */
  mailRecipients: number;
}

/** The lot: every building of the council's district, which the seed makes ≥ 7,000 apartments. */
async function lotOf(stack: Stack): Promise<Lot> {
  const { token } = await api<{ token: string }>(stack, '', 'POST', '/dev/token', { persona: 'council' });
  const { districtId } = await api<{ districtId: string }>(stack, token, 'GET', '/api/v1/me');
  const buildings: BuildingView[] = [];
  for (let page = 1; ; page++) {
    const p = await api<Page<BuildingView>>(
      stack,
      token,
      'GET',
      `/api/v1/buildings?pageSize=200&page=${page}`,
    );
    buildings.push(...p.items);
    if (buildings.length >= p.total || p.items.length === 0) break;
  }
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const [row] = (
    await db
      .query<{ n: number }>(
        `select count(distinct p.id)::int as n from person p
         join ownership o on o.person_id = p.id join apartment a on a.id = o.apartment_id
         join building b on b.id = a.building_id where b.district_id = $1 and p.email is not null`,
        [districtId],
      )
      .finally(() => db.end())
  ).rows;
  const apartments = buildings.reduce((s, b) => s + b.apartmentCount, 0);
  return { token, districtId, buildings, apartments, mailRecipients: row?.n ?? 0 };
}

async function electorate(stack: Stack, meeting: MeetingView): Promise<Job[]> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const voters = await db
    .query<{ personId: string; apartmentId: string; weight: string }>(
      `select person_id as "personId", apartment_id as "apartmentId", weight::text as weight
       from meeting_voter where meeting_id = $1 order by apartment_id, person_id`,
      [meeting.id],
    )
    .finally(() => db.end());
  return voters.rows.map((v) => ({
    personId: v.personId,
    apartmentId: v.apartmentId,
    weight: Number(v.weight),
    choices: Object.fromEntries(meeting.agenda.map((a) => [a.id, CHOICES[Math.floor(Math.random() * 3)]!])),
  }));
}

interface Casting {
  accepted: Job[];
  refused: Map<string, number>;
  latencies: number[];
  ms: number;
}

/** One POST per job through HTTP, `CONCURRENCY` in flight, each owner with their own token. */
async function castAll(
  stack: Stack,
  meetingId: string,
  jobs: Job[],
  tokens: Map<string, string>,
): Promise<Casting> {
  const latencies: number[] = [];
  const accepted: Job[] = [];
  const refused = new Map<string, number>();
  const ms = await pool(jobs, CONCURRENCY, async (job) => {
    const started = performance.now();
    const res = await fetch(`${stack.apiUrl}/api/v1/meetings/${meetingId}/ballots`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens.get(job.personId)}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `bench-${randomUUID()}`,
      },
      body: JSON.stringify({
        apartmentId: job.apartmentId,
        choices: job.choices,
        receiptSecret: newReceiptSecret(),
      }),
    });
    const text = await res.text();
    latencies.push(performance.now() - started);
    if (res.status === 201) accepted.push(job);
    else {
      const why = `${res.status} ${text.slice(0, 160)}`;
      refused.set(why, (refused.get(why) ?? 0) + 1);
    }
  });
  latencies.sort((a, b) => a - b);
  return { accepted, refused, latencies, ms };
}

async function main(): Promise<number> {
  const policy = {
    // A floor only: the bench picks the actual opening from the number of notices to send.
    noticeDays: 5 / 86_400,
    votingMinDays: 1 / 86_400,
    votingMaxDays: 1,
    reminderHoursBeforeClose: [],
    protocolDays: 60 / 86_400,
    appealWindowMonths: 0,
  };
  const stack = await startStack({
    adminUrl: process.env.DATABASE_URL || undefined,
    apartments: APARTMENTS,
    seed: int('seed'),
    policy,
    apiPoolMax: CONCURRENCY,
    say,
  });
  try {
    // Measured first, while the stack is idle: the floor the ballot path stands on.
    const raw = await rawInsertRate(stack.databaseUrl);
    say(`raw pg INSERT: ${fmt(raw.perSecond, 1)} rows/s`);
    const lot = await lotOf(stack);
    say(
      `lot: every building of district ${lot.districtId}: ${lot.buildings.length} buildings, ${fmt(lot.apartments)} apartments, ${fmt(lot.mailRecipients)} owners with e-mail`,
    );

    const noticeSeconds = values['notice-seconds']
      ? int('notice-seconds')
      : Math.max(15, Math.ceil(lot.mailRecipients / NOTICE_MAILS_PER_S));
    const votingSeconds = values['voting-seconds']
      ? int('voting-seconds')
      : Math.max(60, Math.ceil((lot.apartments * 1.2) / BALLOTS_PER_S));
    const opensAt = Date.now() + noticeSeconds * 1000;
    const closesAt = opensAt + votingSeconds * 1000;
    const meeting = await api<MeetingView>(
      stack,
      lot.token,
      'POST',
      '/api/v1/meetings',
      {
        title: 'Lot meeting: choice of the management organization',
        kind: 'extraordinary',
        form: 'electronic',
        buildingIds: lot.buildings.map((b) => b.id),
        initiator: 'council',
        votingOpensAt: new Date(opensAt).toISOString(),
        votingClosesAt: new Date(closesAt).toISOString(),
        agenda: [
          { title: 'Choose the management organization', description: '', kind: 'management_organization' },
          { title: 'Approve the five-year programme', description: '', kind: 'ordinary' },
          { title: 'Capital repair of roofs', description: '', kind: 'capital_repair' },
        ],
      },
      `bench-${randomUUID()}`,
    );
    say(`meeting ${meeting.id}: notice ${noticeSeconds} s, then voting for ${votingSeconds} s`);

    await waitForPhase(stack, lot.token, meeting.id, ['discussion', 'voting'], (noticeSeconds + 600) * 1000);
    const jobs = await electorate(stack, meeting);
    const apartmentsVoting = new Set(jobs.map((j) => j.apartmentId)).size;
    const tokens = new Map<string, string>();
    for (const j of jobs) {
      if (!tokens.has(j.personId))
        tokens.set(
          j.personId,
          await stack.issuer.sign({ sub: j.personId, pid: j.personId, roles: ['resident'], name: 'Owner' }),
        );
    }
    say(
      `electorate: ${fmt(jobs.length)} owners' shares in ${fmt(apartmentsVoting)} apartments (${fmt(tokens.size)} persons); ${fmt(lot.apartments - apartmentsVoting)} apartments have no registered owner`,
    );

    await waitForPhase(stack, lot.token, meeting.id, ['voting'], (noticeSeconds + 600) * 1000);
    say(
      `voting is open (${fmt((Date.now() - opensAt) / 1000, 1)} s after the planned time, ${fmt(stack.mailSent())} mails sent); casting at concurrency ${CONCURRENCY}`,
    );
    const cast = await castAll(stack, meeting.id, jobs, tokens);
    const rate = (cast.accepted.length / cast.ms) * 1000;
    say(
      `cast ${fmt(cast.accepted.length)} ballots in ${fmt(cast.ms / 1000, 1)} s; ${fmt((closesAt - Date.now()) / 1000)} s to the close`,
    );
    for (const [why, n] of cast.refused) say(`refused ${n}×: ${why}`);

    const decided = await waitForPhase(
      stack,
      lot.token,
      meeting.id,
      ['decided', 'appeal_window', 'completed', 'failed'],
      Math.max(0, closesAt - Date.now()) + 300_000,
    );
    const results = await api<{ decision: Decision; ballots: unknown[] }>(
      stack,
      lot.token,
      'GET',
      `/api/v1/meetings/${meeting.id}/results`,
    );
    const sqlTally = await tally(stack.orm.em.fork() as EntityManager, meeting.id);
    const expected = expectedTally(
      cast.accepted,
      meeting.agenda.map((a) => a.id),
    );
    const history = await workflowHandle(
      stack.client,
      meetingWorkflow,
      meetingWorkflowId(meeting.id),
    ).fetchHistory();

    // Every acknowledged ballot counted, none other: the SQL tally, the recorded decision and the list.
    const tallyOk =
      results.ballots.length === cast.accepted.length &&
      tallyMatches(expected, sqlTally) &&
      tallyMatches(expected, decided.decision ?? results.decision);
    const allCast = cast.refused.size === 0 && cast.accepted.length === jobs.length;
    console.log(
      [
        '',
        `  apartments seeded          ${fmt(APARTMENTS)} (lot: ${fmt(lot.apartments)} in ${lot.buildings.length} buildings)`,
        `  ballots                    ${fmt(cast.accepted.length)} accepted, ${fmt(jobs.length - cast.accepted.length)} refused, one per owner's share in ${fmt(apartmentsVoting)} apartments`,
        `  throughput                 ${fmt(rate, 1)} ballots/s at concurrency ${CONCURRENCY}`,
        `  latency                    p50 ${fmt(percentile(cast.latencies, 50), 1)} ms, p99 ${fmt(percentile(cast.latencies, 99), 1)} ms`,
        `  workflow history           ${history.events?.length ?? 0} events (${meetingWorkflowId(meeting.id)}, phase ${decided.phase})`,
        `  raw pg INSERT              ${fmt(raw.perSecond, 1)} rows/s (${fmt(INSERTS)} single-row inserts at concurrency ${CONCURRENCY})`,
        `  ratio                      ${fmt(rate / raw.perSecond, 3)} (ballots/s ÷ raw inserts/s)`,
        `  quorum                     ${results.decision.quorumReached ? 'reached' : 'not reached'}; participating weight ${fmt(sqlTally.participatingWeight)} of ${fmt(sqlTally.totalWeight)}`,
        `  mail sent                  ${fmt(stack.mailSent())} (notices, ballot receipts, results)`,
        ...(allCast
          ? []
          : ['  NOT ALL CAST: voting closed or refused ballots; see --notice-seconds / --voting-seconds']),
        `  tally: ${tallyOk ? 'ok' : 'MISMATCH'}`,
        '',
      ].join('\n'),
    );
    return tallyOk && allCast ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
