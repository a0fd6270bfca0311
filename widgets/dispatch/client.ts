// The resident's and the technician's dispatch calls with an element's resolved settings. The API
// answers the domain's request as stored (instants in epoch milliseconds) with the steps open to
// the caller; the dispatcher's board has its own client (board-client.ts).
import type { Job } from '../../domain/dispatch/read-models.ts';
import type { DispatchAction } from '../../domain/dispatch/status.ts';
import type { DispatchRequest } from '../../domain/dispatch/types.ts';
import type { MyApartmentView } from '../../domain/registry/types.ts';
import { getJson, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';

export type { Job, MyApartmentView };

/** A request as its resident (or a technician) reads it. */
export type DispatchRequestView = DispatchRequest & { availableActions: DispatchAction[] };

/** What registration answers at once: the number and the time it was registered. */
export type SubmittedRequest = DispatchRequestView & {
  acknowledgement: { number: string; registeredAt: string };
};

/** A photo as the API takes it: the bytes in base64, its type read from them. */
export interface PhotoInput {
  contentBase64: string;
}

export type TechnicianStep =
  | { type: 'accept' }
  | { type: 'on_the_way' }
  | { type: 'on_site' }
  | { type: 'contain'; note?: string }
  | { type: 'done'; note: string; photos: PhotoInput[] };

export type ResidentStep =
  | { type: 'confirm' }
  | { type: 'reject'; reason: string }
  | { type: 'rate'; rating: number };

const BASE = '/api/v1/dispatch';
type Write = SendOptions & { idempotencyKey: string };

export const myApartments = (o: RequestOptions) => getJson<MyApartmentView[]>('/api/v1/me/apartments', o);

export const submitRequest = (body: { apartmentId: string; text: string; photos: PhotoInput[] }, o: Write) =>
  sendJson<SubmittedRequest>('POST', `${BASE}/requests`, body, o);

export const listMyRequests = (o: RequestOptions) =>
  getJson<{ items: DispatchRequestView[] }>(`${BASE}/requests`, o);

export const listMyJobs = (o: RequestOptions) => getJson<{ items: Job[] }>(`${BASE}/jobs`, o);

export const takeStep = (id: string, step: TechnicianStep | ResidentStep, o: Write) =>
  sendJson<DispatchRequestView>('POST', `${BASE}/requests/${encodeURIComponent(id)}/steps`, step, o);
