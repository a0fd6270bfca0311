// A local Telegram Bot API server: what `npm start` points the bot at when no token is configured,
// and what the tests talk to. It speaks the Bot API's HTTP protocol (POST /bot<token>/<method>,
// JSON or form bodies, `{ ok, result }` or `{ ok: false, error_code, description, parameters }`),
// enforces the real limits (about 30 messages a second overall, one a second to a chat) by
// answering 429 with `parameters.retry_after` as Telegram does, and plays a user: it posts updates
// to the webhook with the secret token the bot registered. Tests inject Telegram's bad days:
// 429s, a user who blocked the bot, a server that is down.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chatId: string;
  text: string;
  messageId: number;
  at: number;
}

export interface TelegramServer {
  /** The Bot API root, grammY's `apiRoot`. */
  url: string;
  token: string;
  username: string;
  readonly sent: readonly SentMessage[];
  /** Requests answered 429, by our limits or injected. */
  readonly tooManyRequests: number;
  /** The next n sendMessage calls are answered 429 with this retry_after (seconds). */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** The user of this chat blocked the bot: sendMessage to it is 403 from now on. */
  block(chatId: string): void;
  /** The next n calls fail with 502, as Telegram's front does when it is down. */
  failNext(n: number): void;
  /** A user writes to the bot: the update goes to the registered webhook. Resolves to its status. */
  userSays(chatId: string, text: string): Promise<number>;
  /** Resolves once `n` messages in total have been accepted. */
  waitForSent(n: number): Promise<void>;
  close(): Promise<void>;
}

export interface TelegramServerOptions {
  port?: number;
  token?: string;
  username?: string;
  /** The limits it enforces. Telegram's own: 30 a second, one a second to a chat. */
  perSecond?: number;
  perChatIntervalMs?: number;
  /** Messages a chat may take at once before the one-a-second pace applies (Telegram allows short bursts). */
  perChatBurst?: number;
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

const reply = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const error = (res: ServerResponse, code: number, description: string, parameters?: object) =>
  reply(res, code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });

export async function startTelegramServer(opts: TelegramServerOptions = {}): Promise<TelegramServer> {
  const token = opts.token ?? '1234567890:LOCAL-bot-api-token';
  const username = opts.username ?? 'mening_uyim_local_bot';
  const perSecond = opts.perSecond ?? 30;
  const perChatIntervalMs = opts.perChatIntervalMs ?? 1000;
  const sent: SentMessage[] = [];
  const blocked = new Set<string>();
  const injected429: number[] = [];
  let failing = 0;
  let tooMany = 0;
  let webhook: { url: string; secret?: string } | undefined;
  let updateId = 1;
  const perChatBurst = opts.perChatBurst ?? 2;
  // A bucket per chat, refilled one message per interval: a client that keeps the pace is not
  // refused when its requests bunch up on the way (a loaded machine delays one, not the next).
  const bucketByChat = new Map<string, { tokens: number; at: number }>();
  const tokensOf = (chatId: string, now: number) => {
    const bucket = bucketByChat.get(chatId) ?? { tokens: perChatBurst, at: now };
    return Math.min(perChatBurst, bucket.tokens + (now - bucket.at) / perChatIntervalMs);
  };
  const waiters: { n: number; resolve: () => void }[] = [];

  // Telegram's overall limit is soft about a burst at a window's edge, too.
  const withinLimits = (chatId: string, now: number): number | null => {
    if (tokensOf(chatId, now) < 1) return Math.ceil(perChatIntervalMs / 1000);
    const recent = sent.filter((m) => now - m.at < 1000).length;
    if (recent >= Math.ceil(perSecond * 1.2)) return 1;
    return null;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      if (!m) return error(res, 404, 'Not Found');
      if (m[1] !== token) return error(res, 401, 'Unauthorized');
      if (failing > 0) {
        failing--;
        return error(res, 502, 'Bad Gateway');
      }
      const method = (m[2] as string).toLowerCase();
      const body = await bodyOf(req);
      if (method === 'getme')
        return reply(res, 200, {
          ok: true,
          result: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Mening Uyim', username },
        });
      if (method === 'setwebhook') {
        webhook = {
          url: String(body.url),
          secret: body.secret_token ? String(body.secret_token) : undefined,
        };
        return reply(res, 200, { ok: true, result: true, description: 'Webhook was set' });
      }
      if (method === 'deletewebhook') {
        webhook = undefined;
        return reply(res, 200, { ok: true, result: true });
      }
      if (method === 'getwebhookinfo')
        return reply(res, 200, { ok: true, result: { url: webhook?.url ?? '', pending_update_count: 0 } });
      if (method === 'sendmessage') {
        const chatId = String(body.chat_id ?? '');
        const text = String(body.text ?? '');
        if (!chatId) return error(res, 400, 'Bad Request: chat_id is empty');
        if (!text) return error(res, 400, 'Bad Request: message text is empty');
        if (text.length > 4096) return error(res, 400, 'Bad Request: message is too long');
        const retry = injected429.shift();
        const now = Date.now();
        const limited = retry ?? withinLimits(chatId, now);
        if (limited !== null) {
          tooMany++;
          return error(res, 429, `Too Many Requests: retry after ${limited}`, { retry_after: limited });
        }
        if (blocked.has(chatId)) return error(res, 403, 'Forbidden: bot was blocked by the user');
        const message: SentMessage = { chatId, text, messageId: sent.length + 1, at: now };
        sent.push(message);
        bucketByChat.set(chatId, { tokens: tokensOf(chatId, now) - 1, at: now });
        for (const w of [...waiters]) {
          if (sent.length >= w.n) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        }
        return reply(res, 200, {
          ok: true,
          result: {
            message_id: message.messageId,
            date: Math.floor(now / 1000),
            chat: { id: Number(chatId), type: 'private' },
            text,
          },
        });
      }
      return error(res, 404, 'Not Found: method not found');
    })().catch((err: unknown) => error(res, 500, `Internal Server Error: ${String(err)}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    username,
    get sent() {
      return sent;
    },
    get tooManyRequests() {
      return tooMany;
    },
    rateLimitNext(n, retryAfterSeconds) {
      for (let i = 0; i < n; i++) injected429.push(retryAfterSeconds);
    },
    block(chatId) {
      blocked.add(chatId);
    },
    failNext(n) {
      failing += n;
    },
    async userSays(chatId, text) {
      if (!webhook) throw new Error('no webhook set');
      const id = Number(chatId);
      const update = {
        update_id: updateId++,
        message: {
          message_id: updateId,
          date: Math.floor(Date.now() / 1000),
          chat: { id, type: 'private', first_name: 'Resident' },
          from: { id, is_bot: false, first_name: 'Resident' },
          text,
          ...(text.startsWith('/')
            ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] }
            : {}),
        },
      };
      const res = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(webhook.secret ? { 'x-telegram-bot-api-secret-token': webhook.secret } : {}),
        },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    },
    waitForSent(n) {
      if (sent.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
