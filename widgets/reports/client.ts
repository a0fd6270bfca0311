// The quarterly reports API as the widgets call it.
import type { ReportContent, ReportStatus, WorkLine } from '../../domain/reports/types.ts';
import { getJson, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';

export interface ReportVersionView {
  version: number;
  submittedAt: string;
  reason: string | null;
  late: boolean;
  note: string;
  totalCostTiyin: number;
  works: WorkLine[];
}

export interface ReportView {
  id: string;
  buildingId: string;
  quarter: string;
  status: ReportStatus;
  deadlineAt: string;
  enteredAt: string | null;
  late: boolean | null;
  draft: ReportContent | null;
  versions: ReportVersionView[];
  suspension: { months: string[]; kept: string[]; liftedFrom: string | null };
}

export interface ReportSummaryView {
  quarter: string;
  status: string;
  late: boolean | null;
  enteredAt: string | null;
  versions: number;
  keptMonths: string[];
}

export interface BoardRowView {
  buildingId: string;
  address: string;
  organizationId: string | null;
  status: ReportStatus;
  late: boolean | null;
  enteredAt: string | null;
  suspendedMonths: string[];
  keptMonths: string[];
  liftedFrom: string | null;
}

const building = (id: string) => `/api/v1/reports/buildings/${encodeURIComponent(id)}`;
const quarterPath = (id: string, quarter: string) =>
  `${building(id)}/quarters/${encodeURIComponent(quarter)}`;

export const buildingReports = (buildingId: string, o: RequestOptions) =>
  getJson<{ items: ReportSummaryView[] }>(building(buildingId), o);

export const report = (buildingId: string, quarter: string, o: RequestOptions) =>
  getJson<ReportView>(quarterPath(buildingId, quarter), o);

export const reportsBoard = (districtId: string, quarter: string, o: RequestOptions) =>
  getJson<{ districtId: string; quarter: string; items: BoardRowView[] }>(
    `/api/v1/reports/districts/${encodeURIComponent(districtId)}/board?quarter=${encodeURIComponent(quarter)}`,
    o,
  );

type Write = SendOptions & { idempotencyKey: string };

export const saveDraft = (buildingId: string, quarter: string, body: ReportContent, o: Write) =>
  sendJson<ReportView>('POST', `${quarterPath(buildingId, quarter)}/draft`, body, o);

export const submitReport = (buildingId: string, quarter: string, o: Write) =>
  sendJson<ReportView>('POST', `${quarterPath(buildingId, quarter)}/submission`, {}, o);

export const correctReport = (
  buildingId: string,
  quarter: string,
  body: ReportContent & { reason: string },
  o: Write,
) => sendJson<ReportView>('POST', `${quarterPath(buildingId, quarter)}/corrections`, body, o);
