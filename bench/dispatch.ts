// `npm run bench:dispatch`: dispatch intake at load through the HTTP API on the real stack
// (bench/stack.ts: embedded PostgreSQL or DATABASE_URL's server, a Temporal dev server, the
// production worker and API with the committed triage model). `--requests` requests at
// `--concurrency`, half a resident's report from their own apartment, half a dispatcher's phone
// call, their texts drawn from the held-out set (domain/dispatch/dataset/heldout.jsonl; the model
// never saw it). Every request is triaged, checked for duplicates and mass incidents, stored and
// starts its workflow, as in production. It prints requests/s and p50/p99 latency; the triage alone
// on the same texts in this process (p50/p99); the dispatch workflows started per second during the
// load next to a trivial workflow started on the same dev server in the same run (its start rate at
// the same concurrency, before and after the load), so their ratio shows what a dispatch request
// costs beyond the start itself.
// Exit 1 when any request is not answered 201 or a request's workflow did not start.
//   npm run bench:dispatch -- [--requests 10000] [--concurrency 50] [--apartments 4000] [--bare 1000]
// Wall-clock rates follow whatever else the machine runs; the per-request CPU and statement
// figures (bench/meter.ts) do not. The API, the worker and the load share this process's thread,
// so its CPU per request is theirs together.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from '@temporalio/worker';
import pg from 'pg';
import { triageText } from '../api/dispatch/triage.ts';
import { DEFAULT_DISPATCH_POLICY } from '../domain/dispatch/policy.ts';
import { connectWorkerConnection } from '../platform/temporal.ts';
import { loadTriageModel } from '../platform/triage/model.ts';
import { dispatchRequestWorkflow } from '../workflows/dispatch/contract.ts';
import { positiveInt } from './args.ts';
import { percentile, pool } from './load.ts';
import { meter, perOperation } from './meter.ts';
import { type Stack, startStack } from './stack.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '50' },
    apartments: { type: 'string', default: '4000' },
    bare: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    seed: { type: 'string', default: '20261206' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const REQUESTS = int('requests');
const CONCURRENCY = int('concurrency');
const BARE = int('bare');
const WARMUP = int('warmup');
const say = (line: string) => console.error(`[bench] ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** A small deterministic generator, so two runs send the same requests. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HELDOUT = fileURLToPath(new URL('../domain/dispatch/dataset/heldout.jsonl', import.meta.url));
const texts: string[] = readFileSync(HELDOUT, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

interface Job {
  path: '/api/v1/dispatch/requests' | '/api/v1/dispatch/calls';
  token: string;
  body: Record<string, unknown>;
}

/** Owners of managed apartments (reports from home) and each organization's dispatcher (phone calls). */
async function jobsFor(stack: Stack, n: number, rnd: () => number): Promise<Job[]> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const owners = await db
    .query<{ person_id: string; apartment_id: string; building_id: string; org: string }>(
      `select o.person_id, o.apartment_id, a.building_id, b.management_organization_id as org
         from ownership o join apartment a on a.id = o.apartment_id join building b on b.id = a.building_id
        where b.management_organization_id is not null order by o.apartment_id, o.person_id`,
    )
    .finally(() => db.end());
  if (owners.rows.length === 0) throw new Error('the seed has no owner of a managed apartment');
  const sign = (sub: string, roles: string[], claims: { pid?: string; org?: string }) =>
    stack.issuer.sign({
      sub,
      name: `Bench ${roles[0]}`,
      pid: claims.pid ?? null,
      roles,
      org: claims.org ?? null,
      district: null,
    });
  const residents = new Map<string, string>();
  const dispatchers = new Map<string, string>();
  const jobs: Job[] = [];
  for (let i = 0; i < n; i++) {
    const o = owners.rows[Math.floor(rnd() * owners.rows.length)]!;
    const text = texts[Math.floor(rnd() * texts.length)]!;
    if (i % 2 === 0) {
      let token = residents.get(o.person_id);
      if (!token) {
        token = await sign(randomUUID(), ['resident'], { pid: o.person_id });
        residents.set(o.person_id, token);
      }
      jobs.push({ path: '/api/v1/dispatch/requests', token, body: { apartmentId: o.apartment_id, text } });
    } else {
      let token = dispatchers.get(o.org);
      if (!token) {
        token = await sign(randomUUID(), ['management_company'], { org: o.org });
        dispatchers.set(o.org, token);
      }
      const answeredAt = Date.now() - Math.floor(rnd() * 60_000);
      jobs.push({
        path: '/api/v1/dispatch/calls',
        token,
        body: {
          buildingId: o.building_id,
          apartmentId: o.apartment_id,
          text,
          callReceivedAt: new Date(answeredAt - Math.floor(rnd() * 600_000)).toISOString(),
          callAnsweredAt: new Date(answeredAt).toISOString(),
        },
      });
    }
  }
  say(
    `${fmt(n)} requests: ${fmt(residents.size)} residents, ${fmt(dispatchers.size)} organizations' dispatchers, ${texts.length} held-out texts`,
  );
  return jobs;
}

interface Sent {
  latencies: number[];
  refused: Map<string, number>;
  created: number;
  ms: number;
}

async function send(stack: Stack, jobs: Job[]): Promise<Sent> {
  const latencies: number[] = [];
  const refused = new Map<string, number>();
  let created = 0;
  const ms = await pool(jobs, CONCURRENCY, async (job) => {
    const started = performance.now();
    const res = await fetch(`${stack.apiUrl}${job.path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${job.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `bench-${randomUUID()}`,
      },
      body: JSON.stringify(job.body),
    });
    const text = await res.text();
    latencies.push(performance.now() - started);
    if (res.status === 201) created++;
    else {
      const why = `${res.status} ${text.slice(0, 200)}`;
      refused.set(why, (refused.get(why) ?? 0) + 1);
    }
  });
  latencies.sort((a, b) => a - b);
  return { latencies, refused, created, ms };
}

/** The triage of the same texts in this process: the model and the emergency rules, nothing else. */
function triageAlone(jobs: Job[]): number[] {
  const model = loadTriageModel();
  const policy = DEFAULT_DISPATCH_POLICY;
  // The first call loads the model; a few more warm the code paths.
  for (const t of texts.slice(0, 50)) triageText(model, t, policy);
  const micros = jobs.map((j) => {
    const started = performance.now();
    triageText(model, j.body.text as string, policy);
    return (performance.now() - started) * 1000;
  });
  return micros.sort((a, b) => a - b);
}

/** A worker for the trivial workflow on the same dev server, and `n` starts of it at the bench's concurrency. */
async function bareWorkflow(stack: Stack) {
  const taskQueue = `bench-noop-${randomUUID()}`;
  const connection = await connectWorkerConnection(stack.config, stack.temporalAddress);
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./dispatch-noop.ts', import.meta.url)),
  });
  const running = worker.run();
  let stopped = false;
  return {
    async starts(n: number) {
      const latencies: number[] = [];
      const failures = new Map<string, number>();
      const ids = Array.from({ length: n }, () => `bench-noop:${randomUUID()}`);
      // A start the loaded dev server refuses or times out is counted, not thrown: the other
      // starts in flight must finish before the stack may close the connection under them.
      const ms = await pool(ids, CONCURRENCY, async (workflowId) => {
        const started = performance.now();
        try {
          await stack.client.workflow.start('benchNoop', { taskQueue, workflowId, args: [] });
          latencies.push(performance.now() - started);
        } catch (err) {
          const why = String(err).slice(0, 160);
          failures.set(why, (failures.get(why) ?? 0) + 1);
        }
      });
      for (const [why, count] of failures) say(`bare start failed ${count}×: ${why}`);
      return { perSecond: (latencies.length / ms) * 1000, latencies, failed: n - latencies.length };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}

/** Dispatch request workflows the dev server has started since `since` (visibility lags a little). */
async function dispatchStarts(stack: Stack, since: Date, expected: number): Promise<number> {
  const query = `WorkflowType = '${dispatchRequestWorkflow.name}' AND StartTime >= '${since.toISOString()}'`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { count } = await stack.client.workflow.count(query);
    if (count >= expected || Date.now() > deadline) return count;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<number> {
  const stack = await startStack({
    adminUrl: process.env.DATABASE_URL || undefined,
    apartments: int('apartments'),
    seed: int('seed'),
    policy: {},
    apiPoolMax: CONCURRENCY,
    say,
  });
  let bareFlow: Awaited<ReturnType<typeof bareWorkflow>> | undefined;
  try {
    const rnd = random(int('seed'));
    const warm = await jobsFor(stack, WARMUP, rnd);
    const jobs = await jobsFor(stack, REQUESTS, rnd);
    bareFlow = await bareWorkflow(stack);
    say(`bare workflow before the load: ${fmt(BARE)} starts at concurrency ${CONCURRENCY}`);
    const bareBefore = await bareFlow.starts(BARE);
    say(`warming up with ${fmt(WARMUP)} requests`);
    const warmed = await send(stack, warm);
    if (warmed.created !== WARMUP) throw new Error(`warm-up: ${[...warmed.refused.keys()].join('; ')}`);

    say(`sending ${fmt(REQUESTS)} requests at concurrency ${CONCURRENCY}`);
    const since = new Date(Date.now() - 1000);
    const done = await meter();
    const sent = await send(stack, jobs);
    const used = await done();
    const rate = (sent.created / sent.ms) * 1000;
    for (const [why, n] of sent.refused) say(`refused ${n}×: ${why}`);
    const started = await dispatchStarts(stack, since, sent.created);

    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const [stored] = (
      await db
        .query<{ p50: number; p99: number; queued: number; mass: number }>(
          `select percentile_cont(0.5) within group (order by t.latency_micros) as p50,
                  percentile_cont(0.99) within group (order by t.latency_micros) as p99,
                  (select count(*)::int from dispatch_request where needs_confirmation) as queued,
                  (select count(*)::int from dispatch_mass_incident) as mass
             from dispatch_triage t`,
        )
        .finally(() => db.end())
    ).rows;

    say('triage alone on the same texts, in this process');
    const alone = triageAlone(jobs);
    say(`bare workflow after the load: ${fmt(BARE)} starts at concurrency ${CONCURRENCY}`);
    const bareAfter = await bareFlow.starts(BARE);
    await bareFlow.stop();
    // Measured before and after the load, as bench:api measures /healthz: drift on a shared machine
    // and the dispatch workflows still settling after the load fall on both sides.
    const bareLatencies = [...bareBefore.latencies, ...bareAfter.latencies].sort((a, b) => a - b);
    const bare = { perSecond: (bareBefore.perSecond + bareAfter.perSecond) / 2, latencies: bareLatencies };
    const bareFailed = bareBefore.failed + bareAfter.failed;
    const startRate = (started / sent.ms) * 1000;

    const lines = [
      '',
      `  ${fmt(sent.created)} of ${fmt(REQUESTS)} requests registered in ${fmt(sent.ms / 1000, 1)} s at concurrency ${CONCURRENCY}`,
      `  throughput            ${fmt(rate, 1)} requests/s, p50 ${fmt(percentile(sent.latencies, 50), 1)} ms, p99 ${fmt(percentile(sent.latencies, 99), 1)} ms`,
      `  triage alone          p50 ${fmt(percentile(alone, 50))} µs, p99 ${fmt(percentile(alone, 99))} µs (in the API: p50 ${fmt(Number(stored?.p50))} µs, p99 ${fmt(Number(stored?.p99))} µs)`,
      `  workflow starts       dispatch ${fmt(startRate, 1)}/s during the load, bare ${fmt(bare.perSecond, 1)}/s alone (${fmt(bareBefore.perSecond, 1)} before, ${fmt(bareAfter.perSecond, 1)} after; dispatch is ${fmt((startRate / bare.perSecond) * 100, 1)} % of it)`,
      `  queued for a person   ${fmt(Number(stored?.queued))}, mass incidents opened ${fmt(Number(stored?.mass))}`,
      '',
      `requests  ${REQUESTS} count`,
      `concurrency  ${CONCURRENCY} count`,
      `dispatch_rps  ${rate.toFixed(1)} req/s`,
      `dispatch_p50  ${percentile(sent.latencies, 50).toFixed(1)} ms`,
      `dispatch_p99  ${percentile(sent.latencies, 99).toFixed(1)} ms`,
      `triage_p50  ${percentile(alone, 50).toFixed(0)} µs`,
      `triage_p99  ${percentile(alone, 99).toFixed(0)} µs`,
      `triage_api_p50  ${Number(stored?.p50).toFixed(0)} µs`,
      `triage_api_p99  ${Number(stored?.p99).toFixed(0)} µs`,
      `dispatch_workflow_starts  ${startRate.toFixed(1)} starts/s`,
      `bare_workflow_starts  ${bare.perSecond.toFixed(1)} starts/s`,
      `bare_workflow_starts_before  ${bareBefore.perSecond.toFixed(1)} starts/s`,
      `bare_workflow_starts_after  ${bareAfter.perSecond.toFixed(1)} starts/s`,
      `bare_workflow_start_p50  ${percentile(bare.latencies, 50).toFixed(1)} ms`,
      `bare_workflow_start_p99  ${percentile(bare.latencies, 99).toFixed(1)} ms`,
      `bare_workflow_start_failures  ${bareFailed} count`,
      `workflow_start_ratio  ${((startRate / bare.perSecond) * 100).toFixed(1)} %`,
      `needs_confirmation  ${Number(stored?.queued)} count`,
      `mass_incidents  ${Number(stored?.mass)} count`,
      ...perOperation('dispatch', used, Math.max(1, sent.created), 'request'),
    ];
    console.log(lines.join('\n'));
    if (sent.created !== REQUESTS) {
      say(`${REQUESTS - sent.created} requests were not registered`);
      return 1;
    }
    if (started !== REQUESTS) {
      say(`${started} workflows started for ${REQUESTS} requests`);
      return 1;
    }
    return 0;
  } finally {
    await bareFlow?.stop();
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
