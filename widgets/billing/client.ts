// The billing API as the widgets call it.
import type { Candidate } from '../../domain/billing/bank-statement.ts';
import type { Collection } from '../../domain/billing/collection.ts';
import type { ViolationView } from '../../domain/billing/reconciliation.ts';
import type { Statement } from '../../domain/billing/statement.ts';
import type {
  DebtorView,
  ElectricityView,
  MovementView,
  OwnerAccountView,
  PaymentLinksView,
  ReceiptSummary,
} from '../../domain/billing/views.ts';
import type { Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import { getBytes, getJson, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';

const building = (id: string) => `/api/v1/billing/buildings/${encodeURIComponent(id)}`;

export const myAccounts = (o: RequestOptions) =>
  getJson<{ items: OwnerAccountView[]; electricity: ElectricityView }>('/api/v1/billing/me/accounts', o);

/** The providers' checkout links of one of the caller's receipts, back to `returnUrl` after paying. */
export const paymentLinks = (receiptId: string, lang: Language, returnUrl: string, o: RequestOptions) =>
  getJson<PaymentLinksView>(
    `/api/v1/billing/receipts/${encodeURIComponent(receiptId)}/payment-links?${new URLSearchParams({ lang, returnUrl })}`,
    o,
  );

export const buildingDebtors = (buildingId: string, page: number, pageSize: number, o: RequestOptions) =>
  getJson<Page<DebtorView> & { totalOverdue: number }>(
    `${building(buildingId)}/debtors?page=${page}&pageSize=${pageSize}`,
    o,
  );

export const buildingCollection = (buildingId: string, o: RequestOptions) =>
  getJson<Collection>(`${building(buildingId)}/collection`, o);

/** What a payment's purpose may say about whose it is, with the apartment it names when it does. */
export type PaymentCandidate = Candidate & { apartmentId: string | null; apartmentNumber: string | null };

/** A bank statement line nobody could match to an apartment. */
export interface UnmatchedPayment {
  id: string;
  valueDate: string;
  /** Tiyin. */
  amount: number;
  payer: string;
  purpose: string;
  candidates: PaymentCandidate[];
}

export const unmatchedPayments = (buildingId: string, o: RequestOptions) =>
  getJson<{ items: UnmatchedPayment[] }>(`${building(buildingId)}/unmatched-payments`, o);

/** `personalAccount` names the co-owner who pays when the apartment has several. */
export const assignPayment = (
  id: string,
  body: { apartmentId: string; personalAccount?: string },
  o: SendOptions & { idempotencyKey: string },
) =>
  sendJson<unknown>(
    'POST',
    `/api/v1/billing/unmatched-payments/${encodeURIComponent(id)}/assignment`,
    body,
    o,
  );

export const violations = (buildingId: string, o: RequestOptions) =>
  getJson<{ items: ViolationView[] }>(`${building(buildingId)}/violations`, o);

/** The building's apartments, for assigning a payment to one. */
export const buildingApartments = (buildingId: string, o: RequestOptions) =>
  getJson<Page<{ id: string; number: string }>>(
    `/api/v1/buildings/${encodeURIComponent(buildingId)}/apartments?pageSize=200`,
    o,
  );

export const myReceipts = (page: number, pageSize: number, o: RequestOptions) =>
  getJson<Page<ReceiptSummary>>(`/api/v1/billing/me/receipts?page=${page}&pageSize=${pageSize}`, o);

export const myMovements = (page: number, pageSize: number, o: RequestOptions) =>
  getJson<Page<MovementView>>(`/api/v1/billing/me/movements?page=${page}&pageSize=${pageSize}`, o);

/** The PDF with the bearer token (a plain link cannot send it). */
export const receiptPdf = (id: string, lang: Language, o: RequestOptions) =>
  getBytes(`/api/v1/billing/receipts/${encodeURIComponent(id)}/pdf?lang=${lang}`, o, 'application/pdf');

const statementPath = (buildingId: string, range: { from?: string; to?: string }, csv = '') => {
  const q = new URLSearchParams();
  if (range.from) q.set('from', range.from);
  if (range.to) q.set('to', range.to);
  return `${building(buildingId)}/statement${csv}${q.size ? `?${q}` : ''}`;
};

export const buildingStatement = (
  buildingId: string,
  range: { from?: string; to?: string },
  o: RequestOptions,
) => getJson<Statement>(statementPath(buildingId, range), o);

/** The API's CSV of the statement, in the reader's language (Accept-Language), as bytes. */
export const buildingStatementCsv = (
  buildingId: string,
  range: { from: string; to: string },
  o: RequestOptions,
) => getBytes(statementPath(buildingId, range, '.csv'), o, 'text/csv');
