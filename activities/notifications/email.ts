// Mail as a notifications channel: through the existing outbox claim (sendMailOnce), keyed by the
// delivery's own outbox key, so a message is mailed at most once whatever retries around it.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Mailer } from '../../platform/mail.ts';
import type { ChannelAdapter } from '../../platform/notifications/channel.ts';
import { MAIL_REJECTED } from '../../workflows/common/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';

export function createEmailSender(em: () => EntityManager, mailer: Mailer, from: string): ChannelAdapter {
  return {
    async send(m) {
      try {
        const text = m.link ? `${m.body}\n\n${m.link}` : m.body;
        const r = await sendMailOnce(em(), mailer, from, {
          idempotencyKey: `notify:${m.key}`,
          to: m.address,
          subject: m.subject,
          text,
        });
        return { kind: 'sent', providerId: r.messageId, delivered: false };
      } catch (err) {
        const e = err as { type?: string; message?: string };
        if (e.type === MAIL_REJECTED)
          return { kind: 'failed', error: String(e.message), unreachable: true, bounced: true };
        return { kind: 'retry', afterMs: 5000, error: String(e.message) };
      }
    },
  };
}
