// A debt claim as its organization and its owner read it: the stored calculation, and its delivery
// put together from notifications' tracking of the claim's notice ('court-claim:<id>': by which
// channel it was delivered and when, or that no channel reached the owner), the claim's own
// delivery records (acknowledgement, paper), and for a claim mailed before notifications carried
// claims, the mail outbox's record of the SMTP server's acceptance.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DebtCalculation } from '../../domain/billing/court.ts';
import type { PackageNotice } from '../../domain/billing/court-package.ts';
import type { Language } from '../../domain/common/language.ts';
import { proofOfNotice } from '../notifications/public.ts';
import { iso, isoOrNull, isUuid } from '../sql.ts';

/**
 * sending: the notice is on its way by the owner's channels; delivered: a channel proved delivery
 * (a mail server's acceptance counts, as SMTP gives no other proof); undelivered: every channel
 * failed or none reaches the owner, who is on the building's printable list. The mail_* and
 * no_email statuses are those of claims mailed through the outbox before.
 */
export type ClaimDeliveryStatus =
  | 'sending'
  | 'delivered'
  | 'undelivered'
  | 'no_email'
  | 'mail_queued'
  | 'mail_failed'
  | 'mail_accepted'
  | 'acknowledged'
  | 'paper_delivered';

export interface CourtClaimView {
  id: string;
  number: string;
  buildingId: string;
  ownerId: string;
  apartmentId: string;
  organizationId: string;
  personalAccount: string;
  asOf: string;
  answerBy: string;
  language: Language;
  calculation: DebtCalculation;
  createdAt: string;
  delivery: {
    status: ClaimDeliveryStatus;
    /** Whether the court package may be made as far as delivery goes. */
    recorded: boolean;
    mail: {
      to: string;
      status: 'pending' | 'sent' | 'failed';
      messageId: string | null;
      acceptedAt: string | null;
      error: string | null;
    } | null;
    /** The notice through notifications; null for a claim mailed through the outbox before. */
    notice: PackageNotice | null;
    acknowledged: { at: string } | null;
    paper: { deliveredOn: string; scanReference: string; recordedAt: string } | null;
  };
}

/** The claim's notice as notifications tracked it, or null when it was never handed to them. */
async function claimNotice(em: EntityManager, claimId: string): Promise<PackageNotice | null> {
  const [proof] = await proofOfNotice(em, `court-claim:${claimId}`, { limit: 1 });
  if (!proof) return null;
  const attempts = proof.deliveries.map((d) => ({
    channel: d.channel,
    address: d.address,
    state: d.state,
    queuedAt: d.queuedAt,
    sentAt: d.sentAt,
    deliveredAt: d.deliveredAt,
    error: d.error,
  }));
  const proving = proof.deliveries.find(
    (d) => d.state === 'delivered' || (d.channel === 'email' && d.state === 'sent'),
  );
  return {
    status: proof.status,
    delivered: proving
      ? {
          channel: proving.channel,
          address: proving.address,
          at: (proving.deliveredAt ?? proving.sentAt) as string,
        }
      : null,
    printedAt: proof.printedAt,
    attempts,
  };
}

export async function courtClaimById(em: EntityManager, id: string): Promise<CourtClaimView | null> {
  if (!isUuid(id)) return null;
  const [c] = await em.execute<
    {
      id: string;
      number: string;
      building_id: string;
      person_id: string;
      apartment_id: string;
      organization_id: string;
      personal_account: string;
      as_of: string;
      answer_by: string;
      language: Language;
      calculation: DebtCalculation | string;
      created_at: Date;
      mail_to: string | null;
      mail_status: 'pending' | 'sent' | 'failed' | null;
      message_id: string | null;
      sent_at: Date | null;
      mail_error: string | null;
    }[]
  >(
    `select c.*, m."to" as mail_to, m.status as mail_status, m.message_id, m.sent_at, m.error as mail_error
       from court_claim c left join mail_outbox m on m.idempotency_key = 'court-claim:' || c.id::text
      where c.id = ?`,
    [id],
  );
  if (!c) return null;
  const deliveries = await em.execute<
    { kind: 'acknowledged' | 'paper'; delivered_on: string | null; scan_reference: string | null; at: Date }[]
  >(`select kind, delivered_on, scan_reference, at from court_claim_delivery where claim_id = ?`, [id]);
  const ack = deliveries.find((d) => d.kind === 'acknowledged');
  const paper = deliveries.find((d) => d.kind === 'paper');
  const notice = await claimNotice(em, id);
  const mail = c.mail_to
    ? {
        to: c.mail_to,
        status: c.mail_status!,
        messageId: c.message_id,
        acceptedAt: isoOrNull(c.sent_at),
        error: c.mail_error,
      }
    : null;
  const status: ClaimDeliveryStatus = ack
    ? 'acknowledged'
    : paper
      ? 'paper_delivered'
      : notice
        ? notice.delivered
          ? 'delivered'
          : notice.status === 'pending'
            ? 'sending'
            : 'undelivered'
        : !mail
          ? 'no_email'
          : mail.status === 'sent'
            ? 'mail_accepted'
            : mail.status === 'failed'
              ? 'mail_failed'
              : 'mail_queued';
  return {
    id: c.id,
    number: c.number,
    buildingId: c.building_id,
    ownerId: c.person_id,
    apartmentId: c.apartment_id,
    organizationId: c.organization_id,
    personalAccount: c.personal_account,
    asOf: c.as_of,
    answerBy: c.answer_by,
    language: c.language,
    calculation: typeof c.calculation === 'string' ? JSON.parse(c.calculation) : c.calculation,
    createdAt: iso(c.created_at),
    delivery: {
      status,
      recorded: Boolean(ack || paper || notice?.delivered || mail?.status === 'sent'),
      mail,
      notice,
      acknowledged: ack ? { at: iso(ack.at) } : null,
      paper: paper
        ? {
            deliveredOn: paper.delivered_on!,
            scanReference: paper.scan_reference!,
            recordedAt: iso(paper.at),
          }
        : null,
    },
  };
}

/** The claims addressed to an owner, newest first (a person is claimed against rarely: no paging). */
export async function courtClaimsOfPerson(em: EntityManager, personId: string): Promise<CourtClaimView[]> {
  if (!isUuid(personId)) return [];
  const ids = await em.execute<{ id: string }[]>(
    `select id from court_claim where person_id = ? order by created_at desc, id limit 100`,
    [personId],
  );
  const views = await Promise.all(ids.map((r) => courtClaimById(em, r.id)));
  return views.filter((v): v is CourtClaimView => v !== null);
}
