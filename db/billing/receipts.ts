// Making a building's receipts of a month, after its accrual. One transaction per building under
// an advisory lock on (building, month): each owner account without a receipt of the month gets
// one, with the next number of the building and month, its snapshot and its hash, and the
// transfers it counted recorded in billing_receipt_item. Owners who already have one are left as
// they are: a receipt is never made twice nor changed, so a re-run after a correction makes
// nothing new, and the correction waits for the next month's receipt.
//
// Opening balance: the previous receipt's closing, or zero on an owner's first (every movement of
// the account is on some receipt of it: receipt-inputs.ts), so the closing plus what is carried
// over is the account's balance.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import {
  buildReceipt,
  parseReceiptNumber,
  type Receipt,
  receiptNumber,
  receiptSequence,
} from '../../domain/billing/receipt.ts';
import { type ReceiptSnapshot, snapshotSha256 } from '../../domain/billing/receipt-document.ts';
import { monthStops, ownerAccounts, unreceiptedMovements } from './receipt-inputs.ts';

export interface MadeReceipts {
  /** Receipts made by this call. */
  made: number;
  /** Owners who already had the month's receipt. */
  existing: number;
}

type Policy = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'receiptPaymentsThroughDay'>;

export async function makeBuildingReceipts(
  em: EntityManager,
  input: { buildingId: string; period: string; policy: Policy; publicUrl: string; now: Date },
): Promise<MadeReceipts> {
  const { buildingId, period } = input;
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [
      `billing-receipts/${buildingId}/${period}`,
    ]);
    const accounts = await ownerAccounts(tx, buildingId, period);
    const waiting = accounts.filter((a) => !a.hasReceipt);
    if (waiting.length === 0) return { made: 0, existing: accounts.length };
    const movements = await unreceiptedMovements(tx, buildingId, period);
    const suspensions = await monthStops(tx, buildingId, period);
    const [last] = await tx.execute<{ number: string }[]>(
      `select number from billing_receipt where building_id = ? and period = ? order by number desc limit 1`,
      [buildingId, period],
    );
    let sequence = last ? (parseReceiptNumber(last.number)?.sequence ?? 0) : 0;
    const ordered = receiptSequence(waiting.map((a) => ({ ...a, ownerId: a.personId })));
    const rows: unknown[] = [];
    const items: { transfer: string; account: string; receipt: string }[] = [];
    for (const a of ordered) {
      const m = movements.get(a.accountId) ?? { accruals: [], payments: [], penalties: [], corrections: [] };
      const number = receiptNumber(period, a.parties.buildingCode, ++sequence);
      const token = randomBytes(16).toString('hex');
      const receipt: Receipt = buildReceipt(
        {
          period,
          number,
          ownerId: a.personId,
          apartmentId: a.apartmentId,
          personalAccount: a.personalAccount,
          opening: a.previousClosing ?? 0,
          accruals: m.accruals,
          payments: m.payments,
          penalties: m.penalties,
          corrections: m.corrections,
          suspensions,
        },
        input.policy,
      );
      const snapshot: ReceiptSnapshot = {
        receipt,
        parties: a.parties,
        payUrl: `${input.publicUrl.replace(/\/+$/, '')}/pay/${number}?t=${token}`,
        madeAt: input.now.toISOString(),
      };
      const id = crypto.randomUUID();
      rows.push({
        id,
        number,
        building: buildingId,
        apartment: a.apartmentId,
        person: a.personId,
        content: snapshot,
        sha: await snapshotSha256(snapshot),
        closing: receipt.closing,
        to_pay: receipt.toPay,
        token,
      });
      for (const t of receipt.transferIds) items.push({ transfer: t, account: a.accountId, receipt: id });
    }
    await tx.execute(
      `insert into billing_receipt (id, number, period, building_id, apartment_id, person_id, content,
                                    content_sha256, closing, to_pay, pay_token, created_at)
       select r.id, r.number, ?, r.building, r.apartment, r.person, r.content, r.sha, r.closing, r.to_pay,
              r.token, ?
         from jsonb_to_recordset(?::jsonb) as r(id uuid, number text, building uuid, apartment uuid,
              person uuid, content jsonb, sha text, closing bigint, to_pay bigint, token text)`,
      [period, input.now.toISOString(), JSON.stringify(rows)],
    );
    if (items.length > 0)
      await tx.execute(
        `insert into billing_receipt_item (transfer_id, account_id, receipt_id)
         select r.transfer, r.account, r.receipt
           from jsonb_to_recordset(?::jsonb) as r(transfer text, account text, receipt uuid)`,
        [JSON.stringify(items)],
      );
    return { made: rows.length, existing: accounts.length - waiting.length };
  });
}

/** Buildings of a district with owner accounts, after `after` in id order: the pages a month's receipts go by. */
export async function buildingsWithAccounts(
  em: EntityManager,
  districtId: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select b.id from building b
      where b.district_id = ? and b.id > ?
        and exists (select 1 from ledger_account a where a.building_id = b.id and a.kind = 'owner_receivable')
      order by b.id limit ?`,
    [districtId, after ?? '00000000-0000-0000-0000-000000000000', limit],
  );
  return rows.map((r) => r.id);
}
