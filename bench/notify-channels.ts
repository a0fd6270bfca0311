// bench:notify's channels part (bench/notify.ts runs it): one lot's owners, each with their own
// preferences, sent one legal notice through notifications (`notify`, as meetings do), while the
// real dispatchers run: Telegram to the local Bot API server (which answers 429 past 30 messages a
// second overall or one a second to a chat, as Telegram does), SMS to the local gateway, email
// through the mail outbox to the SMTP sink. Then the raw transports alone, in the same run.
// CPU is counted for this process (dispatchers, senders and the in-process local servers) and for
// PostgreSQL's processes, from /proc: the load-independent cost of a message on a shared machine.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Api } from 'grammy';
import { startNotificationDispatcher } from '../activities/notifications/dispatcher.ts';
import { notify } from '../db/notifications/public.ts';
import type { Orm } from '../db/orm.ts';
import { executeBound } from '../db/sql.ts';
import { fitSms } from '../domain/notifications/sms.ts';
import type { Channel, MessageText } from '../domain/notifications/types.ts';
import type { Config } from '../platform/config.ts';
import { createSmsSender } from '../platform/notifications/sms.ts';
import { startSmsSandbox } from '../platform/notifications/sms-sandbox.ts';
import { createTelegramSender, telegramThrottle } from '../platform/notifications/telegram.ts';
import { startTelegramServer } from '../platform/notifications/telegram-server.ts';
import { percentile } from './load.ts';

type Result = (label: string, value: number, unit: string, digits?: number) => void;

const TICKS = 100; // USER_HZ on Linux

/** CPU ms of PostgreSQL's postmaster and its children (the backends), from /proc. */
async function postgresCpuMs(em: EntityManager): Promise<number> {
  const [row] = await executeBound<{ dir: string }>(
    em,
    `select setting as dir from pg_settings where name = 'data_directory'`,
    [],
  );
  const master = Number(readFileSync(path.join(row!.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command's closing parenthesis: state ppid … utime(14) stime(15).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) === master || Number(f[1]) === master) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks * 1000) / TICKS;
}

const processCpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

const TEXT: MessageText = {
  subject: 'Uy-joy mulkdorlarining umumiy yigʻilishi',
  body: 'Hurmatli mulkdor! 1-mart kuni soat 10:00 da Amir Temur koʻchasi, 1-uyda umumiy yigʻilish boʻladi. Kun tartibi: tom taʼmiri smetasi, boshqaruv tashkiloti, oylik badal.',
  link: 'https://portal.meninguyim.uz/?open=meeting:6f1c1c3e-5b0a-4c65-9f6e-0d2a8b1e7a11',
  html: '<p>Hurmatli mulkdor! 1-mart kuni soat 10:00 da umumiy yigʻilish boʻladi.</p>',
};

export async function benchChannels(o: {
  orm: Orm;
  config: Config;
  owners: number;
  smsBaseline: number;
  /** nodemailer's pooled rate measured earlier in the run. */
  baselineRate: number;
  result: Result;
  say: (line: string) => void;
}): Promise<void> {
  const { orm, config, owners, result, say } = o;
  const policy = config.notifications.policy;
  const em = () => orm.em.fork() as EntityManager;
  const telegram = await startTelegramServer({});
  // Delivery reports are not what is measured: they would come after the run.
  const sms = await startSmsSandbox({ callbackSecret: 'bench', reportDelayMs: 3_600_000 });
  const adapters = {
    telegram: createTelegramSender({ token: telegram.token, apiUrl: telegram.url }, policy.telegram),
    sms: createSmsSender(
      { url: sms.url, token: sms.token, sender: 'MeningUyim', callbackUrl: 'http://127.0.0.1:9/reports' },
      (m) => fitSms(`${m.subject}. ${m.body}`, policy.smsMaxSegments, m.link),
    ),
  };
  try {
    // Owners: 4 in 10 linked Telegram (and gave a phone), 3 in 10 a verified phone only, 3 in 10
    // only the registry's e-mail; 1 in 20 opted out of everything but legal notices.
    await executeBound(
      em(),
      `insert into person (id, pinfl, full_name, language, email)
       select gen_random_uuid(), '7' || lpad(i::text, 13, '0'), 'Owner ' || i, (array['uz','ru','en'])[1 + i % 3],
              case when i % 10 >= 7 then 'owner-' || i || '@example.uz' end
         from generate_series(1, $1::int) as i`,
      [owners],
    );
    await executeBound(
      em(),
      `insert into notification_preference (person_id, channel_order, language, opt_out, phone, phone_verified_at, telegram_chat_id, unreachable, updated_at)
       select p.id,
              case when i % 10 < 4 then '["telegram","sms","email"]'::jsonb else '["sms","email"]'::jsonb end,
              p.language, i % 20 = 0, '+99890' || lpad(i::text, 7, '0'), now(),
              case when i % 10 < 4 then (100000000 + i)::text end, '[]'::jsonb, now()
         from person p, lateral (select substr(p.pinfl, 2)::int as i) n
        where p.pinfl like '7%' and i % 10 < 7`,
      [],
    );
    const people = await executeBound<{ id: string }>(
      em(),
      `select id from person where pinfl like '7%' order by pinfl`,
      [],
    );
    say(`channels: ${owners} owners (Telegram 40 %, SMS 30 %, e-mail 30 %), one legal notice each`);

    const dispatcher = startNotificationDispatcher({ orm, policy, adapters, intervalMs: 100 });
    const db = em();
    const [x0] = await executeBound<{ x: string }>(
      db,
      'select xact_commit::text as x from pg_stat_database where datname = current_database()',
      [],
    );
    const pg0 = await postgresCpuMs(db);
    const cpu = process.cpuUsage();
    const t0 = Date.now();
    await notify(
      em(),
      {
        kind: 'meeting_notice',
        texts: { uz: TEXT, ru: TEXT, en: TEXT },
        idempotencyKey: `bench-lot-${t0}`,
        recipients: people.map((p) => ({ personId: p.id })),
      },
      new Date(t0),
    );
    const sentSoFar = async () => {
      const [r] = await executeBound<{ n: string }>(
        em(),
        `select (select count(*) from notification_delivery where channel <> 'email' and state in ('sent','delivered'))
              + (select count(*) from mail_outbox where idempotency_key like 'notify:%' and status = 'sent') as n`,
        [],
      );
      return Number(r!.n);
    };
    let last = Date.now();
    for (let n = await sentSoFar(); n < owners; n = await sentSoFar()) {
      if (Date.now() - last > 5000) {
        last = Date.now();
        say(
          `channels: ${n} of ${owners} sent, ${telegram.sent.length} by Telegram, ${sms.received.length} by SMS`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallMs = Date.now() - t0;
    const ourCpu = processCpuMs(cpu);
    const pgCpu = (await postgresCpuMs(db)) - pg0;
    const [x1] = await executeBound<{ x: string }>(
      db,
      'select xact_commit::text as x from pg_stat_database where datname = current_database()',
      [],
    );
    await dispatcher.stop();

    // Enqueue to sent, per channel: the delivery's sent time, or the mail server's acceptance.
    const rows = await executeBound<{ channel: Channel; ms: number; at: Date }>(
      em(),
      `select d.channel, extract(epoch from coalesce(o.sent_at, d.sent_at) - m.created_at) * 1000 as ms,
              coalesce(o.sent_at, d.sent_at) as at
         from notification_delivery d join notification_message m on m.id = d.message_id
         left join mail_outbox o on d.channel = 'email' and o.idempotency_key = 'notify:' || d.outbox_key
        where coalesce(o.sent_at, d.sent_at) is not null`,
      [],
    );
    const channels: Channel[] = ['email', 'sms', 'telegram'];
    for (const c of channels) {
      const mine = rows.filter((r) => r.channel === c);
      const ms = mine.map((r) => Number(r.ms)).sort((a, b) => a - b);
      const end = Math.max(...mine.map((r) => new Date(r.at).getTime()));
      result(`${c} messages`, mine.length, 'messages');
      result(`${c} rate`, (mine.length * 1000) / Math.max(1, end - t0), 'messages/s', 1);
      result(`${c} p50 enqueue-to-sent`, percentile(ms, 50), 'ms');
      result(`${c} p99 enqueue-to-sent`, percentile(ms, 99), 'ms');
    }
    const notTelegram = rows.filter((r) => r.channel !== 'telegram');
    const notTelegramEnd = Math.max(...notTelegram.map((r) => new Date(r.at).getTime()));
    result('overall rate, all channels to the last message', (owners * 1000) / wallMs, 'messages/s', 1);
    result(
      'overall rate, email and SMS (Telegram is capped at 30/s by design)',
      (notTelegram.length * 1000) / Math.max(1, notTelegramEnd - t0),
      'messages/s',
      1,
    );
    result('lot sent in', wallMs / 1000, 's', 1);

    // Telegram's limits kept by the queue: the most accepted in any second, 429s, failures.
    const at = telegram.sent.map((m) => m.at).sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < at.length; i++) {
      while ((at[i] as number) - (at[j] as number) >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const [failed] = await executeBound<{ n: string }>(
      em(),
      `select count(*) as n from notification_delivery where state in ('failed','bounced')`,
      [],
    );
    result('telegram most accepted in any second', peak, 'messages');
    result('telegram 429 answers', telegram.tooManyRequests, 'requests');
    result('deliveries failed', Number(failed!.n), 'deliveries');

    const cpuPer = (ourCpu + pgCpu) / owners;
    result('channels cpu per message, this process', ourCpu / owners, 'ms', 3);
    result('channels cpu per message, PostgreSQL', pgCpu / owners, 'ms', 3);
    result('channels transactions per message', (Number(x1!.x) - Number(x0!.x)) / owners, 'transactions', 2);
    // The machine has two cores: both busy with nothing else, the CPU per message bounds the rate.
    result('projected quiet rate, email and SMS (2 cores)', 2000 / cpuPer, 'messages/s');

    // 6. the raw transports alone, same run: SMS one per request as the adapter posts them.
    {
      const concurrency = 32;
      let next = 0;
      const c0 = process.cpuUsage();
      const s0 = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < o.smsBaseline) {
            const i = next++;
            const res = await adapters.sms.send({
              key: `raw-sms-${s0}-${i}`,
              address: `+99891${String(i).padStart(7, '0')}`,
              subject: TEXT.subject,
              body: TEXT.body,
              link: TEXT.link,
            });
            if (res.kind !== 'sent') throw new Error(`raw SMS ${i}: ${JSON.stringify(res)}`);
          }
        }),
      );
      result('baseline raw SMS posts', (o.smsBaseline * 1000) / (Date.now() - s0), 'messages/s');
      result('baseline raw SMS cpu per message', processCpuMs(c0) / o.smsBaseline, 'ms', 3);
    }
    {
      // Telegram's raw rate is its limit: 150 chats through the same throttler alone.
      const api = new Api(telegram.token, { apiRoot: telegram.url });
      api.config.use(apiThrottler(telegramThrottle(policy.telegram)));
      const n = 150;
      const s0 = Date.now();
      await Promise.all(
        Array.from({ length: n }, (_, i) => api.sendMessage(String(900000000 + i), TEXT.body)),
      );
      result(
        'baseline raw Telegram (throttled to its limit)',
        (n * 1000) / (Date.now() - s0),
        'messages/s',
        1,
      );
    }
    result('baseline nodemailer pool (above)', o.baselineRate, 'messages/s');
  } finally {
    await telegram.close();
    await sms.close();
  }
}
