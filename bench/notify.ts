// `npm run bench:notify`: email through the outbox at mailing volume, on a throwaway embedded
// PostgreSQL and a local SMTP sink in a process of its own (bench/smtp-sink.ts, which records the
// Message-ID of every message it accepts). In one run:
//   1. baseline: nodemailer's own pooled transport straight to the sink, nothing else;
//   2. `--messages` meeting notices queued (enqueueMail, as a mailing does) while the real outbox
//      dispatcher drains them: messages/s, p99 queued-to-accepted, duplicates at the sink;
//   3. a `--lot` of notices (one lot's owners): time from the first queued to the last accepted;
//   4. `--restart-messages` queued, the sink killed (SIGKILL) a third of the way and started again
//      on the same port: every message accepted, none twice;
//   5. `--owners` owners with mixed preferences sent one legal notice through notifications (`notify`):
//      Telegram to the local Bot API server (its limits enforced), SMS to the local gateway, email
//      through the outbox to the sink; 6. the raw transports alone (bench/notify-channels.ts).
// `--phases email` or `--phases channels` runs one part (the nodemailer baseline always runs).
// CPU time of this process per message is the figure to compare across machines and load (the
// machine is shared); wall-clock rates are context.
//   npm run bench:notify -- [--messages 20000] [--lot 7000] [--baseline 5000] [--restart-messages 10000]
// The pool and dispatcher read SMTP_MAX_CONNECTIONS, SMTP_MAX_MESSAGES and MAIL_OUTBOX_* as in production.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startOutboxDispatcher } from '../activities/mail/dispatcher.ts';
import { messageIdFor, type SendMailInput } from '../activities/mail/send-mail.ts';
import { icsAttachment } from '../activities/meetings/ics.ts';
import { renderMeetingNotice } from '../activities/meetings/templates.ts';
import { createDatabase, withDatabase } from '../db/database-url.ts';
import { enqueueMail } from '../db/mail/outbox.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { loadConfig } from '../platform/config.ts';
import { startScratchPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/local-server.ts';
import { createMailer } from '../platform/mail.ts';
import { positiveInt } from './args.ts';
import { benchChannels } from './notify-channels.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    lot: { type: 'string', default: '7000' },
    baseline: { type: 'string', default: '5000' },
    'restart-messages': { type: 'string', default: '10000' },
    owners: { type: 'string', default: '7000' },
    'sms-baseline': { type: 'string', default: '2000' },
    /** Which parts to run: email (phases 1 to 4), channels (5 and 6), or both. */
    phases: { type: 'string', default: 'email,channels' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const MESSAGES = int('messages');
const LOT = int('lot');
const BASELINE = int('baseline');
const RESTART = int('restart-messages');
const OWNERS = int('owners');
const SMS_BASELINE = int('sms-baseline');
const PHASES = new Set(values.phases!.split(','));
/** Rows per enqueue statement: the meeting notice activity's page of owners. */
const ENQUEUE_CHUNK = 500;

const say = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const results: [string, string, string][] = [];
const result = (label: string, value: number, unit: string, digits = 0) => {
  results.push([label, value.toFixed(digits), unit]);
  say(`${label}: ${value.toFixed(digits)} ${unit}`);
};

const envKeys = [
  'SMTP_MAX_CONNECTIONS',
  'SMTP_MAX_MESSAGES',
  'MAIL_OUTBOX_BATCH',
  'MAIL_OUTBOX_CONCURRENCY',
  'MAIL_OUTBOX_LEASE_MS',
  'MAIL_OUTBOX_RETRY_MS',
  'NOTIFICATIONS_POLICY',
];
const config = loadConfig(
  Object.fromEntries(envKeys.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
);
const FROM = config.mail.from;

// ---- the sink, a child process that can be killed -------------------------------------------------

const sinkScript = fileURLToPath(new URL('./smtp-sink.ts', import.meta.url));
const work = await mkdtemp(path.join(os.tmpdir(), 'mu-bench-notify-'));
const recordFile = path.join(work, 'accepted.txt');
let sinkProcess: ChildProcess | undefined;

async function startSink(port: number): Promise<void> {
  const child = spawn(process.execPath, [sinkScript, String(port), recordFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  sinkProcess = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/listening \d+/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code}) before listening`)));
  });
}
function killSink(signal: NodeJS.Signals): Promise<void> {
  const child = sinkProcess;
  sinkProcess = undefined;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
/** Message-IDs the sink accepted, with how many times each. */
function accepted(): Map<string, number> {
  const seen = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(recordFile, 'utf8');
  } catch {
    return seen;
  }
  for (const id of text.split('\n')) if (id) seen.set(id, (seen.get(id) ?? 0) + 1);
  return seen;
}

// ---- what is sent: a real meeting notice, with its calendar entry -----------------------------------

const opensAt = new Date('2027-03-01T05:00:00Z');
const closesAt = new Date('2027-03-15T13:00:00Z');
const meetingId = '6f1c1c3e-5b0a-4c65-9f6e-0d2a8b1e7a11';
const notice = renderMeetingNotice('uz', 'notice', {
  meetingId,
  title: 'Uy-joy mulkdorlarining umumiy yigʻilishi',
  form: 'absentee',
  attempt: 1,
  initiatorName: 'Obod Uy XUJMSH',
  addresses: ['Toshkent, Amir Temur koʻchasi, 1-uy', 'Toshkent, Amir Temur koʻchasi, 3-uy'],
  votingOpensAt: opensAt,
  votingClosesAt: closesAt,
  agenda: [
    { id: 'a1', position: 1, title: 'Tom taʼmiri smetasini tasdiqlash' },
    { id: 'a2', position: 2, title: 'Boshqaruv tashkilotini saylash' },
    { id: 'a3', position: 3, title: 'Oylik badal miqdori' },
  ],
  materialsUrl: `https://portal.meninguyim.uz/?open=meeting:${meetingId}`,
});
const ics = icsAttachment({
  meetingId,
  title: 'Uy-joy mulkdorlarining umumiy yigʻilishi',
  description: '1. Tom taʼmiri smetasini tasdiqlash',
  url: `https://portal.meninguyim.uz/?open=meeting:${meetingId}`,
  votingOpensAt: opensAt,
  votingClosesAt: closesAt,
  sequence: 0,
});
const mail = (key: string, i: number): SendMailInput => ({
  idempotencyKey: key,
  to: `owner-${i}@example.uz`,
  subject: notice.subject,
  text: notice.text,
  html: notice.html,
  attachments: [ics],
});

// ---- the run ---------------------------------------------------------------------------------------

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

const pg = await startScratchPostgres();
const url = withDatabase(pg.adminUrl, 'mu_bench_notify');
await createDatabase(withDatabase(pg.adminUrl, 'postgres'), 'mu_bench_notify');
const orm = await createOrm({ url, poolMax: 6 });
const port = await freePort();
const sinkUrl = `smtp://127.0.0.1:${port}`;
const mailers: { close(): void }[] = [];
let dispatcher: ReturnType<typeof startOutboxDispatcher> | undefined;

try {
  await migrateUp(orm);
  await startSink(port);
  say(
    `PostgreSQL ${pg.version}, SMTP sink on ${port}; pool ${config.mail.maxConnections} connections × ` +
      `${config.mail.maxMessages} messages; outbox batch ${config.mail.outbox.batchSize}, ` +
      `concurrency ${config.mail.outbox.concurrency}`,
  );

  // 1. nodemailer's pooled transport alone: every message handed to it at once.
  {
    const mailer = createMailer(config, sinkUrl);
    mailers.push(mailer);
    // Warm: the first messages pay for compiling the MIME code, which the later phases never do.
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        mailer.sendMail({ ...mail(`warmup:${i}`, i), from: FROM, messageId: `<warmup-${i}@bench>` }),
      ),
    );
    say(`baseline: ${BASELINE} messages straight through nodemailer's pool`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: BASELINE }, (_, i) => {
        const m = mail(`baseline:${i}`, i);
        return mailer.sendMail({
          from: FROM,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          attachments: m.attachments!.map((a) => ({ ...a, encoding: 'base64' })),
          messageId: messageIdFor(m.idempotencyKey, FROM),
        });
      }),
    );
    const s = (performance.now() - t0) / 1000;
    result('baseline nodemailer pool', BASELINE / s, 'messages/s');
    result('baseline cpu per message', cpuMs(cpu) / BASELINE, 'ms', 3);
    mailer.close();
  }

  const mailer = createMailer(config, sinkUrl);
  mailers.push(mailer);
  dispatcher = startOutboxDispatcher({ orm, mailer, from: FROM, intervalMs: 100, ...config.mail.outbox });
  const pendingOf = async (prefix: string) => {
    const [r] = await orm.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*)::text as n from mail_outbox where status = 'pending' and idempotency_key like ?`,
        [`${prefix}:%`],
      );
    return Number(r!.n);
  };
  const sentOf = async (prefix: string) => {
    const [r] = await orm.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*)::text as n from mail_outbox where status = 'sent' and idempotency_key like ?`,
        [`${prefix}:%`],
      );
    return Number(r!.n);
  };
  const waitDrained = async (prefix: string) => {
    let last = performance.now();
    for (let n = await pendingOf(prefix); n > 0; n = await pendingOf(prefix)) {
      if (performance.now() - last > 5000) {
        last = performance.now();
        const pool = (mailer.transporter as { pendingCount?: () => number }).pendingCount?.() ?? '?';
        say(`${prefix}: ${n} pending, ${pool} in the SMTP pool`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Queues n messages under prefix, in the dispatcher's face; resolves when the last is queued. */
  const enqueue = async (prefix: string, n: number) => {
    for (let from = 0; from < n; from += ENQUEUE_CHUNK) {
      const chunk = Array.from({ length: Math.min(ENQUEUE_CHUNK, n - from) }, (_, j) =>
        mail(`${prefix}:${from + j}`, from + j),
      );
      await enqueueMail(orm.em.fork(), chunk);
    }
  };
  const latency = async (prefix: string) => {
    const [r] = await orm.em.fork().execute<{ p50: number; p99: number }[]>(
      `select percentile_cont(0.5) within group (order by extract(epoch from sent_at - created_at)) * 1000 as p50,
              percentile_cont(0.99) within group (order by extract(epoch from sent_at - created_at)) * 1000 as p99
         from mail_outbox where status = 'sent' and idempotency_key like ?`,
      [`${prefix}:%`],
    );
    return { p50: Number(r!.p50), p99: Number(r!.p99) };
  };
  /** Of the keys under prefix, how many the sink never accepted, and how many it accepted more than once. */
  const check = (prefix: string, n: number) => {
    const seen = accepted();
    let missing = 0;
    let duplicates = 0;
    for (let i = 0; i < n; i++) {
      const count = seen.get(messageIdFor(`${prefix}:${i}`, FROM)) ?? 0;
      if (count === 0) missing++;
      if (count > 1) duplicates += count - 1;
    }
    return { missing, duplicates };
  };

  // 2. the mailing through the outbox.
  if (PHASES.has('email')) {
    say(`outbox: ${MESSAGES} messages queued and drained by the dispatcher`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await enqueue('mailing', MESSAGES);
    const queuedS = (performance.now() - t0) / 1000;
    await waitDrained('mailing');
    const s = (performance.now() - t0) / 1000;
    const cpuPer = cpuMs(cpu) / MESSAGES;
    const { p50, p99 } = await latency('mailing');
    const { missing, duplicates } = check('mailing', MESSAGES);
    const baselineRate = Number(results[0]![1]);
    result('email', MESSAGES / s, 'messages/s');
    result('email cpu per message', cpuPer, 'ms', 3);
    result('email vs raw pool', (100 * MESSAGES) / s / baselineRate, '%');
    result('email queued in', queuedS, 's', 1);
    result('email p50 queued-to-accepted', p50, 'ms');
    result('email p99 queued-to-accepted', p99, 'ms');
    result('email not delivered', missing, 'messages');
    result('email duplicates', duplicates, 'messages');
  }

  // 3. one lot's notices.
  if (PHASES.has('email')) {
    say(`lot: ${LOT} owners' notices`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await enqueue('lot', LOT);
    await waitDrained('lot');
    const s = (performance.now() - t0) / 1000;
    const { missing, duplicates } = check('lot', LOT);
    result(`lot of ${LOT} notices sent in`, s, 's', 1);
    result('lot cpu per message', cpuMs(cpu) / LOT, 'ms', 3);
    result('lot not delivered', missing, 'messages');
    result('lot duplicates', duplicates, 'messages');
  }

  // 4. the sink killed mid-run and started again.
  if (PHASES.has('email')) {
    say(`restart: ${RESTART} messages, the sink killed a third of the way and started again`);
    const t0 = performance.now();
    const queued = enqueue('restart', RESTART);
    while ((await sentOf('restart')) < RESTART / 3) await new Promise((r) => setTimeout(r, 20));
    await killSink('SIGKILL');
    const killedAt = await sentOf('restart');
    say(`sink killed with ${killedAt} sent; down for 2 s`);
    await new Promise((r) => setTimeout(r, 2000));
    await startSink(port);
    await queued;
    await waitDrained('restart');
    const s = (performance.now() - t0) / 1000;
    const { missing, duplicates } = check('restart', RESTART);
    result('restart drained in', s, 's', 1);
    result('restart not delivered', missing, 'messages');
    result('restart duplicates', duplicates, 'messages');
  }

  // 5 and 6. a lot's owners by their own channels through notifications, and the raw transports.
  if (PHASES.has('channels')) {
    const baselineRate = Number(results[0]![1]);
    await benchChannels({
      orm,
      config,
      owners: OWNERS,
      smsBaseline: SMS_BASELINE,
      baselineRate,
      result,
      say,
    });
  }

  const seen = accepted();
  let total = 0;
  for (const count of seen.values()) if (count > 1) total += count - 1;
  result('duplicates at the sink, all runs', total, 'messages');
} finally {
  await dispatcher?.stop();
  for (const m of mailers) m.close();
  await killSink('SIGTERM');
  await orm.close();
  await pg.stop();
  rmSync(work, { recursive: true, force: true });
}

const width = Math.max(...results.map((r) => r[0].length));
for (const [label, value, unit] of results) console.log(`${label.padEnd(width)}  ${value} ${unit}`);
process.exit(0);
