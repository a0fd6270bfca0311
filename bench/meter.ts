// Load-independent figures for a benchmark phase: the CPU this thread spent (the API, when the
// load comes from a worker thread), the CPU the PostgreSQL cluster's processes spent, and how many
// statements and transactions the pg driver sent. Wall-clock rates on a shared machine are noise;
// these are not.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import pg from 'pg';

let statements = 0;
let transactions = 0;
let counting = false;

/** Counts every statement any pg client of this thread sends (the ORM's pool included). */
function countStatements() {
  if (counting) return;
  counting = true;
  const query = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only counts.
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    statements++;
    const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    if (typeof text === 'string' && /^\s*(begin|start transaction)/i.test(text)) transactions++;
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    return (query as (...a: any[]) => any).apply(this, args);
  } as typeof query;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU ms of the postmaster whose data directory is `dir` and of every process it started, those
 * still running and (through the postmaster's reaped-children times) those that exited, such as
 * autovacuum workers; `background` is the part that is not a client backend's.
 */
async function postgresCpu(dir: string | undefined): Promise<{ total: number; background: number } | null> {
  if (!dir) return null;
  let postmaster: number;
  try {
    postmaster = Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return null;
  }
  let ticks = 0;
  let background = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    let title: string;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      title = await readFile(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // The fields after the command's closing parenthesis: state ppid … utime stime cutime cstime
    // (14th to 17th).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) === postmaster) {
      const own = Number(f[11]) + Number(f[12]);
      const reaped = Number(f[13]) + Number(f[14]);
      ticks += own + reaped;
      background += own + reaped;
    } else if (Number(f[1]) === postmaster) {
      const used = Number(f[11]) + Number(f[12]);
      ticks += used;
      if (BACKGROUND.test(title)) background += used;
    }
  }
  return { total: ticks * TICK_MS, background: background * TICK_MS };
}

/** The process titles of PostgreSQL's own processes, as opposed to client backends. */
const BACKGROUND =
  /^postgres: (checkpointer|background writer|walwriter|autovacuum|logical replication|io worker)/;

/** CPU ms of the cluster whose data directory is `dir` (postgresCpu's total). */
export async function postgresCpuMs(dir: string | undefined): Promise<number | null> {
  return (await postgresCpu(dir))?.total ?? null;
}

export interface Measured {
  /** This thread's CPU ms (user + system). */
  cpuMs: number;
  /** The cluster's CPU ms, or null when it is not ours to read. */
  postgresCpuMs: number | null;
  /** Of it, its own processes' (autovacuum, checkpoints, WAL writing) and those that exited. */
  postgresBackgroundCpuMs: number | null;
  statements: number;
  transactions: number;
}

/** Starts measuring; the function it returns ends the phase with its totals. */
export async function meter(postgresDir?: string): Promise<() => Promise<Measured>> {
  countStatements();
  const cpu = process.threadCpuUsage();
  const pgCpu = await postgresCpu(postgresDir);
  const [s, t] = [statements, transactions];
  return async () => {
    const used = process.threadCpuUsage(cpu);
    const pgNow = await postgresCpu(postgresDir);
    return {
      cpuMs: (used.user + used.system) / 1000,
      postgresCpuMs: pgCpu === null || pgNow === null ? null : pgNow.total - pgCpu.total,
      postgresBackgroundCpuMs: pgCpu === null || pgNow === null ? null : pgNow.background - pgCpu.background,
      statements: statements - s,
      transactions: transactions - t,
    };
  };
}

/** A phase's figures per operation, as the benchmarks' `label value unit` lines. */
export function perOperation(label: string, m: Measured, n: number, unit: string): string[] {
  const pad = (s: string) => s.padEnd(24);
  return [
    `${pad(`${label} API CPU`)}${(m.cpuMs / n).toFixed(2)} ms/${unit}`,
    ...(m.postgresCpuMs === null
      ? []
      : [
          `${pad(`${label} PG CPU`)}${(m.postgresCpuMs / n).toFixed(2)} ms/${unit}`,
          `${pad(`${label} PG bg CPU`)}${((m.postgresBackgroundCpuMs ?? 0) / n).toFixed(2)} ms/${unit} (of PG CPU: autovacuum, checkpoints, WAL writer, exited processes)`,
        ]),
    `${pad(`${label} statements`)}${(m.statements / n).toFixed(2)} statements/${unit}`,
    `${pad(`${label} transactions`)}${(m.transactions / n).toFixed(2)} transactions/${unit}`,
  ];
}

/**
 * With a file name (BENCH_PROFILE), a V8 CPU profile of this thread from now until the returned
 * function is called, written there (open it in Chrome's DevTools); without one, nothing.
 */
export async function profile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}
