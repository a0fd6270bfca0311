// Discussion: questions and comments per agenda item while the meeting is in discussion or voting,
// answers by the initiator, and moderation that hides (never deletes) a comment with an audited
// reason. A hidden comment keeps its place in the thread so answers to it still make sense.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import { COMMENT_PHASES, type CommentView, type MeetingPhase } from '../../domain/meetings/types.ts';
import { iso, isUuid } from '../sql.ts';
import { appendAudit } from './audit.ts';

export const MAX_COMMENT_LENGTH = 4000;

/** As selected by COMMENT_COLUMNS: the view's stored fields, with the hiding time instead of flags. */
type CommentRow = Omit<CommentView, 'isAnswer' | 'hidden'> & { hiddenAt: string | null };

const COMMENT_COLUMNS = `c.id, c.meeting_id as "meetingId", c.agenda_item_id as "agendaItemId",
  c.author_name as "authorName", c.author_user_id as "authorUserId", c.body,
  c.answers_comment_id as "answersCommentId", c.hidden_at as "hiddenAt", c.hidden_reason as "hiddenReason",
  c.created_at as "createdAt"`;

function viewOf(r: CommentRow, includeHidden: boolean): CommentView {
  const hidden = r.hiddenAt !== null;
  return {
    id: r.id,
    meetingId: r.meetingId,
    agendaItemId: r.agendaItemId,
    authorName: r.authorName,
    authorUserId: r.authorUserId,
    body: hidden && !includeHidden ? '' : r.body,
    answersCommentId: r.answersCommentId,
    isAnswer: r.answersCommentId !== null,
    hidden,
    hiddenReason: r.hiddenReason,
    createdAt: iso(r.createdAt),
  };
}

const invalid = (field: string, message: string) =>
  new RuleError<MeetingRuleCode>('invalid', message, [field]);

export interface AddCommentInput {
  meetingId: string;
  agendaItemId?: string | null;
  authorUserId: string;
  authorName: string;
  body: string;
  answersCommentId?: string | null;
  /**
   * Derived by the caller from the client's Idempotency-Key: a retried post finds its comment
   * instead of adding a second one; the same id with other content is a conflict.
   */
  id?: string;
}

export async function addComment(em: EntityManager, input: AddCommentInput): Promise<CommentView> {
  if (!isUuid(input.meetingId)) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
  const body = typeof input.body === 'string' ? input.body.trim() : '';
  if (body.length < 1 || body.length > MAX_COMMENT_LENGTH)
    throw invalid('body', `a comment has 1 to ${MAX_COMMENT_LENGTH} characters`);
  if (!isUuid(input.authorUserId)) throw invalid('authorUserId', 'the author must be a user account');
  if (typeof input.authorName !== 'string' || input.authorName.trim() === '')
    throw invalid('authorName', "the author's name is required");
  const agendaItemId = input.agendaItemId ?? null;
  const answersCommentId = input.answersCommentId ?? null;
  if (agendaItemId !== null && !isUuid(agendaItemId))
    throw invalid('agendaItemId', 'not an item of this meeting');
  if (answersCommentId !== null && !isUuid(answersCommentId))
    throw invalid('answersCommentId', 'not a comment of this meeting');
  if (input.id !== undefined && !isUuid(input.id)) throw invalid('id', 'id must be a UUID');
  const commentId = input.id ?? randomUUID();
  return em.transactional(async (tx) => {
    // FOR SHARE: a comment cannot slip in while the phase moves on.
    const [meeting] = await tx.execute<{ phase: MeetingPhase; itemOk: boolean; answerOk: boolean }[]>(
      `select m.phase,
              exists (select 1 from agenda_item ai where ai.meeting_id = m.id and ai.id = ?) as "itemOk",
              exists (select 1 from meeting_comment c where c.meeting_id = m.id and c.id = ?) as "answerOk"
       from meeting m where m.id = ? for share of m`,
      [agendaItemId, answersCommentId, input.meetingId],
    );
    if (!meeting) throw new RuleError<MeetingRuleCode>('not_found', 'no such meeting');
    if (!COMMENT_PHASES.includes(meeting.phase))
      throw new RuleError<MeetingRuleCode>(
        'wrong_phase',
        `comments are open during discussion and voting (${meeting.phase})`,
      );
    if (agendaItemId !== null && !meeting.itemOk)
      throw invalid('agendaItemId', 'not an item of this meeting');
    if (answersCommentId !== null && !meeting.answerOk)
      throw invalid('answersCommentId', 'not a comment of this meeting');
    const [row] = await tx.execute<CommentRow[]>(
      `insert into meeting_comment as c (id, meeting_id, agenda_item_id, author_user_id, author_name, body,
                                         answers_comment_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?, clock_timestamp())
       on conflict (id) do nothing
       returning ${COMMENT_COLUMNS}`,
      [
        commentId,
        input.meetingId,
        agendaItemId,
        input.authorUserId,
        input.authorName.trim(),
        body,
        answersCommentId,
      ],
    );
    if (row) return viewOf(row, true);
    const [earlier] = await tx.execute<CommentRow[]>(
      `select ${COMMENT_COLUMNS} from meeting_comment c where c.id = ?`,
      [commentId],
    );
    const same =
      earlier &&
      earlier.meetingId === input.meetingId &&
      earlier.authorUserId === input.authorUserId &&
      earlier.body === body &&
      (earlier.answersCommentId ?? null) === answersCommentId;
    if (!same)
      throw new RuleError<MeetingRuleCode>(
        'idempotency_conflict',
        'this Idempotency-Key was used for another comment',
      );
    return viewOf(earlier, true);
  });
}

export async function getComment(
  em: EntityManager,
  commentId: string,
  opts: { includeHidden: boolean } = { includeHidden: false },
): Promise<CommentView | null> {
  if (!isUuid(commentId)) return null;
  const [row] = await em.execute<CommentRow[]>(
    `select ${COMMENT_COLUMNS} from meeting_comment c where c.id = ?`,
    [commentId],
  );
  return row ? viewOf(row, opts.includeHidden) : null;
}

export interface HideCommentInput {
  commentId: string;
  byUserId: string;
  reason: string;
  /** When given, a comment of another meeting is 'not_found'. */
  meetingId?: string;
}

/** Hides once, with an audit entry in the same transaction; hiding again changes nothing. */
export async function hideComment(em: EntityManager, input: HideCommentInput): Promise<CommentView> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason === '' || reason.length > 1000)
    throw invalid('reason', 'a reason of 1 to 1000 characters is required');
  if (!isUuid(input.byUserId)) throw invalid('byUserId', 'the moderator must be a user account');
  if (!isUuid(input.commentId) || (input.meetingId !== undefined && !isUuid(input.meetingId)))
    throw new RuleError<MeetingRuleCode>('not_found', 'no such comment');
  return em.transactional(async (tx) => {
    const [hidden] = await tx.execute<CommentRow[]>(
      `update meeting_comment c set hidden_at = now(), hidden_reason = ?, hidden_by_user_id = ?
       where c.id = ? and c.hidden_at is null ${input.meetingId ? 'and c.meeting_id = ?' : ''}
       returning ${COMMENT_COLUMNS}`,
      [reason, input.byUserId, input.commentId, ...(input.meetingId ? [input.meetingId] : [])],
    );
    if (hidden) {
      await appendAudit(tx, {
        actorUserId: input.byUserId,
        entity: 'meeting_comment',
        entityId: hidden.id,
        action: 'hide',
        data: { meetingId: hidden.meetingId, reason },
      });
      return viewOf(hidden, true);
    }
    const current = await getComment(tx, input.commentId, { includeHidden: true });
    if (!current || (input.meetingId !== undefined && current.meetingId !== input.meetingId))
      throw new RuleError<MeetingRuleCode>('not_found', 'no such comment');
    return current;
  });
}

/** In posting order; hidden comments keep their place, their text only for moderators. */
export async function listComments(
  em: EntityManager,
  meetingId: string,
  opts: { includeHidden: boolean },
): Promise<CommentView[]> {
  if (!isUuid(meetingId)) return [];
  const rows = await em.execute<CommentRow[]>(
    `select ${COMMENT_COLUMNS} from meeting_comment c where c.meeting_id = ? order by c.created_at, c.id`,
    [meetingId],
  );
  return rows.map((r) => viewOf(r, opts.includeHidden));
}
