// What the billing API answers and the widgets read: one vocabulary for both sides.
import type { TransferKind } from './ledger.ts';
import type { ReceiptSnapshot } from './receipt-document.ts';
import type { SourceKind } from './revenue-sources.ts';

/** A receipt in a list: enough for a row and its PDF link, without the whole snapshot. */
export interface ReceiptSummary {
  id: string;
  number: string;
  period: string;
  buildingId: string;
  apartmentId: string;
  apartmentNumber: string;
  address: string;
  ownerName: string;
  accrued: number;
  paid: number;
  /** Signed: more than 0 owed, less than 0 an advance. */
  closing: number;
  toPay: number;
  dueDate: string;
  contentSha256: string;
  createdAt: string;
  /** Paid on the receipt's account since it was made (payments no earlier receipt listed, less refunds). */
  paidSince: number;
  /** What is left of toPay now: 0 once paid, or once the account owes nothing at all. */
  remaining: number;
  /** When the payments since the receipt covered its toPay; null while they have not (or nothing was due). */
  settledAt: string | null;
}

export interface ReceiptView extends ReceiptSummary {
  snapshot: ReceiptSnapshot;
}

/** One of the caller's accounts: their share of one apartment. */
export interface OwnerAccountView {
  accountId: string;
  personalAccount: string | null;
  apartmentId: string;
  apartmentNumber: string;
  buildingId: string;
  address: string;
  share: string;
  /** The account's balance now: more than 0 owed, less than 0 an advance. */
  balance: number;
  /** Overdue contributions and penalties through today. */
  standing: AccountStanding;
}

export interface RevenueSourceView {
  id: string;
  buildingId: string;
  kind: SourceKind;
  partyName: string;
  partyId: string;
  contractNumber: string;
  monthlyCharge: number;
  from: string;
  to: string | null;
  createdAt: string;
}

/** A movement on one of the caller's accounts. */
export interface MovementView {
  transferId: string;
  kind: TransferKind;
  reason: string;
  period: string | null;
  apartmentNumber: string;
  /** Signed: more than 0 adds to what is owed. */
  amount: number;
  balanceAfter: number;
  postedAt: string;
}

/** The electricity supplier's block of an owner, as the owner and the staff see it. */
export type ElectricityStatus = 'none' | 'blocked' | 'lifted';

export interface ElectricityView {
  status: ElectricityStatus;
  /** The handover day the current or last block was sent. */
  blockedOn: string | null;
  liftedAt: string | null;
}

/** One overdue month's penalty through today, on one of the caller's accounts. */
export interface PenaltyView {
  period: string;
  daysLate: number;
  /** Tiyin through today (the daily run posts up to it). */
  amount: number;
  capped: boolean;
  /** The month's contribution is still unpaid, so the penalty still grows. */
  growing: boolean;
}

/** What an account owes past its due days, and its penalties. */
export interface AccountStanding {
  /** Contributions past their due day and unpaid, tiyin. */
  overdue: number;
  overduePeriods: string[];
  /** Penalties posted to the ledger and not yet paid (payments settle contributions first). */
  penaltyDue: number;
  penalties: PenaltyView[];
}

/** A debtor of a building: one owner's share of one apartment with overdue contributions. */
export interface DebtorView extends AccountStanding {
  accountId: string;
  personalAccount: string;
  apartmentId: string;
  apartmentNumber: string;
  ownerName: string;
  balance: number;
  electricity: ElectricityStatus;
}

/** A payment link of a receipt. */
export interface PaymentLinksView {
  receiptId: string;
  personalAccount: string;
  /** What the links ask: what the receipt's personal account owes now; tiyin. */
  amount: number;
  links: { provider: 'payme' | 'click'; url: string }[];
}
