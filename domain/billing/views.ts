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
