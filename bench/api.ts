// `npm run bench:api`: how fast the API serves the reads a national portal makes most, next to the
// same process's /healthz and to a bare Hono route. The API runs as a deployment runs it
// (`scripts/api.ts` as a child process, NODE_ENV=production, logs at info, tokens verified against
// a configured public key) over a database seeded with the demo district, on DATABASE_URL's server
// else an embedded PostgreSQL; the load (autocannon, 50 connections) comes from this process.
// Each target is warmed up, then measured for --seconds; /healthz is measured before and after
// the targets, and each target's share is of their mean, so drift on a shared machine cancels out.
//   npm run bench:api -- [--apartments 8100] [--appeals 300] [--connections 50] [--seconds 10]
//                        [--rounds 1] [--profile DIR] [--only building_card] [--pool N]
//                        [--node-options '--max-semi-space-size=64']
// --rounds repeats the measurements and reports medians; --profile writes the API's CPU profile
// (node --cpu-prof) into DIR; --only LABEL measures one read (with /healthz), to profile it alone. Exit 1 when a target answers anything but 200.
// --pool sets the API's DATABASE_POOL_MAX and --node-options its NODE_OPTIONS, to try either.
// Where /proc exists, each read also shows the CPU time per request of the API process, of the
// embedded PostgreSQL cluster and of this process (the load generator), the statements the API sent
// per request (bench/api-probe.ts counts them inside the API), and the rate a quiet machine would
// give from those CPU times: on a machine shared with other work, rates and latencies follow the
// neighbours, the CPU a request costs much less.
import { type ChildProcess, spawn } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import autocannon from 'autocannon';
import { loadDevTokenIssuer } from '../api/auth/dev-keys.ts';
import { createDatabase, dropDatabase, serverAddress, withDatabase } from '../db/database-url.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { DEMO_IDS } from '../db/seed/personas.ts';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/local-server.ts';
import { personaClaims, seedReadFixtures } from './api-data.ts';
import { positiveInt } from './args.ts';
import { postgresCpuMs } from './meter.ts';

const { values } = parseArgs({
  options: {
    apartments: { type: 'string', default: '8100' },
    appeals: { type: 'string', default: '300' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261124' },
    profile: { type: 'string' },
    only: { type: 'string' },
    pool: { type: 'string' },
    'node-options': { type: 'string' },
  },
});
const int = (name: Exclude<keyof typeof values, 'profile' | 'only' | 'pool' | 'node-options'>) =>
  positiveInt(values, name);
const CONNECTIONS = int('connections');
const SECONDS = int('seconds');
const WARMUP = int('warmup');
const ROUNDS = int('rounds');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const say = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Target {
  label: string;
  path: string;
  token?: string;
  /** The share of /healthz's rate this read must reach, and its p99 bound in ms. */
  minShare?: number;
  maxP99?: number;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  /** The server process's CPU time per request, µs; NaN where /proc cannot tell. */
  cpu: number;
  /** The PostgreSQL cluster's CPU time per request, µs; NaN unless the cluster is the embedded one. */
  pgCpu: number;
  /** This process's CPU time per request (the load generator's), µs. */
  loadCpu: number;
  /** Statements the API sent per request; NaN for a server without the probe. */
  statements: number;
}

/** User plus system CPU time of a process so far, in µs (Linux /proc; NaN elsewhere). */
function cpuTimeOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** USER_HZ: 100 on every Linux the project runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** What measure() reads besides the rate: the API child and the embedded cluster's directory. */
interface Probe {
  pid?: number;
  statements?: () => Promise<number>;
  postgresDir?: string;
}

async function measure(base: string, t: Target, seconds: number, probe: Probe = {}): Promise<Measured> {
  const cpuBefore = cpuTimeOf(probe.pid);
  const pgBefore = await postgresCpuMs(probe.postgresDir);
  const statementsBefore = probe.statements ? await probe.statements() : Number.NaN;
  const loadBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${base}${t.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: t.token ? { authorization: `Bearer ${t.token}` } : {},
  });
  const load = process.cpuUsage(loadBefore);
  const pgAfter = await postgresCpuMs(probe.postgresDir);
  const statementsAfter = probe.statements ? await probe.statements() : Number.NaN;
  const n = result.requests.total;
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0)
    throw new Error(`${t.label}: ${bad} of ${result.requests.total} requests failed or were not 2xx`);
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: result.requests.total ? result.throughput.total / result.requests.total : 0,
    cpu: (cpuTimeOf(probe.pid) - cpuBefore) / n,
    pgCpu: pgBefore === null || pgAfter === null ? Number.NaN : ((pgAfter - pgBefore) * 1000) / n,
    loadCpu: (load.user + load.system) / n,
    statements: (statementsAfter - statementsBefore) / n,
  };
}

/** Starts a server child and waits until `probe` answers 200; stop() ends it and waits for its exit. */
async function startChild(args: string[], env: NodeJS.ProcessEnv, probe: string) {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // The probe (bench/api-probe.ts) answers with the statements the child has sent so far.
  const statements = () =>
    new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(Number.NaN), 5_000);
      child.once('message', (m: { statements?: number }) => {
        clearTimeout(timer);
        resolve(typeof m?.statements === 'number' ? m.statements : Number.NaN);
      });
      child.send('statements');
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    const ok = await fetch(probe).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { stop, pid: child.pid, statements };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(' ')} did not answer ${probe} within 60 s`);
    }
    await sleep(200);
  }
}

async function main(): Promise<number> {
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-bench-api-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    // The embedded cluster is this run's alone, so its processes' CPU is the reads' (bench/meter.ts).
    let postgresDir: string | undefined;
    let admin = process.env.DATABASE_URL && withDatabase(process.env.DATABASE_URL, 'postgres');
    if (admin) say(`PostgreSQL at ${serverAddress(admin)} (DATABASE_URL)`);
    else {
      const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort() });
      stops.push(pg.stop);
      admin = pg.adminUrl;
      postgresDir = pg.dir;
      say(`PostgreSQL ${pg.version} at ${serverAddress(admin)} (embedded)`);
    }
    const name = `mu_bench_api_${process.pid}`;
    const databaseUrl = await createDatabase(admin, name);
    stops.push(() => dropDatabase(admin, name));

    say(`seeding ${values.apartments} apartments, a meeting and ${values.appeals} appeals`);
    const orm = await createOrm({ url: databaseUrl, poolMax: 2 });
    const issuer = await loadDevTokenIssuer(dataDir);
    let tokens: { resident: string; council: string };
    let fixtures: Awaited<ReturnType<typeof seedReadFixtures>>;
    try {
      await migrateUp(orm);
      await seedDemo(orm, { seed: int('seed'), apartments: int('apartments') });
      const em = orm.em.fork() as EntityManager;
      fixtures = await seedReadFixtures(em, int('appeals'));
      tokens = {
        resident: await issuer.sign((await personaClaims(em, DEMO_IDS.users.resident)).claims),
        council: await issuer.sign((await personaClaims(em, DEMO_IDS.users.council)).claims),
      };
      await em.execute('vacuum analyze');
    } finally {
      await orm.close();
    }

    const all: Target[] = [
      {
        label: 'building_card',
        path: `/api/v1/buildings/${fixtures.buildingId}`,
        token: tokens.resident,
        minShare: 0.25,
        maxP99: 20,
      },
      {
        label: 'meeting_view',
        path: `/api/v1/meetings/${fixtures.meetingId}`,
        token: tokens.resident,
        minShare: 0.25,
        maxP99: 20,
      },
      {
        label: 'appeals_board',
        path: `/api/v1/appeals/board?districtId=${fixtures.districtId}`,
        token: tokens.council,
        minShare: 0.1,
      },
      {
        label: 'buildings_page',
        path: '/api/v1/buildings?page=1&pageSize=20',
        token: tokens.council,
        minShare: 0.1,
      },
    ];
    const targets = all.filter((t) => !values.only || t.label === values.only);
    if (targets.length === 0) throw new Error(`--only: no read named ${values.only}`);
    const healthz: Target = { label: 'healthz', path: '/healthz' };
    const bare: Target = { label: 'bare_hono', path: '/' };
    const runs = new Map<string, Measured[]>();
    const record = (label: string, m: Measured) => runs.set(label, [...(runs.get(label) ?? []), m]);

    for (let round = 1; round <= ROUNDS; round++) {
      const barePort = await freePort();
      const bareBase = `http://127.0.0.1:${barePort}`;
      const bareServer = await startChild(
        ['bench/bare-hono.ts', String(barePort)],
        { PATH: process.env.PATH },
        bareBase,
      );
      try {
        await measure(bareBase, bare, WARMUP);
        record(bare.label, await measure(bareBase, bare, SECONDS, { pid: bareServer.pid }));
      } finally {
        await bareServer.stop();
      }

      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const pem = createPublicKey({ key: issuer.publicJwk, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      });
      const env = {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        DATABASE_URL: databaseUrl,
        JWT_PUBLIC_KEY: String(pem),
        // Reads never reach Temporal; the client connects lazily, so nothing needs to listen here.
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        ...(values.pool ? { DATABASE_POOL_MAX: values.pool } : {}),
        ...(values['node-options'] ? { NODE_OPTIONS: values['node-options'] } : {}),
      };
      const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
      const server = await startChild(
        [...profile, '--import', './bench/api-probe.ts', 'scripts/api.ts'],
        env,
        `${base}/healthz`,
      );
      const probe: Probe = { pid: server.pid, statements: server.statements, postgresDir };
      try {
        for (const t of targets) {
          const res = await fetch(`${base}${t.path}`, { headers: { authorization: `Bearer ${t.token}` } });
          if (res.status !== 200) throw new Error(`${t.label}: ${res.status} ${await res.text()}`);
        }
        await measure(base, healthz, WARMUP);
        const before = await measure(base, healthz, SECONDS, probe);
        for (const t of targets) {
          await measure(base, t, WARMUP);
          record(t.label, await measure(base, t, SECONDS, probe));
        }
        const after = await measure(base, healthz, SECONDS, probe);
        record(healthz.label, {
          rps: (before.rps + after.rps) / 2,
          p50: Math.max(before.p50, after.p50),
          p99: Math.max(before.p99, after.p99),
          bytes: before.bytes,
          cpu: (before.cpu + after.cpu) / 2,
          pgCpu: (before.pgCpu + after.pgCpu) / 2,
          loadCpu: (before.loadCpu + after.loadCpu) / 2,
          statements: (before.statements + after.statements) / 2,
        });
      } finally {
        await server.stop();
      }
      say(`round ${round} of ${ROUNDS} done`);
    }

    const med = (label: string, key: keyof Measured) => median(runs.get(label)!.map((m) => m[key]));
    const health = med('healthz', 'rps');
    const lines: string[] = [''];
    // The rate a quiet machine would give from the CPU each request costs, which load moves much less
    // than it moves rates: the API's one thread holds at most one core, and the API, PostgreSQL and
    // the load generator together at most all of them. Kernel work between them is in their times.
    const projected = (label: string) => {
      const [api, pgCpu, load] = [med(label, 'cpu'), med(label, 'pgCpu'), med(label, 'loadCpu')];
      if (Number.isNaN(api)) return Number.NaN;
      // A server not ours to read (DATABASE_URL) leaves the database's share unknown.
      if (Number.isNaN(pgCpu) && med(label, 'statements') !== 0) return Number.NaN;
      const pgOr0 = Number.isNaN(pgCpu) ? 0 : pgCpu;
      return Math.min(1e6 / api, (os.availableParallelism() * 1e6) / (api + pgOr0 + load));
    };
    const cpu = (label: string) =>
      (Number.isNaN(med(label, 'cpu')) ? '' : `  API ${fmt(med(label, 'cpu')).padStart(4)} µs`) +
      (Number.isNaN(med(label, 'pgCpu')) ? '' : `  PG ${fmt(med(label, 'pgCpu')).padStart(4)} µs`) +
      (Number.isNaN(med(label, 'statements')) ? '' : `  ${fmt(med(label, 'statements'), 2)} stmt`);
    const row = (label: string, extra = '') =>
      `  ${label.padEnd(16)} ${fmt(med(label, 'rps')).padStart(7)} req/s  p50 ${fmt(med(label, 'p50'), 1).padStart(5)} ms  p99 ${fmt(med(label, 'p99'), 1).padStart(5)} ms  ${fmt(med(label, 'bytes')).padStart(5)} B${cpu(label)}${extra}`;
    lines.push(`  ${CONNECTIONS} connections, ${SECONDS} s per read, median of ${ROUNDS} round(s)`);
    lines.push(row('bare_hono'), row('healthz'));
    let met = true;
    for (const t of targets) {
      const share = med(t.label, 'rps') / health;
      const ok = share >= (t.minShare ?? 0) && med(t.label, 'p99') <= (t.maxP99 ?? Number.POSITIVE_INFINITY);
      met &&= ok;
      const goal = `≥ ${fmt((t.minShare ?? 0) * 100)} %${t.maxP99 ? `, p99 ≤ ${t.maxP99} ms` : ''}`;
      lines.push(
        row(
          t.label,
          `  ${fmt(share * 100, 1).padStart(5)} % of healthz (target ${goal}) ${ok ? 'met' : 'MISSED'}`,
        ),
      );
    }
    lines.push('');
    for (const label of ['bare_hono', 'healthz', ...targets.map((t) => t.label)]) {
      lines.push(`${label}_rps  ${Math.round(med(label, 'rps'))} req/s`);
      lines.push(`${label}_p50  ${med(label, 'p50').toFixed(1)} ms`);
      lines.push(`${label}_p99  ${med(label, 'p99').toFixed(1)} ms`);
      if (!Number.isNaN(med(label, 'cpu'))) lines.push(`${label}_cpu  ${med(label, 'cpu').toFixed(0)} µs`);
      if (!Number.isNaN(med(label, 'pgCpu')))
        lines.push(`${label}_pg_cpu  ${med(label, 'pgCpu').toFixed(0)} µs`);
      lines.push(`${label}_load_cpu  ${med(label, 'loadCpu').toFixed(0)} µs`);
      if (!Number.isNaN(med(label, 'statements')))
        lines.push(`${label}_statements  ${med(label, 'statements').toFixed(2)} per_request`);
      const quiet = projected(label);
      if (!Number.isNaN(quiet)) lines.push(`${label}_projected_rps  ${Math.round(quiet)} req/s`);
      if (!Number.isNaN(quiet) && label !== 'bare_hono' && label !== 'healthz')
        lines.push(`${label}_projected_share  ${((quiet / projected('healthz')) * 100).toFixed(1)} %`);
      if (label !== 'bare_hono' && label !== 'healthz')
        lines.push(`${label}_share  ${((med(label, 'rps') / health) * 100).toFixed(1)} %`);
    }
    lines.push(`targets  ${met ? 'met' : 'missed'} -`);
    console.log(lines.join('\n'));
    return 0;
  } finally {
    for (const s of stops.reverse()) await s().catch((err) => say(`cleanup: ${String(err)}`));
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
