// The organization's queue of incoming bank lines no purpose matched: what each line's purpose
// suggests (resolved to this building's apartments where it can be), and the assignment that posts
// the money to an apartment's owner: clearing/bank/<building> → owner's receivable, taking it out of the
// unidentified receipts (see bank-statements.ts), under the line's row lock, once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Candidate, purposeCandidates } from '../../domain/billing/bank-statement.ts';
import { personalAccountSerial } from '../../domain/billing/personal-account.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { bankPaymentId } from './bank-statements.ts';
import { postPayment } from './payments.ts';

export type QueueCandidate = Candidate & { apartmentId: string | null; apartmentNumber: string | null };

export interface UnmatchedPayment {
  id: string;
  importId: string;
  lineNumber: number;
  valueDate: string;
  /** Tiyin. */
  amount: number;
  payer: string;
  payerAccount: string | null;
  purpose: string;
  reference: string;
  candidates: QueueCandidate[];
}

interface LineRow {
  id: string;
  import_id: string;
  line_number: number;
  value_date: string;
  amount: string;
  counterparty: string;
  counterparty_account: string | null;
  purpose: string;
  reference: string;
}

/** The building's unmatched incoming lines, oldest first, each with its purpose's candidates. */
export async function unmatchedPayments(em: EntityManager, buildingId: string): Promise<UnmatchedPayment[]> {
  const rows = await em.execute<LineRow[]>(
    `select id, import_id, line_number, value_date, amount::text as amount, counterparty, counterparty_account,
            purpose, reference
       from bank_statement_line where building_id = ? and status = 'unmatched'
      order by value_date, import_id, line_number`,
    [buildingId],
  );
  const candidates = rows.map((r) => purposeCandidates(r.purpose));
  const serials = [
    ...new Set(
      candidates.flat().flatMap((c) => {
        const s = c.kind === 'personal_account' ? personalAccountSerial(c.account) : null;
        return s === null ? [] : [s];
      }),
    ),
  ];
  const byAccount = new Map(
    (
      await em.execute<{ serial: string; apartment_id: string; number: string }[]>(
        `select a.serial::text as serial, a.apartment_id, ap.number
           from ledger_account a join apartment ap on ap.id = a.apartment_id
          where a.kind = 'owner_receivable' and a.building_id = ?
            and a.serial in (select jsonb_array_elements_text(?::jsonb)::bigint)`,
        [buildingId, JSON.stringify(serials.map(String))],
      )
    ).map((r) => [Number(r.serial), { id: r.apartment_id, number: r.number }]),
  );
  const byNumber = new Map(
    (
      await em.execute<{ id: string; number: string }[]>(
        `select id, number from apartment where building_id = ?`,
        [buildingId],
      )
    ).map((r) => [r.number.toLowerCase(), { id: r.id, number: r.number }]),
  );
  return rows.map((r, i) => ({
    id: r.id,
    importId: r.import_id,
    lineNumber: r.line_number,
    valueDate: r.value_date,
    amount: Number(r.amount),
    payer: r.counterparty,
    payerAccount: r.counterparty_account,
    purpose: r.purpose,
    reference: r.reference,
    candidates: candidates[i]!.map((c) => {
      const apartment =
        c.kind === 'personal_account'
          ? byAccount.get(personalAccountSerial(c.account) ?? -1)
          : c.kind === 'apartment'
            ? byNumber.get(c.number)
            : undefined;
      return { ...c, apartmentId: apartment?.id ?? null, apartmentNumber: apartment?.number ?? null };
    }),
  }));
}

/** The building a line belongs to, or null when there is no such line. */
export async function bankLineBuilding(em: EntityManager, id: string): Promise<string | null> {
  const [row] = await em.execute<{ building_id: string }[]>(
    `select building_id from bank_statement_line where id = ?`,
    [id],
  );
  return row?.building_id ?? null;
}

export interface Assignment {
  lineId: string;
  apartmentId: string;
  /** When the apartment has several co-owners' accounts: which one pays. */
  personalAccount?: string | undefined;
  userId: string | null;
  /** The caller's Idempotency-Key, qualified by the caller. */
  key: string;
  requestSha256: string;
  policy: BillingPolicy;
}

export interface AssignedLine {
  id: string;
  status: 'assigned';
  apartmentId: string;
  account: string;
  paymentId: string;
  amount: number;
  valueDate: string;
  assignedByUserId: string | null;
  assignedAt: string;
}

export type AssignmentOutcome =
  | { outcome: 'assigned' | 'replay'; line: AssignedLine }
  | { outcome: 'conflict' }
  | { outcome: 'not_unmatched'; status: string }
  | { outcome: 'refused'; field: 'apartmentId' | 'personalAccount'; message: string };

interface Locked {
  status: string;
  building_id: string;
  amount: string;
  value_date: string;
  reference: string;
  apartment_id: string | null;
  account_id: string | null;
  payment_id: string | null;
  assigned_by_user_id: string | null;
  assigned_at: Date | null;
  assignment_key: string | null;
  assignment_hash: string | null;
}

const assigned = (id: string, r: Locked): AssignedLine => ({
  id,
  status: 'assigned',
  apartmentId: r.apartment_id!,
  account: r.account_id!,
  paymentId: r.payment_id!,
  amount: Number(r.amount),
  valueDate: r.value_date,
  assignedByUserId: r.assigned_by_user_id,
  assignedAt: new Date(r.assigned_at!).toISOString(),
});

/** Posts an unmatched line to an owner of the apartment, once; a retry with the same key answers the same. */
export async function assignLine(em: EntityManager, a: Assignment): Promise<AssignmentOutcome> {
  return em.transactional(async (tx) => {
    const select = `select status, building_id, amount::text as amount, value_date, reference, apartment_id, account_id,
                           payment_id, assigned_by_user_id, assigned_at, assignment_key, assignment_hash
                      from bank_statement_line where id = ?`;
    // The building's import lock first, as an import takes it, so an assignment never runs inside
    // an import of its building. The row locks agree anyway: both lock owners' accounts before the
    // building's clearing/bank/<building> (an import then its bank and card clearing rows, which an
    // assignment never takes), and a card payment locks its owner before clearing/<provider>/<building>
    // and nothing after it.
    await tx.execute(
      `select pg_advisory_xact_lock(hashtextextended('bank-statement:' || building_id::text, 0))
         from bank_statement_line where id = ?`,
      [a.lineId],
    );
    const [line] = await tx.execute<Locked[]>(`${select} for update`, [a.lineId]);
    if (!line) throw new Error(`bank statement line ${a.lineId} does not exist`);
    if (line.assignment_key === a.key)
      return line.assignment_hash === a.requestSha256
        ? { outcome: 'replay', line: assigned(a.lineId, line) }
        : { outcome: 'conflict' };
    if (line.status !== 'unmatched') return { outcome: 'not_unmatched', status: line.status };
    const accounts = await tx.execute<{ id: string; serial: string; building_id: string }[]>(
      `select a.id, a.serial::text as serial, ap.building_id
         from apartment ap left join ledger_account a on a.apartment_id = ap.id and a.kind = 'owner_receivable'
        where ap.id = ? order by a.serial`,
      [a.apartmentId],
    );
    if (accounts.length === 0 || accounts[0]!.building_id !== line.building_id)
      return {
        outcome: 'refused',
        field: 'apartmentId',
        message: "is not an apartment of the line's building",
      };
    const owners = accounts.filter((r) => r.id !== null);
    if (owners.length === 0)
      return {
        outcome: 'refused',
        field: 'apartmentId',
        message: 'the apartment has no owner account to credit',
      };
    const serial = a.personalAccount === undefined ? null : personalAccountSerial(a.personalAccount);
    if (a.personalAccount !== undefined && !owners.some((o) => Number(o.serial) === serial))
      return {
        outcome: 'refused',
        field: 'personalAccount',
        message: "is not an account of the apartment's owners",
      };
    if (a.personalAccount === undefined && owners.length > 1)
      return {
        outcome: 'refused',
        field: 'personalAccount',
        message: `the apartment has ${owners.length} co-owners' accounts: name the one that pays`,
      };
    const account = (serial === null ? owners[0] : owners.find((o) => Number(o.serial) === serial))!.id;
    const paymentId = bankPaymentId(a.lineId);
    await postPayment(tx, {
      provider: 'bank',
      providerId: line.reference,
      transferId: paymentId,
      account,
      amount: Number(line.amount),
      policy: a.policy,
      paidOn: line.value_date,
    });
    await tx.execute(
      `update bank_statement_line
          set status = 'assigned', apartment_id = ?, account_id = ?, payment_id = ?, assigned_by_user_id = ?,
              assigned_at = now(), assignment_key = ?, assignment_hash = ?
        where id = ?`,
      [a.apartmentId, account, paymentId, a.userId, a.key, a.requestSha256, a.lineId],
    );
    const [after] = await tx.execute<Locked[]>(select, [a.lineId]);
    return { outcome: 'assigned', line: assigned(a.lineId, after!) };
  });
}
