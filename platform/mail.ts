// Outgoing mail: one nodemailer transport for the whole process, and, for development and tests,
// an embedded SMTP server that keeps what it receives in memory so the demo page can show it.
import type { AddressInfo } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config.ts';

export type Mailer = Transporter;

/**
 * Pooled: a message reuses an open connection instead of paying the TCP and SMTP handshake, and
 * up to maxConnections go out at once. Bounded SMTP timeouts: an activity must fail and retry
 * rather than hang until its own start-to-close timeout on a server that stopped answering.
 * The pool resends a message whose connection closed mid-send once (a pooled connection the
 * server had just dropped), not five times: the outbox retries anyway, and a server that is gone
 * should fail the batch fast.
 */
export function createMailer(
  config: {
    mail: Pick<Config['mail'], 'smtpUrl'> & Partial<Pick<Config['mail'], 'maxConnections' | 'maxMessages'>>;
  },
  catcherUrl?: string,
): Mailer {
  const url = config.mail.smtpUrl ?? catcherUrl;
  if (!url) throw new Error('No SMTP server: set SMTP_URL, or start the mail catcher in development');
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: config.mail.maxConnections ?? 5,
    maxMessages: config.mail.maxMessages ?? 500,
    maxRequeues: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}

export interface CaughtMail {
  id: string;
  receivedAt: string;
  messageId: string | null;
  /** The SMTP envelope, which also holds Bcc recipients that headers do not show. */
  envelope: { from: string | null; to: string[] };
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
}

export interface MailCatcher {
  url: string;
  port: number;
  messages(): CaughtMail[];
  clear(): void;
  stop(): Promise<void>;
}

/**
 * smtp-server and mailparser are development dependencies, loaded on demand, so a production
 * install without them still starts as long as it never asks for a catcher.
 */
export async function startMailCatcher(
  opts: { port?: number; host?: string; limit?: number } = {},
): Promise<MailCatcher> {
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
  const host = opts.host ?? '127.0.0.1';
  const limit = opts.limit ?? 200;
  let caught: CaughtMail[] = [];
  let seq = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const addresses = (v: typeof mail.to) =>
            (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value.map((x) => x.address ?? ''));
          const envFrom = session.envelope.mailFrom;
          caught.push({
            id: String(++seq),
            receivedAt: new Date().toISOString(),
            messageId: mail.messageId ?? null,
            envelope: {
              from: envFrom ? envFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            from: mail.from?.value[0]?.address ?? null,
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: mail.html || null,
            attachments: mail.attachments.map((a) => ({
              filename: a.filename ?? null,
              contentType: a.contentType,
              size: a.size,
            })),
          });
          if (caught.length > limit) caught = caught.slice(-limit);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${host}:${port}`,
    port,
    messages: () => [...caught],
    clear: () => {
      caught = [];
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
