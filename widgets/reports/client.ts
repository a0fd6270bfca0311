// The quarterly reports API as the widgets call it.

import type { RevenueKind } from '../../domain/billing/public.ts';
import type { Language } from '../../domain/common/language.ts';
import type { WorksActParty } from '../../domain/reports/act.ts';
import type { ReportContent, ReportStatus, WorkLine } from '../../domain/reports/types.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { getBytes, getJson, type RequestOptions, type SendOptions, sendFile, sendJson } from '../core/api.ts';

export interface ActView {
  id: string;
  version: number;
  sha256: string;
  signatures: { party: WorksActParty; signerName: string; capacity: string; signedAt: string }[];
  complete: boolean;
  /** The side the caller signs for, while it has not signed yet; null for everyone else. */
  mySide: WorksActParty | null;
}

export interface SummaryView {
  income: Record<RevenueKind, number>;
  incomeTotal: number;
  expenses: number;
  openingBalance: number;
  closingBalance: number;
  spending: { transferId: string; period: string; amountTiyin: number; reason: string; postedAt: string }[];
  appeals: { received: number; answered: number; answeredInTime: number };
}

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
  acts: ActView[];
  summary: SummaryView;
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

/** The board as the API writes it for download (its CSV, with the losses), in `lang`. */
export const reportsBoardCsv = (districtId: string, quarter: string, lang: Language, o: RequestOptions) =>
  getBytes(
    `/api/v1/reports/districts/${encodeURIComponent(districtId)}/board.csv?quarter=${encodeURIComponent(quarter)}&lang=${lang}`,
    o,
    'text/csv',
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

const actPath = (buildingId: string, quarter: string, version: number) =>
  `${quarterPath(buildingId, quarter)}/acts/${version}`;

/** The act's exact bytes, the ones signed. */
export async function getActBytes(buildingId: string, quarter: string, version: number, o: RequestOptions) {
  const { bytes } = await getBytes(`${actPath(buildingId, quarter, version)}/document`, o, 'text/html');
  return bytes;
}

export const signWorksAct = (
  buildingId: string,
  quarter: string,
  version: number,
  body: { documentSha256: string; signature: SignatureEnvelope },
  o: Write,
) => sendJson<ActView>('POST', `${actPath(buildingId, quarter, version)}/signatures`, body, o);

/** A work line's photo as bytes (the bearer token cannot ride on an <img src>). */
export async function getPhoto(id: string, o: RequestOptions): Promise<Blob> {
  const { bytes, headers } = await getBytes(`/api/v1/reports/photos/${encodeURIComponent(id)}`, o, 'image/*');
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: headers.get('content-type') ?? 'image/jpeg' });
}

export const uploadPhoto = (buildingId: string, file: File, o: Write) =>
  sendFile<{ id: string; filename: string; mediaType: string; size: number }>(
    `${building(buildingId)}/photos`,
    file,
    file.name,
    o,
  );
