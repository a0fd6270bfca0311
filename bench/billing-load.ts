// The Payme side of bench/billing-payments.ts, in a worker thread of its own: the sandbox's HTTP
// client (fetch, JSON) costs about as much CPU as the API it calls, so on the main thread it would
// hide in the API's figure. Here the main thread's CPU (process.threadCpuUsage) is the API's alone.
import { parentPort, workerData } from 'node:worker_threads';
import { PAYME_ACCOUNT_FIELD } from '../domain/billing/payme-request.ts';
import { startPaymeSandbox } from '../platform/payments/payme-sandbox.ts';

export interface LoadRun {
  kind: 'baseline' | 'pay';
  concurrency: number;
  /** baseline: how many CheckTransaction calls; pay: one payment per owner. */
  count: number;
  owners?: { account: string; amount: number }[];
}

export interface LoadResult {
  seconds: number;
  /** Each call's or payment's milliseconds, ascending. */
  sorted: number[];
  /** At most five refusals, described. */
  errors: string[];
  /** This worker thread's CPU ms over the run: the sandbox's side of every call. */
  cpuMs: number;
  /**
   * pay: each JSON-RPC call's milliseconds (three a payment), ascending: what Payme itself times
   * out on and measures, while `sorted` holds each payment's three calls together.
   */
  calls?: number[];
  /** pay: the same calls by method (Check, Create, Perform), each ascending: which one is slow. */
  byMethod?: Record<string, number[]>;
}

/** Runs `work(i)` for i < count with `concurrency` in flight; each one's milliseconds. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  const ms: number[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await work(i);
        ms[i] = performance.now() - t;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, sorted: ms.sort((a, b) => a - b) };
}

const { merchantUrl, key } = workerData as { merchantUrl: string; key: string };
const payme = await startPaymeSandbox({ merchantUrl, key });

let calls: number[] = [];
let byMethod: Record<string, number[]> = {};
/** One call, timed alone. */
async function timedCall(method: string, params: Record<string, unknown>) {
  const t = performance.now();
  const reply = await payme.call(method, params);
  const ms = performance.now() - t;
  calls.push(ms);
  const times = byMethod[method] ?? [];
  times.push(ms);
  byMethod[method] = times;
  return reply;
}
/** The sandbox's pay (Check, Create, Perform), each call timed. */
async function pay({ account, amount }: { account: string; amount: number }) {
  const fields = { [PAYME_ACCOUNT_FIELD]: account };
  const check = await timedCall('CheckPerformTransaction', { amount, account: fields });
  if (check.error) return check;
  const id = payme.newId();
  const created = await timedCall('CreateTransaction', { id, time: Date.now(), amount, account: fields });
  if (created.error) return created;
  return timedCall('PerformTransaction', { id });
}

parentPort!.on('message', async (run: LoadRun | 'close') => {
  if (run === 'close') {
    await payme.close();
    parentPort!.close();
    return;
  }
  const errors: string[] = [];
  const fail = (what: string) => {
    if (errors.length < 5) errors.push(what);
  };
  const cpu = process.threadCpuUsage();
  const timed =
    run.kind === 'baseline'
      ? await pool(run.count, run.concurrency, async () => {
          const r = await payme.call('CheckTransaction', { id: 'not-a-transaction' });
          if (r.error?.code !== -31003) fail(`CheckTransaction answered ${JSON.stringify(r)}`);
        })
      : await pool(run.count, run.concurrency, async (i) => {
          const r = await pay(run.owners![i]!);
          if (r.result?.state !== 2) fail(`payment ${i} answered ${JSON.stringify(r)}`);
        });
  const used = process.threadCpuUsage(cpu);
  parentPort!.postMessage({
    ...timed,
    ...(run.kind === 'pay'
      ? {
          calls: calls.sort((a, b) => a - b),
          byMethod: Object.fromEntries(
            Object.entries(byMethod).map(([m, ms]) => [m, ms.sort((a, b) => a - b)]),
          ),
        }
      : {}),
    errors,
    cpuMs: (used.user + used.system) / 1000,
  } satisfies LoadResult);
  calls = [];
  byMethod = {};
});
parentPort!.postMessage('ready');
