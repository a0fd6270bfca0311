// The notification channels a process sends through, built from configuration: Telegram and SMS
// when configured (npm start fills in its local servers). Mail is not among them: a delivery by
// mail is a row of the mail outbox, sent by its own dispatcher.
import type { Orm } from '../../db/orm.ts';
import { bodyWithoutLinkLines } from '../../domain/notifications/link-lines.ts';
import { fitSms } from '../../domain/notifications/sms.ts';
import type { Channel } from '../../domain/notifications/types.ts';
import type { Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ChannelAdapter } from '../../platform/notifications/channel.ts';
import { createSmsSender } from '../../platform/notifications/sms.ts';
import { createTelegramSender } from '../../platform/notifications/telegram.ts';
import { type NotificationDispatcher, startNotificationDispatcher } from './dispatcher.ts';

export function notificationAdapters(
  config: Config,
): Partial<Record<Exclude<Channel, 'email'>, ChannelAdapter>> {
  const n = config.notifications;
  const adapters: Partial<Record<Exclude<Channel, 'email'>, ChannelAdapter>> = {};
  if (n.telegram.token)
    adapters.telegram = createTelegramSender(
      { token: n.telegram.token, apiUrl: n.telegram.apiUrl },
      n.policy.telegram,
    );
  if (n.sms.url)
    adapters.sms = createSmsSender(
      {
        url: n.sms.url,
        token: n.sms.token,
        sender: n.sms.sender,
        callbackUrl: `${config.publicUrl}/api/v1/notifications/sms/reports`,
      },
      (m) => fitSms(`${m.subject}. ${bodyWithoutLinkLines(m)}`, n.policy.smsMaxSegments, m.link),
    );
  return adapters;
}

export function startNotifications(config: Config, orm: Orm, logger: Logger): NotificationDispatcher {
  return startNotificationDispatcher({
    orm,
    policy: config.notifications.policy,
    adapters: notificationAdapters(config),
    logger,
  });
}
