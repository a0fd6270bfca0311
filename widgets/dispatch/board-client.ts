// The dispatch endpoints the dispatcher's board and the council's figures call, as typed calls
// with an element's resolved settings. Instants are epoch milliseconds, as the API sends them.
import type { Page } from '../../domain/common/page.ts';
import type { ResponseFigures } from '../../domain/dispatch/figures.ts';
import type { BoardIncident, BoardItem } from '../../domain/dispatch/read-models.ts';
import type { CoverageGap, RosterRole } from '../../domain/dispatch/roster.ts';
import type { DispatchCategory, Urgency } from '../../domain/dispatch/triage.ts';
import type { DispatchRequest } from '../../domain/dispatch/types.ts';

export type { BoardIncident, BoardItem };

import { getBytes, getJson, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';
import { readEventStream, type ServerEvent } from '../core/sse.ts';

export interface DispatchBoard {
  items: BoardItem[];
  massIncidents: BoardIncident[];
}

export interface RosterShift {
  id: string;
  userId: string;
  name: string;
  role: RosterRole;
  startsAt: number;
  endsAt: number;
  categories: string[];
  buildingIds: string[];
}

export interface Roster {
  shifts: RosterShift[];
  /** When nobody is on duty in the coming days: no dispatcher, or no technician for a category. */
  gaps: CoverageGap[];
}

export interface OrganizationFigures extends ResponseFigures {
  name: string;
}

export interface Figures {
  quarter: string;
  items: OrganizationFigures[];
}

const BASE = '/api/v1/dispatch';
const steps = (id: string) => `${BASE}/requests/${encodeURIComponent(id)}/steps`;

export const getDispatchBoard = (o: RequestOptions) => getJson<DispatchBoard>(`${BASE}/board`, o);

/** Resolves when the server ends the stream; each `changed` event means "read the board again". */
export const streamDispatchBoard = (o: RequestOptions, onEvent: (e: ServerEvent) => void) =>
  readEventStream(`${BASE}/board/stream`, o, onEvent);

/** The roster from `from` (an instant, ISO 8601; now when absent) for the policy's coming days. */
export const getRoster = (o: RequestOptions, from?: string) =>
  getJson<Roster>(from ? `${BASE}/roster?${new URLSearchParams({ from })}` : `${BASE}/roster`, o);

/** The people the organization has rostered before, to pick for a new shift. */
export const listRosterStaff = (o: RequestOptions) =>
  getJson<{ items: { userId: string; name: string }[] }>(`${BASE}/roster/staff`, o);

/** A new shift; instants are ISO 8601 with their offset. */
export interface NewShift {
  userId: string;
  name: string;
  role: RosterRole;
  startsAt: string;
  endsAt: string;
  categories: DispatchCategory[];
}

export const addRosterShift = (shift: NewShift, o: SendOptions & { idempotencyKey: string }) =>
  sendJson<RosterShift>('POST', `${BASE}/roster/shifts`, shift, o);

export const removeRosterShift = (id: string, o: SendOptions) =>
  sendJson<undefined>('DELETE', `${BASE}/roster/shifts/${encodeURIComponent(id)}`, undefined, o);

export const confirmTriage = (
  id: string,
  triage: { category: DispatchCategory; urgency: Urgency },
  o: SendOptions & { idempotencyKey: string },
) => sendJson<DispatchRequest>('POST', steps(id), { type: 'confirm_triage', ...triage }, o);

export const assignRequest = (
  id: string,
  technicianUserId: string,
  o: SendOptions & { idempotencyKey: string },
) => sendJson<DispatchRequest>('POST', steps(id), { type: 'assign', technicianUserId }, o);

export const resolveIncident = (id: string, note: string, o: SendOptions & { idempotencyKey: string }) =>
  sendJson<unknown>('POST', `${BASE}/mass-incidents/${encodeURIComponent(id)}/resolve`, { note }, o);

/** A phone call as the dispatcher enters it; instants are ISO 8601 with their offset. */
export interface PhoneCall {
  buildingId: string;
  apartmentId?: string;
  callerPhone: string;
  text: string;
  callReceivedAt: string;
  callAnsweredAt: string;
}

export interface RegisteredCall extends DispatchRequest {
  acknowledgement: { number: string; registeredAt: string };
}

export const recordCall = (call: PhoneCall, o: SendOptions & { idempotencyKey: string }) =>
  sendJson<RegisteredCall>('POST', `${BASE}/calls`, call, o);

/** The buildings the organization manages (the API scopes the list by the token). */
export const listBuildings = (o: RequestOptions) =>
  getJson<Page<{ id: string; address: string }>>('/api/v1/buildings?page=1&pageSize=200', o);

export const listApartments = (buildingId: string, o: RequestOptions) =>
  getJson<Page<{ id: string; number: string }>>(
    `/api/v1/buildings/${encodeURIComponent(buildingId)}/apartments?pageSize=200`,
    o,
  );

const figuresPath = (quarter: string, format: 'json' | 'csv') =>
  `${BASE}/figures?${new URLSearchParams({ quarter, format })}`;

export const getFigures = (quarter: string, o: RequestOptions) =>
  getJson<Figures>(figuresPath(quarter, 'json'), o);

/** The API's own CSV of the quarter's figures, as bytes to hand to the browser. */
export const getFiguresCsv = (quarter: string, o: RequestOptions) =>
  getBytes(figuresPath(quarter, 'csv'), o, 'text/csv');
