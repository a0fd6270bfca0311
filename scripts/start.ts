// `npm start`: the whole platform with its demo in one command. Each external service is used
// when configured (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL) and embedded otherwise, so a fresh
// laptop needs nothing but Node and npm (and Go, once, to build the temporal CLI).

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createApp } from '../api/app.ts';
import { loadDevTokenIssuer } from '../api/auth/dev-keys.ts';
import { createTokenVerifier } from '../api/auth/verifier.ts';
import { listen } from '../api/server.ts';
import { createDatabase, databaseNameOf, serverAddress } from '../db/database-url.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { listenForReadChanges } from '../db/read-cache-listener.ts';
import { isDatabaseEmpty, seedDemo } from '../db/seed/demo.ts';
import { ensureBillingDailySchedule, ensureBillingSchedule } from '../platform/billing-schedule.ts';
import { startCadastreSandbox } from '../platform/cadastre/sandbox.ts';
import { loadConfig } from '../platform/config.ts';
import { startElectricitySandbox } from '../platform/electricity/sandbox.ts';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { createLogger } from '../platform/logger.ts';
import { createMailer, startMailCatcher } from '../platform/mail.ts';
import { startSmsSandbox } from '../platform/notifications/sms-sandbox.ts';
import { startTelegramServer } from '../platform/notifications/telegram-server.ts';
import { startClickSandbox } from '../platform/payments/click-sandbox.ts';
import { startPaymeSandbox } from '../platform/payments/payme-sandbox.ts';
import { ensureReportsSchedule } from '../platform/reports-schedule.ts';
import { startTaxAuthoritySandbox } from '../platform/tax-authority/sandbox.ts';
import { connectClient, connectWorkerConnection, startDevServer } from '../platform/temporal.ts';
import { loadTriageModel } from '../platform/triage/model.ts';
import { seedDemoAppeals } from './lib/demo-appeals.ts';
import { seedDemoBilling } from './lib/demo-billing.ts';
import { seedDemoContract } from './lib/demo-contracts.ts';
import { seedDecidedMeeting } from './lib/demo-decided-meeting.ts';
import { seedDemoDispatch } from './lib/demo-dispatch.ts';
import { watchDemoLotVotes } from './lib/demo-lot-votes.ts';
import { seedDemoMeetings } from './lib/demo-meetings.ts';
import { seedDemoNotices } from './lib/demo-notifications.ts';
import { withDemoTerms } from './lib/demo-terms.ts';
import { startDispatchers } from './lib/dispatchers.ts';
import { progressBar } from './lib/progress.ts';
import { ensureWidgetBundle } from './lib/widgets.ts';
import { installTemporalRuntime, runWorkers } from './lib/worker.ts';

const startedAt = performance.now();
// Only a demo (development) runs on demo terms, and only where the deployment set none.
const demoTerms = withDemoTerms({ NODE_ENV: 'development', ...process.env });
const config = loadConfig(demoTerms.env);
const log = createLogger(config, 'start');
const stops: (() => Promise<unknown>)[] = [];
/** The embedded PostgreSQL stops after everything else: the worker may be mid-transaction. */
let stopDatabase: (() => Promise<void>) | undefined;
const say = (msg: string) => log.info(msg);

async function main() {
  // The SDK's own info logs (webpack output, worker states) drown the banner; keep its warnings.
  installTemporalRuntime(
    createLogger(
      { logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel, logFormat: config.logFormat },
      'temporal',
    ),
  );
  const bundle = ensureWidgetBundle(say);

  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    const dir = path.join(config.dataDir, 'postgres');
    const pg = await startEmbeddedPostgres({
      dir,
      port: config.database.embeddedPort,
      log: (line) => log.debug({ postgres: line }),
    });
    stopDatabase = pg.stop;
    databaseUrl = await createDatabase(pg.adminUrl, 'mening_uyim');
    say(`embedded PostgreSQL ${pg.version} in ${pg.dir}`);
  }
  const temporalStart = config.temporal.address
    ? Promise.resolve(undefined)
    : startDevServer(config, { log: (line) => log.debug({ temporal: line }) });

  const orm = await createOrm({
    url: databaseUrl,
    poolMax: config.database.poolMax,
    timeouts: config.database,
  });
  stops.push(() => orm.close());
  await migrateUp(orm);
  if (config.env === 'development' && (await isDatabaseEmpty(orm.em.fork()))) {
    say(`seeding the demo district (${config.demo.apartments} apartments, seed ${config.demo.seed})`);
    const bar = progressBar('demo data');
    await seedDemo(orm, {
      seed: config.demo.seed,
      apartments: config.demo.apartments,
      lots: config.demo.lots,
      onProgress: bar.update,
    });
    bar.stop();
  }

  const devServer = await temporalStart;
  if (devServer) stops.unshift(devServer.stop);
  const address = devServer?.address;

  let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
  if (!config.mail.smtpUrl) {
    catcher = await startMailCatcher({ port: config.mail.catcherPort });
    stops.push(catcher.stop);
  }
  const mailer = createMailer(config, catcher?.url);
  if (!config.contracts.taxAuthority.url) {
    // The tax authority is a state system we do not own; the demo registers with a local sandbox
    // that speaks the adapter's contract and forgets everything on restart.
    const tax = await startTaxAuthoritySandbox();
    stops.push(tax.close);
    config.contracts.taxAuthority.url = tax.url;
    say(`tax-authority sandbox at ${tax.url}`);
  }
  if (!config.commissioning.cadastre.url) {
    // The cadastre is a state system too: the demo asks a local sandbox that issues a made-up
    // passport for any cadastral number, so a commissioning runs end to end on a laptop.
    const cadastre = await startCadastreSandbox({ issueAny: true });
    stops.push(cadastre.close);
    config.commissioning.cadastre.url = cadastre.url;
    say(`cadastre sandbox at ${cadastre.url}`);
  }
  if (!config.billing.electricity.url) {
    // The electricity supplier's billing is not ours either: the demo tells a local sandbox.
    const electricity = await startElectricitySandbox();
    stops.push(electricity.close);
    config.billing.electricity.url = electricity.url;
    say(`electricity-billing sandbox at ${electricity.url}`);
  }
  const payments = `${config.publicUrl}/api/v1/payments`;
  if (!config.billing.payme.key) {
    // Payme calls us; without a merchant key the demo pays through a local Payme that speaks the
    // same protocol with a key made up for this run.
    const key = randomBytes(16).toString('hex');
    const payme = await startPaymeSandbox({ merchantUrl: `${payments}/payme`, key });
    stops.push(payme.close);
    Object.assign(config.billing.payme, { key, merchantId: 'sandbox', checkoutUrl: `${payme.url}/checkout` });
    config.billing.registries.payme.url ??= payme.url;
    say(`Payme sandbox at ${payme.url}/checkout`);
  }
  if (!config.billing.click.secretKey) {
    const secretKey = randomBytes(16).toString('hex');
    const serviceId = config.billing.click.serviceId ?? '1';
    const click = await startClickSandbox({ merchantUrl: `${payments}/click`, serviceId, secretKey });
    stops.push(click.close);
    Object.assign(config.billing.click, {
      serviceId,
      secretKey,
      merchantId: config.billing.click.merchantId ?? '1',
      checkoutUrl: `${click.url}/checkout`,
    });
    config.billing.registries.click.url ??= click.url;
    say(`Click sandbox at ${click.url}/checkout`);
  }

  const tg = config.notifications.telegram;
  if (!tg.token) {
    // Telegram's Bot API is not ours: the demo's bot talks to a local server that speaks it, and
    // that server posts the demo users' messages to our webhook with the secret it was given.
    const telegram = await startTelegramServer();
    stops.push(telegram.close);
    const webhookSecret = tg.webhookSecret ?? randomBytes(16).toString('hex');
    Object.assign(tg, {
      token: telegram.token,
      apiUrl: telegram.url,
      username: telegram.username,
      webhookSecret,
    });
    await fetch(`${telegram.url}/bot${telegram.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: `${config.publicUrl}/api/v1/notifications/telegram/webhook`,
        secret_token: webhookSecret,
      }),
    });
    say(`Telegram Bot API server at ${telegram.url}`);
  }
  const smsConfig = config.notifications.sms;
  if (!smsConfig.url) {
    const callbackSecret = smsConfig.callbackSecret ?? randomBytes(16).toString('hex');
    const sms = await startSmsSandbox({ callbackSecret });
    stops.push(sms.close);
    Object.assign(smsConfig, { url: sms.url, token: sms.token, callbackSecret });
    say(`SMS gateway sandbox at ${sms.url}`);
  }

  const workers = await runWorkers({
    config,
    orm,
    mailer,
    connection: await connectWorkerConnection(config, address),
    logger: log,
  });
  stops.unshift(workers.shutdown);
  const dispatchers = startDispatchers({ config, orm, mailer, logger: log });
  stops.unshift(dispatchers.stop);

  const temporal = await connectClient(config, address);
  stops.push(() => temporal.connection.close());
  say(`monthly accrual schedule ${await ensureBillingSchedule(temporal, config)}`);
  say(`daily billing schedule ${await ensureBillingDailySchedule(temporal, config)}`);
  say(`quarterly reports schedule ${await ensureReportsSchedule(temporal, config)}`);
  // Loaded once (a second or two): the demo's requests are triaged with it, then the API serves it.
  const triage = loadTriageModel();
  if (config.env === 'development') {
    const started = await seedDemoMeetings(orm.em.fork(), temporal, config.meetings.policy);
    if (started) say(`started ${started} demo general meetings`);
    const chosen = await seedDecidedMeeting(orm.em.fork(), temporal, config.meetings.policy);
    if (chosen) say(`owners chose ${chosen} at a demo meeting: the council may start its contract`);
    if (await seedDemoContract(orm.em.fork(), temporal, config.portalUrl))
      say('put the demo management contract up for signature');
    const appeals = await seedDemoAppeals(orm.em.fork(), temporal, config.appeals.policy);
    if (appeals) say(`registered ${appeals} demo appeals`);
    const dispatch = await seedDemoDispatch(orm.em.fork(), temporal, config.dispatch.policy, triage);
    if (dispatch.requests || dispatch.shifts)
      say(
        `demo dispatch: ${dispatch.shifts} roster shifts, ${dispatch.requests} requests (an emergency, a mass outage)`,
      );
    if (await seedDemoNotices(orm.em.fork())) say("mailed the demo building's owners a notice");
    const billing = await seedDemoBilling(orm.em.fork(), temporal, {
      batchSize: config.billing.accrual.batchSize,
    });
    if (billing?.started)
      say("accruing the demo building's month: receipts and its account statement follow");
    // The demo's lots are thousands of apartments: the other owners vote so a lot can be chosen.
    stops.unshift(
      watchDemoLotVotes(orm.em, {
        everyMs: 5_000,
        onCast: (meetingId, ballots, ms) =>
          say(`demo: ${ballots} other owners voted at the lot meeting ${meetingId} (${ms} ms)`),
        onError: (err) => log.error({ err }, 'demo lot votes'),
      }),
    );
  }
  const issuer = config.env === 'development' ? await loadDevTokenIssuer(config.dataDir) : undefined;
  await bundle;
  // Held reads answer without PostgreSQL while this listens (db/read-cache.ts); stopped after the server.
  const readChanges = listenForReadChanges(orm.em, { url: databaseUrl, log });
  stops.unshift(() => readChanges.stop());
  const app = createApp({
    config,
    orm,
    logger: createLogger(config, 'api'),
    triage,
    verifyToken: await createTokenVerifier(config.auth, issuer?.publicJwk),
    temporal,
    dev: issuer
      ? {
          issuer,
          caughtMail: () =>
            (catcher?.messages() ?? [])
              .map((m) => ({
                id: m.id,
                from: m.from ?? '',
                to: m.to.join(', '),
                subject: m.subject,
                date: m.receivedAt,
                text: m.text,
              }))
              .reverse(),
        }
      : undefined,
  });
  const server = await listen(app, config.host, config.port);
  stops.unshift(server.close);

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(
    [
      '',
      `  Mening Uyim is ready in ${seconds} s`,
      `  Demo portal      ${server.url}/`,
      `  API docs         ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`,
      `  Temporal Web UI  ${devServer?.uiUrl ?? `(cluster at ${config.temporal.address})`}`,
      `  PostgreSQL       ${stopDatabase ? `${databaseUrl} (embedded)` : `${serverAddress(databaseUrl)}/${databaseNameOf(databaseUrl)}`}`,
      `  Mail             ${catcher ? `${server.url}/dev/mail (embedded catcher on port ${catcher.port})` : config.mail.smtpUrl}`,
      ...(demoTerms.banner.length
        ? [`  Demo terms       ${demoTerms.banner.join('; ')} (set LOTS_POLICY / MEETING_POLICY for others)`]
        : []),
      '',
    ].join('\n'),
  );
}

let stopping = false;
async function shutdown(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: shutting down`);
  for (const stop of [...stops, ...(stopDatabase ? [stopDatabase] : [])]) {
    await stop().catch((err) => log.error({ err }, 'during shutdown'));
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (err) => {
  log.fatal({ err }, 'start failed');
  await shutdown('start failure', 1);
});
