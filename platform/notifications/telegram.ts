// Telegram through grammY. Sending goes through grammY's throttler (Bottleneck under it), so the
// Bot API's limits — about 30 messages a second overall, one a second to a chat — are a queue,
// not errors; a 429 that still comes back is "try again after retry_after", and a user who
// blocked the bot makes the channel unreachable for that person.
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, Bot, GrammyError, HttpError } from 'grammy';
import { bodyWithoutLinkLines } from '../../domain/notifications/link-lines.ts';
import type { TelegramLimits } from '../../domain/notifications/policy.ts';
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from './channel.ts';

export interface TelegramConfig {
  token: string;
  /** The Bot API root; Telegram's own when unset. */
  apiUrl?: string;
}

const clientOf = (c: TelegramConfig) => (c.apiUrl ? { apiRoot: c.apiUrl } : {});

/** Refusals that say the person cannot be reached in this chat any more. */
const GONE = /blocked by the user|user is deactivated|chat not found|bot can't initiate/i;

export function telegramOutcome(err: unknown): SendOutcome {
  if (err instanceof GrammyError) {
    if (err.error_code === 429)
      return { kind: 'retry', afterMs: (err.parameters.retry_after ?? 1) * 1000, error: err.description };
    if (err.error_code >= 500) return { kind: 'retry', afterMs: 5000, error: err.description };
    return {
      kind: 'failed',
      error: err.description,
      unreachable: err.error_code === 403 || GONE.test(err.description),
    };
  }
  if (err instanceof HttpError) return { kind: 'retry', afterMs: 5000, error: err.message };
  throw err;
}

export function telegramText(m: Pick<OutgoingMessage, 'subject' | 'body' | 'link'>): string {
  const text = [m.subject, bodyWithoutLinkLines(m), m.link].filter(Boolean).join('\n\n');
  // The Bot API's limit is 4096 characters; the link stays whole at the end.
  return text.length <= 4096
    ? text
    : `${text.slice(0, 4096 - (m.link?.length ?? 0) - 5)}…\n\n${m.link ?? ''}`;
}

/**
 * The throttler's settings for the Bot API's limits. Sends are spaced evenly (1/perSecond apart)
 * rather than let out as a reservoir refilled each second: a reservoir lets a second's quota go at
 * the end of one refill and the next at the start of the following one, up to twice the limit in
 * a moving second, which Telegram (and the local server) answer with 429s.
 */
export function telegramThrottle(limits: TelegramLimits) {
  return {
    global: { maxConcurrent: limits.perSecond, minTime: Math.ceil(1000 / limits.perSecond) },
    out: { maxConcurrent: 1, minTime: Math.ceil(1000 / limits.perChatPerSecond) },
  };
}

export function createTelegramSender(config: TelegramConfig, limits: TelegramLimits): ChannelAdapter {
  const api = new Api(config.token, clientOf(config));
  api.config.use(apiThrottler(telegramThrottle(limits)));
  return {
    async send(m) {
      try {
        const sent = await api.sendMessage(m.address, telegramText(m), {
          link_preview_options: { is_disabled: true },
        });
        return { kind: 'sent', providerId: String(sent.message_id), delivered: true };
      } catch (err) {
        return telegramOutcome(err);
      }
    },
  };
}

/** The bot that answers people (webhook mode); its handlers are the API's. */
export function createTelegramBot(config: TelegramConfig, username: string): Bot {
  const id = Number(config.token.split(':')[0]);
  return new Bot(config.token, {
    client: clientOf(config),
    // Known from the configuration, so the webhook never waits for getMe.
    botInfo: {
      id,
      is_bot: true,
      first_name: 'Mening Uyim',
      username,
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
  });
}
