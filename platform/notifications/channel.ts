// What every channel adapter answers for one message, so the dispatcher treats Telegram, SMS and
// mail alike: accepted (and whether that already proves delivery), try again later, or refused.
export interface OutgoingMessage {
  /** `<message id>:<channel>`: the same message keeps it across retries and restarts. */
  key: string;
  /** Chat id, +998XXXXXXXXX or an email address. */
  address: string;
  subject: string;
  body: string;
  link?: string;
}

export type SendOutcome =
  /** `delivered`: the channel's acceptance is its proof (Telegram); else a report follows. */
  | { kind: 'sent'; providerId: string; delivered: boolean }
  /** Nothing was sent; try again no sooner than `afterMs` (a 429, a gateway that is down). */
  | { kind: 'retry'; afterMs: number; error: string }
  /** Refused for good; `unreachable`: the person is not there (blocked the bot, no such number). */
  | { kind: 'failed'; error: string; unreachable: boolean; bounced?: boolean };

export interface ChannelAdapter {
  send(message: OutgoingMessage): Promise<SendOutcome>;
}
