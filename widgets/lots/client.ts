// The lots API as the widgets call it; signing its acts is sign.ts, which only <mu-lot> needs.
// The programme's shapes have their one home in domain/lots/programme.ts.
import type { ProgrammeLine, ProgrammeView } from '../../domain/lots/programme.ts';
import type { ApprovalStatus, SelectionStatus } from '../../domain/lots/status.ts';
import type { ClassMix, Lot, MixClass } from '../../domain/lots/types.ts';
import { getJson, getJsonOrNone, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';

export interface LotView {
  id: string;
  districtId: string;
  number: number;
  buildingIds: string[];
  apartments: number;
  mix: ClassMix;
  /** The current version's five-year programme cost, tiyin. */
  programmeCost: number;
  state: { version: number; approval: ApprovalStatus; selection: SelectionStatus; remarks: string | null };
}
export interface DistrictBuilding {
  id: string;
  address: string;
  apartments: number;
  conditionClass: MixClass;
  lon: number | null;
  lat: number | null;
  /** The land plot's outer rings, [lon, lat] each. */
  outline: [number, number][][] | null;
  lotId: string | null;
}
export interface VersionView {
  version: number;
  approvedAt: string | null;
  decisionDocument: string | null;
  remarks: string | null;
  signature: { signerName: string; signedAt: string } | null;
}
export interface OwnerLotView {
  id: string;
  number: number;
  version: number;
  approval: ApprovalStatus;
  selection: SelectionStatus;
  apartments: number;
  buildingIds: string[];
}

export type Write = SendOptions & { idempotencyKey: string };
export const lot = (id: string) => `/api/v1/lots/${encodeURIComponent(id)}`;

export const listLots = (districtId: string, o: RequestOptions) =>
  getJson<LotView[]>(`/api/v1/lots?districtId=${encodeURIComponent(districtId)}`, o);
export const districtBuildings = (districtId: string, o: RequestOptions) =>
  getJson<{ minApartments: number; buildings: DistrictBuilding[] }>(
    `/api/v1/districts/${encodeURIComponent(districtId)}/lot-buildings`,
    o,
  );
export const proposeLots = (districtId: string, o: RequestOptions) =>
  getJson<{ feasible: boolean; lots: Lot[] }>(
    `/api/v1/lots/proposal?districtId=${encodeURIComponent(districtId)}`,
    o,
  );
export const saveDrafts = (districtId: string, lots: Lot[], o: Write) =>
  sendJson<LotView[]>('POST', '/api/v1/lots/drafts', { districtId, lots }, o);

export const getLot = (id: string, o: RequestOptions) => getJson<LotView>(lot(id), o);
export const buildingLot = (buildingId: string, o: RequestOptions) =>
  getJsonOrNone<OwnerLotView>(`/api/v1/buildings/${encodeURIComponent(buildingId)}/lot`, o);
export const versions = (id: string, o: RequestOptions) => getJson<VersionView[]>(`${lot(id)}/versions`, o);
export const programme = (id: string, o: RequestOptions) => getJson<ProgrammeView>(`${lot(id)}/programme`, o);
export const draftProgramme = (id: string, o: Write) =>
  sendJson<ProgrammeView>('POST', `${lot(id)}/programme`, {}, o);
export const editLine = (id: string, lineId: string, edit: Partial<ProgrammeLine>, o: Write) =>
  sendJson<ProgrammeView>('PATCH', `${lot(id)}/programme/lines/${encodeURIComponent(lineId)}`, edit, o);
export const submitLot = (id: string, o: Write) => sendJson<unknown>('POST', `${lot(id)}/submission`, {}, o);
export const returnLot = (id: string, remarks: string, o: Write) =>
  sendJson<unknown>('POST', `${lot(id)}/decision`, { decision: 'return', remarks }, o);
export const reviseLot = (id: string, o: Write) => sendJson<LotView>('POST', `${lot(id)}/versions`, {}, o);

/** The lot's choice as GET /lots/{id}/choice answers the caller (api/lots/choice-view.ts). */
export interface ChoiceView {
  lotId: string;
  version: number;
  approval: ApprovalStatus;
  selection: SelectionStatus;
  applicationsCloseAt: string | null;
  candidateCount: number;
  candidates: { organizationId: string; organizationName: string; tariff: number; appliedAt: string }[];
  meetingId: string | null;
  competitionReason: string | null;
  competition: { version: number; closesAt: string } | null;
  bidCount: number;
  bids: { organizationId: string; tariff: number; programmeCommitment: number; experienceYears: number }[];
  protocol: { organizationId: string; tariff: number; rank: number; points: { total: number } }[] | null;
  organizationId: string | null;
  contractIds: string[];
}
export interface BidInput {
  tariff: number;
  programmeCommitment: number;
  experienceYears: number;
}

export const getChoice = (id: string, o: RequestOptions) => getJson<ChoiceView>(`${lot(id)}/choice`, o);
export const startChoice = (id: string, o: Write) => sendJson<ChoiceView>('POST', `${lot(id)}/choice`, {}, o);
export const applyForLot = (id: string, tariff: number, o: Write) =>
  sendJson<unknown>('POST', `${lot(id)}/application`, { tariff }, o);
export const withdrawFromLot = (id: string, o: Write) =>
  sendJson<unknown>('POST', `${lot(id)}/application/withdrawal`, {}, o);
export const bidForLot = (id: string, bid: BidInput, o: Write) =>
  sendJson<unknown>('POST', `${lot(id)}/bid`, bid, o);
export const appointForLot = (id: string, organizationId: string, o: Write) =>
  sendJson<ChoiceView>('POST', `${lot(id)}/appointment`, { organizationId }, o);
