// The meetings endpoints (CONTRACT C) as typed calls, so components name what they need instead of
// building paths. Every call takes the element's resolved settings plus an optional abort signal.
import type { Choice, Decision } from '../../domain/meetings/decide.ts';
import type { PublishedBallot } from '../../domain/meetings/tracker.ts';
import type {
  BallotReceipt,
  CommentView,
  MeetingPhase,
  MeetingView,
  MyBallotView,
  ParticipationView,
  VotingRight,
} from '../../domain/meetings/types.ts';
import type { Page } from '../../domain/registry/types.ts';
import { getBytes, getJson, type RequestOptions, sendJson } from '../core/api.ts';
import { readEventStream, type ServerEvent } from '../core/sse.ts';

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

const base = (id: string) => `/api/v1/meetings/${encodeURIComponent(id)}`;

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

/** Resolves when the server ends the stream, which it does once voting is over. */
export const streamParticipation = (id: string, o: RequestOptions, onEvent: (e: ServerEvent) => void) =>
  readEventStream(`${base(id)}/participation/stream`, o, onEvent);

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
