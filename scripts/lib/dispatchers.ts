// The loops every worker process runs beside its Temporal workers: the mail outbox, the
// notifications' sweep and senders, and (when a supplier is configured) the electricity outbox.
// One place, so `npm start` and a deployment's separate worker process run the same set.
import { startElectricityDispatcher } from '../../activities/billing/electricity-dispatcher.ts';
import { startOutboxDispatcher } from '../../activities/mail/dispatcher.ts';
import { startNotifications } from '../../activities/notifications/start.ts';
import type { Orm } from '../../db/orm.ts';
import type { Config } from '../../platform/config.ts';
import { createElectricityClient } from '../../platform/electricity/client.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mailer } from '../../platform/mail.ts';

export interface Dispatchers {
  /** Each loop by name, in the order they are stopped. */
  stops: { name: string; run: () => Promise<unknown> }[];
  /** Stops every loop, letting a running pass finish. */
  stop(): Promise<void>;
}

export function startDispatchers(deps: {
  config: Config;
  orm: Orm;
  mailer: Mailer;
  logger: Logger;
}): Dispatchers {
  const { config, orm, mailer, logger } = deps;
  const outbox = startOutboxDispatcher({
    orm,
    mailer,
    from: config.mail.from,
    logger,
    ...config.mail.outbox,
  });
  const notifications = startNotifications(config, orm, logger);
  // Without a supplier configured, blocks and lifts wait in the outbox until one is.
  const electricityUrl = config.billing.electricity.url;
  const electricity = electricityUrl
    ? startElectricityDispatcher({
        orm,
        client: createElectricityClient({ ...config.billing.electricity, baseUrl: electricityUrl }),
        logger,
      })
    : undefined;
  const stops = [
    { name: 'notifications dispatcher', run: () => notifications.stop() },
    { name: 'outbox dispatcher', run: () => outbox.stop() },
    { name: 'electricity dispatcher', run: async () => electricity?.stop() },
  ];
  return {
    stops,
    async stop() {
      for (const s of stops) await s.run();
    },
  };
}
