// What a building's receipts of a month are made from: each owner's account with the parties to
// print, the previous receipt's closing, and the posted transfers on the account that no receipt
// of the account has counted yet, sorted into the receipt's kinds of line. Every entry of the
// account is on a receipt, waits for the next one (dated after the cut-off) or is a later month's
// accrual, so a first receipt opens at zero and each later one at the previous closing.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccrualLine } from '../../domain/billing/accrual.ts';
import { parseAccountId } from '../../domain/billing/ledger.ts';
import { endOf, isDate } from '../../domain/billing/period.ts';
import { personalAccountNumber } from '../../domain/billing/personal-account.ts';
import type { ReceiptCorrection, ReceiptPayment, ReceiptPenalty } from '../../domain/billing/receipt.ts';
import { buildingCode } from '../../domain/billing/receipt.ts';
import type { ReceiptParties } from '../../domain/billing/receipt-document.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import type { Language } from '../../domain/common/language.ts';

/**
 * The building's code on receipt numbers: its cadastral number's digits, or, where those are not
 * 2 to 16 digits (a number from another format), the first 16 characters of its id in capitals,
 * still unique and still what receipt numbers allow.
 */
export function receiptCode(cadastralNumber: string, buildingId: string): string {
  const digits = buildingCode(cadastralNumber);
  return /^\d{2,16}$/.test(digits) ? digits : buildingId.replace(/-/g, '').slice(0, 16).toUpperCase();
}

export interface OwnerAccount {
  accountId: string;
  personId: string;
  apartmentId: string;
  apartmentNumber: string;
  email: string | null;
  language: Language;
  personalAccount: string;
  parties: ReceiptParties;
  /** The last receipt's closing before this period, null when this is the first. */
  previousClosing: number | null;
  hasReceipt: boolean;
}

export interface Movements {
  accruals: AccrualLine[];
  payments: ReceiptPayment[];
  penalties: ReceiptPenalty[];
  corrections: ReceiptCorrection[];
}

export async function ownerAccounts(
  em: EntityManager,
  buildingId: string,
  period: string,
): Promise<OwnerAccount[]> {
  const rows = await em.execute<
    {
      id: string;
      building_id: string;
      owner_id: string;
      apartment_id: string;
      number: string;
      serial: string;
      full_name: string;
      email: string | null;
      language: Language;
      address: string;
      cadastral_number: string;
      share_numerator: number | null;
      share_denominator: number | null;
      organization_name: string | null;
      tin: string | null;
      bank_account: string | null;
      bank_code: string | null;
      previous_closing: string | null;
      has_receipt: boolean;
    }[]
  >(
    `select a.id, b.id as building_id, a.owner_id, a.apartment_id, ap.number, a.serial::text as serial,
            p.full_name, p.email, p.language, b.address, b.cadastral_number,
            o.share_numerator, o.share_denominator,
            coalesce((select tmo.name from billing_term t join management_organization tmo on tmo.id = t.organization_id
                       where t.building_id = b.id and t.change <> 'termination' and t.effective_from < ?
                       order by t.effective_from desc limit 1), mo.name) as organization_name,
            bb.tin, bb.bank_account, bb.bank_code,
            (select r.closing::text from billing_receipt r
              where r.person_id = a.owner_id and r.apartment_id = a.apartment_id and r.period < ?
              order by r.period desc limit 1) as previous_closing,
            exists (select 1 from billing_receipt r where r.person_id = a.owner_id
                     and r.apartment_id = a.apartment_id and r.period = ?) as has_receipt
       from ledger_account a
       join apartment ap on ap.id = a.apartment_id
       join building b on b.id = ap.building_id
       join person p on p.id = a.owner_id
       left join ownership o on o.person_id = a.owner_id and o.apartment_id = a.apartment_id
       left join management_organization mo on mo.id = b.management_organization_id
       left join billing_building bb on bb.building_id = b.id
      where a.kind = 'owner_receivable' and ap.building_id = ?
      order by a.id`,
    [endOf(period), period, period, buildingId],
  );
  return rows.map((r) => ({
    accountId: r.id,
    personId: r.owner_id,
    apartmentId: r.apartment_id,
    apartmentNumber: r.number,
    email: r.email,
    language: r.language,
    personalAccount: personalAccountNumber(Number(r.serial)),
    previousClosing: r.previous_closing === null ? null : Number(r.previous_closing),
    hasReceipt: r.has_receipt,
    parties: {
      ownerName: r.full_name,
      address: r.address,
      apartmentNumber: r.number,
      share: r.share_numerator === null ? '—' : `${r.share_numerator}/${r.share_denominator}`,
      buildingCode: receiptCode(r.cadastral_number, r.building_id),
      organizationName: r.organization_name,
      payee:
        r.tin && r.bank_account ? { tin: r.tin, bankAccount: r.bank_account, bankName: r.bank_code } : null,
    },
  }));
}

interface MovementRow {
  account_id: string;
  transfer_id: string;
  kind: string;
  reason: string;
  period: string | null;
  counter: string;
  change: string;
  posted_at: Date | string;
  detail: Record<string, unknown> | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/**
 * An accrual's receipt line from the transfer's detail (the accrual writes the line there); a
 * transfer without it still prints its amount over the whole month.
 */
function accrualLine(
  r: MovementRow,
  apartmentId: string,
  ownerId: string,
  period: string,
  change: number,
): AccrualLine {
  const d = r.detail ?? {};
  return {
    key: r.transfer_id,
    ownerId,
    ownerKind: d.ownerKind === 'organization' ? 'organization' : 'person',
    apartmentId,
    buildingId: str(d.buildingId) ?? '',
    period,
    organizationId: str(d.organizationId) ?? '',
    from: str(d.from) ?? `${period}-01`,
    to: str(d.to) ?? '',
    amount: change,
    areaHundredths: num(d.areaHundredths) ?? 0,
    tiyinPerM2: num(d.tiyinPerM2) ?? 0,
    days: num(d.days) ?? 0,
    daysInMonth: num(d.daysInMonth) ?? 0,
  };
}

/**
 * Posted transfers on the building's owner accounts that no receipt lists yet, by account. A
 * movement's date is the one its detail states (a bank statement's value date), else the Tashkent
 * day it was posted. Accruals of later months wait for their own receipt; an accrual of an
 * earlier month that no receipt listed (a month re-run after its receipts) is shown as a
 * correction naming its month.
 */
export async function unreceiptedMovements(
  em: EntityManager,
  buildingId: string,
  period: string,
): Promise<Map<string, Movements>> {
  const rows = await em.execute<MovementRow[]>(
    `select e.account_id, t.id as transfer_id, t.kind, t.reason, t.period,
            case when t.debit_account_id = e.account_id then t.credit_account_id else t.debit_account_id end as counter,
            e.change::text as change, e.posted_at, t.detail
       from ledger_account a
       join ledger_entry e on e.account_id = a.id
       join ledger_transfer t on t.id = e.transfer_id
      where a.kind = 'owner_receivable' and a.building_id = ?
        and not (t.kind = 'accrual' and t.period > ?)
        and not exists (select 1 from billing_receipt_item i
                         where i.transfer_id = t.id and i.account_id = e.account_id)
      order by e.account_id, e.id`,
    [buildingId, period],
  );
  const out = new Map<string, Movements>();
  for (const r of rows) {
    const account = parseAccountId(r.account_id);
    if (account?.kind !== 'owner_receivable') continue;
    let m = out.get(r.account_id);
    if (!m) {
      m = { accruals: [], payments: [], penalties: [], corrections: [] };
      out.set(r.account_id, m);
    }
    const change = Number(r.change);
    const stated = str(r.detail?.date);
    const date = stated && isDate(stated) ? stated : tashkentDate(new Date(r.posted_at).getTime());
    const base = { transferId: r.transfer_id, date };
    if (r.kind === 'accrual' && r.period === period)
      m.accruals.push(accrualLine(r, account.apartmentId, account.ownerId, period, change));
    else if (r.kind === 'penalty') m.penalties.push({ ...base, amount: change, period: r.period ?? period });
    else if (r.kind === 'payment') {
      const counter = parseAccountId(r.counter);
      m.payments.push({
        ...base,
        amount: -change,
        channel: counter?.kind === 'provider_clearing' ? counter.provider : 'bank',
        reference: str(r.detail?.reference) ?? r.transfer_id,
      });
    } else {
      const what = r.kind === 'accrual' ? `${r.reason || 'accrual'} (${r.period})` : r.reason || r.kind;
      m.corrections.push({ ...base, amount: change, reason: what });
    }
  }
  return out;
}

/**
 * The stops on the building's month when its gate closed it (a suspended month), as billing's
 * gate stored them: the receipt tells the residents why it has no contribution line. A month the
 * gate opened, or has not decided, has none.
 */
export async function monthStops(
  em: EntityManager,
  buildingId: string,
  period: string,
): Promise<{ rule: string; reason: string }[]> {
  return em.execute<{ rule: string; reason: string }[]>(
    `select s.rule, s.reason from billing_month m
       join billing_suspension s on s.building_id = m.building_id and s.period = m.period
      where m.building_id = ? and m.period = ? and m.status = 'suspended'
      order by s.rule`,
    [buildingId, period],
  );
}
