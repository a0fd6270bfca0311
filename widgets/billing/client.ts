// The billing API as the widgets call it.
import type { Statement } from '../../domain/billing/statement.ts';
import type { MovementView, OwnerAccountView, ReceiptSummary } from '../../domain/billing/views.ts';
import type { Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import { getBytes, getJson, type RequestOptions } from '../core/api.ts';

export const myAccounts = (o: RequestOptions) =>
  getJson<{ items: OwnerAccountView[] }>('/api/v1/billing/me/accounts', o);

export const myReceipts = (page: number, pageSize: number, o: RequestOptions) =>
  getJson<Page<ReceiptSummary>>(`/api/v1/billing/me/receipts?page=${page}&pageSize=${pageSize}`, o);

export const myMovements = (page: number, pageSize: number, o: RequestOptions) =>
  getJson<Page<MovementView>>(`/api/v1/billing/me/movements?page=${page}&pageSize=${pageSize}`, o);

/** The PDF with the bearer token (a plain link cannot send it). */
export const receiptPdf = (id: string, lang: Language, o: RequestOptions) =>
  getBytes(`/api/v1/billing/receipts/${encodeURIComponent(id)}/pdf?lang=${lang}`, o, 'application/pdf');

export function buildingStatement(
  buildingId: string,
  range: { from?: string; to?: string },
  o: RequestOptions,
) {
  const q = new URLSearchParams();
  if (range.from) q.set('from', range.from);
  if (range.to) q.set('to', range.to);
  const query = q.size ? `?${q}` : '';
  return getJson<Statement>(
    `/api/v1/billing/buildings/${encodeURIComponent(buildingId)}/statement${query}`,
    o,
  );
}

/** Hands bytes to the browser as a download. */
export function saveFile(bytes: BlobPart, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
