// The appeal as the API sends it: the domain view with instants as ISO-8601 strings, what the
// caller may do now, and the attachments. Pure, so the widgets share the type.
import { type AppealDates, appealDates } from './dates.ts';
import type { AppealAction } from './status.ts';
import type { AppealView, BodyRef } from './types.ts';

export interface AttachmentJson {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  part: 'appeal' | 'answer';
}

export type AppealJson = Omit<AppealView, 'receivedAt' | 'dueAt' | 'answer' | 'timeline'> & {
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  /** Received, registered, due and answered as Tashkent days: what every surface shows. */
  dates: AppealDates;
  answer?: { text: string; answeredAt: string; by: { userId: string; name: string }; disputeEndsAt: string };
  timeline: {
    at: string;
    action: string;
    actor: AppealView['timeline'][number]['actor'];
    responsible: BodyRef;
    note?: string;
  }[];
  attachments: AttachmentJson[];
  availableActions: AppealAction[];
};

export interface AppealSummary {
  id: string;
  registrationNumber: string;
  category: AppealView['category'];
  kind: AppealView['kind'];
  status: AppealView['status'];
  level: AppealView['level'];
  responsible: BodyRef;
  buildingId: string;
  receivedAt: string;
  dueLastDay: string;
  dueAt: string;
  overdue: boolean;
  answeredAt: string | null;
  dates: AppealDates;
}

/** The council board's figures, one district. */
export interface OrganizationFigures {
  organizationId: string;
  name: string;
  total: number;
  answered: number;
  answeredInTime: number;
  /** Of the appeals whose timeliness is known (answered, escalated, or overdue unanswered); null when none is. */
  shareAnsweredInTime: number | null;
  medianHoursToAnswer: number | null;
}

export interface Board {
  districtId: string;
  counts: Record<AppealView['status'], number>;
  overdue: number;
  organizations: OrganizationFigures[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const OPEN: readonly AppealView['status'][] = ['registered', 'in_progress', 'reopened', 'escalated'];
export const isOverdueNow = (status: AppealView['status'], dueAt: number, now: number) =>
  OPEN.includes(status) && now >= dueAt;

/** Only the view's own fields leave the server: the rules' working fields stay inside. */
export function appealJson(
  v: AppealView,
  extra: { attachments: AttachmentJson[]; availableActions: AppealAction[]; now: number },
): AppealJson {
  return {
    id: v.id,
    registrationNumber: v.registrationNumber,
    category: v.category,
    kind: v.kind,
    subject: v.subject,
    text: v.text,
    status: v.status,
    level: v.level,
    responsible: v.responsible,
    receivedAt: iso(v.receivedAt),
    registeredOn: v.registeredOn,
    dueLastDay: v.dueLastDay,
    dueAt: iso(v.dueAt),
    overdue: isOverdueNow(v.status, v.dueAt, extra.now),
    dates: appealDates({ ...v, answeredAt: v.answer?.answeredAt ?? null }),
    extended: v.extended,
    ...(v.transferredFrom ? { transferredFrom: v.transferredFrom } : {}),
    ...(v.answer
      ? {
          answer: {
            text: v.answer.text,
            answeredAt: iso(v.answer.answeredAt),
            by: v.answer.by,
            disputeEndsAt: iso(v.answer.disputeEndsAt),
          },
        }
      : {}),
    ...(v.rating !== undefined ? { rating: v.rating } : {}),
    timeline: v.timeline.map((e) => ({ ...e, at: iso(e.at) })),
    attachments: extra.attachments,
    availableActions: extra.availableActions,
  };
}
