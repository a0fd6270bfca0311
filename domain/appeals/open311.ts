// The mapping to Open311 GeoReport v2, so city apps and aggregators read and file appeals in the
// format they already speak. Appeals concern a building, not a point: the building id is the
// address_id, and coordinates are null until the registry holds them.
//
// | Open311                | Mening Uyim                                                        |
// |------------------------|--------------------------------------------------------------------|
// | service_code           | category                                                           |
// | service_name, group,   | CATEGORY_INFO (English; widgets translate by code)                 |
// |   description, keywords|                                                                    |
// | metadata, type         | false, 'realtime': no extra attributes are required                |
// | service_request_id     | registrationNumber                                                 |
// | status                 | 'closed' once closed or forwarded off the platform, else 'open'    |
// |                        |   (an answered appeal stays open while it may be disputed)         |
// | status_notes           | the answer, the forwarding, or the escalation; else null           |
// | agency_responsible     | responsible.name                                                   |
// | service_notice         | the registration day (the next working day when received after     |
// |                        |   hours or on a day off) and the last day of the term (dates.ts)   |
// | requested_datetime     | receivedAt         (W3C datetime with Tashkent's +05:00)           |
// | updated_datetime       | the last timeline event                                            |
// | expected_datetime      | the last second of dueLastDay, so it names the same day            |
// | address, address_id   | the building's address, subject.buildingId                         |
// | lat, long, media_url   | as known, else null (attachments are uploaded separately)          |
// | POST description       | text (required, ≤ 4000 characters, as the spec)                    |
// | POST attribute[kind]   | kind: application (default), complaint or proposal                 |
// | POST attribute[apartment_id] | subject.apartmentId                                          |
// | POST lat/long, media_url, contact fields | ignored: the applicant is the signed-in resident |
import { TASHKENT_OFFSET_MS } from '../calendar/working-days.ts';
import { appealDates, lastMomentInTime } from './dates.ts';
import { CATEGORY_INFO } from './routing.ts';
import {
  APPEAL_CATEGORIES,
  APPEAL_KINDS,
  type AppealCategory,
  type AppealKind,
  type AppealSubject,
  type AppealView,
} from './types.ts';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: string;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Error {
  code: number;
  description: string;
}

/** The spec's limit on a request's description. */
export const MAX_DESCRIPTION = 4000;

/** W3C datetime in Tashkent, as the spec's examples carry the local offset. */
export function w3cDatetime(at: number): string {
  return `${new Date(at + TASHKENT_OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

export const serviceList = (names: Partial<Record<AppealCategory, string>> = {}): Open311Service[] =>
  APPEAL_CATEGORIES.map((code) => {
    const info = CATEGORY_INFO[code];
    return {
      service_code: code,
      service_name: names[code] ?? info.name,
      description: info.description,
      metadata: false,
      type: 'realtime',
      keywords: info.keywords.join(','),
      group: info.group,
    };
  });

function statusNotes(view: AppealView): string | null {
  if (view.answer) return view.answer.text;
  if (view.status === 'transferred') return `Forwarded to ${view.responsible.name}`;
  if (view.status === 'escalated') return 'Overdue; escalated to the territorial inspection';
  return null;
}

function serviceNotice(view: AppealView): string {
  const d = appealDates({ ...view, answeredAt: view.answer?.answeredAt ?? null });
  const registered = d.registeredLater
    ? `Received on ${d.receivedOn}, outside office hours; registered on the next working day, ${d.registeredOn}`
    : `Received and registered on ${d.registeredOn}`;
  return `${registered}. The answer is due by ${d.dueLastDay}.`;
}

export interface Location {
  address: string | null;
  lat?: number | null;
  long?: number | null;
  mediaUrl?: string | null;
}

export function toServiceRequest(view: AppealView, where: Location): Open311Request {
  const updated = view.timeline.reduce((max, e) => Math.max(max, e.at), view.receivedAt);
  return {
    service_request_id: view.registrationNumber,
    status: view.status === 'closed' || view.status === 'transferred' ? 'closed' : 'open',
    status_notes: statusNotes(view),
    service_name: CATEGORY_INFO[view.category].name,
    service_code: view.category,
    description: view.text,
    agency_responsible: view.responsible.name,
    service_notice: serviceNotice(view),
    requested_datetime: w3cDatetime(view.receivedAt),
    updated_datetime: w3cDatetime(updated),
    expected_datetime: w3cDatetime(lastMomentInTime(view.dueAt)),
    address: where.address,
    address_id: view.subject.buildingId,
    zipcode: null,
    lat: where.lat ?? null,
    long: where.long ?? null,
    media_url: where.mediaUrl ?? null,
  };
}

export interface CreateInput {
  category: AppealCategory;
  kind: AppealKind;
  subject: AppealSubject;
  text: string;
}

/** Reads a field from a form-encoded body ('attribute[kind]') or a JSON one ({ attribute: { kind } }). */
function field(body: Record<string, unknown>, name: string): unknown {
  const m = /^attribute\[(.+)\]$/.exec(name);
  if (m && body[name] === undefined) {
    const attrs = body.attribute;
    return attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>)[m[1] ?? ''] : undefined;
  }
  return body[name];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function fromCreateRequest(
  body: unknown,
): { ok: true; input: CreateInput } | { ok: false; errors: Open311Error[] } {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const errors: Open311Error[] = [];
  const bad = (description: string) => errors.push({ code: 400, description });

  const code = text(field(b, 'service_code'));
  if (code === null) bad('service_code: required');
  else if (!(APPEAL_CATEGORIES as readonly string[]).includes(code))
    bad(`service_code: unknown service ${code}`);
  const buildingId = text(field(b, 'address_id'));
  if (buildingId === null) bad('address_id: required, the building id; coordinates alone are not accepted');
  const description = text(field(b, 'description'));
  if (description === null) bad('description: required');
  else if (description.length > MAX_DESCRIPTION) bad(`description: at most ${MAX_DESCRIPTION} characters`);
  const kind = text(field(b, 'attribute[kind]')) ?? 'application';
  if (!(APPEAL_KINDS as readonly string[]).includes(kind))
    bad(`attribute[kind]: one of ${APPEAL_KINDS.join(', ')}`);
  const apartmentId = text(field(b, 'attribute[apartment_id]'));

  if (errors.length > 0 || code === null || buildingId === null || description === null)
    return { ok: false, errors };
  return {
    ok: true,
    input: {
      category: code as AppealCategory,
      kind: kind as AppealKind,
      subject: apartmentId === null ? { buildingId } : { buildingId, apartmentId },
      text: description,
    },
  };
}

/** The POST response: the id at once, since registration is never deferred [law, art. 23]. */
export const toCreateResponse = (view: AppealView) => [
  { service_request_id: view.registrationNumber, service_notice: null, account_id: null },
];
