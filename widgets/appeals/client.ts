// The appeals endpoints as typed calls with an element's resolved settings. Instants are ISO
// strings here (domain/appeals/json.ts): the API converts the domain's epoch milliseconds.
import type { AppealJson, AppealSummary, AttachmentJson } from '../../domain/appeals/json.ts';
import type { AppealCategory, AppealKind, AppealStatus } from '../../domain/appeals/types.ts';
import type { Page } from '../../domain/common/page.ts';
import type { MyApartmentView } from '../../domain/registry/types.ts';
import {
  ApiError,
  getBytes,
  getJson,
  NETWORK_PROBLEM_TYPE,
  type Problem,
  type RequestOptions,
  type SendOptions,
  sendJson,
} from '../core/api.ts';

export type { AppealJson, AppealSummary };
export type AppealAttachment = AttachmentJson;

import type { Board as AppealsBoard } from '../../domain/appeals/json.ts';

export type { OrganizationFigures } from '../../domain/appeals/json.ts';
export type { AppealsBoard };

export interface NewAppeal {
  category: AppealCategory;
  kind: AppealKind;
  subject: { buildingId: string; apartmentId?: string };
  text: string;
  attachmentIds?: string[];
}

/** The list's filters; `mine` asks for the caller's own appeals. */
export interface AppealFilter {
  mine?: boolean;
  districtId?: string;
  status?: AppealStatus;
  category?: AppealCategory;
  organizationId?: string;
  overdue?: boolean;
}

const BASE = '/api/v1/appeals';
const ATTACHMENTS = '/api/v1/appeal-attachments';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** The filters as a query string, in a fixed order; `page` omitted for the CSV export. */
export function filterQuery(f: AppealFilter, page?: { page: number; pageSize: number }): URLSearchParams {
  const q = new URLSearchParams();
  if (f.mine) q.set('mine', '1');
  if (f.districtId) q.set('districtId', f.districtId);
  if (f.status) q.set('status', f.status);
  if (f.category) q.set('category', f.category);
  if (f.organizationId) q.set('organizationId', f.organizationId);
  if (f.overdue) q.set('overdue', 'true');
  if (page) {
    q.set('page', String(page.page));
    q.set('pageSize', String(page.pageSize));
  }
  return q;
}

export const listAppeals = (f: AppealFilter, page: { page: number; pageSize: number }, o: RequestOptions) =>
  getJson<Page<AppealSummary>>(`${BASE}?${filterQuery(f, page)}`, o);

export const getAppeal = (id: string, o: RequestOptions) => getJson<AppealJson>(one(id), o);

export const getBoard = (districtId: string, o: RequestOptions) =>
  getJson<AppealsBoard>(`${BASE}/board?${new URLSearchParams({ districtId })}`, o);

export const exportCsv = (f: AppealFilter, o: RequestOptions) =>
  getBytes(`${BASE}/export.csv?${filterQuery(f)}`, o, 'text/csv');

export const myApartments = (o: RequestOptions) => getJson<MyApartmentView[]>('/api/v1/me/apartments', o);

export const submitAppeal = (body: NewAppeal, o: SendOptions & { idempotencyKey: string }) =>
  sendJson<AppealJson>('POST', BASE, body, o);

/** The responsible body's steps: take the appeal into consideration, then answer it. */
export const acceptAppeal = (id: string, o: SendOptions) =>
  sendJson<AppealJson>('POST', `${one(id)}/accept`, {}, o);

export const answerAppeal = (id: string, text: string, o: SendOptions) =>
  sendJson<AppealJson>('POST', `${one(id)}/answer`, { text }, o);

/** The applicant's answers to an answer: accept it with a rating, or dispute it to the next level. */
export const acceptAnswer = (id: string, rating: number, o: SendOptions) =>
  sendJson<AppealJson>('POST', `${one(id)}/acceptance`, { rating }, o);

export const disputeAnswer = (id: string, reason: string, o: SendOptions) =>
  sendJson<AppealJson>('POST', `${one(id)}/dispute`, { reason }, o);

/**
 * One file as the raw request body: core/api.ts only sends JSON, so this is the one hand-made
 * request of the appeals widgets. Same rules: bearer only, no cookies, failures are ApiErrors.
 */
export async function uploadAttachment(
  file: File,
  mediaType: string,
  o: RequestOptions,
): Promise<AppealAttachment> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Content-Type': mediaType,
    'X-Filename': encodeURIComponent(file.name),
  };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  if (o.lang) headers['Accept-Language'] = o.lang;
  let response: Response;
  try {
    response = await fetch(`${o.apiBase.replace(/\/+$/, '')}${ATTACHMENTS}`, {
      method: 'POST',
      headers,
      body: file,
      credentials: 'omit',
      signal: o.signal,
    });
  } catch (error) {
    if (o.signal?.aborted) throw error;
    throw new ApiError({
      type: NETWORK_PROBLEM_TYPE,
      title: 'Network error',
      status: 0,
      detail: String(error),
    });
  }
  const body = (await response.json().catch(() => null)) as Partial<Problem> | AppealAttachment | null;
  if (!response.ok) {
    const p = (body ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...p,
      type: typeof p.type === 'string' ? p.type : 'about:blank',
      title: typeof p.title === 'string' ? p.title : response.statusText || 'Error',
      status: response.status,
    });
  }
  return body as AppealAttachment;
}
