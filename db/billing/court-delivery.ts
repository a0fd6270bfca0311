// The proofs of a claim's delivery beyond the SMTP server's acceptance: the owner's
// acknowledgement through the link in the letter (whoever holds the token the letter carries; a
// second confirmation keeps the first), and a paper delivery the organization records with the
// day and the reference of the signed copy's scan.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import { iso, isUuid } from '../sql.ts';

export interface ClaimForOwner {
  id: string;
  number: string;
  organizationName: string;
  asOf: string;
  answerBy: string;
  owed: number;
  language: Language;
  acknowledgedAt: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The claim the link names, or null when the id or token is wrong. */
export async function claimByAcknowledgeLink(
  em: EntityManager,
  id: string,
  token: string,
): Promise<ClaimForOwner | null> {
  if (!isUuid(id) || token.length < 16 || token.length > 64) return null;
  const [c] = await em.execute<
    {
      id: string;
      number: string;
      organization_name: string;
      as_of: string;
      answer_by: string;
      owed: string;
      language: Language;
      acknowledged_at: Date | null;
    }[]
  >(
    `select c.id, c.number, mo.name as organization_name, c.as_of, c.answer_by,
            (c.calculation->'totals'->>'owed') as owed, c.language,
            (select d.at from court_claim_delivery d where d.claim_id = c.id and d.kind = 'acknowledged') as acknowledged_at
       from court_claim c join management_organization mo on mo.id = c.organization_id
      where c.id = ? and c.ack_token_sha256 = ?`,
    [id, sha256(token)],
  );
  if (!c) return null;
  return {
    id: c.id,
    number: c.number,
    organizationName: c.organization_name,
    asOf: c.as_of,
    answerBy: c.answer_by,
    owed: Number(c.owed),
    language: c.language,
    acknowledgedAt: c.acknowledged_at ? iso(c.acknowledged_at) : null,
  };
}

/** Records the acknowledgement once; null when the link is wrong. */
export async function acknowledgeClaim(
  em: EntityManager,
  id: string,
  token: string,
): Promise<ClaimForOwner | null> {
  const claim = await claimByAcknowledgeLink(em, id, token);
  if (!claim) return null;
  if (claim.acknowledgedAt) return claim;
  await em.execute(
    `insert into court_claim_delivery (id, claim_id, kind, at) values (gen_random_uuid(), ?, 'acknowledged', now())
     on conflict (claim_id, kind) do nothing`,
    [id],
  );
  return claimByAcknowledgeLink(em, id, token);
}

export type PaperResult = 'recorded' | 'replayed' | 'conflict';

/** One paper delivery per claim: the same request again is a replay, another one a conflict. */
export async function recordPaperDelivery(
  em: EntityManager,
  input: {
    claimId: string;
    deliveredOn: string;
    scanReference: string;
    userId: string;
    requestSha256: string;
  },
): Promise<PaperResult> {
  const inserted = await em.execute<{ id: string }[]>(
    `insert into court_claim_delivery (id, claim_id, kind, delivered_on, scan_reference, recorded_by_user_id,
                                       request_sha256, at)
     values (gen_random_uuid(), ?, 'paper', ?, ?, ?, ?, now())
     on conflict (claim_id, kind) do nothing returning id`,
    [input.claimId, input.deliveredOn, input.scanReference, input.userId, input.requestSha256],
  );
  if (inserted.length > 0) return 'recorded';
  const [earlier] = await em.execute<{ request_sha256: string }[]>(
    `select request_sha256 from court_claim_delivery where claim_id = ? and kind = 'paper'`,
    [input.claimId],
  );
  return earlier?.request_sha256 === input.requestSha256 ? 'replayed' : 'conflict';
}
