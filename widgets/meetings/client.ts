// The meetings endpoints as typed calls, so components name what they need instead of
// building paths. Every call takes the element's resolved settings plus an optional abort signal.
import type { Page } from '../../domain/common/page.ts';
import type { Choice, Decision } from '../../domain/meetings/decide.ts';
import type { InitiatorKind } from '../../domain/meetings/initiation.ts';
import type { MeetingNoticeProof, OwnerNoticeDelivery } from '../../domain/meetings/notice-proof.ts';
import type { AgendaItemKind, MeetingForm, MeetingKind } from '../../domain/meetings/policy.ts';
import type { PublishedBallot } from '../../domain/meetings/tracker.ts';
import type {
  BallotReceipt,
  CommentView,
  MeetingPhase,
  MeetingView,
  MyBallotView,
  ParticipationView,
  ProtocolSigner,
  ProtocolTextView,
  VotingRight,
} from '../../domain/meetings/types.ts';
import type { BuildingView } from '../../domain/registry/types.ts';
import { getBytes, getJson, type RequestOptions, sendJson } from '../core/api.ts';

export type { CommentView, VotingRight } from '../../domain/meetings/types.ts';

export interface ResultsView {
  decision: Decision;
  ballots: PublishedBallot[];
  ballotSetSha256: string;
  protocolSha256: string | null;
}

export interface BallotBody {
  apartmentId: string;
  ownerId?: string;
  choices: Record<string, Choice>;
  receiptSecret: string;
}

export const base = (id: string) => `/api/v1/meetings/${encodeURIComponent(id)}`;

export const getMeeting = (id: string, o: RequestOptions) => getJson<MeetingView>(base(id), o);

export function listMeetings(
  q: { buildingId?: string; phase?: MeetingPhase; page: number; pageSize: number },
  o: RequestOptions,
): Promise<Page<MeetingView>> {
  const params = new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize) });
  if (q.buildingId) params.set('buildingId', q.buildingId);
  if (q.phase) params.set('phase', q.phase);
  return getJson<Page<MeetingView>>(`/api/v1/meetings?${params}`, o);
}

export const getMyRights = (id: string, o: RequestOptions) =>
  getJson<VotingRight[]>(`${base(id)}/my-rights`, o);

export const getMyBallots = (id: string, o: RequestOptions) =>
  getJson<MyBallotView[]>(`${base(id)}/my-ballots`, o);

export const castBallot = (id: string, body: BallotBody, idempotencyKey: string, o: RequestOptions) =>
  sendJson<BallotReceipt>('POST', `${base(id)}/ballots`, body, { ...o, idempotencyKey });

export const getParticipation = (id: string, o: RequestOptions) =>
  getJson<ParticipationView>(`${base(id)}/participation`, o);

export const getResults = (id: string, o: RequestOptions) => getJson<ResultsView>(`${base(id)}/results`, o);

export async function getComments(id: string, o: RequestOptions): Promise<CommentView[]> {
  // Tolerates a paged answer too: the list is small and shown whole.
  const body = await getJson<CommentView[] | { items: CommentView[] }>(`${base(id)}/comments`, o);
  return Array.isArray(body) ? body : body.items;
}

export const postComment = (
  id: string,
  body: { agendaItemId?: string; body: string },
  idempotencyKey: string,
  o: RequestOptions,
) => sendJson<CommentView>('POST', `${base(id)}/comments`, body, { ...o, idempotencyKey });

export const answerComment = (id: string, commentId: string, body: string, o: RequestOptions) =>
  sendJson<CommentView>('POST', `${base(id)}/comments/${encodeURIComponent(commentId)}/answer`, { body }, o);

export const hideComment = (id: string, commentId: string, reason: string, o: RequestOptions) =>
  sendJson<unknown>('POST', `${base(id)}/comments/${encodeURIComponent(commentId)}/hide`, { reason }, o);

export const getProtocolPdf = (id: string, o: RequestOptions) =>
  getBytes(`${base(id)}/protocol.pdf`, o, 'application/pdf');

/** POST /meetings: what the initiator fills in; the API adds who they are and when. */
export interface NewMeeting {
  title: string;
  kind: MeetingKind;
  form: MeetingForm;
  buildingIds: string[];
  initiator: InitiatorKind;
  votingOpensAt: string;
  votingClosesAt: string;
  agenda: { title: string; description: string; kind: AgendaItemKind; organizationId?: string }[];
}

export const callMeeting = (body: NewMeeting, idempotencyKey: string, o: RequestOptions) =>
  sendJson<MeetingView>('POST', '/api/v1/meetings', body, { ...o, idempotencyKey });

export interface Postponement {
  votingOpensAt: string;
  votingClosesAt: string;
  reason: string;
}

export const postponeMeeting = (id: string, body: Postponement, o: RequestOptions) =>
  sendJson<MeetingView>('POST', `${base(id)}/postpone`, body, o);

export const cancelMeeting = (id: string, reason: string, o: RequestOptions) =>
  sendJson<MeetingView>('POST', `${base(id)}/cancel`, { reason }, o);

/** `ProtocolSignatures` of the OpenAPI document. */
export interface ProtocolSignatures {
  chairSignedAt: string | null;
  secretarySignedAt: string | null;
}

export const signProtocol = (id: string, role: ProtocolSigner, o: RequestOptions) =>
  sendJson<ProtocolSignatures>('POST', `${base(id)}/protocol/sign`, { role }, o);

/** The buildings a meeting may be called for: the API lists those in the caller's scope. */
export const listBuildings = (o: RequestOptions) =>
  getJson<Page<BuildingView>>('/api/v1/buildings?page=1&pageSize=200', o);

export const getBuilding = (id: string, o: RequestOptions) =>
  getJson<BuildingView>(`/api/v1/buildings/${encodeURIComponent(id)}`, o);

/** GET /meetings/{id}/protocol: the protocol's content to read on screen, with the PDF's SHA-256. */
export const getProtocolText = (id: string, o: RequestOptions) =>
  getJson<ProtocolTextView>(`${base(id)}/protocol`, o);

/** GET /meetings/{id}/notice-proof. */
export type NoticeProofView = MeetingNoticeProof;
export type { OwnerNoticeDelivery };

export function getNoticeProof(
  id: string,
  page: { after?: string | null; limit: number },
  o: RequestOptions,
): Promise<NoticeProofView> {
  const q = new URLSearchParams({ limit: String(page.limit), ...(page.after ? { after: page.after } : {}) });
  return getJson<NoticeProofView>(`${base(id)}/notice-proof?${q}`, o);
}
