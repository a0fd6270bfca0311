// A sender's mailings by the keys it sent them under: which exist already (a sender of one mailing
// per document, billing's receipts, skips those handed over, so a retried step queues only what is
// missing), and one mailing's delivery report (a meeting's proof of notice shows its counts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../sql.ts';
import { type MailingReport, mailingReport } from './preferences.ts';

export async function existingMailings(em: EntityManager, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await executeBound<{ idempotency_key: string }>(
    em,
    'select idempotency_key from notification_mailing where idempotency_key = any($1::text[])',
    [keys],
  );
  return new Set(rows.map((r) => r.idempotency_key));
}

/** The delivery report (counts by status and by channel) of the mailing sent under this key. */
export async function mailingReportByKey(em: EntityManager, key: string): Promise<MailingReport | null> {
  const [row] = await executeBound<{ id: string }>(
    em,
    'select id from notification_mailing where idempotency_key = $1',
    [key],
  );
  return row ? mailingReport(em, row.id) : null;
}
