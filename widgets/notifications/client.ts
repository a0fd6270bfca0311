// The notifications endpoints as typed calls with an element's resolved settings.
import type { Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import type { InboxItem } from '../../domain/notifications/inbox.ts';
import type { Channel, DeliveryState } from '../../domain/notifications/types.ts';
import { getBytes, getJson, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';

export type { InboxItem };

export interface Preferences {
  order: Channel[];
  language: Language;
  optOut: boolean;
  phone: string | null;
  /** The code sent to `phone` was typed: only then do SMS notices go to it. */
  phoneVerified: boolean;
  email: string | null;
  telegramLinked: boolean;
  unreachable: Channel[];
}

export interface PreferencesInput {
  order: Channel[];
  language: Language;
  optOut: boolean;
  phone: string | null;
}

export interface TelegramLink {
  url: string;
  code: string;
  expiresAt: string;
}

export interface MailingReport {
  mailingId: string;
  kind: string;
  organizationId: string | null;
  buildingId: string | null;
  messages: number;
  byStatus: Record<string, number>;
  byChannel: Record<Channel, Partial<Record<DeliveryState, number>>>;
}

export interface UnreachableList {
  buildingId: string;
  address: string;
  language: Language;
  sections: { mailingId: string; title: string; day: string; lines: { place: string; initials: string }[] }[];
}

const BASE = '/api/v1/notifications';
type Keyed = SendOptions & { idempotencyKey: string };

export const getPreferences = (o: RequestOptions) => getJson<Preferences>(`${BASE}/preferences`, o);

export const setPreferences = (body: PreferencesInput, o: Keyed) =>
  sendJson<Preferences>('PUT', `${BASE}/preferences`, body, o);

export const requestPhoneCode = (phone: string, o: Keyed) =>
  sendJson<{ phone: string; expiresAt: string }>('POST', `${BASE}/phone/verification`, { phone }, o);

export const verifyPhone = (code: string, o: SendOptions) =>
  sendJson<Preferences>('POST', `${BASE}/phone/verification/code`, { code }, o);

export const createTelegramLink = (o: Keyed) =>
  sendJson<TelegramLink>('POST', `${BASE}/telegram/link`, undefined, o);

export const sendTestMessage = (o: Keyed) =>
  sendJson<{ mailingId: string; channel: Channel }>('POST', `${BASE}/test-message`, undefined, o);

export const listInbox = (page: { page: number; pageSize: number }, o: RequestOptions) =>
  getJson<Page<InboxItem> & { unread: number }>(
    `${BASE}/me/inbox?${new URLSearchParams({ page: String(page.page), pageSize: String(page.pageSize) })}`,
    o,
  );

export const markNoticeRead = (id: string, o: SendOptions) =>
  sendJson<InboxItem>('POST', `${BASE}/me/inbox/${encodeURIComponent(id)}/read`, undefined, o);

export const getMailingReport = (id: string, o: RequestOptions) =>
  getJson<MailingReport>(`${BASE}/mailings/${encodeURIComponent(id)}/report`, o);

const building = (id: string) => `${BASE}/buildings/${encodeURIComponent(id)}`;

export const getUnreachable = (buildingId: string, o: RequestOptions & { lang: Language }) =>
  getJson<UnreachableList>(`${building(buildingId)}/unreachable?lang=${o.lang}`, o);

export const getUnreachablePdf = (buildingId: string, o: RequestOptions & { lang: Language }) =>
  getBytes(`${building(buildingId)}/unreachable.pdf?lang=${o.lang}`, o, 'application/pdf');

export interface MailingSummary {
  id: string;
  kind: string;
  subject: string;
  createdAt: string;
  messages: number;
}

export const listMailings = (organizationId: string, o: RequestOptions) =>
  getJson<Page<MailingSummary>>(
    `${BASE}/organizations/${encodeURIComponent(organizationId)}/mailings?page=1&pageSize=100`,
    o,
  );
