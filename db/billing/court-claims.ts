// Debt claims before a court order: which owners of a building qualify on a day, and starting a
// claim for one of them. The claim (its calculation and letter as of the day) and its notice are
// written in one transaction, so a committed claim is always sent and a rolled-back one never is.
// The notice is a legal one through notifications ('court-claim:<id>'): by the owner's preferred
// channel, falling back to the next when undelivered in time; an owner no channel reaches lands on
// the building's printable list and the claim waits for a paper delivery. Its tracking is the
// claim's proof of delivery (court-claim-views.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type DebtCalculation, debtCalculation } from '../../domain/billing/court.ts';
import {
  type CourtClaimLetterInput,
  courtClaimMail,
  courtClaimNotice,
} from '../../domain/billing/court-letter.ts';
import { personalAccountNumber } from '../../domain/billing/personal-account.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { addDays } from '../../domain/calendar/working-days.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { type MessageText, notify } from '../notifications/public.ts';
import { isUuid } from '../sql.ts';
import { periodBalances } from './court-balances.ts';
import type { OwnerAccount } from './penalties.ts';

export type CourtRules = Pick<
  BillingPolicy,
  'dueDay' | 'dueMonthOffset' | 'penalty' | 'courtDebtAgeMonths' | 'courtClaimAnswerDays'
>;

export const courtClaimMailKey = (claimId: string): string => `court-claim:${claimId}`;

interface AccountRow {
  id: string;
  owner_id: string;
  apartment_id: string;
  building_id: string;
  serial: string;
  number: string;
  full_name: string;
  email: string | null;
  language: Language;
  address: string;
  organization_id: string | null;
  organization_name: string | null;
  tin: string | null;
  bank_account: string | null;
  bank_code: string | null;
}

const ACCOUNTS = `
  select a.id, a.owner_id, a.apartment_id, a.building_id, a.serial::text as serial, ap.number,
         p.full_name, nullif(p.email, '') as email, p.language, b.address,
         mo.id as organization_id, mo.name as organization_name,
         bb.tin, bb.bank_account, bb.bank_code
    from ledger_account a
    join apartment ap on ap.id = a.apartment_id
    join building b on b.id = ap.building_id
    join person p on p.id = a.owner_id
    left join management_organization mo on mo.id = b.management_organization_id
    left join billing_building bb on bb.building_id = b.id
   where a.kind = 'owner_receivable' and ap.building_id = ?`;

const ownerAccount = (r: AccountRow): OwnerAccount => ({
  id: r.id,
  ownerId: r.owner_id,
  apartmentId: r.apartment_id,
  buildingId: r.building_id,
});

export interface QualifyingDebtor {
  ownerId: string;
  apartmentId: string;
  apartmentNumber: string;
  ownerName: string;
  personalAccount: string;
  hasEmail: boolean;
  /** The oldest period that qualifies, and from which day it did. */
  oldestPeriod: string;
  qualifiesFrom: string;
  contributionOwed: number;
  penaltyOwed: number;
  owed: number;
  /** The last claim started for this account, if any. */
  lastClaim: { id: string; asOf: string } | null;
}

const owedOf = (c: DebtCalculation) => ({
  contributionOwed: c.rows.reduce((s, r) => s + r.contributionOwed, 0),
  penaltyOwed: c.rows.reduce((s, r) => s + r.penaltyOwed, 0),
  owed: c.totals.owed,
});

/** The building's owner accounts whose debt qualifies on `asOf`, in apartment order. */
export async function qualifyingDebtors(
  em: EntityManager,
  buildingId: string,
  asOf: string,
  policy: CourtRules,
): Promise<QualifyingDebtor[]> {
  if (!isUuid(buildingId)) return [];
  const rows = await em.execute<AccountRow[]>(ACCOUNTS, [buildingId]);
  const balances = await periodBalances(em, rows.map(ownerAccount), asOf, policy);
  const claims = await em.execute<{ person_id: string; apartment_id: string; id: string; as_of: string }[]>(
    `select distinct on (person_id, apartment_id) person_id, apartment_id, id, as_of
       from court_claim where building_id = ? order by person_id, apartment_id, as_of desc`,
    [buildingId],
  );
  const out: QualifyingDebtor[] = [];
  for (const r of rows) {
    const c = debtCalculation(balances.get(r.id)!, asOf, policy);
    if (!c.qualifies) continue;
    const oldest = c.rows.find((x) => x.qualifies)!;
    const last = claims.find((x) => x.person_id === r.owner_id && x.apartment_id === r.apartment_id);
    out.push({
      ownerId: r.owner_id,
      apartmentId: r.apartment_id,
      apartmentNumber: r.number,
      ownerName: r.full_name,
      personalAccount: personalAccountNumber(Number(r.serial)),
      hasEmail: r.email !== null,
      oldestPeriod: oldest.period,
      qualifiesFrom: oldest.qualifiesFrom,
      ...owedOf(c),
      lastClaim: last ? { id: last.id, asOf: last.as_of } : null,
    });
  }
  const n = (s: string) => [Number.parseInt(s, 10) || 0, s] as const;
  return out.sort((a, b) => {
    const [x, y] = [n(a.apartmentNumber), n(b.apartmentNumber)];
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : a.ownerId < b.ownerId ? -1 : 1);
  });
}

export interface StartClaimInput {
  id: string;
  buildingId: string;
  ownerId: string;
  apartmentId: string;
  asOf: string;
  userId: string;
  idempotencyKey: string;
  requestSha256: string;
  publicUrl: string;
}

export type StartClaimResult =
  | { outcome: 'created' | 'replayed'; claimId: string }
  | { outcome: 'conflict' }
  | { outcome: 'no_account' }
  | { outcome: 'no_organization' }
  | { outcome: 'not_qualifying'; calculation: DebtCalculation }
  | { outcome: 'already_claimed'; claimId: string };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function startCourtClaim(
  em: EntityManager,
  input: StartClaimInput,
  policy: CourtRules,
): Promise<StartClaimResult> {
  return em.transactional(async (tx) => {
    // The account's row lock orders two claims started at once for the same owner.
    const [r] = await tx.execute<AccountRow[]>(
      `${ACCOUNTS} and a.owner_id = ? and a.apartment_id = ? for update of a`,
      [input.buildingId, input.ownerId, input.apartmentId],
    );
    if (!r) return { outcome: 'no_account' };
    // After the lock: a concurrent request with the same key has committed by now.
    const [earlier] = await tx.execute<{ id: string; request_sha256: string }[]>(
      `select id, request_sha256 from court_claim where idempotency_key = ?`,
      [input.idempotencyKey],
    );
    if (earlier)
      return earlier.request_sha256 === input.requestSha256
        ? { outcome: 'replayed', claimId: earlier.id }
        : { outcome: 'conflict' };
    if (!r.organization_id || !r.organization_name) return { outcome: 'no_organization' };
    const [same] = await tx.execute<{ id: string }[]>(
      `select id from court_claim where person_id = ? and apartment_id = ? and as_of = ?`,
      [input.ownerId, input.apartmentId, input.asOf],
    );
    if (same) return { outcome: 'already_claimed', claimId: same.id };
    const balances = await periodBalances(tx, [ownerAccount(r)], input.asOf, policy);
    const calculation = debtCalculation(balances.get(r.id)!, input.asOf, policy);
    if (!calculation.qualifies) return { outcome: 'not_qualifying', calculation };

    const personalAccount = personalAccountNumber(Number(r.serial));
    const number = `${personalAccount}-${input.asOf.replaceAll('-', '')}`;
    const answerBy = addDays(input.asOf, policy.courtClaimAnswerDays);
    const token = randomBytes(24).toString('base64url');
    const acknowledgeUrl = `${input.publicUrl}/court-claims/${input.id}/acknowledge?t=${token}`;
    const letterInput: CourtClaimLetterInput = {
      number,
      ownerName: r.full_name,
      address: r.address,
      apartmentNumber: r.number,
      personalAccount,
      organizationName: r.organization_name,
      payee:
        r.tin && r.bank_account ? { tin: r.tin, bankAccount: r.bank_account, bankCode: r.bank_code } : null,
      calculation,
      answerBy,
      acknowledgeUrl,
    };
    const letter = courtClaimMail(letterInput, r.language);
    await tx.execute(
      `insert into court_claim (id, number, building_id, apartment_id, person_id, organization_id,
                                personal_account, as_of, answer_by, calculation, language, email, subject,
                                text, ack_token_sha256, created_by_user_id, idempotency_key, request_sha256,
                                created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
      [
        input.id,
        number,
        input.buildingId,
        input.apartmentId,
        input.ownerId,
        r.organization_id,
        personalAccount,
        input.asOf,
        answerBy,
        JSON.stringify(calculation),
        r.language,
        r.email,
        letter.subject,
        letter.text,
        sha256(token),
        input.userId,
        input.idempotencyKey,
        input.requestSha256,
      ],
    );
    // Every language, so the owner reads it in the one they chose for notices; the stored letter is
    // the one in their language on the day. The mail carries the letter itself, the other channels
    // the short notice and the acknowledgement link that opens the claim in full.
    const texts = Object.fromEntries(
      LANGUAGES.map((lang): [Language, MessageText] => {
        const mail = lang === r.language ? letter : courtClaimMail(letterInput, lang);
        const notice = courtClaimNotice(letterInput, lang);
        return [lang, { subject: mail.subject, body: notice.body, text: mail.text, link: acknowledgeUrl }];
      }),
    ) as Record<Language, MessageText>;
    await notify(
      tx,
      {
        kind: 'debt_claim',
        organizationId: r.organization_id,
        buildingId: input.buildingId,
        texts,
        idempotencyKey: courtClaimMailKey(input.id),
        recipients: [{ personId: input.ownerId, buildingId: input.buildingId, place: r.number }],
      },
      new Date(),
    );
    return { outcome: 'created', claimId: input.id };
  });
}
